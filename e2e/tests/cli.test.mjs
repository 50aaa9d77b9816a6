// The `stratus` command line against a real dev node: a provider registers
// and bonds from a provider file, a tenant screens and orders from a
// workload manifest, the provider bids, the tenant accepts, tops up and
// closes, and every figure the command prints is checked against the
// chain through @polkadot/api. Refusals come back as named errors with the
// documented exit codes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cryptoWaitReady, blake2AsHex } from '@polkadot/util-crypto';
import {
  DOLLAR, UNIT, USDT, acceptUsdt, assetFeeOf, createOrder, devAccounts, freeAt, parentOf, setUsdtRate, usdtAt, usdtTenant,
} from '../lib/market.mjs';
import { sendAndWait, startDevNode } from '../lib/node.mjs';

const examples = new URL('../../examples/', import.meta.url).pathname;
let node;
let dir;

/** The `stratus` binary: $STRATUS_CLI, set by scripts/test.sh. */
function cliBinary() {
  const bin = process.env.STRATUS_CLI;
  if (!bin) throw new Error('STRATUS_CLI is not set: run the tests through scripts/test.sh');
  if (!existsSync(bin)) throw new Error(`no stratus binary at ${bin}`);
  return bin;
}

/** Runs `stratus` with `args`; resolves to { code, stdout, stderr } whatever the exit code. */
function stratus(args, { suri, env = {} } = {}) {
  const full = ['--url', node.wsUrl, ...(suri ? ['--suri', suri] : []), ...args];
  return new Promise((resolve) => {
    execFile(cliBinary(), full, { env: { ...process.env, STRATUS_SURI: '', ...env }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }));
  });
}

/** Runs `stratus --json` and parses its output; fails the test on a non-zero exit. */
async function json(args, options) {
  const { code, stdout, stderr } = await stratus(['--json', ...args], options);
  assert.equal(code, 0, `stratus ${args.join(' ')} exited ${code}: ${stdout}${stderr}`);
  return JSON.parse(stdout);
}

before(async () => {
  await cryptoWaitReady();
  node = await startDevNode();
  dir = mkdtempSync(join(tmpdir(), 'stratus-cli-'));
});

after(async () => {
  await node?.api.disconnect();
  await node?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a provider registers and bonds from its provider file', async () => {
  const { api } = node;
  const { bob } = devAccounts();
  const registered = await json(['provider', 'register', '-f', join(examples, 'provider.toml')], { suri: '//Bob' });
  assert.deepEqual(registered, { provider: bob.address, registered: true });
  await json(['provider', 'bond', '1000 STRA'], { suri: '//Bob' });

  const view = (await api.call.computeMarketApi.provider(bob.address)).unwrap();
  assert.equal(view.capacity.cpuMillicores.toNumber(), 4000);
  assert.equal(view.hostUri.toUtf8(), 'http://127.0.0.1:8800');
  const stake = (await api.call.computeMarketApi.stake(bob.address)).unwrap();
  assert.equal(stake.bonded.toBigInt(), 1000n * UNIT);

  const shown = await json(['provider', 'show', bob.address]);
  assert.equal(shown.bonded, (1000n * UNIT).toString());
  assert.deepEqual(shown.attributes, { region: 'eu-west' });
});

