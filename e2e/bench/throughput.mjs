// Throughput of a running dev node: N pre-signed `balances.transferKeepAlive`,
// then N pre-signed `bidMatching.placeBid`, each batch submitted at once over
// loopback RPC; reports the included extrinsics per second of each and their
// ratio, and the runtime's block limits for docs/PERFORMANCE.md.
//
//   node bench/throughput.mjs <out.json> [N]
//
// Starts its own `stratus-node --dev` (STRATUS_NODE selects the binary) with
// the chain's real 6 s block time, so that chain time is wall time and each
// block's proposer has the time a collator has. Bounded by N (default 6000,
// at most 10,000: enough to fill several blocks of either kind) and a time
// limit per phase.
import { writeFileSync } from 'node:fs';
import { Keyring } from '@polkadot/keyring';
import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { startDevNode, sendAndWait } from '../lib/node.mjs';
import { MANIFEST, NO_REQUIREMENTS, UNIT, devAccounts } from '../lib/market.mjs';

const out = process.argv[2];
const n = Math.min(Number(process.argv[3] ?? 6000), 10_000);
if (!out || !Number.isInteger(n) || n < 20) {
  console.error('usage: throughput.mjs <out.json> [N >= 20]');
  process.exit(2);
}
const BIDS_PER_ORDER = 20; // the runtime's MaxBidsPerOrder
const ORDERS_PER_TENANT = 25; // below MaxOpenOrdersPerTenant (32)
const PHASE_LIMIT_MS = 300_000;
const BLOCK_MS = 6000;
const STALL_BLOCKS = 5;

const keyring = new Keyring({ type: 'sr25519' });
const providers = Array.from({ length: BIDS_PER_ORDER }, (_, i) => keyring.addFromUri(`//Bench/Provider/${i}`));
const orders = Math.ceil(n / BIDS_PER_ORDER);
const tenants = Array.from({ length: Math.ceil(orders / ORDERS_PER_TENANT) }, (_, i) => keyring.addFromUri(`//Bench/Tenant/${i}`));
const { alice } = devAccounts();

const node = await startDevNode({ extraArgs: ['--dev-block-time', String(BLOCK_MS), '--pool-limit', String(2 * n)] });
const { api } = node;
try {
  const result = await run();
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`transfer_keep_alive: ${result.transfer.perSecond.toFixed(1)}/s, place_bid: ${result.placeBid.perSecond.toFixed(1)}/s, ratio ${result.ratio.toFixed(3)}`);
} finally {
  await api.disconnect();
  await node.stop();
}

async function run() {
  await setUp();
  const dests = Array.from({ length: n }, (_, i) => keyring.addFromUri(`//Bench/Dest/${i}`).address);
  const transfer = await measure('transfer', (k) => api.tx.balances.transferKeepAlive(dests[k], UNIT));
  const ids = await openOrderIds();
  if (ids.length < orders) throw new Error(`set-up opened ${ids.length} orders, wanted ${orders}`);
  // Each provider bids once on each order: its j-th bid goes to order j.
  const placeBid = await measure('place_bid', (_k, j) => api.tx.bidMatching.placeBid(ids[j], UNIT / 1000n));
  return {
    n,
    blockTimeMs: BLOCK_MS,
    transfer,
    placeBid,
    ratio: placeBid.perSecond / transfer.perSecond,
    limits: limits(),
  };
}

/** Funds the accounts, registers and bonds the providers, opens the orders. */
async function setUp() {
  const fund = [...providers, ...tenants].map((who) => api.tx.balances.transferKeepAlive(who.address, 10_000n * UNIT));
  await sendAndWait(api, api.tx.utility.batchAll(fund), alice);
  const capacity = { cpuMillicores: 1_000_000, memoryMib: 1_000_000, storageGib: 100_000, gpuUnits: 0 };
  await Promise.all(providers.map((who, i) => sendAndWait(api, api.tx.utility.batchAll([
    api.tx.resourceRegistry.registerProvider(capacity, [], `https://bench-${i}.provider.example`),
    api.tx.providerSlashing.bond(1_000n * UNIT),
  ]), who)));
  const ask = { cpuMillicores: 1_000, memoryMib: 1_024, storageGib: 10, gpuUnits: 0 };
  const maxPrice = UNIT / 100n;
  let left = orders;
  await Promise.all(tenants.map((who) => {
    const count = Math.min(ORDERS_PER_TENANT, left);
    left -= count;
    // Different windows spread the orders over expiry slots; all stay open
    // well past the measurement.
    const calls = Array.from({ length: count }, (_, j) => api.tx.bidMatching.createOrder(MANIFEST, ask, [], null, NO_REQUIREMENTS, maxPrice, maxPrice * 1_000n, 500 + j, 'Native'));
    return sendAndWait(api, api.tx.utility.batchAll(calls), who);
  }));
}

