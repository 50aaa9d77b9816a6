// Measures, over args[0] seconds, how fast this collator's best and
// finalized heights grow, and fails unless the relay chain finalized new
// parachain blocks in that time. Prints blocks per minute for both.
const assert = require('node:assert/strict');
const { connectTo, height, sleep, log } = require('./common.cjs');

async function run(nodeName, networkInfo, args) {
  const seconds = Number(args[0]);
  assert.ok(seconds > 0, 'pass the measuring time in seconds');
  const api = await connectTo(networkInfo, nodeName);
  try {
    const heights = async () => {
      const [best, finalized] = [await height(api), await height(api, true)];
      return { best, finalized, at: Date.now() };
    };
    const start = await heights();
    await sleep(seconds * 1000);
    const end = await heights();
    const minutes = (end.at - start.at) / 60_000;
    const rate = (k) => ((end[k] - start[k]) / minutes).toFixed(1);
    log(`${nodeName} over ${seconds} s: best #${start.best} -> #${end.best} (${rate('best')}/min), `
      + `finalized #${start.finalized} -> #${end.finalized} (${rate('finalized')}/min)`);
    assert.ok(end.finalized > start.finalized, 'the relay chain finalized new parachain blocks');
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
