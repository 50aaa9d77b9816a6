// The compute marketplace on a running `stratus-node --dev`, as its users
// meet it: the Council and root set the parameters, providers register and
// bond, a tenant orders, providers bid, leases pay block by block, run dry,
// close and get slashed. Every figure is computed from the chain's numbers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, decodeAddress } from '@polkadot/util-crypto';
import { sendAndWait, startDevNode, waitForBlock } from '../lib/node.mjs';
import {
  ASK, CAPACITY, DOLLAR, MANIFEST, MAX_PRICE, NO_REQUIREMENTS, REGION, UNIT, USDT, assetFeeOf, treasuryAccount, createOrder as createOrderOf,
  devAccounts, feeOf, findEvent, freeAt, leaseFrom as leaseFromOf, leaseState, numberOf, parentOf, pendingLeaseFrom, perbillOf, sliceOf,
  registerAndBond, setUsdtRate, sudo, usdtAt, usdtTenant, waitForEvent,
} from '../lib/market.mjs';

// What governance sets for this run (parts per billion for shares).
const TAKE_RATE = 50_000_000; // 5 %
const MIN_BOND = 100n * UNIT;
const NOT_DELIVERED_SLASH = 100_000_000; // 10 %
const COMPENSATION_SHARE = 500_000_000; // 50 %


let node;
let api;
let who;
// Shared by the tests below, which run in order.
const state = {};

before(async () => {
  await cryptoWaitReady();
  node = await startDevNode({ extraArgs: ['--dev-block-time', '1000'] });
  api = node.api;
  who = devAccounts();
});

after(async () => {
  await node?.api.disconnect();
  await node?.stop();
});

const call = async (fn, ...args) => (await api.call.computeMarketApi[fn](...args)).toJSON();
const callAt = async (blockHash, fn, ...args) =>
  (await (await api.at(blockHash)).call.computeMarketApi[fn](...args)).toJSON();
const big = (v) => BigInt(v);

const createOrder = (tenant, options) => createOrderOf(api, tenant, options);
const leaseFrom = (tenant, provider, price, budget) => leaseFromOf(api, tenant, provider, price, budget);

const DEFAULT_TAKE_RATE = 20_000_000; // 2 %
const setParameter = (value) => api.tx.marketParameters.setParameter({ Market: value });

test('the Council and root set the marketplace parameters within their ranges; nobody else can', async () => {
  const defaults = await call('marketParameters');
  assert.deepEqual(defaults.takeRate, { value: DEFAULT_TAKE_RATE, min: 0, max: 200_000_000 });

  // A Council majority (Alice and Bob: 2 of 3) sets the take rate.
  const proposal = setParameter({ TakeRate: [null, TAKE_RATE] });
  const length = proposal.method.encodedLength;
  const proposed = await sendAndWait(api, api.tx.council.propose(2, proposal, length), who.alice);
  const { proposalIndex, proposalHash } = findEvent(
    proposed.events, (e) => api.events.council.Proposed.is(e),
  ).data;
  await Promise.all([who.alice, who.bob].map((member) =>
    sendAndWait(api, api.tx.council.vote(proposalHash, proposalIndex, true), member)));
  const closed = await sendAndWait(
    api,
    api.tx.council.close(proposalHash, proposalIndex, { refTime: 10_000_000_000, proofSize: 1_000_000 }, length),
    who.alice,
  );
  const executed = findEvent(closed.events, (e) => api.events.council.Executed.is(e));
  assert.ok(executed, 'the motion executed');
  assert.ok(executed.data.result.isOk, `the motion's call succeeded: ${executed.data.result}`);
  assert.ok(findEvent(closed.events, (e) => api.events.parameters.Updated.is(e)), 'Parameters.Updated');
  assert.equal((await call('marketParameters')).takeRate.value, TAKE_RATE);

  // Root (sudo, dev chain only) sets the rest in one batch.
  await sudo(api, api.tx.utility.batchAll([
    setParameter({ MinProviderBond: [null, MIN_BOND] }),
    setParameter({ NotDeliveredSlash: [null, NOT_DELIVERED_SLASH] }),
    setParameter({ CompensationShare: [null, COMPENSATION_SHARE] }),
  ]), who.alice);
  const set = await call('marketParameters');
  assert.equal(big(set.minProviderBond.value), MIN_BOND);
  assert.equal(set.notDeliveredSlash.value, NOT_DELIVERED_SLASH);
  assert.equal(set.compensationShare.value, COMPENSATION_SHARE);
  assert.deepEqual(set.disputeWindow, defaults.disputeWindow, 'what was not set keeps its default');

  // A value out of its range is refused by name, even for root.
  await assert.rejects(sudo(api, setParameter({ DisputeWindow: [null, 0] }), who.alice),
    /^Error: marketParameters\.BelowMinimum$/);
  await assert.rejects(sudo(api, setParameter({ TakeRate: [null, 500_000_000] }), who.alice),
    /^Error: marketParameters\.AboveMaximum$/);
  // `Parameters` itself admits nobody, so the range check cannot be skipped.
  await assert.rejects(
    sudo(api, api.tx.parameters.setParameter({ Market: { DisputeWindow: [null, 0] } }), who.alice),
    /BadOrigin/i,
  );
  // A plain signed account cannot set anything.
  await assert.rejects(sendAndWait(api, setParameter({ TakeRate: [null, 0] }), who.ferdie), /BadOrigin/);
  assert.deepEqual(await call('marketParameters'), set);
});

