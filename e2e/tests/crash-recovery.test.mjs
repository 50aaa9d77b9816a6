// Crash recovery: a dev node killed with SIGKILL while it produces blocks
// restarts on the same database and goes on from where it was, with the
// providers, their bonds and the running lease as they were.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { sendAndWait, startDevNode, tempBasePath, waitForBlock } from '../lib/node.mjs';
import { MANIFEST, NO_REQUIREMENTS, UNIT, devAccounts, findEvent, registerAndBond } from '../lib/market.mjs';

const ARGS = ['--dev-block-time', '1000'];
let basePath;
let node;

before(async () => {
  await cryptoWaitReady();
  basePath = tempBasePath();
});

after(async () => {
  await node?.api.disconnect();
  await node?.stop();
  rmSync(basePath, { recursive: true, force: true });
});

test('a node killed mid-run restarts where it was, with the market intact', async () => {
  node = await startDevNode({ basePath, extraArgs: ARGS });
  let { api } = node;
  const who = devAccounts();

  const capacity = { cpuMillicores: 8_000, memoryMib: 16_384, storageGib: 200, gpuUnits: 0 };
  const attributes = [{ key: 'region', value: 'eu-west' }];
  await registerAndBond(api, who.bob, { capacity, attributes, bond: 2_000n * UNIT });
  const price = UNIT / 1_000n;
  const minBlocks = BigInt(api.consts.bidMatching.minLeaseBlocks.toNumber());
  const created = await sendAndWait(api, api.tx.bidMatching.createOrder(
    MANIFEST, { cpuMillicores: 1_000, memoryMib: 2_048, storageGib: 20, gpuUnits: 0 }, attributes, null, NO_REQUIREMENTS,
    price, price * minBlocks * 100n, api.consts.bidMatching.minBidWindow.toNumber(),
    'Native',
  ), who.eve);
  const orderId = findEvent(created.events, (e) => api.events.bidMatching.OrderCreated.is(e)).data.orderId;
  await sendAndWait(api, api.tx.bidMatching.placeBid(orderId, price), who.bob);
  const accepted = await sendAndWait(api, api.tx.bidMatching.acceptBid(orderId, who.bob.address), who.eve);
  const leaseId = findEvent(accepted.events, (e) => api.events.bidMatching.OrderMatched.is(e)).data.leaseId;
  await sendAndWait(api, api.tx.leaseEscrow.confirmReady(leaseId), who.bob);

  // Let the chain run on, then read everything at one block.
  const header = await waitForBlock(api, (await api.rpc.chain.getHeader()).number.toNumber() + 2);
  const number = header.number.toNumber();
  const hash = header.hash.toHex();
  const readAt = async (at) => {
    const state = await api.at(at);
    return JSON.stringify([
      (await state.call.computeMarketApi.lease(leaseId)).toJSON(),
      (await state.call.computeMarketApi.stake(who.bob.address)).toJSON(),
      (await state.call.computeMarketApi.provider(who.bob.address)).toJSON(),
      (await state.query.system.account(who.eve.address)).toJSON(),
    ]);
  };
  const before = await readAt(hash);
  assert.notEqual(JSON.parse(before)[0], null, 'the lease runs');

  await node.kill();
  node = await startDevNode({ basePath, extraArgs: ARGS });
  api = node.api;

  const head = await api.rpc.chain.getHeader();
  const best = head.number.toNumber();
  assert.ok(best >= number, `the restarted node is at #${best}, not behind #${number}`);
  assert.equal((await api.rpc.chain.getBlockHash(number)).toHex(), hash, 'the same chain');
  // The restarted node's own head: nothing was sent since, so the bond, the
  // provider and the tenant's account are as they were, and the lease owes
  // exactly the blocks since it was last settled.
  const [earlier, ...rest] = JSON.parse(before);
  const [lease, ...now] = JSON.parse(await readAt(head.hash));
  assert.deepEqual(now, rest, 'the bond, the provider and the tenant read back as before');
  assert.equal(lease.balance, earlier.balance);
  assert.equal(lease.settledUpTo, earlier.settledUpTo);
  assert.equal(lease.runDryAt, earlier.runDryAt);
  const owed = (at) => price * BigInt(at - earlier.settledUpTo);
  assert.equal(BigInt(lease.owedNow), owed(best));
  // And it goes on producing blocks on top, the lease owing one price more
  // for each.
  const next = await waitForBlock(api, best + 2);
  const later = JSON.parse(await readAt(next.hash.toHex()))[0];
  assert.equal(BigInt(later.owedNow), owed(next.number.toNumber()));
});
