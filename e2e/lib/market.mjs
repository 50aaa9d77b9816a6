// Helpers for driving the marketplace through a running node.
import { Keyring } from '@polkadot/keyring';
import { sendAndWait } from './node.mjs';

/** One STRA in plancks. */
export const UNIT = 10n ** 12n;

/** What the tests' providers offer, where, and what their orders ask for, at most at what price. */
export const CAPACITY = { cpuMillicores: 16_000, memoryMib: 65_536, storageGib: 1_000, gpuUnits: 0 };
export const REGION = [{ key: 'region', value: 'eu-west' }];
export const ASK = { cpuMillicores: 2_000, memoryMib: 4_096, storageGib: 50, gpuUnits: 0 };
export const MAX_PRICE = UNIT / 100n;
/** The hash of the workload manifest the tests' orders commit to (any non-zero 32 bytes). */
export const MANIFEST = `0x${'4d'.repeat(32)}`;
/** An order's track-record requirements when it has none: any score, no completed lease. */
export const NO_REQUIREMENTS = { minScore: 0, minCompleted: 0 };

/** The dev accounts by name. */
export function devAccounts() {
  const keyring = new Keyring({ type: 'sr25519' });
  const names = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];
  return Object.fromEntries(names.map((n) => [n.toLowerCase(), keyring.addFromUri(`//${n}`)]));
}

/** Asset Hub's asset `index` (its `Assets` pallet), as Stratus locates it. */
export function assetHubAsset(index) {
  return { parents: 1, interior: { X3: [{ Parachain: 1000 }, { PalletInstance: 50 }, { GeneralIndex: index }] } };
}

/** USDT's location on Stratus. */
export const USDT = assetHubAsset(1984);

/** One USDT in its units (6 decimals). */
export const DOLLAR = 1_000_000n;

/** The development chain's account holding only USDT (10,000 of it) at genesis. */
export function usdtTenant() {
  return new Keyring({ type: 'sr25519' }).addFromUri('//UsdtTenant');
}

/** The USDT balance of `address` at `blockHash` (or the best block). */
export async function usdtAt(api, address, blockHash) {
  const at = blockHash ? await api.at(blockHash) : api;
  const account = await at.query.foreignAssets.account(USDT, address);
  return account.isSome ? account.unwrap().balance.toBigInt() : 0n;
}

/**
 * Sets, through sudo, what one unit of USDT is worth: `plancksPerUnit`
 * plancks of STRA for each of its smallest units (AssetRate's FixedU128).
 */
export async function setUsdtRate(api, alice, plancksPerUnit) {
  const rate = BigInt(plancksPerUnit) * 10n ** 18n;
  const existing = await api.query.assetRate.conversionRateToNative(USDT);
  const call = existing.isSome ? api.tx.assetRate.update(USDT, rate) : api.tx.assetRate.create(USDT, rate);
  await sudo(api, call, alice);
}

/** The treasury's account (`modlpy/trsry`). */
export function treasuryAccount(api) {
  return api.createType(
    'AccountId', new Uint8Array([...new TextEncoder().encode('modlpy/trsry'), ...new Uint8Array(20)]),
  ).toString();
}

/**
 * Governance, through Alice's sudo, rates USDT at 2 STRA and has the market
 * take it; Alice gives the treasury the STRA for its USDT account's deposit.
 */
export async function acceptUsdt(api, alice) {
  await setUsdtRate(api, alice, 2_000_000n);
  await sendAndWait(api, api.tx.balances.transferKeepAlive(treasuryAccount(api), UNIT), alice);
  await sudo(api, api.tx.marketParameters.acceptAsset(USDT), alice);
}

/** The fee the `AssetTxFeePaid` event in `events` reports for `who`, with the asset it was paid in. */
export function assetFeeOf(api, events, who) {
  const paid = events.find(({ event }) => api.events.assetTxPayment.AssetTxFeePaid.is(event)
    && event.data.who.toString() === who.address);
  if (!paid) throw new Error(`no AssetTxFeePaid for ${who.address}`);
  return { fee: paid.event.data.actualFee.toBigInt() + paid.event.data.tip.toBigInt(), assetId: paid.event.data.assetId };
}

/** Plancks of `share` parts per billion of `amount`, rounded down (Perbill::mul_floor). */
export function perbillOf(partsPerBillion, amount) {
  return (BigInt(partsPerBillion) * amount) / 1_000_000_000n;
}

/**
 * The slice of its provider's bond a lease at `price` a block commits, from
 * the chain's parameters: its minimum term's worth times `LeaseStakeRatio`
 * (rounded down), never below `MinLeaseStake`. Every slash for the lease is
 * a share of this.
 */
export async function sliceOf(api, price) {
  const params = (await api.call.computeMarketApi.marketParameters()).toJSON();
  const term = BigInt(api.consts.bidMatching.minLeaseTerm.toNumber());
  const worth = perbillOf(params.leaseStakeRatio.value, price * term);
  const floor = BigInt(params.minLeaseStake.value);
  return worth > floor ? worth : floor;
}

/** The first event in `events` that `is` matches, or undefined. */
export function findEvent(events, is) {
  return events.find(({ event }) => is(event))?.event;
}

/** Transaction fee the `TransactionFeePaid` event in `events` reports for `who`. */
export function feeOf(api, events, who) {
  const paid = events.find(({ event }) => api.events.transactionPayment.TransactionFeePaid.is(event)
    && event.data.who.toString() === who.address);
  if (!paid) throw new Error(`no TransactionFeePaid for ${who.address}`);
  return paid.event.data.actualFee.toBigInt() + paid.event.data.tip.toBigInt();
}

