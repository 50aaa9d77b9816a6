// Accountability priced by harm, on a running `stratus-node --dev`: the two
// attacks on the old slashing (a share of the whole bond per lease, paid to
// the tenant) replayed through @polkadot/api. A thief holding a provider's
// agent key (its `ProviderOps` proxy) and a tenant account of its own, and a
// tenant holding fifty tiny leases with a provider that goes silent. Each
// counts the attackers' net gain in planck from their balances (free and
// held) before and after, and prints it: it must not be positive, even
// before the transaction fees they paid.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { sendAndWait, startDevNode, waitForBlock } from '../lib/node.mjs';
import {
  MANIFEST, NO_REQUIREMENTS, REGION, UNIT, devAccounts, feeOf, findEvent, numberOf, perbillOf,
  registerAndBond, sliceOf, sudo,
} from '../lib/market.mjs';

/** What each of these leases asks for: a sliver, so that one machine holds fifty. */
const SLIVER = { cpuMillicores: 1, memoryMib: 1, storageGib: 1, gpuUnits: 0 };
/** A planck a block: a lease worth nothing, so that its slice is the floor. */
const PRICE = 1n;
const BOND = 1_000n * UNIT;

let node;
let api;
let who;
const keyring = new Keyring({ type: 'sr25519' });

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

/** What `address` owns in STRA at `blockHash` (or the best block): free and held. */
async function worth(address, blockHash) {
  const at = blockHash ? await api.at(blockHash) : api;
  const { data } = await at.query.system.account(address);
  return data.free.toBigInt() + data.reserved.toBigInt();
}

/**
 * Tracks the transaction fees a set of accounts pays: `send` signs and waits
 * like `sendAndWait` and adds the signer's fee.
 */
function feeLedger() {
  const ledger = {
    paid: 0n,
    async send(tx, signer) {
      const result = await sendAndWait(api, tx, signer);
      ledger.paid += feeOf(api, result.events, signer);
      return result;
    },
  };
  return ledger;
}

/** `agent` makes `inner` for `real` as its proxy; throws the inner call's error if it failed. */
async function asProxy(ledger, agent, real, inner) {
  const result = await ledger.send(api.tx.proxy.proxy(real.address, null, inner), agent);
  const executed = findEvent(result.events, (e) => api.events.proxy.ProxyExecuted.is(e));
  assert.ok(executed, 'no ProxyExecuted event');
  const outcome = executed.data.result;
  if (outcome.isErr) {
    const err = outcome.asErr;
    const { section, name } = err.isModule ? api.registry.findMetaError(err.asModule) : { section: '', name: err.type };
    throw new Error(`${section}.${name}`);
  }
  return result;
}

/** Sends `calls` as one `utility.batchAll` of `signer`'s; returns the events. */
async function batch(ledger, signer, calls) {
  return (await ledger.send(api.tx.utility.batchAll(calls), signer)).events;
}

/** The ids the `OrderCreated` events in `events` name, in order. */
const createdOrders = (events) => events
  .filter(({ event }) => api.events.bidMatching.OrderCreated.is(event))
  .map(({ event }) => event.data.orderId.toNumber());

/** The lease ids the `OrderMatched` events in `events` name, in order. */
const matchedLeases = (events) => events
  .filter(({ event }) => api.events.bidMatching.OrderMatched.is(event))
  .map(({ event }) => event.data.leaseId.toNumber());

/** `count` sliver orders of `tenant` at `PRICE` with a budget `budget` each, in one batch. */
function sliverOrders(count, budget) {
  const window = api.consts.bidMatching.minBidWindow.toNumber();
  return Array.from({ length: count }, () => api.tx.bidMatching.createOrder(
    MANIFEST, SLIVER, REGION, null, NO_REQUIREMENTS, PRICE, budget, window, 'Native',
  ));
}

/**
 * The `Slashed` events in `events`, as { amount, toTenant, reason, paid }:
 * `paid` is what the lease cost its tenant (its budget less what the
 * `LeaseClosed` event of the same lease refunded and held as the record's
 * deposit).
 */
