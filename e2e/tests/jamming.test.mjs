// The market under attack, on a running `stratus-node --dev`: twenty bonded
// providers fill an order's bid book with bids they cannot serve
// (`utility.batchAll([placeBid, pauseProvider])`), and orders fill the
// expiry queue. An honest bid still gets in and wins, each jammer that
// counted pays its forfeit, and an honest order is still concluded in the block
// after its window. Forfeits go to the treasury, so nobody profits from
// making a provider fail.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { sendAndWait, startDevNode } from '../lib/node.mjs';
import {
  ASK, CAPACITY, MANIFEST, MAX_PRICE, NO_REQUIREMENTS, REGION, UNIT, devAccounts, feeOf, findEvent, freeAt,
  registerAndBond, sudo, waitForEvent,
} from '../lib/market.mjs';

const MIN_BOND = 100n * UNIT;
const BID_FORFEIT = 7n * UNIT;
const ORDER_DEPOSIT = 2n * UNIT;

let node;
let api;
let who;
const keyring = new Keyring({ type: 'sr25519' });

before(async () => {
  await cryptoWaitReady();
  node = await startDevNode({ extraArgs: ['--dev-block-time', '1000'] });
  api = node.api;
  who = devAccounts();
  await sudo(api, api.tx.utility.batchAll([
    api.tx.marketParameters.setParameter({ Market: { MinProviderBond: [null, MIN_BOND] } }),
    api.tx.marketParameters.setParameter({ Market: { BidForfeit: [null, BID_FORFEIT] } }),
    api.tx.marketParameters.setParameter({ Market: { OrderDeposit: [null, ORDER_DEPOSIT] } }),
  ]), who.alice);
  await registerAndBond(api, who.bob, { capacity: CAPACITY, attributes: REGION, bond: MIN_BOND });
});

after(async () => {
  await node?.api.disconnect();
  await node?.stop();
});

const call = async (fn, ...args) => (await api.call.computeMarketApi[fn](...args)).toJSON();

/** `accounts` funded by Alice with `amount` each, in one batch. */
async function fund(accounts, amount) {
  await sendAndWait(api, api.tx.utility.batchAll(
    accounts.map((a) => api.tx.balances.transferKeepAlive(a.address, amount)),
  ), who.alice);
}

test('a book full of paused bidders keeps no honest bid out, and each jammer that counted pays', async () => {
  const maxBids = api.consts.bidMatching.maxBidsPerOrder.toNumber();
  const jammers = Array.from({ length: maxBids }, (_, i) => keyring.addFromUri(`//Jammer/${i}`));
  await fund(jammers, MIN_BOND + 50n * UNIT);
  await Promise.all(jammers.map((j, i) => sendAndWait(api, api.tx.utility.batchAll([
    api.tx.resourceRegistry.registerProvider(CAPACITY, REGION, `https://jammer-${i}.example`),
    api.tx.providerSlashing.bond(MIN_BOND),
  ]), j)));

  // Eve's order, with a window long enough for the attack and the answer.
  const budget = MAX_PRICE * 1_000n;
  const created = await sendAndWait(
    api, api.tx.bidMatching.createOrder(MANIFEST, ASK, REGION, null, NO_REQUIREMENTS, MAX_PRICE, budget, 40, 'Native'), who.eve,
  );
  const { orderId, windowEnd } = findEvent(
    created.events, (e) => api.events.bidMatching.OrderCreated.is(e),
  ).data;
  const number = (await api.rpc.chain.getHeader(created.blockHash)).number.toNumber();

  // The attack: bid the least possible, then stop serving, in one transaction each.
  await Promise.all(jammers.map((j) => sendAndWait(api, api.tx.utility.batchAll([
    api.tx.bidMatching.placeBid(orderId, 1n),
    api.tx.resourceRegistry.pauseProvider(),
  ]), j)));
  assert.equal((await call('bids', orderId)).length, maxBids, 'the book is full');

  // Nothing undercuts one planck ...
  await assert.rejects(sendAndWait(api, api.tx.bidMatching.placeBid(orderId, 2n), who.bob),
    /bidMatching\.BidBookFull/);
  // ... but anyone may evict a bid that cannot be served, without a fee.
  const ferdieBefore = await freeAt(api, who.ferdie.address);
  const evicted = await sendAndWait(
    api, api.tx.bidMatching.evictBid(orderId, jammers[0].address), who.ferdie,
  );
  assert.equal(feeOf(api, evicted.events, who.ferdie), 0n, 'the fee is waived');
  assert.equal(await freeAt(api, who.ferdie.address, evicted.blockHash), ferdieBefore);
  const forfeit = findEvent(evicted.events, (e) => api.events.bidMatching.BidForfeited.is(e));
  assert.equal(forfeit.data.provider.toString(), jammers[0].address);
  assert.equal(forfeit.data.forfeited.toBigInt(), BID_FORFEIT);
  const reason = api.registry.findMetaError(forfeit.data.reason.asModule);
  assert.equal(`${reason.section}.${reason.name}`, 'resourceRegistry.ProviderPaused');
  // A second eviction makes room; Bob's bid gets in, and a bid that can be
  // served cannot be evicted.
  await sendAndWait(api, api.tx.bidMatching.evictBid(orderId, jammers[1].address), who.ferdie);
  await sendAndWait(api, api.tx.bidMatching.placeBid(orderId, 2n), who.bob);
  await assert.rejects(
    sendAndWait(api, api.tx.bidMatching.evictBid(orderId, who.bob.address), who.ferdie),
    /bidMatching\.BidCanBeServed/,
  );
  const book = await call('bids', orderId);
  assert.equal(book.length, maxBids - 1, 'two jammers evicted, Bob in');
  assert.ok(book.some(([provider]) => provider === who.bob.address));

  const eveBefore = await freeAt(api, who.eve.address);
  const matched = await waitForEvent(api, number, (e) =>
    api.events.bidMatching.OrderMatched.is(e) && e.data.orderId.toNumber() === orderId.toNumber());
  // The hook forfeits as many bids a block as its budget affords (about
  // fifteen with the current weights), so eighteen take it two blocks.
  assert.ok(matched.number <= windowEnd.toNumber() + 2, `matched at ${matched.number}, window end ${windowEnd}`);
  assert.equal(matched.event.data.provider.toString(), who.bob.address);
  assert.equal(matched.event.data.price.toBigInt(), 2n);

  // Every jammer still in the book ranked before Bob, counted and could not
  // serve: each forfeited in the blocks up to the match.
  const events = [];
  for (let n = windowEnd.toNumber() + 1; n <= matched.number; n++) {
    const hash = await api.rpc.chain.getBlockHash(n);
    events.push(...await (await api.at(hash)).query.system.events());
  }
  const forfeited = events
    .filter(({ event }) => api.events.bidMatching.BidForfeited.is(event))
    .map(({ event }) => event.data.provider.toString());
  assert.deepEqual(forfeited.sort(), jammers.slice(2).map((j) => j.address).sort());
  for (const j of jammers) {
    assert.equal(BigInt((await call('stake', j.address)).bonded), MIN_BOND - BID_FORFEIT);
  }
  assert.equal(
    await freeAt(api, who.eve.address, matched.blockHash),
    eveBefore + ORDER_DEPOSIT,
    'Eve got her order deposit back; the forfeits went to the treasury, not to her',
  );
  const slashed = events.filter(({ event }) => api.events.providerSlashing.Slashed.is(event))
    .map(({ event }) => event.data);
  assert.equal(slashed.length, maxBids - 2);
  assert.ok(slashed.every((d) => d.toTenant.toBigInt() === 0n && d.toTreasury.toBigInt() === BID_FORFEIT
    && d.reason.isUnservableBid));
});

