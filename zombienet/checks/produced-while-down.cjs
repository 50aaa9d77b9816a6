// Run on the surviving collator after the other was killed and restarted
// (`restart after N seconds` in the zndsl): the chain went on without it.
// Looks back over the recent blocks for a run of consecutive blocks all
// authored by this collator spanning at least args[0] seconds less one
// block, i.e. the outage, and checks the relay chain finalized that run.
// While both collators run, Aura alternates them, so such a run exists only
// if this collator alone kept the chain going.
const assert = require('node:assert/strict');
const { connectTo, authorOf, collatorAddress, height, sleep, log } = require('./common.cjs');

const LOOK_BACK = 60;

async function run(nodeName, networkInfo, args) {
  const downSeconds = Number(args[0]);
  assert.ok(downSeconds > 0, 'pass the outage in seconds');
  const api = await connectTo(networkInfo, nodeName);
  try {
    const blockMs = Number(api.consts.aura.slotDuration.toBigInt());
    const best = await height(api);
    const blocks = [];
    for (let n = Math.max(1, best - LOOK_BACK); n <= best; n += 1) {
      const hash = await api.rpc.chain.getBlockHash(n);
      const at = await api.at(hash);
      blocks.push({ n, hash: hash.toHex(), author: await authorOf(api, hash), time: Number((await at.query.timestamp.now()).toBigInt()) });
    }
    const me = await collatorAddress(nodeName);
    let longest = { from: null, to: null, ms: 0 };
    let from = null;
    for (const b of blocks) {
      if (b.author !== me) { from = null; continue; }
      from ??= b;
      const ms = b.time - from.time;
      if (ms >= longest.ms) longest = { from, to: b, ms };
    }
    log(`longest run of blocks by ${me}: #${longest.from?.n}..#${longest.to?.n}, ${longest.ms / 1000} s`);
    assert.ok(longest.ms >= downSeconds * 1000 - 2 * blockMs,
      `no run of blocks by one collator covers the ${downSeconds} s outage (longest ${longest.ms / 1000} s)`);
    // Finality trails the best block by a few; the zndsl bounds the wait.
    let finalized = await height(api, true);
    while (finalized < longest.to.n) {
      await sleep(2000);
      finalized = await height(api, true);
    }
    const hash = (await api.rpc.chain.getBlockHash(longest.to.n)).toHex();
    assert.equal(hash, blocks.find((b) => b.n === longest.to.n).hash, 'the run is on the finalized chain');
    log(`finalized #${finalized} covers them`);
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
