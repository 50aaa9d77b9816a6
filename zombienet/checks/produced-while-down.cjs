// Run on the surviving collator after the other was killed and restarted
// (`restart after N seconds` in the zndsl): the chain went on without it.
// Looks for a run of consecutive blocks all authored by this collator whose
// timestamps span at least args[0] seconds less two slots (while it is alone,
// this collator authors every other slot), and checks that the relay chain
// finalized that run. While both collators run, Aura alternates them, so such
// a run exists only if this collator alone kept the chain going.
//
// zombienet calls this as soon as the killed collator is started again, when
// the run is usually still going (the restarted collator needs a few slots to
// sync and author). So the check follows the chain: it passes once the run is
// long enough, and fails when the run has ended (the other collator authored
// again) without being long enough.
const assert = require('node:assert/strict');
const { connectTo, authorOf, collatorAddress, height, untilHeight, sleep, log } = require('./common.cjs');

const LOOK_BACK = 60;

/** Longest run of consecutive blocks by `me` among `blocks`, in ms. */
function longestRun(blocks, me) {
  let longest = { from: null, to: null, ms: -1 };
  let from = null;
  for (const b of blocks) {
    if (b.author !== me) { from = null; continue; }
    from ??= b;
    const ms = b.time - from.time;
    if (ms >= longest.ms) longest = { from, to: b, ms };
  }
  return longest;
}

async function run(nodeName, networkInfo, args) {
  const downSeconds = Number(args[0]);
  assert.ok(downSeconds > 0, 'pass the outage in seconds');
  const api = await connectTo(networkInfo, nodeName);
  try {
    const blockMs = Number(api.consts.aura.slotDuration.toBigInt());
    const needMs = downSeconds * 1000 - 2 * blockMs;
    const me = await collatorAddress(nodeName);
    const seen = new Map(); // number -> block, on the best chain as read
    const first = Math.max(1, (await height(api)) - LOOK_BACK);
    let longest;
    for (;;) {
      const best = await height(api);
      for (let n = first; n <= best; n += 1) {
        const hash = (await api.rpc.chain.getBlockHash(n)).toHex();
        if (seen.get(n)?.hash === hash) continue;
        const at = await api.at(hash);
        seen.set(n, { n, hash, author: await authorOf(api, hash), time: Number((await at.query.timestamp.now()).toBigInt()) });
      }
      const blocks = [...seen.values()].filter((b) => b.n <= best).sort((a, b) => a.n - b.n);
      longest = longestRun(blocks, me);
      if (longest.ms >= needMs) break;
      const last = blocks[blocks.length - 1];
      if (last) {
        const runSoFar = longest.from ? `#${longest.from.n}..#${longest.to.n}, ${longest.ms / 1000} s` : 'none';
        assert.equal(last.author, me,
          `no run of blocks by ${me} covers the ${downSeconds} s outage (longest ${runSoFar}) and #${last.n} is by another author`);
      }
      await sleep(blockMs);
    }
    log(`run of blocks by ${me}: #${longest.from.n}..#${longest.to.n}, ${longest.ms / 1000} s`);
    // Finality trails the best block by a few; the zndsl bounds the wait.
    const finalized = await untilHeight(api, longest.to.n, true);
    const hash = (await api.rpc.chain.getBlockHash(longest.to.n)).toHex();
    assert.equal(hash, longest.to.hash, 'the run is on the finalized chain');
    log(`finalized #${finalized} covers them`);
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
