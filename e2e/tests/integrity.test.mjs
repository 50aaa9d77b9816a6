// No escape from accountability, through extrinsics on a running
// `stratus-node --dev`: a provider that closes a failed lease first is still
// reported and slashed, and a provider jailed while it tried to leave the
// registry comes back jailed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { sendAndWait, startDevNode, waitForBlock } from '../lib/node.mjs';
import {
  CAPACITY, MANIFEST, MAX_PRICE, NO_REQUIREMENTS, REGION, UNIT, devAccounts, findEvent, leaseFrom, perbillOf, sliceOf,
  registerAndBond, sudo,
} from '../lib/market.mjs';

const BOND = 1_000n * UNIT;

let node;
let api;
let who;

before(async () => {
  await cryptoWaitReady();
  node = await startDevNode({ extraArgs: ['--dev-block-time', '1000'] });
  api = node.api;
  who = devAccounts();
  await Promise.all([who.bob, who.dave].map((p) =>
    registerAndBond(api, p, { capacity: CAPACITY, attributes: REGION, bond: BOND })));
});

after(async () => {
  await node?.api.disconnect();
  await node?.stop();
});

const call = async (fn, ...args) => (await api.call.computeMarketApi[fn](...args)).toJSON();

async function parameter(name) {
  const value = await api.query.parameters.parameters({ Market: { [name]: null } });
  return value.isSome ? value.unwrap().asMarket[`as${name}`] : null;
}

/** `tenant` reports `kind` on `leaseId`; returns the report id. */
async function report(tenant, leaseId, kind) {
  const { events } = await sendAndWait(
    api, api.tx.providerSlashing.reportFault(leaseId, kind, `0x${'cd'.repeat(32)}`), tenant,
  );
  return findEvent(events, (e) => api.events.providerSlashing.FaultReported.is(e)).data.reportId.toNumber();
}

/** Waits until every lease in `ids` has run its minimum term. */
async function waitForMinTerm(ids) {
  const views = await Promise.all(ids.map((id) => call('lease', id)));
  const term = api.consts.bidMatching.minLeaseTerm.toNumber();
  await waitForBlock(api, Math.max(...views.map((v) => v.startedAt)) + term, 300_000);
}

test('closing a failed lease first escapes neither the report nor the jail', async () => {
  const budget = MAX_PRICE * 1_000n;
  const maxFaults = api.consts.providerSlashing.maxFaultsBeforeJail.toNumber();
  // Dave closes leases early until one fault is left before jail.
  for (let fault = 1; fault < maxFaults; fault += 1) {
    const leaseId = await leaseFrom(api, who.eve, who.dave, MAX_PRICE, budget);
    await sendAndWait(api, api.tx.leaseEscrow.closeLease(leaseId), who.dave);
    const slashed = await call('stake', who.dave.address);
    assert.equal(slashed.faults, fault);
    // Back to the bond, so that only the jail stops a bid.
    await sendAndWait(api, api.tx.providerSlashing.bond(BOND - BigInt(slashed.bonded)), who.dave);
  }

  // Bob's and Dave's machines fail; each closes its lease once the minimum
  // term is served, which costs nothing by itself, before the tenant reports.
  const bobs = await leaseFrom(api, who.eve, who.bob, MAX_PRICE, budget);
  const daves = await leaseFrom(api, who.ferdie, who.dave, MAX_PRICE, budget);
  await waitForMinTerm([bobs, daves]);
  for (const [leaseId, provider] of [[bobs, who.bob], [daves, who.dave]]) {
    const { events } = await sendAndWait(api, api.tx.leaseEscrow.closeLease(leaseId), provider);
    assert.equal(findEvent(events, (e) => api.events.providerSlashing.Slashed.is(e)), undefined);
  }
  assert.equal((await call('stake', who.bob.address)).faults, 0);

  // Eve reports Bob's closed lease within the grace period; upheld, the slash
  // stands and she is compensated although the lease is gone.
  const bobsReport = await report(who.eve, bobs, 'Unavailable');
  const bond = BigInt((await call('stake', who.bob.address)).bonded);
  const resolved = await sudo(api, api.tx.providerSlashing.resolveReport(bobsReport, 'Uphold'), who.alice);
  const slashed = findEvent(resolved.events, (e) => api.events.providerSlashing.Slashed.is(e)).data;
  const share = await parameter('UnavailableSlash');
  const unavailable = share ? share.toNumber() : (await call('marketParameters')).unavailableSlash.value;
  // A share of the lease's slice, not of the bond.
  assert.equal(slashed.amount.toBigInt(), perbillOf(unavailable, await sliceOf(api, MAX_PRICE)));
  assert.ok(slashed.amount.toBigInt() < bond);
  assert.ok(slashed.toTenant.toBigInt() > 0n, 'the tenant is compensated');
  assert.equal(slashed.provider.toString(), who.bob.address);
  const done = findEvent(resolved.events, (e) => api.events.providerSlashing.ReportResolved.is(e)).data;
  assert.equal(done.leaseClosed.toJSON(), false, 'there was no lease left to close');

  // Ferdie reports Dave's closed lease: Dave cannot leave while it is open.
  const davesReport = await report(who.ferdie, daves, 'NotDelivered');
  await assert.rejects(sendAndWait(api, api.tx.resourceRegistry.deregisterProvider(), who.dave),
    /resourceRegistry\.OpenReportsPending/);
  await sudo(api, api.tx.providerSlashing.resolveReport(davesReport, 'Uphold'), who.alice);
  assert.equal((await call('stake', who.dave.address)).faults, maxFaults);
  assert.equal((await call('provider', who.dave.address)).jailed, true);

  // Leaving and registering again sheds nothing: the jail is kept with the bond.
  await sendAndWait(api, api.tx.resourceRegistry.deregisterProvider(), who.dave);
  assert.equal(await call('provider', who.dave.address), null);
  await sendAndWait(
    api, api.tx.resourceRegistry.registerProvider(CAPACITY, REGION, 'https://provider.example'), who.dave,
  );
  assert.equal((await call('provider', who.dave.address)).jailed, true);
  const order = await sendAndWait(
    api, api.tx.bidMatching.createOrder(
      MANIFEST, { cpuMillicores: 1_000, memoryMib: 1_024, storageGib: 10, gpuUnits: 0 }, REGION, null, NO_REQUIREMENTS, MAX_PRICE, budget,
      api.consts.bidMatching.minBidWindow.toNumber(),
      'Native',
    ), who.eve,
  );
  const orderId = findEvent(order.events, (e) => api.events.bidMatching.OrderCreated.is(e)).data.orderId;
  await assert.rejects(sendAndWait(api, api.tx.bidMatching.placeBid(orderId, MAX_PRICE), who.dave),
    /resourceRegistry\.ProviderJailed/);
  // The adjudicator can still let it out.
  await sudo(api, api.tx.providerSlashing.unjailProvider(who.dave.address), who.alice);
  assert.equal((await call('provider', who.dave.address)).jailed, false);
});
