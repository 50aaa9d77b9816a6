// The whole loop on a real dev node: the provider agent `stratus-provider`
// registers, bonds and bids by its pricing rules; a tenant orders with
// `stratus order create`, accepts, and delivers the manifest with `stratus
// lease manifest`; the agent starts the workload (an HTTP server), confirms
// the lease ready and collects payment; the test reaches the workload over
// HTTP. A manifest with a wrong hash or a wrong signature is refused and
// nothing runs. The agent killed with SIGKILL and started again picks the
// lease up. `stratus lease close` stops the workload and refunds what the
// chain says.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex, u8aConcat, stringToU8a, bnToU8a } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import { UNIT, devAccounts, waitForEvent } from '../lib/market.mjs';
import { freePort, startDevNode } from '../lib/node.mjs';

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

/** Starts the agent as Ferdie on the provider file; its log goes to the test directory. */
function startAgent() {
  const log = createWriteStream(join(dir, 'agent.log'), { flags: 'a' });
  const child = spawn(binary('STRATUS_PROVIDER'), ['-f', join(dir, 'provider.toml'), '--url', node.wsUrl],
    { env: { ...process.env, STRATUS_SURI: '//Ferdie', RUST_LOG: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
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

/** What a tenant signs to deliver a manifest: the context, the lease id (u64 LE) and the hash. */
function deliveryMessage(leaseId, hash) {
  return u8aConcat(stringToU8a('stratus/manifest/v1'), bnToU8a(leaseId, { bitLength: 64, isLe: true }), hash);
}

before(async () => {
  await cryptoWaitReady();
  node = await startDevNode();
  dir = mkdtempSync(join(tmpdir(), 'stratus-agent-'));
  for (const name of ['listen', 'metrics', 'workload']) ports[name] = await freePort();
  writeFileSync(join(dir, 'provider.toml'), `
[provider]
host_uri = "http://127.0.0.1:${ports.listen}"
bond = "1000 STRA"
[provider.capacity]
cpu_millicores = 4000
memory_mib = 8192
storage_gib = 100

[pricing]
cpu_core = "1 mSTRA"
memory_gib = "0.5 mSTRA"
margin = "10%"
floor = "0.1 mSTRA"
max_leases = 2

[agent]
listen = "127.0.0.1:${ports.listen}"
metrics = "127.0.0.1:${ports.metrics}"
work_dir = "work"
allowed_programs = ["python3"]
`);
  writeFileSync(join(dir, 'workload.toml'), `[resources]
cpu_millicores = 500
memory_mib = 256

[order]
max_price_per_block = "2 mSTRA"
budget = "1 STRA"
bid_window = 10

[workload]
command = ["python3", "-m", "http.server", "${ports.workload}", "--bind", "127.0.0.1"]
ports = [${ports.workload}]
`);
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

  // The tenant delivers it; the agent starts the workload and confirms the lease ready.
  const delivered = await json(['lease', 'manifest', String(leaseId), '-f', join(dir, 'workload.toml')], '//Alice');
  assert.equal(delivered.delivered, true);
  await until('the workload answering', () => answers(ports.workload));
  await until('the lease confirmed ready', async () => {
    const lease = await api.call.computeMarketApi.lease(leaseId);
    return lease.isSome && lease.unwrap().state.isActive;
  });

  // It collects payment.
  const from = (await api.rpc.chain.getHeader()).number.toNumber();
  const paid = await waitForEvent(api, from,
    (e) => api.events.leaseEscrow.Withdrawn.is(e) && e.data.leaseId.toNumber() === leaseId, 120_000);
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