test('providers register and bond; the lowest bid wins when the window ends', async () => {
  await Promise.all([who.bob, who.charlie, who.dave].map((p) =>
    registerAndBond(api, p, { capacity: CAPACITY, attributes: REGION, bond: MIN_BOND })));
  for (const p of [who.bob, who.charlie, who.dave]) {
    const provider = await call('provider', p.address);
    assert.equal(provider.capacity.cpuMillicores, CAPACITY.cpuMillicores);
    assert.equal(provider.status, 'Active');
    assert.equal(big((await call('stake', p.address)).bonded), MIN_BOND);
  }

  const minBlocks = BigInt(api.consts.bidMatching.minLeaseBlocks.toNumber());
  const budget = MAX_PRICE * minBlocks * 10n;
  const order = await createOrder(who.eve, { budget });
  assert.equal(big((await call('order', order.orderId)).budget), budget);

  const prices = { bob: (8n * MAX_PRICE) / 10n, charlie: (6n * MAX_PRICE) / 10n, dave: (7n * MAX_PRICE) / 10n };
  await Promise.all(Object.entries(prices).map(([name, price]) =>
    sendAndWait(api, api.tx.bidMatching.placeBid(order.orderId, price), who[name])));
  const bids = await call('bids', order.orderId);
  assert.equal(bids.length, 3);

  const matched = await waitForEvent(api, order.number, (e) =>
    api.events.bidMatching.OrderMatched.is(e) && e.data.orderId.toNumber() === order.orderId);
  assert.equal(matched.number, order.windowEnd + 1, 'matched in the block after the window');
  assert.equal(matched.event.data.provider.toString(), who.charlie.address);
  assert.equal(matched.event.data.price.toBigInt(), prices.charlie);
  assert.equal(matched.event.data.escrow.toBigInt(), budget);
  assert.equal(matched.event.data.bidsLost.toNumber(), 2);
  assert.equal(await call('order', order.orderId), null, 'the order is gone');

  const leaseId = matched.event.data.leaseId.toNumber();
  const lease = await call('lease', leaseId);
  assert.equal(lease.provider, who.charlie.address);
  assert.equal(lease.tenant, who.eve.address);
  assert.equal(big(lease.pricePerBlock), prices.charlie);
  assert.equal(lease.manifest, MANIFEST, 'the lease commits to the order\'s manifest');
  const readyWindow = (await call('marketParameters')).readyWindow.value;
  assert.deepEqual(leaseState(lease), { name: 'pending', at: matched.number + readyWindow });
  assert.equal(big(lease.owedNow), 0n, 'nothing is billed before the provider confirms');
  const byTenant = await call('leasesByTenant', who.eve.address, null, 10);
  assert.deepEqual(byTenant.map((l) => l.leaseId), [leaseId]);
  const byProvider = await call('leasesByProvider', who.charlie.address, null, 10);
  assert.deepEqual(byProvider.map((l) => l.leaseId), [leaseId]);
  assert.equal((await call('provider', who.charlie.address)).allocated.cpuMillicores, ASK.cpuMillicores);

  // The same answer over plain JSON-RPC `state_call`, as the README's curl
  // example sends it: the SCALE-encoded (account, None, limit) arguments.
  const args = u8aToHex(u8aConcat(
    decodeAddress(who.eve.address), new Uint8Array([0]), api.createType('u32', 10).toU8a(),
  ));
  const raw = await api.rpc.state.call('ComputeMarketApi_leases_by_tenant', args);
  const decoded = api.createType(api.call.computeMarketApi.leasesByTenant.meta.type, raw).toJSON();
  assert.deepEqual(decoded.map((l) => l.leaseId), [leaseId]);

  // Charlie's machine runs the workload: it confirms the lease ready, and
  // billing starts in that block.
  const ready = await sendAndWait(api, api.tx.leaseEscrow.confirmReady(leaseId), who.charlie);
  const billingFrom = await numberOf(api, ready.blockHash);
  const event = findEvent(ready.events, (e) => api.events.leaseEscrow.LeaseReady.is(e)).data;
  assert.equal(event.billingFrom.toNumber(), billingFrom);
  assert.deepEqual(leaseState(await callAt(ready.blockHash, 'lease', leaseId)), { name: 'active', at: billingFrom });
  Object.assign(state, { leaseId, price: prices.charlie });
});

test('the lease pays block by block; the provider withdraws price × blocks less the take rate', async () => {
  const { leaseId, price } = state;
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  await waitForBlock(api, head + 1);
  const [h0, h1] = await Promise.all([head, head + 1].map((n) => api.rpc.chain.getBlockHash(n)));
  const [v0, v1] = await Promise.all([callAt(h0, 'lease', leaseId), callAt(h1, 'lease', leaseId)]);
  assert.equal(big(v1.owedNow) - big(v0.owedNow), price, 'one more block owed');
  assert.equal(
    (big(v0.balance) - big(v0.owedNow)) - (big(v1.balance) - big(v1.owedNow)), price,
    'what is left falls by the price of a block',
  );

  const { blockHash, events } = await sendAndWait(api, api.tx.leaseEscrow.withdraw(leaseId), who.charlie);
  const before = await callAt(await parentOf(api, blockHash), 'lease', leaseId);
  const paid = findEvent(events, (e) => api.events.leaseEscrow.Withdrawn.is(e)).data;
  const blocks = BigInt(paid.settledUpTo.toNumber() - before.settledUpTo);
  assert.equal(paid.settledUpTo.toNumber(), await numberOf(api, blockHash));
  const total = price * blocks;
  assert.equal(paid.paidToProvider.toBigInt() + paid.paidToTreasury.toBigInt(), total);
  assert.equal(paid.paidToTreasury.toBigInt(), perbillOf(TAKE_RATE, total));
  const delta = await freeAt(api, who.charlie.address, blockHash)
    - await freeAt(api, who.charlie.address, await parentOf(api, blockHash));
  assert.equal(delta, paid.paidToProvider.toBigInt() - feeOf(api, events, who.charlie));
  const after = await callAt(blockHash, 'lease', leaseId);
  assert.equal(big(before.balance) - big(after.balance), total, 'the escrow paid exactly that');
});