const slashes = (events, budget) => events
  .filter(({ event }) => api.events.providerSlashing.Slashed.is(event))
  .map(({ event }) => {
    const { reason } = event.data;
    const leaseId = (reason.isEarlyClose ? reason.asEarlyClose : reason.asUnreachable).leaseId.toNumber();
    const closed = findEvent(events, (e) => api.events.leaseEscrow.LeaseClosed.is(e) && e.data.leaseId.toNumber() === leaseId);
    assert.ok(closed, `no LeaseClosed for lease ${leaseId}`);
    const paid = budget - closed.data.refunded.toBigInt() - closed.data.recordDeposit.toBigInt();
    return {
      leaseId, amount: event.data.amount.toBigInt(), toTenant: event.data.toTenant.toBigInt(), reason, paid,
    };
  });

test('a stolen agent key and a tenant account of the thief\'s gain nothing from closing the provider\'s leases', async () => {
  // Bob, a provider, runs his agent under Ferdie's key (a ProviderOps
  // proxy). A thief steals Ferdie's key and holds Eve's account as a tenant.
  const { bob, ferdie: thief, eve: tenant } = who;
  await registerAndBond(api, bob, {
    capacity: { cpuMillicores: 1_000, memoryMib: 1_000, storageGib: 1_000, gpuUnits: 0 }, attributes: REGION, bond: BOND,
  });
  await sendAndWait(api, api.tx.proxy.addProxy(thief.address, 'ProviderOps', 0), bob);
  const slice = await sliceOf(api, PRICE);
  const params = await call('marketParameters');
  const thiefBefore = await worth(thief.address) + await worth(tenant.address);
  const bobBefore = BigInt((await call('stake', bob.address)).bonded);
  const fees = feeLedger();

  // Eve orders four slivers at a planck a block; through Bob's proxy the
  // thief bids a planck on each, Eve accepts, the proxy confirms them ready.
  const orders = createdOrders(await batch(fees, tenant, sliverOrders(4, 1_000n)));
  assert.equal(orders.length, 4);
  for (const orderId of orders) {
    await asProxy(fees, thief, bob, api.tx.bidMatching.placeBid(orderId, PRICE));
  }
  const leases = matchedLeases(await batch(
    fees, tenant, orders.map((orderId) => api.tx.bidMatching.acceptBid(orderId, bob.address)),
  ));
  assert.equal(leases.length, 4);
  for (const leaseId of leases) await asProxy(fees, thief, bob, api.tx.leaseEscrow.confirmReady(leaseId));
  assert.equal(BigInt((await call('stake', bob.address)).committed), 4n * slice, 'each lease commits its slice');

  // A few blocks later the thief closes every lease early through the proxy.
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  await waitForBlock(api, head + 3);
  const taken = [];
  let last;
  for (const leaseId of leases) {
    last = await asProxy(fees, thief, bob, api.tx.leaseEscrow.closeLease(leaseId));
    const [slash] = slashes(last.events, 1_000n);
    assert.ok(slash.reason.isEarlyClose && slash.leaseId === leaseId);
    taken.push(slash);
  }
  // Each close took a share of that lease's slice, not of the bond; the
  // tenant's part is at most what it paid for the lease.
  for (const slash of taken) {
    assert.equal(slash.amount, perbillOf(params.earlyCloseSlash.value, slice));
    assert.ok(slash.toTenant <= slash.paid, `compensation ${slash.toTenant} above the ${slash.paid} the lease cost`);
  }
  const bobAfter = await call('stake', bob.address);
  const lost = bobBefore - BigInt(bobAfter.bonded);
  assert.equal(lost, taken.reduce((sum, s) => sum + s.amount, 0n));
  assert.equal(BigInt(bobAfter.committed), 0n, 'closing frees every slice');

  const thiefAfter = await worth(thief.address, last.blockHash) + await worth(tenant.address, last.blockHash);
  const gain = thiefAfter - thiefBefore;
  const gainBeforeFees = gain + fees.paid;
  console.log(`stolen agent key, four leases closed early: thief's net gain ${gain} planck `
    + `(${gainBeforeFees} before ${fees.paid} of fees); Bob lost ${lost} planck of his ${BOND} bond`);
  assert.ok(gain <= 0n, `the thief gained ${gain}`);
  assert.ok(gainBeforeFees <= 0n, `the thief gained ${gainBeforeFees} before fees`);
  await sendAndWait(api, api.tx.proxy.removeProxy(thief.address, 'ProviderOps', 0), bob);
});