test('a tenant screens, orders, takes a bid, tops up and closes, and the figures are the chain\'s', async () => {
  const { api } = node;
  const { alice, bob } = devAccounts();
  const workload = join(examples, 'workload.toml');

  const screen = await json(['screen', '-f', workload]);
  assert.deepEqual(screen.eligible, [bob.address]);

  const created = await json(['order', 'create', '-f', workload], { suri: '//Alice' });
  assert.equal(created.manifest, blake2AsHex(readFileSync(workload), 256), 'the order commits to the file\'s hash');
  const order = (await api.call.computeMarketApi.order(created.order)).unwrap();
  assert.equal(order.manifest.toHex(), created.manifest);
  assert.equal(order.budget.toBigInt(), UNIT);

  await json(['bid', String(created.order), '1.5 mSTRA'], { suri: '//Bob' });
  const bids = await json(['bids', String(created.order)]);
  assert.deepEqual(bids.map((b) => [b.provider, b.price]), [[bob.address, (UNIT * 15n / 10_000n).toString()]]);

  const accepted = await json(['accept', String(created.order), bob.address], { suri: '//Alice' });
  const leaseId = accepted.lease;
  const lease = (await api.call.computeMarketApi.lease(leaseId)).unwrap();
  assert.equal(lease.tenant.toString(), alice.address);
  assert.equal(lease.pricePerBlock.toBigInt(), UNIT * 15n / 10_000n);

  const toppedUp = await json(['lease', 'top-up', String(leaseId), '0.5 STRA'], { suri: '//Alice' });
  assert.equal(toppedUp.amount, (UNIT / 2n).toString());
  const shown = await json(['lease', 'show', String(leaseId)]);
  const after = (await api.call.computeMarketApi.lease(leaseId)).unwrap();
  assert.equal(shown.balance, after.balance.toString());
  assert.equal(shown.asset, 'STRA', 'the lease is paid in STRA');
  assert.ok(after.asset.isNative, 'the runtime API names the asset');
  assert.equal(shown.run_dry_at, after.runDryAt.toNumber());
  assert.equal(toppedUp.run_dry_at, after.runDryAt.toNumber());
  const mine = await json(['lease', 'ls'], { suri: '//Alice' });
  assert.deepEqual(mine.map((l) => l.lease), [leaseId]);

  const before = await freeAt(api, alice.address);
  const closed = await json(['lease', 'close', String(leaseId)], { suri: '//Alice' });
  const blockHash = closed.block;
  assert.equal(closed.reason, 'ByTenant');
  // Never confirmed ready, so nothing was billed: all of it comes back,
  // the record's deposit held apart until the lease is forgotten.
  assert.equal(closed.paid_to_provider, '0');
  assert.equal(BigInt(closed.refunded) + BigInt(closed.record_deposit), UNIT + UNIT / 2n);
  assert.equal((await api.call.computeMarketApi.lease(leaseId)).isNone, true);
  assert.ok((await freeAt(api, alice.address, blockHash)) > before, 'the refund reached the tenant');
});

test('refusals are named errors with their exit codes, and a bad file points at its line', async () => {
  const again = await stratus(['--json', 'provider', 'register', '-f', join(examples, 'provider.toml')], { suri: '//Bob' });
  assert.equal(again.code, 1);
  const { error } = JSON.parse(again.stdout);
  assert.deepEqual([error.kind, error.pallet, error.name], ['refused', 'ResourceRegistry', 'AlreadyRegistered']);
  assert.match(error.doc, /already a registered provider/);

  const human = await stratus(['bid', '999', '1 mSTRA'], { suri: '//Bob' });
  assert.equal(human.code, 1);
  assert.match(human.stderr, /^error: refused: BidMatching\.UnknownOrder: /m);

  const missing = await stratus(['lease', 'show', '999']);
  assert.equal(missing.code, 4);
  assert.match(missing.stderr, /lease 999 is not open/);

  const bad = join(dir, 'bad.toml');
  writeFileSync(bad, readFileSync(join(examples, 'workload.toml'), 'utf8').replace('bid_window = 10', 'bid_window = 5'));
  const refused = await stratus(['order', 'create', '-f', bad], { suri: '//Alice' });
  assert.equal(refused.code, 2);
  const line = readFileSync(bad, 'utf8').split('\n').findIndex((l) => l.startsWith('bid_window')) + 1;
  assert.match(refused.stderr, new RegExp(`bad\\.toml:${line}:\\d+: bid_window must be 10 to 600 blocks`));

  const nokey = await stratus(['provider', 'pause']);
  assert.equal(nokey.code, 2);
  assert.match(nokey.stderr, /no key: pass --suri, set STRATUS_SURI/);
});

test('the key comes from STRATUS_SURI or a key file and is never printed', async () => {
  const { bob } = devAccounts();
  const fromEnv = await json(['provider', 'pause'], { env: { STRATUS_SURI: '//Bob' } });
  assert.deepEqual(fromEnv, { paused: true });
  assert.equal((await node.api.call.computeMarketApi.provider(bob.address)).unwrap().status.toString(), 'Paused');

  const keyFile = join(dir, 'bob.key');
  writeFileSync(keyFile, '//Bob\n');
  chmodSync(keyFile, 0o644);
  const exposed = await stratus(['--key-file', keyFile, 'provider', 'resume']);
  assert.equal(exposed.code, 2);
  assert.match(exposed.stderr, /readable by other users .* chmod 600/);
  chmodSync(keyFile, 0o600);
  assert.deepEqual(await json(['--key-file', keyFile, 'provider', 'resume']), { paused: false });

  const secret = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk//Nobody';
  const help = await stratus(['--help'], { env: { STRATUS_SURI: secret } });
  assert.ok(!help.stdout.includes('curtain'), 'the help does not show the key from the environment');
  const wrong = await stratus(['provider', 'pause'], { suri: 'not a phrase at all' });
  assert.equal(wrong.code, 2);
  assert.ok(!wrong.stderr.includes('phrase at all'), wrong.stderr);
});