test('the tenant tops up and the run-dry block moves by the blocks it buys', async () => {
  const { leaseId, price } = state;
  const amount = 50n * price;
  const { blockHash, events } = await sendAndWait(api, api.tx.leaseEscrow.deposit(leaseId, amount), who.eve);
  const parent = await parentOf(api, blockHash);
  const before = await callAt(parent, 'lease', leaseId);
  const deposited = findEvent(events, (e) => api.events.leaseEscrow.Deposited.is(e)).data;
  assert.equal(deposited.amount.toBigInt(), amount);
  assert.ok(deposited.index.isNone, "the tenant's own top-up joins its part, no record");
  assert.equal(deposited.runDryAt.toNumber(), before.runDryAt + 50);
  assert.equal((await callAt(blockHash, 'lease', leaseId)).runDryAt, before.runDryAt + 50);
  const delta = await freeAt(api, who.eve.address, parent) - await freeAt(api, who.eve.address, blockHash);
  assert.equal(delta, amount + feeOf(api, events, who.eve));
});

test("a third party's top-up is held on the tenant and numbered for its refund claim", async () => {
  const { leaseId, price } = state;
  const amount = 7n * price;
  const { blockHash, events } = await sendAndWait(api, api.tx.leaseEscrow.deposit(leaseId, amount), who.ferdie);
  const parent = await parentOf(api, blockHash);
  const deposited = findEvent(events, (e) => api.events.leaseEscrow.Deposited.is(e)).data;
  assert.equal(deposited.index.unwrap().toNumber(), 0);
  assert.equal(deposited.depositor.toString(), who.ferdie.address);
  const held = async (at) => (await (await api.at(at)).query.system.account(who.eve.address)).data.reserved.toBigInt();
  assert.equal(await held(blockHash) - await held(parent), amount, "the money sits in the tenant's hold");
  assert.equal((await callAt(blockHash, 'lease', leaseId)).deposits, 1);
  state.thirdParty = amount;
});

test('the tenant closes the lease and gets back exactly what was not spent; the third party claims its own', async () => {
  const { leaseId, price, thirdParty } = state;
  const { blockHash, events } = await sendAndWait(api, api.tx.leaseEscrow.closeLease(leaseId), who.eve);
  const parent = await parentOf(api, blockHash);
  const before = await callAt(parent, 'lease', leaseId);
  const closed = findEvent(events, (e) => api.events.leaseEscrow.LeaseClosed.is(e)).data;
  assert.equal(closed.reason.type, 'ByTenant');
  const owed = price * BigInt(await numberOf(api, blockHash) - before.settledUpTo);
  // What earlier settlements accrued to the provider is paid out with the last.
  assert.equal(closed.paidToProvider.toBigInt(),
    big(before.owedToProvider) + owed - perbillOf(TAKE_RATE, owed));
  // The tenant's money is spent first: the third party's comes back whole.
  // The closed lease's record keeps its deposit from the tenant's refund.
  assert.equal(closed.claimable.toBigInt(), thirdParty);
  assert.equal(closed.recordDeposit.toBigInt(), api.consts.leaseEscrow.closedLeaseDeposit.toBigInt());
  assert.equal(closed.refunded.toBigInt() + closed.recordDeposit.toBigInt() + closed.claimable.toBigInt(),
    big(before.balance) - owed);
  const delta = await freeAt(api, who.eve.address, blockHash) - await freeAt(api, who.eve.address, parent);
  assert.equal(delta, closed.refunded.toBigInt() - feeOf(api, events, who.eve));
  assert.equal(await call('lease', leaseId), null);
  assert.equal((await call('provider', who.charlie.address)).allocated.cpuMillicores, 0);
  assert.equal(findEvent(events, (e) => api.events.providerSlashing.Slashed.is(e)), undefined,
    'a tenant closing early slashes nobody');

  // Anyone may pay Ferdie back; the claimer pays no fee for it.
  const claim = await sendAndWait(api, api.tx.leaseEscrow.claimRefund(leaseId, 0), who.dave);
  const claimParent = await parentOf(api, claim.blockHash);
  const claimed = findEvent(claim.events, (e) => api.events.leaseEscrow.RefundClaimed.is(e)).data;
  assert.equal(claimed.depositor.toString(), who.ferdie.address);
  assert.equal(claimed.amount.toBigInt(), thirdParty);
  assert.equal(await freeAt(api, who.ferdie.address, claim.blockHash)
    - await freeAt(api, who.ferdie.address, claimParent), thirdParty);
  assert.equal(feeOf(api, claim.events, who.dave), 0n, 'a successful claim is free');
  assert.equal(await freeAt(api, who.dave.address, claim.blockHash),
    await freeAt(api, who.dave.address, claimParent));
  await assert.rejects(sendAndWait(api, api.tx.leaseEscrow.claimRefund(leaseId, 0), who.dave),
    /leaseEscrow\.UnknownDeposit/);
  // The record stays for the report grace period.
  await assert.rejects(sendAndWait(api, api.tx.leaseEscrow.forgetLease(leaseId), who.dave),
    /leaseEscrow\.GracePeriodNotOver/);
});

test('a lease that runs dry is closed at the block the API predicted', async () => {
  const minBlocks = BigInt(api.consts.bidMatching.minLeaseBlocks.toNumber());
  const budget = MAX_PRICE * minBlocks;
  const leaseId = await leaseFrom(who.eve, who.dave, MAX_PRICE, budget);
  const view = await call('lease', leaseId);
  assert.equal(view.runDryAt, leaseState(view).at + Number(minBlocks), 'minBlocks from confirmation');
  // Fewer blocks than the running-low notice: announced at the hook's first visit.
  const low = await waitForEvent(api, view.startedAt, (e) =>
    api.events.leaseEscrow.LeaseRunningLow.is(e) && e.data.leaseId.toNumber() === leaseId, 60_000);
  assert.equal(low.event.data.runDryAt.toNumber(), view.runDryAt);
  assert.ok(low.number < view.runDryAt, 'announced before it runs dry');
  const closed = await waitForEvent(api, view.startedAt, (e) =>
    api.events.leaseEscrow.LeaseClosed.is(e) && e.data.leaseId.toNumber() === leaseId, 60_000);
  assert.equal(closed.number, view.runDryAt);
  assert.equal(closed.event.data.reason.type, 'InsufficientFunds');
  assert.equal(closed.event.data.refunded.toBigInt(), 0n);
  const { paidToProvider, paidToTreasury } = closed.event.data;
  assert.equal(paidToProvider.toBigInt() + paidToTreasury.toBigInt(), budget);
  assert.equal(await call('lease', leaseId), null);
});