/** Free balance of `address` at `blockHash` (or the best block). */
export async function freeAt(api, address, blockHash) {
  const at = blockHash ? await api.at(blockHash) : api;
  return (await at.query.system.account(address)).data.free.toBigInt();
}

/** The parent of `blockHash`. */
export async function parentOf(api, blockHash) {
  return (await api.rpc.chain.getHeader(blockHash)).parentHash;
}

/** The block number of `blockHash`. */
export async function numberOf(api, blockHash) {
  return (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
}

/** Wraps `call` in `sudo` and checks the inner call succeeded. */
export async function sudo(api, call, alice) {
  const result = await sendAndWait(api, api.tx.sudo.sudo(call), alice);
  const done = findEvent(result.events, (e) => api.events.sudo.Sudid.is(e));
  if (!done) throw new Error('no Sudid event');
  const inner = done.data.sudoResult;
  if (inner.isErr) {
    const err = inner.asErr;
    if (err.isModule) {
      const { section, name } = api.registry.findMetaError(err.asModule);
      throw new Error(`${section}.${name}`);
    }
    throw new Error(err.toString());
  }
  return result;
}

/**
 * Resolves with { event, blockHash, number } for the first event matching
 * `is` in a block after `fromNumber`, visiting every block in order.
 */
export function waitForEvent(api, fromNumber, is, timeoutMs = 120_000) {
  return new Promise((resolve, reject) => {
    let next = fromNumber + 1;
    let unsub = () => {};
    let busy = false;
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      unsub();
      reject(new Error(`event not seen within ${timeoutMs} ms after block ${fromNumber}`));
    }, timeoutMs);
    const scan = async (head) => {
      if (busy || done) return;
      busy = true;
      try {
        while (!done && next <= head) {
          const blockHash = await api.rpc.chain.getBlockHash(next);
          const events = await (await api.at(blockHash)).query.system.events();
          const found = events.find(({ event }) => is(event));
          if (found) {
            done = true;
            clearTimeout(timer);
            unsub();
            resolve({ event: found.event, blockHash, number: next });
            return;
          }
          next += 1;
        }
      } catch (e) {
        done = true;
        clearTimeout(timer);
        unsub();
        reject(e);
      } finally {
        busy = false;
      }
    };
    api.rpc.chain
      .subscribeNewHeads((header) => { scan(header.number.toNumber()); })
      .then((u) => { unsub = u; if (done) u(); })
      .catch(reject);
  });
}

/** Registers `who` as a provider with `capacity` and `attributes`, and bonds `bond`. */
export async function registerAndBond(api, who, { capacity, attributes, bond, hostUri = 'https://provider.example' }) {
  await sendAndWait(api, api.tx.resourceRegistry.registerProvider(capacity, attributes, hostUri), who);
  await sendAndWait(api, api.tx.providerSlashing.bond(bond), who);
}

/**
 * Creates an order of `tenant`, paid in `asset` (STRA unless given, as
 * `{ WithId: location }`), and returns { orderId, windowEnd, number }.
 */
export async function createOrder(api, tenant, { budget, maxPrice = MAX_PRICE, window, asset = 'Native', signOptions }) {
  const bidWindow = window ?? api.consts.bidMatching.minBidWindow.toNumber();
  const { blockHash, events } = await sendAndWait(
    api, api.tx.bidMatching.createOrder(MANIFEST, ASK, REGION, null, NO_REQUIREMENTS, maxPrice, budget, bidWindow, asset), tenant,
    undefined, signOptions,
  );
  const created = findEvent(events, (e) => api.events.bidMatching.OrderCreated.is(e));
  if (!created) throw new Error('no OrderCreated event');
  return {
    orderId: created.data.orderId.toNumber(),
    windowEnd: created.data.windowEnd.toNumber(),
    number: await numberOf(api, blockHash),
  };
}

/**
 * `provider` bids `price` on a new order of `tenant`, who accepts at once, and the provider
 * confirms the lease ready; returns the lease id.
 */
export async function leaseFrom(api, tenant, provider, price, budget) {
  const leaseId = await pendingLeaseFrom(api, tenant, provider, price, budget);
  await sendAndWait(api, api.tx.leaseEscrow.confirmReady(leaseId), provider);
  return leaseId;
}

/** Like `leaseFrom`, leaving the lease pending: the provider has not confirmed it ready. */
export async function pendingLeaseFrom(api, tenant, provider, price, budget) {
  const { orderId } = await createOrder(api, tenant, { budget });
  await sendAndWait(api, api.tx.bidMatching.placeBid(orderId, price), provider);
  const { events } = await sendAndWait(api, api.tx.bidMatching.acceptBid(orderId, provider.address), tenant);
  const matched = findEvent(events, (e) => api.events.bidMatching.OrderMatched.is(e));
  if (!matched) throw new Error('no OrderMatched event');
  return matched.data.leaseId.toNumber();
}

/** The lease view's state as `{ name, at }`: `pending` with its `readyBy`, or `active` with its `billingFrom`. */
export function leaseState(view) {
  const [name, fields] = Object.entries(view.state)[0];
  return { name, at: fields.readyBy ?? fields.billingFrom };
}

/**
 * A workload manifest the command line accepts: half a core and 256 MiB at
 * most 2 mSTRA a block, a 1 STRA budget, a 10-block window, running
 * `python3 -m http.server PORT ...args` and listening on PORT.
 */
export function workloadManifest(port, args = []) {
  const command = ['python3', '-m', 'http.server', String(port), ...args].map((a) => `"${a}"`).join(', ');
  return `[resources]
cpu_millicores = 500
memory_mib = 256

[order]
max_price_per_block = "2 mSTRA"
budget = "1 STRA"
bid_window = 10

[workload]
command = [${command}]
ports = [${port}]
`;
}