test('market params are the runtime API\'s', async () => {
  const params = await json(['market', 'params']);
  const view = await node.api.call.computeMarketApi.marketParameters();
  assert.equal(params.min_provider_bond.value, view.minProviderBond.value.toString());
  assert.equal(params.take_rate.value, view.takeRate.value.toString());
  assert.equal(params.heartbeat_interval.max, view.heartbeatInterval.max.toString());
});

test('--fee-asset pays a transaction\'s fee in USDT instead of STRA', async () => {
  const { api } = node;
  const { alice, bob } = devAccounts();

  const unknown = await stratus(['--fee-asset', 'EUR', 'provider', 'pause'], { suri: '//Bob' });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /--fee-asset: no foreign asset is called EUR; the registered ones are DOT, USDC, USDT/);
  const noRate = await stratus(['--fee-asset', 'USDC', 'provider', 'pause'], { suri: '//Bob' });
  assert.equal(noRate.code, 2);
  assert.match(noRate.stderr, /--fee-asset: governance has set no rate for USDC, so no fee can be paid in it/);

  await setUsdtRate(api, alice, 2_000_000n);
  // Bob gets some USDT from the dev chain's USDT holder, which pays in USDT too.
  await sendAndWait(api, api.tx.foreignAssets.transferKeepAlive(USDT, bob.address, 5n * DOLLAR), usdtTenant(), 60_000, { assetId: USDT });
  const stra = await freeAt(api, bob.address);
  const usdt = await usdtAt(api, bob.address);

  assert.deepEqual(await json(['--fee-asset', 'usdt', 'provider', 'pause'], { suri: '//Bob' }), { paused: true });
  assert.deepEqual(await json(['provider', 'resume'], { suri: '//Bob', env: { STRATUS_FEE_ASSET: 'USDT' } }), { paused: false });

  assert.equal(await freeAt(api, bob.address), stra, 'no STRA paid');
  const spent = usdt - await usdtAt(api, bob.address);
  assert.ok(spent > 0n && spent < DOLLAR / 50n, `two fees in USDT: ${spent}`);
  // Each fee is the chain's AssetTxFeePaid for Bob, in USDT.
  const hash = await api.rpc.chain.getBlockHash();
  let fees = 0n;
  for (let at = hash, seen = 0; seen < 2; at = await parentOf(api, at)) {
    const events = await (await api.at(at)).query.system.events();
    const paid = events.filter(({ event }) => api.events.assetTxPayment.AssetTxFeePaid.is(event) && event.data.who.toString() === bob.address);
    for (const record of paid) {
      fees += assetFeeOf(api, [record], bob).fee;
      seen += 1;
    }
  }
  assert.equal(fees, spent);
});

test('an order paid in USDT reads in USDT: its asset, price, budget and bids', async () => {
  const { api } = node;
  const { alice, bob } = devAccounts();
  await acceptUsdt(api, alice);
  const { orderId } = await createOrder(api, usdtTenant(), {
    budget: 2n * DOLLAR, maxPrice: DOLLAR / 100n, asset: { WithId: USDT }, signOptions: { assetId: USDT },
  });
  await sendAndWait(api, api.tx.bidMatching.placeBid(orderId, DOLLAR / 100n - 3n), bob);

  const { code, stdout } = await stratus(['order', 'show', String(orderId)]);
  assert.equal(code, 0, stdout);
  assert.match(stdout, /paid in +USDT\n/);
  assert.match(stdout, /max price +0\.01 USDT a block\n/);
  assert.match(stdout, /budget +2 USDT\n/);
  assert.match(stdout, /best 0\.009997 USDT\)/);
  assert.match(stdout, new RegExp(`#0 ${bob.address} at 0\\.009997 USDT a block`));
  // JSON keeps the smallest units and the asset's location.
  const shown = await json(['order', 'show', String(orderId)]);
  assert.equal(shown.order.budget, (2n * DOLLAR).toString());
  assert.equal(shown.order.max_price_per_block, (DOLLAR / 100n).toString());
  assert.ok(shown.order.asset.foreign, 'a foreign asset, by its location');
  assert.deepEqual(shown.bids.map((b) => b.price), [(DOLLAR / 100n - 3n).toString()]);
});