/** Ids of the open orders, read from their storage map. */
async function openOrderIds() {
  const entries = await api.query.bidMatching.orders.entries();
  return entries.map(([key]) => key.args[0].toNumber()).sort((a, b) => a - b);
}

/**
 * Pre-signs `n` extrinsics, `make(k, j)` for k in 0..n, spread over the
 * providers: provider p signs k = p * n / providers + j for j = 0, 1, ...
 * with consecutive nonces, submits them all, and waits
 * until every one is in a block. Rate: included extrinsics over the time
 * between the timestamp of the block before the first that includes one and
 * the timestamp of the last.
 */
async function measure(name, make) {
  const per = Math.ceil(n / providers.length);
  const signed = [];
  for (const [p, who] of providers.entries()) {
    let nonce = (await api.rpc.system.accountNextIndex(who.address)).toNumber();
    for (let j = 0; j < per; j += 1) {
      const k = p * per + j;
      if (k >= n) break;
      const tx = make(k, j);
      await tx.signAsync(who, { nonce, era: 0 });
      signed.push({ hex: tx.toHex(), hash: tx.hash.toHex() });
      nonce += 1;
    }
  }
  console.log(`${name}: ${signed.length} signed`);
  // The weight the runtime charges one of them: the call's, the base
  // extrinsic's and the transaction extensions'.
  // (Called by name with the SCALE-encoded arguments: the decorated
  // `api.call.transactionPaymentApi.queryInfo` encodes the extrinsic in a
  // way the runtime cannot decode.)
  const uxt = hexToU8a(signed[0].hex);
  const args = u8aConcat(uxt, api.createType('u32', uxt.length).toU8a());
  const info = api.createType('RuntimeDispatchInfo',
    await api.rpc.state.call('TransactionPaymentApi_query_info', u8aToHex(args)));
  const charged = { refTime: info.weight.refTime.toBigInt().toString(), proofSize: info.weight.proofSize.toBigInt().toString() };
  const start = (await api.rpc.chain.getHeader()).number.toNumber();
  const wanted = new Set(signed.map((s) => s.hash));
  // In nonce order per sender, a few hundred in flight at a time.
  for (let i = 0; i < signed.length; i += 200) {
    await Promise.all(signed.slice(i, i + 200).map((s) => api.rpc.author.submitExtrinsic(s.hex)));
  }
  const perBlock = [];
  let failed = 0;
  let next = start + 1;
  let first;
  let last;
  const deadline = Date.now() + PHASE_LIMIT_MS;
  // Ends when all are in, or when STALL_BLOCKS blocks in a row include none
  // of them: what is left then is reported, not waited for.
  while (wanted.size > 0 && !(last !== undefined && next - last > STALL_BLOCKS)) {
    if (Date.now() > deadline) throw new Error(`${name}: ${wanted.size} of ${n} not included within ${PHASE_LIMIT_MS} ms`);
    const head = (await api.rpc.chain.getHeader()).number.toNumber();
    if (next > head) { await new Promise((r) => setTimeout(r, 200)); continue; }
    const hash = await api.rpc.chain.getBlockHash(next);
    const [block, events] = await Promise.all([api.rpc.chain.getBlock(hash), api.query.system.events.at(hash)]);
    let count = 0;
    block.block.extrinsics.forEach((ex, index) => {
      if (!wanted.delete(ex.hash.toHex())) return;
      count += 1;
      const failedHere = events.some(({ phase, event }) => phase.isApplyExtrinsic
        && phase.asApplyExtrinsic.toNumber() === index && api.events.system.ExtrinsicFailed.is(event));
      if (failedHere) failed += 1;
    });
    if (count > 0) {
      console.log(`${name}: block ${next} included ${count}, ${wanted.size} to go`);
      first ??= next;
      last = next;
      const weight = (await api.query.system.blockWeight.at(hash)).normal;
      perBlock.push({
        block: next,
        count,
        normalWeight: { refTime: weight.refTime.toBigInt().toString(), proofSize: weight.proofSize.toBigInt().toString() },
      });
    }
    next += 1;
  }
  if (failed > 0) throw new Error(`${name}: ${failed} of ${n} extrinsics failed`);
  if (first === undefined) throw new Error(`${name}: none of ${n} was included`);
  // What was not included: still waiting in the pool, or gone from it.
  const pending = new Set((await api.rpc.author.pendingExtrinsics()).map((ex) => ex.hash.toHex()));
  const stillPending = [...wanted].filter((h) => pending.has(h)).length;
  const included = n - wanted.size;
  const timestamp = async (number) => (await api.query.timestamp.now.at(await api.rpc.chain.getBlockHash(number))).toNumber();
  const seconds = (await timestamp(last) - await timestamp(first - 1)) / 1000;
  // Blocks the load filled: all but the first and last that include any,
  // which the submission and the tail only partly fill.
  const full = perBlock.slice(1, -1).map((b) => b.count);
  const fullest = perBlock.reduce((a, b) => (b.count > a.count ? b : a));
  const result = {
    n,
    included,
    notIncluded: { pending: stillPending, dropped: wanted.size - stillPending },
    blocks: last - first + 1,
    seconds,
    perSecond: included / seconds,
    maxPerBlock: fullest.count,
    fullestBlock: fullest,
    charged,
    fullBlocks: full.length,
    perFullBlock: full.length ? full.reduce((a, b) => a + b, 0) / full.length : null,
    perBlock,
  };
  if (wanted.size > 0) {
    console.log(`${name}: ${wanted.size} not included after ${STALL_BLOCKS} blocks without any: `
      + `${stillPending} still in the pool, ${wanted.size - stillPending} gone from it`);
  }
  console.log(`${name}: ${included} of ${n} in ${result.blocks} blocks, ${seconds} s, ${result.perSecond.toFixed(1)}/s, at most ${result.maxPerBlock} per block`);
  return result;
}