test("an upheld fault report slashes the set share of the lease's slice and pays the tenant its part", async () => {
  const minBlocks = BigInt(api.consts.bidMatching.minLeaseBlocks.toNumber());
  const leaseId = await leaseFrom(who.eve, who.bob, MAX_PRICE / 2n, MAX_PRICE * minBlocks * 5n);
  const evidence = `0x${'ab'.repeat(32)}`;
  const reported = await sendAndWait(api, api.tx.providerSlashing.reportFault(leaseId, 'NotDelivered', evidence), who.eve);
  const report = findEvent(reported.events, (e) => api.events.providerSlashing.FaultReported.is(e)).data;
  const reportId = report.reportId.toNumber();

  const bondBefore = big((await call('stake', who.bob.address)).bonded);
  const reportDeposit = (await api.query.providerSlashing.reports(reportId)).unwrap().deposit.toBigInt();
  const { blockHash, events } = await sudo(api, api.tx.providerSlashing.resolveReport(reportId, 'Uphold'), who.alice);
  const slashed = findEvent(events, (e) => api.events.providerSlashing.Slashed.is(e)).data;
  // A share of the lease's slice, not of the bond.
  const amount = perbillOf(NOT_DELIVERED_SLASH, await sliceOf(api, MAX_PRICE / 2n));
  assert.equal(slashed.amount.toBigInt(), amount);
  // The tenant's part never exceeds what the lease cost it: the lease is
  // closed (settled) first, so its payments are in the close event.
  const closedFirst = findEvent(events, (e) => api.events.leaseEscrow.LeaseClosed.is(e)).data;
  const leasePaid = closedFirst.paidToProvider.toBigInt() + closedFirst.paidToTreasury.toBigInt();
  const share = perbillOf(COMPENSATION_SHARE, amount);
  assert.equal(slashed.toTenant.toBigInt(), share < leasePaid ? share : leasePaid);
  assert.equal(slashed.toTenant.toBigInt() + slashed.toTreasury.toBigInt(), amount);
  assert.equal(big((await callAt(blockHash, 'stake', who.bob.address)).bonded), bondBefore - amount);
  const resolved = findEvent(events, (e) => api.events.providerSlashing.ReportResolved.is(e)).data;
  assert.equal(resolved.verdict.type, 'Uphold');
  assert.equal(resolved.by.type, 'Adjudicator');
  assert.equal(resolved.slashed.toBigInt(), amount);
  // "Not delivered" ends the lease; the tenant gets the rest of its escrow too.
  const closed = findEvent(events, (e) => api.events.leaseEscrow.LeaseClosed.is(e));
  assert.ok(closed, 'the lease is closed');
  assert.equal(await call('lease', leaseId), null);
  // Eve's holds shrink by the whole escrow and the report deposit; her free
  // balance grows by all of it but what the lease paid, plus her compensation.
  const parent = await parentOf(api, blockHash);
  const account = async (at) => (await (await api.at(at)).query.system.account(who.eve.address)).data;
  const [before, after] = [await account(parent), await account(blockHash)];
  const released = before.reserved.toBigInt() - after.reserved.toBigInt();
  const paid = closed.data.paidToProvider.toBigInt() + closed.data.paidToTreasury.toBigInt();
  // Released: the refund, what the lease paid and the report deposit; the
  // closed lease's record keeps its deposit.
  assert.equal(released, closed.data.refunded.toBigInt() + paid + reportDeposit);
  assert.equal(after.free.toBigInt() - before.free.toBigInt(), released - paid + slashed.toTenant.toBigInt());

  // The slash took Bob's bond below the minimum: he cannot bid any more.
  const { orderId } = await createOrder(who.eve, { budget: MAX_PRICE * minBlocks });
  await assert.rejects(sendAndWait(api, api.tx.bidMatching.placeBid(orderId, MAX_PRICE), who.bob),
    /providerSlashing\.BondBelowMinimum/);
  await sendAndWait(api, api.tx.bidMatching.cancelOrder(orderId), who.eve);
});

