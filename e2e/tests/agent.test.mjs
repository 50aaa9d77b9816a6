// The whole loop on a real dev node: the provider agent `stratus-provider`
// registers, bonds and bids by its pricing rules; a tenant orders with
// `stratus order create`, accepts, and delivers the manifest with `stratus
// lease manifest`; the agent starts the workload (an HTTP server), confirms
// the lease ready and collects payment; the test reaches the workload over
// HTTP. A manifest with a wrong hash or a wrong signature is refused and
// nothing runs. The agent killed with SIGKILL and started again picks the
// lease up. `stratus lease close` stops the workload and refunds what the
// chain says.
//
// Then the same agent under a `ProviderOps` proxy key: Dave, the provider,
// keeps his funds key; Eve's key runs the agent for him. It registers him,
// bids, re-prices and withdraws its standing bid when its pricing file is
// read again (SIGHUP), confirms and collects, and the payment reaches
// Dave while Eve pays only fees. Eve cannot bond Dave's funds.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex, u8aConcat, stringToU8a, bnToU8a } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import { UNIT, devAccounts, freeAt, parentOf, waitForEvent, workloadManifest } from '../lib/market.mjs';
import { freePort, sendAndWait, startDevNode } from '../lib/node.mjs';

let node;
let dir;
let agent;
const ports = {};

function binary(variable) {
  const bin = process.env[variable];
  if (!bin) throw new Error(`${variable} is not set: run the tests through scripts/test.sh`);
  if (!existsSync(bin)) throw new Error(`no binary at ${bin}`);
  return bin;
}

function stratus(args, suri) {
  const full = ['--url', node.wsUrl, '--json', ...(suri ? ['--suri', suri] : []), ...args];
  return new Promise((resolve) => {
    execFile(binary('STRATUS_CLI'), full, { env: { ...process.env, STRATUS_SURI: '' }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }));
  });
}

async function json(args, suri) {
  const { code, stdout, stderr } = await stratus(args, suri);
  assert.equal(code, 0, `stratus ${args.join(' ')} exited ${code}: ${stdout}${stderr}`);
  return JSON.parse(stdout);
}