/** The limits the report sizes calls and hooks against, from the metadata. */
function limits() {
  const w = (x) => ({ refTime: x.refTime.toBigInt().toString(), proofSize: x.proofSize.toBigInt().toString() });
  const weights = api.consts.system.blockWeights;
  const normal = weights.perClass.normal;
  return {
    maxBlock: w(weights.maxBlock),
    normalMaxTotal: w(normal.maxTotal.unwrap()),
    normalMaxExtrinsic: w(normal.maxExtrinsic.unwrap()),
    baseExtrinsic: w(normal.baseExtrinsic),
    baseBlock: w(weights.baseBlock),
    normalMaxLength: api.consts.system.blockLength.max.normal.toNumber(),
    dbWeight: { read: api.consts.system.dbWeight.read.toString(), write: api.consts.system.dbWeight.write.toString() },
    hooks: {
      bidMatching: {
        hookWeight: w(api.consts.bidMatching.hookWeight),
        maxExpiriesPerBlock: api.consts.bidMatching.maxExpiriesPerBlock.toNumber(),
        maxBidsPerOrder: api.consts.bidMatching.maxBidsPerOrder.toNumber(),
      },
      leaseEscrow: {
        hookWeight: w(api.consts.leaseEscrow.hookWeight),
        maxRunDryPerBlock: api.consts.leaseEscrow.maxRunDryPerBlock.toNumber(),
      },
      providerSlashing: {
        hookWeight: w(api.consts.providerSlashing.hookWeight),
        maxReportsPerBlock: api.consts.providerSlashing.maxReportsPerBlock.toNumber(),
      },
    },
  };
}