test('a lease not confirmed in time closes NotReady, refunded in full; a confirmed one bills from confirmation', async () => {
  const minBlocks = BigInt(api.consts.bidMatching.minLeaseBlocks.toNumber());
  const budget = MAX_PRICE * minBlocks * 4n;
  await sudo(api, setParameter({ ReadyWindow: [null, 10] }), who.alice);
  const params = await call('marketParameters');
  assert.equal(params.readyWindow.value, 10);

  // Dave wins a lease and never confirms it.
  const late = await pendingLeaseFrom(api, who.eve, who.dave, MAX_PRICE, budget);
  const lateView = await call('lease', late);
  const { name, at: readyBy } = leaseState(lateView);
  assert.equal(name, 'pending');
  assert.equal(readyBy, lateView.startedAt + 10);
  const stake = await call('stake', who.dave.address);
  const record = (await call('providerStats', who.dave.address)).record;
  const closed = await waitForEvent(api, lateView.startedAt, (e) =>
    api.events.leaseEscrow.LeaseClosed.is(e) && e.data.leaseId.toNumber() === late, 60_000);
  assert.equal(closed.number, readyBy, 'closed by the hook as the window ends');
  const end = closed.event.data;
  assert.equal(end.reason.type, 'NotReady');
  assert.equal(end.paidToProvider.toBigInt() + end.paidToTreasury.toBigInt(), 0n, 'nothing was billed');
  assert.equal(end.refunded.toBigInt() + end.recordDeposit.toBigInt(), budget, 'the whole escrow comes back');
  const events = await (await api.at(closed.blockHash)).query.system.events();
  const slashed = findEvent(events, (e) => api.events.providerSlashing.Slashed.is(e)).data;
  assert.ok(slashed.reason.isNotReady && slashed.reason.asNotReady.leaseId.toNumber() === late);
  // A share of the lease's slice; the tenant paid nothing, so it gets nothing of it.
  assert.equal(slashed.amount.toBigInt(), perbillOf(params.earlyCloseSlash.value, await sliceOf(api, MAX_PRICE)));
  assert.equal(slashed.toTenant.toBigInt(), 0n);
  assert.equal((await callAt(closed.blockHash, 'stake', who.dave.address)).faults, stake.faults + 1);
  // Dave's track record keeps it: one more lease closed NotReady, one more fault of that kind, worth
  // the value its minimum term promised against Dave's score.
  const stats = await callAt(closed.blockHash, 'providerStats', who.dave.address);
  assert.equal(stats.record.closed.notReady, record.closed.notReady + 1);
  assert.equal(stats.record.faults.notReady, record.faults.notReady + 1);
  assert.equal(stats.record.blocksServed, record.blocksServed, 'nothing served');
  assert.ok(big(stats.record.bad) > big(record.bad));
  const prior = await callAt(await parentOf(api, closed.blockHash), 'providerStats', who.dave.address);
  assert.ok(stats.score < prior.score, `score ${stats.score} after, ${prior.score} before`);
  assert.equal(await call('lease', late), null);

  // Charlie confirms a lease three blocks after it opens: it owes from that block, exactly.
  const ready = await pendingLeaseFrom(api, who.eve, who.charlie, MAX_PRICE, budget);
  await waitForBlock(api, (await call('lease', ready)).startedAt + 3);
  const confirmed = await sendAndWait(api, api.tx.leaseEscrow.confirmReady(ready), who.charlie);
  const billingFrom = await numberOf(api, confirmed.blockHash);
  await waitForBlock(api, billingFrom + 5);
  const view = await callAt(await api.rpc.chain.getBlockHash(billingFrom + 5), 'lease', ready);
  assert.deepEqual(leaseState(view), { name: 'active', at: billingFrom });
  assert.equal(big(view.owedNow), MAX_PRICE * 5n, 'five blocks since confirmation');
  assert.equal(view.runDryAt, billingFrom + Number(minBlocks) * 4);
  await sendAndWait(api, api.tx.leaseEscrow.closeLease(ready), who.eve);
  await sudo(api, setParameter({ ReadyWindow: [null, null] }), who.alice);
});

test('refused calls come back as named errors and change nothing', async () => {
  const minBlocks = BigInt(api.consts.bidMatching.minLeaseBlocks.toNumber());
  const leaseId = await leaseFrom(who.eve, who.charlie, MAX_PRICE / 10n, MAX_PRICE * minBlocks * 10n);
  const order = await createOrder(who.eve, { budget: MAX_PRICE * 100n, window: 200 });
  const snapshot = async () => JSON.stringify([
    await call('order', order.orderId), await call('bids', order.orderId),
    // The lease without its live figures, which move every block.
    { ...(await call('lease', leaseId)), owedNow: undefined, blocksLeft: undefined },
    await call('provider', who.charlie.address), await call('stake', who.ferdie.address),
    await call('openOrders', null, 100),
  ]);
  const before = await snapshot();
  const cases = [
    ['bid above the maximum price', api.tx.bidMatching.placeBid(order.orderId, MAX_PRICE + 1n), who.charlie,
      /bidMatching\.BidAboveMaxPrice/],
    ['bid on an unknown order', api.tx.bidMatching.placeBid(999_999, 1n), who.charlie, /bidMatching\.UnknownOrder/],
    ['close a lease of someone else', api.tx.leaseEscrow.closeLease(leaseId), who.ferdie, /leaseEscrow\.NotLeaseParty/],
    ['withdraw from a lease one does not serve', api.tx.leaseEscrow.withdraw(leaseId), who.dave, /leaseEscrow\.NotProvider/],
    ['settle an unknown lease', api.tx.leaseEscrow.settle(999_999), who.ferdie, /leaseEscrow\.UnknownLease/],
    ['claim a refund of an active lease', api.tx.leaseEscrow.claimRefund(leaseId, 0), who.dave,
      /leaseEscrow\.LeaseStillActive/],
    ['dispute an unknown report', api.tx.providerSlashing.dispute(999_999, `0x${'00'.repeat(32)}`), who.bob,
      /providerSlashing\.UnknownReport/],
  ];
  for (const [what, tx, signer, error] of cases) {
    await assert.rejects(sendAndWait(api, tx, signer), error, what);
  }
  // A provider bidding on its own order.
  const own = await createOrder(who.charlie, { budget: MAX_PRICE * 100n, window: 200 });
  await assert.rejects(sendAndWait(api, api.tx.bidMatching.placeBid(own.orderId, 1n), who.charlie),
    /bidMatching\.CannotBidOnOwnOrder/);
  // A registered provider without bond.
  await sendAndWait(api, api.tx.resourceRegistry.registerProvider(CAPACITY, REGION, 'https://ferdie.example'), who.ferdie);
  await assert.rejects(sendAndWait(api, api.tx.bidMatching.placeBid(order.orderId, 1n), who.ferdie),
    /providerSlashing\.NotBonded/);
  await sendAndWait(api, api.tx.bidMatching.cancelOrder(own.orderId), who.charlie);
  await sendAndWait(api, api.tx.resourceRegistry.deregisterProvider(), who.ferdie);
  assert.equal(await snapshot(), before, 'the state the API shows is unchanged');

  // Attributes the registry refuses. (Lists longer than the bound do not
  // even decode; the pool refuses them before any call runs.)
  const badAttributes = [
    [[{ key: '', value: 'x' }], /resourceRegistry\.EmptyAttributeKey/],
    [[{ key: 'region', value: 'a' }, { key: 'region', value: 'b' }], /resourceRegistry\.DuplicateAttributeKey/],
  ];
  for (const [attributes, error] of badAttributes) {
    await assert.rejects(sendAndWait(api,
      api.tx.resourceRegistry.registerProvider(CAPACITY, attributes, 'https://x.example'), who.ferdie), error);
  }
  assert.equal(await call('provider', who.ferdie.address), null);
});

