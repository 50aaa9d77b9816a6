// The marketplace's life cycle through a collator's RPC on the relay-backed
// network: a provider registers and bonds, a tenant orders, the provider
// bids, the hook matches the bid when the window ends, the lease is settled
// and the tenant closes it. Every amount is checked against the chain's own
// numbers; any mismatch throws and fails the zombienet test.
const assert = require('node:assert/strict');
const { helpers, connectTo, log } = require('./common.cjs');

/** The hash of the workload manifest the order commits to (any non-zero 32 bytes). */
const MANIFEST = `0x${'4d'.repeat(32)}`;
const NO_REQUIREMENTS = { minScore: 0, minCompleted: 0 };

async function run(nodeName, networkInfo) {
  const { node, market } = await helpers();
  const { sendAndWait } = node;
  const { UNIT, devAccounts, findEvent, registerAndBond, waitForEvent, numberOf } = market;
  const api = await connectTo(networkInfo, nodeName);
  try {
    const { charlie: provider, eve: tenant } = devAccounts();
    const call = async (fn, ...args) => (await api.call.computeMarketApi[fn](...args)).toJSON();
    // The market parameters in force, defaults filled in by the runtime.
    const params = await call('marketParameters');
    const param = (name) => BigInt(params[name].value);

    const capacity = { cpuMillicores: 8_000, memoryMib: 16_384, storageGib: 200, gpuUnits: 0 };
    const attributes = [{ key: 'region', value: 'local' }];
    const bond = param('minProviderBond');
    await registerAndBond(api, provider, { capacity, attributes, bond });
    assert.equal((await call('provider', provider.address)).status, 'Active');
    assert.equal(BigInt((await call('stake', provider.address)).bonded), bond);
    log('provider registered and bonded', bond.toString());

    const ask = { cpuMillicores: 1_000, memoryMib: 2_048, storageGib: 20, gpuUnits: 0 };
    const maxPrice = UNIT / 100n;
    const budget = maxPrice * BigInt(api.consts.bidMatching.minLeaseBlocks.toNumber()) * 10n;
    const window = api.consts.bidMatching.minBidWindow.toNumber();
    const created = await sendAndWait(api, api.tx.bidMatching.createOrder(MANIFEST, ask, attributes, null, NO_REQUIREMENTS, maxPrice, budget, window), tenant);
    const orderId = findEvent(created.events, (e) => api.events.bidMatching.OrderCreated.is(e)).data.orderId.toNumber();
    const orderBlock = await numberOf(api, created.blockHash);
    log('order', orderId, 'created in block', orderBlock);

    const price = (maxPrice * 7n) / 10n;
    await sendAndWait(api, api.tx.bidMatching.placeBid(orderId, price), provider);
    assert.equal((await call('bids', orderId)).length, 1);

    // The window is `window` blocks; at 6 s or 12 s a block, allow for 12 s.
    const matched = await waitForEvent(api, orderBlock, (e) =>
      api.events.bidMatching.OrderMatched.is(e) && e.data.orderId.toNumber() === orderId, (window + 10) * 12_000);
    assert.equal(matched.event.data.provider.toString(), provider.address);
    assert.equal(matched.event.data.price.toBigInt(), price);
    assert.equal(matched.event.data.escrow.toBigInt(), budget);
    const leaseId = matched.event.data.leaseId.toNumber();
    assert.equal(await call('order', orderId), null, 'the order became a lease');
    log('order matched in block', matched.number, 'as lease', leaseId);
    assert.equal(Object.keys((await call('lease', leaseId)).state)[0], 'pending');
    await sendAndWait(api, api.tx.leaseEscrow.confirmReady(leaseId), provider);
    log('lease confirmed ready by its provider: billing starts');

    const takeRate = param('takeRate'); // parts per billion
    const before = await call('lease', leaseId);
    const settled = await sendAndWait(api, api.tx.leaseEscrow.settle(leaseId), tenant);
    const paid = findEvent(settled.events, (e) => api.events.leaseEscrow.LeaseSettled.is(e)).data;
    const blocks = BigInt(paid.settledUpTo.toNumber() - before.settledUpTo);
    assert.ok(blocks > 0n, 'the lease ran for some blocks');
    const owed = price * blocks;
    assert.equal(paid.accruedToProvider.toBigInt() + paid.accruedToTreasury.toBigInt(), owed);
    assert.equal(paid.accruedToTreasury.toBigInt(), (takeRate * owed) / 1_000_000_000n);
    log('lease settled for', blocks.toString(), 'blocks');

    const mid = await call('lease', leaseId);
    const closed = await sendAndWait(api, api.tx.leaseEscrow.closeLease(leaseId), tenant);
    const end = findEvent(closed.events, (e) => api.events.leaseEscrow.LeaseClosed.is(e)).data;
    assert.equal(end.reason.type, 'ByTenant');
    const owedAtClose = price * BigInt(await numberOf(api, closed.blockHash) - mid.settledUpTo);
    assert.equal(end.paidToProvider.toBigInt() + end.paidToTreasury.toBigInt(), owedAtClose);
    // What is left goes back to the tenant, less the closed record's deposit.
    assert.equal(end.refunded.toBigInt() + end.recordDeposit.toBigInt(), BigInt(mid.balance) - owedAtClose);
    assert.equal(await call('lease', leaseId), null, 'the lease is gone');
    assert.equal((await call('provider', provider.address)).allocated.cpuMillicores, 0);
    log('lease closed by the tenant; refunded', end.refunded.toString());
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
