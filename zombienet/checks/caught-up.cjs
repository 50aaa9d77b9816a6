// Run on the collator that was killed and restarted: it catches up with the
// other collator's best and finalized blocks, and authors a block again that
// the other collator imports and the relay chain finalizes.
const assert = require('node:assert/strict');
const { connectTo, authorOf, collatorAddress, height, untilHeight, log } = require('./common.cjs');

async function run(nodeName, networkInfo, args) {
  const other = args[0];
  assert.ok(other, 'pass the name of the other collator');
  const [api, peer] = await Promise.all([connectTo(networkInfo, nodeName), connectTo(networkInfo, other)]);
  try {
    const [targetBest, targetFinal] = [await height(peer, false), await height(peer, true)];
    log(`${other} is at best #${targetBest}, finalized #${targetFinal}`);
    await untilHeight(api, targetBest);
    await untilHeight(api, targetFinal, true);
    log(`${nodeName} reached them`);
    const me = await collatorAddress(nodeName);
    // Two collators alternate slots: a block of its own comes within a few.
    // It counts once the other collator holds it as finalized.
    let next = (await height(api, false)) + 1;
    for (;;) {
      await untilHeight(api, next);
      const hash = (await api.rpc.chain.getBlockHash(next)).toHex();
      if (await authorOf(api, hash) !== me) { next += 1; continue; }
      await untilHeight(peer, next, true);
      if ((await peer.rpc.chain.getBlockHash(next)).toHex() === hash) {
        log(`${nodeName} authored #${next} after its restart; ${other} finalized it`);
        return;
      }
      next += 1;
    }
  } finally {
    await Promise.all([api.disconnect(), peer.disconnect()]);
  }
}

module.exports = { run };