test('a silent provider gets no orders and its tenant closes at its cost; a free heartbeat brings it back', async () => {
  const params = await call('marketParameters');
  assert.deepEqual(params.heartbeatInterval, { value: 600, min: 10, max: 14_400 });
  assert.deepEqual(params.maintenanceNotice, { value: 600, min: 10, max: 100_800 });
  assert.equal(params.maxMaintenance.value, 3_600);
  const minBlocks = BigInt(api.consts.bidMatching.minLeaseBlocks.toNumber());
  const budget = MAX_PRICE * minBlocks * 10n;
  const leaseId = await leaseFrom(who.eve, who.charlie, MAX_PRICE, budget);
  const first = await sendAndWait(api, api.tx.resourceRegistry.heartbeat(), who.charlie);
  assert.ok(findEvent(first.events, (e) => api.events.resourceRegistry.ProviderHeartbeat.is(e)
    && e.data.provider.toString() === who.charlie.address));
  // Every provider whose last heartbeat is older than ten blocks is unreachable until the default is back.
  try {
    const set = await sudo(api, setParameter({ HeartbeatInterval: [null, 10] }), who.alice);
    assert.equal((await callAt(set.blockHash, 'marketParameters')).heartbeatInterval.value, 10);
    const live = await callAt(set.blockHash, 'provider', who.charlie.address);
    const silentFrom = await numberOf(api, first.blockHash);
    assert.equal(live.lastHeartbeat, silentFrom);
    assert.equal(live.liveness, 'Reachable');
    assert.equal(live.maintenance, null);
    await waitForBlock(api, silentFrom + 11);
    const viewAt = async (n) => callAt(await api.rpc.chain.getBlockHash(n), 'provider', who.charlie.address);
    assert.equal((await viewAt(silentFrom + 10)).liveness, 'Reachable', 'a heartbeat ten blocks old is in time');
    assert.equal((await viewAt(silentFrom + 11)).liveness, 'Unreachable');

    const { orderId } = await createOrder(who.eve, { budget });
    await assert.rejects(sendAndWait(api, api.tx.bidMatching.placeBid(orderId, MAX_PRICE), who.charlie),
      /resourceRegistry\.ProviderUnreachable/);
    await sendAndWait(api, api.tx.bidMatching.cancelOrder(orderId), who.eve);

    // Eve closes: the lease ends ProviderUnreachable, and Charlie is slashed as for a lease cut short.
    const stake = await call('stake', who.charlie.address);
    const { blockHash, events } = await sendAndWait(api, api.tx.leaseEscrow.closeLease(leaseId), who.eve);
    const parent = await parentOf(api, blockHash);
    const before = await callAt(parent, 'lease', leaseId);
    const closed = findEvent(events, (e) => api.events.leaseEscrow.LeaseClosed.is(e)).data;
    assert.equal(closed.reason.type, 'ProviderUnreachable');
    const owed = MAX_PRICE * BigInt(await numberOf(api, blockHash) - before.settledUpTo);
    assert.equal(closed.paidToProvider.toBigInt(),
      big(before.owedToProvider) + owed - perbillOf(TAKE_RATE, owed));
    assert.equal(closed.claimable.toBigInt(), 0n);
    assert.equal(closed.recordDeposit.toBigInt(), api.consts.leaseEscrow.closedLeaseDeposit.toBigInt());
    assert.equal(closed.refunded.toBigInt() + closed.recordDeposit.toBigInt(), big(before.balance) - owed);
    const slashed = findEvent(events, (e) => api.events.providerSlashing.Slashed.is(e)).data;
    assert.ok(slashed.reason.isUnreachable && slashed.reason.asUnreachable.leaseId.toNumber() === leaseId);
    assert.equal(slashed.provider.toString(), who.charlie.address);
    // A share of the lease's slice; the tenant's part never more than it paid for the lease.
    assert.equal(slashed.amount.toBigInt(), perbillOf(params.earlyCloseSlash.value, await sliceOf(api, MAX_PRICE)));
    const tenantPaid = budget - closed.refunded.toBigInt() - closed.recordDeposit.toBigInt();
    const share = perbillOf(COMPENSATION_SHARE, slashed.amount.toBigInt());
    assert.equal(slashed.toTenant.toBigInt(), share < tenantPaid ? share : tenantPaid);
    const after = await callAt(blockHash, 'stake', who.charlie.address);
    assert.equal(big(after.bonded), big(stake.bonded) - slashed.amount.toBigInt());
    assert.equal(after.faults, stake.faults + 1);
    // The tenant gets what was left and its compensation, like any close of its own.
    const delta = await freeAt(api, who.eve.address, blockHash) - await freeAt(api, who.eve.address, parent);
    assert.equal(delta, closed.refunded.toBigInt() + slashed.toTenant.toBigInt() - feeOf(api, events, who.eve));
    assert.equal(await call('lease', leaseId), null);

    // A heartbeat at least half an interval after the last is free and brings Charlie back.
    const beat = await sendAndWait(api, api.tx.resourceRegistry.heartbeat(), who.charlie);
    const beatAt = await numberOf(api, beat.blockHash);
    assert.ok(findEvent(beat.events, (e) => api.events.resourceRegistry.ProviderHeartbeat.is(e)
      && e.data.provider.toString() === who.charlie.address));
    assert.equal(feeOf(api, beat.events, who.charlie), 0n, 'the fee is waived');
    const back = await callAt(beat.blockHash, 'provider', who.charlie.address);
    assert.equal(back.lastHeartbeat, beatAt);
    assert.equal(back.liveness, 'Reachable');
    const again = await sendAndWait(api, api.tx.resourceRegistry.heartbeat(), who.charlie);
    const againAt = await numberOf(api, again.blockHash);
    assert.ok(feeOf(api, again.events, who.charlie) > 0n,
      `a heartbeat ${againAt - beatAt} block(s) after the last pays`);

    // A maintenance window, announced the notice ahead (with a margin for inclusion).
    const from = (await api.rpc.chain.getHeader()).number.toNumber() + params.maintenanceNotice.value + 10;
    await assert.rejects(
      sendAndWait(api, api.tx.resourceRegistry.announceMaintenance(from, from - 1), who.charlie),
      /resourceRegistry\.MaintenanceEndsBeforeStart/,
    );
    const announced = await sendAndWait(
      api, api.tx.resourceRegistry.announceMaintenance(from, from + 10), who.charlie,
    );
    const maintenance = findEvent(
      announced.events, (e) => api.events.resourceRegistry.MaintenanceAnnounced.is(e),
    ).data;
    assert.equal(maintenance.provider.toString(), who.charlie.address);
    assert.deepEqual([maintenance.from.toNumber(), maintenance.to.toNumber()], [from, from + 10]);
    const planned = await callAt(announced.blockHash, 'provider', who.charlie.address);
    assert.deepEqual(planned.maintenance, { from, to: from + 10 });
    assert.equal(planned.liveness, 'Reachable', 'the window is ahead');
  } finally {
    await sudo(api, setParameter({ HeartbeatInterval: [null, null] }), who.alice);
  }
});