/** Starts the agent with `suri` on `file` (Ferdie's provider file unless given); its log goes to the test directory. */
function startAgent(suri = '//Ferdie', file = 'provider.toml') {
  const log = createWriteStream(join(dir, 'agent.log'), { flags: 'a' });
  const child = spawn(binary('STRATUS_PROVIDER'), ['-f', join(dir, file), '--url', node.wsUrl],
    { env: { ...process.env, STRATUS_SURI: suri, RUST_LOG: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  child.exited = new Promise((resolve) => child.on('exit', resolve));
  return child;
}

async function until(what, check, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) {
      const log = existsSync(join(dir, 'agent.log')) ? readFileSync(join(dir, 'agent.log'), 'utf8').slice(-8000) : '';
      throw new Error(`${what} did not happen within ${timeoutMs} ms\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function answers(port) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/`);
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * Alice delivers `manifest` for `leaseId` with `stratus lease manifest`; resolves
 * with the agent's first `Withdrawn` once the workload answered and the lease was confirmed.
 */
async function deliverAndCollect(leaseId, manifest) {
  const { api } = node;
  const delivered = await json(['lease', 'manifest', String(leaseId), '-f', manifest], '//Alice');
  assert.equal(delivered.delivered, true);
  await until('the workload answering', () => answers(ports.workload));
  await until('the lease confirmed ready', async () => {
    const lease = await api.call.computeMarketApi.lease(leaseId);
    return lease.isSome && lease.unwrap().state.isActive;
  });
  const from = (await api.rpc.chain.getHeader()).number.toNumber();
  return waitForEvent(api, from,
    (e) => api.events.leaseEscrow.Withdrawn.is(e) && e.data.leaseId.toNumber() === leaseId, 120_000);
}

/** A provider file: a 4-core machine bonding 1000 STRA, with `pricing` and more `agent` settings. */
function providerFile({ listen, metrics, workDir, pricing, agent: more = '' }) {
  return `
[provider]
host_uri = "http://127.0.0.1:${listen}"
bond = "1000 STRA"
[provider.capacity]
cpu_millicores = 4000
memory_mib = 8192
storage_gib = 100

[pricing]
${pricing}
max_leases = 2

[agent]
listen = "127.0.0.1:${listen}"
metrics = "127.0.0.1:${metrics}"
work_dir = "${workDir}"
allowed_programs = ["python3"]
${more}
`;
}

/** What a tenant signs to deliver a manifest: the context, the lease id (u64 LE) and the hash. */
function deliveryMessage(leaseId, hash) {
  return u8aConcat(stringToU8a('stratus/manifest/v1'), bnToU8a(leaseId, { bitLength: 64, isLe: true }), hash);
}

before(async () => {
  await cryptoWaitReady();
  node = await startDevNode();
  dir = mkdtempSync(join(tmpdir(), 'stratus-agent-'));
  for (const name of ['listen', 'metrics', 'workload', 'proxyListen', 'proxyMetrics']) {
    ports[name] = await freePort();
  }
  writeFileSync(join(dir, 'provider.toml'), providerFile({
    listen: ports.listen,
    metrics: ports.metrics,
    workDir: 'work',
    pricing: 'cpu_core = "1 mSTRA"\nmemory_gib = "0.5 mSTRA"\nmargin = "10%"\nfloor = "0.1 mSTRA"',
  }));
  writeFileSync(join(dir, 'workload.toml'), workloadManifest(ports.workload, ['--bind', '127.0.0.1']));
  agent = startAgent();
});

after(async () => {
  if (agent && agent.exitCode === null) {
    agent.kill('SIGTERM');
    await agent.exited;
  }
  await node?.api.disconnect();
  await node?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the agent rents out a machine: bids by its rules, runs the workload, survives a SIGKILL, stops at close', async () => {
  const { api } = node;
  const { alice, bob } = devAccounts();
  const ferdie = new Keyring({ type: 'sr25519' }).addFromUri('//Ferdie');

  // Registered and bonded as the provider file says.
  await until('registration and bond', async () => {
    const stake = await api.call.computeMarketApi.stake(ferdie.address);
    return stake.isSome && stake.unwrap().bonded.toBigInt() === 1000n * UNIT;
  });
  assert.equal((await api.call.computeMarketApi.provider(ferdie.address)).unwrap().hostUri.toUtf8(),
    `http://127.0.0.1:${ports.listen}`);

  // The order, and the agent's bid at its rules' price: 0.5 core at 1 mSTRA
  // (0.5 mSTRA) and 0.25 GiB at 0.5 mSTRA (0.125 mSTRA), plus 10 %.
  const created = await json(['order', 'create', '-f', join(dir, 'workload.toml')], '//Alice');
  const expected = (UNIT / 1000n) * 625n / 1000n * 11n / 10n;
  const bids = await until('the agent\'s bid', async () => {
    const book = await json(['bids', String(created.order)]);
    return book.length > 0 ? book : null;
  });
  assert.deepEqual(bids.map((b) => [b.provider, b.price]), [[ferdie.address, expected.toString()]]);
  const accepted = await json(['accept', String(created.order), ferdie.address], '//Alice');
  const leaseId = accepted.lease;

  // A manifest with a wrong hash, or signed by someone else, is refused and nothing runs.
  const bytes = readFileSync(join(dir, 'workload.toml'));
  const url = `http://127.0.0.1:${ports.listen}/leases/${leaseId}/manifest`;
  const altered = Buffer.concat([bytes, Buffer.from('# changed\n')]);
  const alteredSig = alice.sign(deliveryMessage(leaseId, blake2AsU8a(altered, 256)));
  let response = await fetch(url, { method: 'POST', body: altered, headers: { 'x-stratus-signature': u8aToHex(alteredSig) } });
  assert.equal(response.status, 409);
  assert.match((await response.json()).error, /is not the lease's/);
  const forged = bob.sign(deliveryMessage(leaseId, blake2AsU8a(bytes, 256)));
  response = await fetch(url, { method: 'POST', body: bytes, headers: { 'x-stratus-signature': u8aToHex(forged) } });
  assert.equal(response.status, 403);
  assert.match((await response.json()).error, /not the lease's tenant's/);
  assert.equal(await answers(ports.workload), false, 'nothing runs after a refused manifest');
  const wrongFile = join(dir, 'other.toml');
  writeFileSync(wrongFile, altered);
  const refused = await stratus(['lease', 'manifest', String(leaseId), '-f', wrongFile], '//Alice');
  assert.equal(refused.code, 2);
  assert.match(JSON.parse(refused.stdout).error.message, /send the file its order was created from/);

  // The tenant delivers it; the agent starts the workload, confirms the lease ready and collects payment.
  const paid = await deliverAndCollect(leaseId, join(dir, 'workload.toml'));
  assert.ok(paid.event.data.paidToProvider.toBigInt() > 0n);
  const metrics = await until('earnings in /metrics', async () => {
    const text = await (await fetch(`http://127.0.0.1:${ports.metrics}/metrics`)).text();
    return Number(/^stratus_provider_earnings_stra (\S+)$/m.exec(text)?.[1]) > 0 ? text : null;
  });
  assert.match(metrics, /^stratus_provider_bids_placed_total 1$/m);
  assert.match(metrics, /^stratus_provider_leases_confirmed_total 1$/m);

  // Killed without warning and started again, it picks the lease up from the chain.
  const pidFile = join(dir, 'work', `lease-${leaseId}`, 'workload.pid');
  const pidBefore = readFileSync(pidFile, 'utf8');
  agent.kill('SIGKILL');
  await agent.exited;
  agent = startAgent();
  // The new agent stops the process the old one left and starts its own.
  await until('the workload restarted by the new agent', () => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== pidBefore);
  await until('the workload answering after the restart', () => answers(ports.workload));
  const health = await until('the endpoint after the restart', async () => {
    try { return await (await fetch(`http://127.0.0.1:${ports.listen}/health`)).json(); } catch { return null; }
  });
  assert.equal(health.provider, ferdie.address);

  // The tenant closes: the refund is the chain's figure, and the workload stops.
  const before = (await api.call.computeMarketApi.lease(leaseId)).unwrap();
  const closed = await json(['lease', 'close', String(leaseId)], '//Alice');
  const events = await (await api.at(closed.block)).query.system.events();
  const event = events.find(({ event: e }) => api.events.leaseEscrow.LeaseClosed.is(e)).event.data;
  assert.equal(closed.refunded, event.refunded.toString());
  assert.equal(closed.paid_to_provider, event.paidToProvider.toString());
  assert.ok(BigInt(closed.refunded) + BigInt(closed.record_deposit) < before.balance.toBigInt() + 1n);
  await until('the workload stopping', async () => !(await answers(ports.workload)));
});

/** Dave's provider file for the agent run by Eve's key, at `cpuCore` per core. */
function proxyProviderFile(dave, cpuCore) {
  return providerFile({
    listen: ports.proxyListen,
    metrics: ports.proxyMetrics,
    workDir: 'proxy-work',
    pricing: `cpu_core = "${cpuCore}"\nmargin = "0%"`,
    agent: `proxy_for = "${dave.address}"`,
  });
}

test('run by a ProviderOps proxy key, the agent works for the provider, re-prices on SIGHUP, and cannot move its funds', async () => {
  const { api } = node;
  const { dave, eve } = devAccounts();
  // The first agent is done: only Dave's bids from here on.
  if (agent.exitCode === null) {
    agent.kill('SIGTERM');
    await agent.exited;
  }

  // Dave, with his funds key, makes Eve his ProviderOps proxy and bonds.
  await sendAndWait(api, api.tx.proxy.addProxy(eve.address, 'ProviderOps', 0), dave);
  await json(['provider', 'bond', '1000 STRA'], '//Dave');
  const eveBefore = (await api.query.system.account(eve.address)).data.free.toBigInt();

  // Eve's agent registers Dave (through proxy.proxy), and says it cannot bond for him.
  writeFileSync(join(dir, 'dave.toml'), proxyProviderFile(dave, '1 mSTRA'));
  agent = startAgent('//Eve', 'dave.toml');
  await until('Dave registered by his proxy', async () => (await api.call.computeMarketApi.provider(dave.address)).isSome);
  assert.equal((await api.call.computeMarketApi.provider(eve.address)).isNone, true, 'Eve is not a provider');

  // A proxy cannot bond, transfer or unbond: the CLI names the filter's refusal.
  const bond = await stratus(['--proxy-for', dave.address, 'provider', 'bond', '1 STRA'], '//Eve');
  assert.equal(bond.code, 1, bond.stdout + bond.stderr);
  assert.match(JSON.parse(bond.stdout).error.message, /CallFiltered/);
  // It may pause and resume Dave.
  await json(['--proxy-for', dave.address, 'provider', 'pause'], '//Eve');
  assert.equal((await api.call.computeMarketApi.provider(dave.address)).unwrap().status.isPaused, true);
  await json(['--proxy-for', dave.address, 'provider', 'resume'], '//Eve');

  // Dave's bid at 1 mSTRA a core: 0.5 core is 0.5 mSTRA.
  const milli = UNIT / 1000n;
  // A longer bid window than the first order's, for the re-pricing below.
  const workload = join(dir, 'dave-workload.toml');
  writeFileSync(workload, readFileSync(join(dir, 'workload.toml'), 'utf8').replace('bid_window = 10', 'bid_window = 100'));
  const created = await json(['order', 'create', '-f', workload], '//Alice');
  const order = String(created.order);
  const daveBid = async () => (await json(['bids', order])).find((b) => b.provider === dave.address)?.price;
  await until('Dave\'s bid', async () => (await daveBid()) === (milli / 2n).toString());

  // Dearer rules, read again on SIGHUP: the standing bid is placed again at 1.5 mSTRA a core.
  writeFileSync(join(dir, 'dave.toml'), proxyProviderFile(dave, '3 mSTRA'));
  agent.kill('SIGHUP');
  await until('the bid re-priced', async () => (await daveBid()) === (milli * 3n / 2n).toString());
  // Rules that no longer pay (over the order's 2 mSTRA): the bid is withdrawn.
  writeFileSync(join(dir, 'dave.toml'), proxyProviderFile(dave, '5 mSTRA'));
  agent.kill('SIGHUP');
  await until('the bid withdrawn', async () => (await daveBid()) === undefined);
  // Back to 1 mSTRA: it bids again.
  writeFileSync(join(dir, 'dave.toml'), proxyProviderFile(dave, '1 mSTRA'));
  agent.kill('SIGHUP');
  await until('Dave bidding again', async () => (await daveBid()) === (milli / 2n).toString());
  const metrics = await (await fetch(`http://127.0.0.1:${ports.proxyMetrics}/metrics`)).text();
  assert.match(metrics, /^stratus_provider_bids_repriced_total 1$/m);
  assert.match(metrics, /^stratus_provider_bids_withdrawn_total 1$/m);

  // The lease: Eve's agent confirms and collects, and Dave is paid.
  const accepted = await json(['accept', order, dave.address], '//Alice');
  const leaseId = accepted.lease;
  const paid = await deliverAndCollect(leaseId, workload);
  assert.equal(paid.event.data.provider.toString(), dave.address);
  // The same block shows the call was Eve's, through the proxy, and paid Dave.
  const events = await (await api.at(paid.blockHash)).query.system.events();
  const executed = events.filter(({ event: e }) => api.events.proxy.ProxyExecuted.is(e));
  assert.ok(executed.length > 0 && executed.every(({ event: e }) => e.data.result.isOk));
  const signer = (await api.rpc.chain.getBlock(paid.blockHash)).block.extrinsics
    .filter((x) => x.method.section === 'proxy').map((x) => x.signer.toString());
  assert.ok(signer.length > 0 && signer.every((who) => who === eve.address), signer.join(','));
  // Dave pays no fee: his balance grows by exactly his share.
  const daveGot = (await freeAt(api, dave.address, paid.blockHash))
    - (await freeAt(api, dave.address, await parentOf(api, paid.blockHash)));
  assert.equal(daveGot, paid.event.data.paidToProvider.toBigInt());
  // Eve, whose key sent the collection, only paid the fees of her transactions in that block.
  const eveFees = events
    .filter(({ event: e }) => api.events.transactionPayment.TransactionFeePaid.is(e) && e.data.who.toString() === eve.address)
    .reduce((sum, { event: e }) => sum + e.data.actualFee.toBigInt() + e.data.tip.toBigInt(), 0n);
  const eveDelta = (await freeAt(api, eve.address, paid.blockHash))
    - (await freeAt(api, eve.address, await parentOf(api, paid.blockHash)));
  assert.ok(eveFees > 0n);
  assert.equal(eveDelta, -eveFees);
  assert.ok((await freeAt(api, eve.address)) < eveBefore, 'Eve paid fees all along');

  await json(['lease', 'close', String(leaseId)], '//Alice');
  await until('the workload stopping', async () => !(await answers(ports.workload)));
});