test('orders filling the expiry queue cannot keep an honest order out, and pay for their places', async () => {
  const perTenant = api.consts.bidMatching.maxOpenOrdersPerTenant.toNumber();
  const tenants = Array.from({ length: 3 }, (_, i) => keyring.addFromUri(`//Junk/${i}`));
  await fund(tenants, 100n * UNIT);
  const junk = (tenant, window) => api.tx.utility.dispatchAs(
    { system: { Signed: tenant.address } },
    api.tx.bidMatching.createOrder(MANIFEST, { cpuMillicores: 1, memoryMib: 0, storageGib: 0, gpuUnits: 0 },
      [], null, NO_REQUIREMENTS, 1n, 10n, window, 'Native'),
  );
  const window = 20;
  // In one block: junk orders for the same window, more than one slot
  // admits, then the honest order asking for that window too.
  const calls = [
    ...tenants.flatMap((t) => Array(perTenant).fill(0).map(() => junk(t, window))),
    api.tx.utility.dispatchAs({ system: { Signed: who.alice.address } },
      api.tx.bidMatching.createOrder(MANIFEST, ASK, REGION, null, NO_REQUIREMENTS, MAX_PRICE, MAX_PRICE * 100n, window, 'Native')),
  ];
  const { blockHash, events } = await sudo(api, api.tx.utility.forceBatch(calls), who.alice);
  const number = (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
  // `dispatchAs` succeeds whatever its call does; the call's own result is
  // in its `DispatchedAs` event. Nothing was refused.
  const failed = events.filter(({ event }) => api.events.utility.DispatchedAs.is(event) && event.data.result.isErr);
  assert.equal(failed.length, 0);
  const created = events
    .filter(({ event }) => api.events.bidMatching.OrderCreated.is(event))
    .map(({ event }) => event.data);
  assert.equal(created.length, calls.length);
  const honest = created.find((d) => d.tenant.toString() === who.alice.address);
  const slot = honest.windowEnd.toNumber();
  // The junk filled the window's slot and spilled into the next ones; the
  // honest order got the first slot with room, later than it asked.
  assert.ok(slot > number + window, `the honest order ends at ${slot}, after ${number + window}`);
  const admitted = created.filter((d) => d.windowEnd.toNumber() === number + window).length;
  for (let at = number + window; at < slot; at++) {
    assert.equal(created.filter((d) => d.windowEnd.toNumber() === at).length, admitted, `slot ${at} is full`);
  }
  // Each full slot's places past half cost the junk up to a deposit each,
  // to the treasury; the honest order paid at most one deposit.
  const fees = created.filter((d) => d !== honest).reduce((sum, d) => sum + d.admissionFee.toBigInt(), 0n);
  assert.ok(fees >= BigInt(Math.floor(admitted / 2)) * ORDER_DEPOSIT, `the junk paid ${fees} in surcharges`);
  assert.ok(honest.admissionFee.toBigInt() <= ORDER_DEPOSIT);
  console.log(`# ${created.length - 1} junk orders paid ${fees} planck of surcharges; ${admitted} a slot`);

  await sendAndWait(api, api.tx.bidMatching.placeBid(honest.orderId, MAX_PRICE), who.bob);
  const matched = await waitForEvent(api, number, (e) =>
    api.events.bidMatching.OrderMatched.is(e) && e.data.orderId.eq(honest.orderId));
  assert.equal(matched.number, slot + 1, 'the honest order was concluded in the block after its window');
  await waitForEvent(api, number, (e) => api.events.bidMatching.OrderExpired.is(e)
    && e.data.orderId.eq(created[created.length - 2].orderId));
  assert.deepEqual(await call('openOrders', null, 100), []);
});