test('screen_order lists who could bid and counts the rest by reason, as bids are refused', async () => {
  // Slashes took every bond below the minimum: Bob bonds more, Dave pauses,
  // Ferdie registers without a bond, Charlie stays as the slashes left him.
  await sendAndWait(api, api.tx.providerSlashing.bond(MIN_BOND), who.bob);
  await sendAndWait(api, api.tx.resourceRegistry.pauseProvider(), who.dave);
  await sendAndWait(api, api.tx.resourceRegistry.registerProvider(CAPACITY, REGION, 'https://ferdie.example'), who.ferdie);
  const { blockHash } = await sendAndWait(api, api.tx.resourceRegistry.heartbeat(), who.bob);
  const at = await api.at(blockHash);
  const screen = async (attributes, { maxPrice = MAX_PRICE, startAfter = null, limit = 1_000 } = {}) =>
    at.call.computeMarketApi.screenOrder(ASK, attributes, null, maxPrice, NO_REQUIREMENTS, startAfter, limit);
  const ok = async (...args) => {
    const result = await screen(...args);
    assert.ok(result.isOk, `screening failed: ${JSON.stringify(result.toHuman())}`);
    return result.asOk.toJSON();
  };
  const none = { jailed: 0, paused: 0, unreachable: 0, bond: 0, trackRecord: 0, capacity: 0, attribute: 0, auditor: 0 };

  const region = await ok(REGION);
  assert.deepEqual(region.eligible, [who.bob.address]);
  assert.deepEqual(region.excluded, { ...none, paused: 1, bond: 2 });
  assert.deepEqual([region.screened, region.total, region.next], [4, 4, null]);

  // An attribute nobody has: no provider, and those past the earlier checks counted for it.
  const gpu = await ok([{ key: 'gpu', value: 'h100' }]);
  assert.deepEqual(gpu.eligible, []);
  assert.deepEqual(gpu.excluded, { ...none, paused: 1, bond: 2, attribute: 1 });

  // One provider a page: the pages cover the same set with the same counts.
  const pages = [];
  let next = null;
  do {
    const page = await ok(REGION, { startAfter: next, limit: 1 });
    assert.equal(page.screened, 1);
    pages.push(page);
    next = page.next;
  } while (next !== null);
  assert.equal(pages.length, 4);
  assert.deepEqual(pages.flatMap((p) => p.eligible), region.eligible);
  const summed = { ...none };
  for (const p of pages) for (const k of Object.keys(none)) summed[k] += p.excluded[k];
  assert.deepEqual(summed, region.excluded);

  // Terms create_order refuses come back as its named error.
  const zero = await screen(REGION, { maxPrice: 0 });
  assert.ok(zero.isErr && zero.asErr.isModule);
  const { section, name } = api.registry.findMetaError(zero.asErr.asModule);
  assert.equal(`${section}.${name}`, 'bidMatching.ZeroPrice');

  // Bids fail for the reasons the screen gave.
  const { orderId } = await createOrder(who.eve, { budget: MAX_PRICE * 100n, window: 200 });
  await assert.rejects(sendAndWait(api, api.tx.bidMatching.placeBid(orderId, MAX_PRICE), who.dave),
    /resourceRegistry\.ProviderPaused/);
  await assert.rejects(sendAndWait(api, api.tx.bidMatching.placeBid(orderId, MAX_PRICE), who.ferdie),
    /providerSlashing\.NotBonded/);
  await assert.rejects(sendAndWait(api, api.tx.bidMatching.placeBid(orderId, MAX_PRICE), who.charlie),
    /providerSlashing\.BondBelowMinimum/);
  await sendAndWait(api, api.tx.bidMatching.placeBid(orderId, MAX_PRICE), who.bob);
  await sendAndWait(api, api.tx.bidMatching.cancelOrder(orderId), who.eve);
  await sendAndWait(api, api.tx.resourceRegistry.resumeProvider(), who.dave);
  await sendAndWait(api, api.tx.resourceRegistry.deregisterProvider(), who.ferdie);
});