test('a tenant with fifty tiny leases gains nothing when their provider goes silent', async () => {
  const provider = keyring.addFromUri('//SybilProvider');
  const tenant = keyring.addFromUri('//SybilTenant');
  await sendAndWait(api, api.tx.utility.batchAll([
    api.tx.balances.transferKeepAlive(provider.address, BOND + 100n * UNIT),
    api.tx.balances.transferKeepAlive(tenant.address, 500n * UNIT),
  ]), who.alice);
  await registerAndBond(api, provider, {
    capacity: { cpuMillicores: 1_000, memoryMib: 1_000, storageGib: 1_000, gpuUnits: 0 }, attributes: REGION, bond: BOND,
  });
  const params = await call('marketParameters');
  const slice = await sliceOf(api, PRICE);
  const tenantBefore = await worth(tenant.address);
  const fees = feeLedger();
  const providerFees = feeLedger();

  // Fifty sliver leases at a planck a block, ten to a batch.
  const leases = [];
  for (let round = 0; round < 5; round += 1) {
    const orders = createdOrders(await batch(fees, tenant, sliverOrders(10, 10_000n)));
    await batch(providerFees, provider, orders.map((orderId) => api.tx.bidMatching.placeBid(orderId, PRICE)));
    const opened = matchedLeases(await batch(
      fees, tenant, orders.map((orderId) => api.tx.bidMatching.acceptBid(orderId, provider.address)),
    ));
    await batch(providerFees, provider, opened.map((leaseId) => api.tx.leaseEscrow.confirmReady(leaseId)));
    leases.push(...opened);
  }
  assert.equal(leases.length, 50);
  assert.equal(BigInt((await call('stake', provider.address)).committed), 50n * slice);

  // The provider goes silent: governance shortens the heartbeat interval to
  // ten blocks and the provider sends none.
  const setInterval = (value) => api.tx.marketParameters.setParameter({ Market: { HeartbeatInterval: [null, value] } });
  try {
    const set = await sudo(api, setInterval(10), who.alice);
    const view = await call('provider', provider.address);
    await waitForBlock(api, Math.max(view.lastHeartbeat, await numberOf(api, set.blockHash)) + 12);
    assert.equal((await call('provider', provider.address)).liveness, 'Unreachable');
    const bondBefore = BigInt((await call('stake', provider.address)).bonded);

    // The tenant closes every lease: each ends ProviderUnreachable.
    let last;
    const taken = [];
    for (let i = 0; i < leases.length; i += 10) {
      last = await batch(fees, tenant, leases.slice(i, i + 10).map((leaseId) => api.tx.leaseEscrow.closeLease(leaseId)));
      taken.push(...slashes(last, 10_000n));
    }
    assert.equal(taken.length, 50);
    for (const slash of taken) {
      assert.ok(slash.reason.isUnreachable);
      assert.equal(slash.amount, perbillOf(params.earlyCloseSlash.value, slice));
      assert.ok(slash.toTenant <= slash.paid, `compensation ${slash.toTenant} above the ${slash.paid} the lease cost`);
    }
    const stake = await call('stake', provider.address);
    const lost = bondBefore - BigInt(stake.bonded);
    assert.equal(lost, 50n * perbillOf(params.earlyCloseSlash.value, slice), 'in proportion to the leases broken');
    assert.equal(BigInt(stake.committed), 0n);

    const gain = await worth(tenant.address) - tenantBefore;
    const gainBeforeFees = gain + fees.paid;
    console.log(`sybil tenant, fifty one-planck leases closed unreachable: tenant's net gain ${gain} planck `
      + `(${gainBeforeFees} before ${fees.paid} of fees); the provider lost ${lost} planck of its ${BOND} bond`);
    assert.ok(gain <= 0n, `the tenant gained ${gain}`);
    assert.ok(gainBeforeFees <= 0n, `the tenant gained ${gainBeforeFees} before fees`);
  } finally {
    await sudo(api, setInterval(null), who.alice);
  }
});