test('a tenant holding only USDT leases in USDT: its fees, budget and deposit in USDT, the provider and the treasury paid in USDT to the unit', async () => {
  const tenant = usdtTenant();
  const provider = new Keyring({ type: 'sr25519' }).addFromUri('//UsdtProvider');
  const treasury = treasuryAccount(api);
  const inUsdt = { WithId: USDT };
  const paying = { assetId: USDT };
  const usdtDelta = async (address, blockHash) =>
    await usdtAt(api, address, blockHash) - await usdtAt(api, address, await parentOf(api, blockHash));
  const strOf = async (address) => (await api.query.system.account(address)).data.free.toBigInt();

  // Governance: 1 USDT is worth 2 STRA (2·10⁶ plancks a unit), and the market takes USDT
  // (the treasury pays its USDT account's deposit from its STRA).
  const rate = 2_000_000n;
  await setUsdtRate(api, who.alice, rate);
  await assert.rejects(
    sendAndWait(api, api.tx.bidMatching.createOrder(MANIFEST, ASK, REGION, null, NO_REQUIREMENTS, DOLLAR, 100n * DOLLAR, 20, inUsdt), tenant, 60_000, paying),
    /bidMatching\.AssetNotAccepted/,
  );
  await sendAndWait(api, api.tx.balances.transferKeepAlive(treasury, UNIT), who.alice);
  await sudo(api, api.tx.marketParameters.acceptAsset(USDT), who.alice);
  // A new provider, holding STRA and no USDT.
  await sendAndWait(api, api.tx.balances.transferKeepAlive(provider.address, 1_000n * UNIT), who.alice);
  await registerAndBond(api, provider, { capacity: CAPACITY, attributes: REGION, bond: MIN_BOND });
  assert.equal(await usdtAt(api, provider.address), 0n);

  const start = await usdtAt(api, tenant.address);
  assert.equal(await strOf(tenant.address), 0n, 'the tenant holds no STRA');
  let fees = 0n;
  const maxPrice = DOLLAR / 100n;
  const budget = 200n * maxPrice;
  const created = await sendAndWait(api, api.tx.bidMatching.createOrder(
    MANIFEST, ASK, REGION, null, NO_REQUIREMENTS, maxPrice, budget, 20, inUsdt), tenant, 60_000, paying);
  fees += assetFeeOf(api, created.events, tenant).fee;
  const { orderId, asset } = findEvent(created.events, (e) => api.events.bidMatching.OrderCreated.is(e)).data;
  assert.ok(asset.isWithId, 'the order is in a foreign asset');
  assert.deepEqual(asset.asWithId.toJSON(), api.createType('StagingXcmV5Location', USDT).toJSON());
  // The order deposit is its STRA parameter's worth in USDT, held beside the budget.
  const deposit = (await api.query.bidMatching.orders(orderId)).unwrap().deposit.toBigInt();
  assert.equal(deposit, BigInt((await call('marketParameters')).orderDeposit.value) / rate);
  assert.equal(await usdtAt(api, tenant.address, created.blockHash), start - fees - budget - deposit);

  // The provider bids an odd price, so the take rate rounds; the tenant accepts.
  const price = maxPrice - 3n;
  await sendAndWait(api, api.tx.bidMatching.placeBid(orderId, price), provider);
  const accepted = await sendAndWait(api, api.tx.bidMatching.acceptBid(orderId, provider.address), tenant, 60_000, paying);
  fees += assetFeeOf(api, accepted.events, tenant).fee;
  const leaseId = findEvent(accepted.events, (e) => api.events.bidMatching.OrderMatched.is(e)).data.leaseId.toNumber();
  assert.equal(await usdtAt(api, tenant.address, accepted.blockHash), start - fees - budget, 'the order deposit came back');
  await sendAndWait(api, api.tx.leaseEscrow.confirmReady(leaseId), provider);

  // The provider collects in USDT: price × blocks, the take rate to the treasury.
  await waitForBlock(api, (await api.rpc.chain.getHeader()).number.toNumber() + 3);
  const withdrawn = await sendAndWait(api, api.tx.leaseEscrow.withdraw(leaseId), provider);
  const paid = findEvent(withdrawn.events, (e) => api.events.leaseEscrow.Withdrawn.is(e)).data;
  const lease = (await (await api.at(withdrawn.blockHash)).query.leaseEscrow.leases(leaseId)).unwrap();
  const billed = BigInt(lease.settledUpTo.toNumber() - lease.state.asActive.billingFrom.toNumber());
  const total = price * billed;
  assert.ok(billed >= 3n);
  assert.equal(paid.paidToProvider.toBigInt() + paid.paidToTreasury.toBigInt(), total);
  assert.equal(paid.paidToTreasury.toBigInt(), perbillOf(TAKE_RATE, total));
  assert.equal(await usdtDelta(provider.address, withdrawn.blockHash), paid.paidToProvider.toBigInt());
  assert.equal(await usdtDelta(treasury, withdrawn.blockHash), paid.paidToTreasury.toBigInt());

  // The tenant closes: the rest of the budget comes back in USDT, less the record's deposit.
  const closed = await sendAndWait(api, api.tx.leaseEscrow.closeLease(leaseId), tenant, 60_000, paying);
  const closeFee = assetFeeOf(api, closed.events, tenant).fee;
  fees += closeFee;
  const end = findEvent(closed.events, (e) => api.events.leaseEscrow.LeaseClosed.is(e)).data;
  const spent = total + end.paidToProvider.toBigInt() + end.paidToTreasury.toBigInt();
  assert.equal(end.owedToProvider.toBigInt(), 0n);
  assert.equal(end.refunded.toBigInt(), budget - spent - end.recordDeposit.toBigInt());
  assert.equal(await usdtAt(api, tenant.address, closed.blockHash),
    start - fees - spent - end.recordDeposit.toBigInt());
  assert.equal(await usdtDelta(treasury, closed.blockHash), end.paidToTreasury.toBigInt() + closeFee,
    'the treasury takes its share and the fee, in USDT');
  assert.equal(await strOf(tenant.address), 0n, 'not a planck of STRA moved for the tenant');
});
