// Starts a real `stratus-node --dev` for a test and always stops it again.
import { spawn } from 'node:child_process';
import {
  copyFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';

/** The node binary: $STRATUS_NODE, or the release build in the cargo target dir. */
export function nodeBinary() {
  const bin = process.env.STRATUS_NODE;
  if (!bin) throw new Error('STRATUS_NODE is not set: run the tests through scripts/test.sh');
  if (!existsSync(bin)) throw new Error(`no node binary at ${bin}: build it with scripts/test.sh`);
  return bin;
}

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const running = new Set();
// A failed assertion or an interrupt must not leave a node behind.
for (const signal of ['exit', 'SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of running) child.kill('SIGKILL');
    if (signal !== 'exit') process.exit(1);
  });
}

/** A fresh temporary directory for a node's database. */
export const tempBasePath = () => mkdtempSync(join(tmpdir(), 'stratus-e2e-'));

/**
 * Starts `stratus-node --dev` on free ports and resolves once its RPC
 * answers. Returns { api, stop, kill, logPath, wsUrl }. The base path is a
 * temporary one that `stop` removes, unless `basePath` is given: then it is
 * kept, so that a later node can start on the same database. `kill` ends the
 * node with SIGKILL, as a crash would, and keeps the base path.
 */
export async function startDevNode({ extraArgs = [], timeoutMs = 120_000, basePath: given } = {}) {
  const basePath = given ?? tempBasePath();
  const [rpcPort, p2pPort] = [await freePort(), await freePort()];
  const logPath = join(basePath, `node-${rpcPort}.log`);
  const log = createWriteStream(logPath);
  const child = spawn(
    nodeBinary(),
    ['--dev', '--base-path', basePath, '--rpc-port', String(rpcPort), '--port', String(p2pPort),
      '--no-prometheus', '--no-telemetry', '--no-mdns', ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    running.delete(child);
    // STRATUS_E2E_LOGS=<dir> keeps each node's log there, for debugging.
    if (process.env.STRATUS_E2E_LOGS) {
      mkdirSync(process.env.STRATUS_E2E_LOGS, { recursive: true });
      copyFileSync(logPath, join(process.env.STRATUS_E2E_LOGS, `stratus-node-${rpcPort}.log`));
    }
    if (!given) rmSync(basePath, { recursive: true, force: true });
  };

  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    running.delete(child);
  };

  const wsUrl = `ws://127.0.0.1:${rpcPort}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const { code } = await exited;
      throw new Error(`stratus-node exited with ${code} before its RPC answered; see ${logPath}`);
    }
    try {
      const api = await connect(wsUrl);
      return { api, stop, kill, logPath, wsUrl };
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  await stop();
  throw new Error(`stratus-node did not answer on ${wsUrl} within ${timeoutMs} ms`);
}

/** Connects @polkadot/api to `wsUrl`; rejects if nothing answers there yet. */
export async function connect(wsUrl) {
  const provider = new WsProvider(wsUrl, false);
  await provider.connect();
  await new Promise((resolve, reject) => {
    provider.on('connected', resolve);
    provider.on('error', reject);
    if (provider.isConnected) resolve();
  });
  return ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true });
}

/** Resolves with the header once the best block reaches `height`. */
export function waitForBlock(api, height, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    let unsub = () => {};
    const timer = setTimeout(() => {
      unsub();
      reject(new Error(`block ${height} not reached within ${timeoutMs} ms`));
    }, timeoutMs);
    api.rpc.chain
      .subscribeNewHeads((header) => {
        if (header.number.toNumber() >= height) {
          clearTimeout(timer);
          unsub();
          resolve(header);
        }
      })
      .then((u) => { unsub = u; })
      .catch(reject);
  });
}

/**
 * Signs and sends `tx`, resolves with { blockHash, events } once it is in a
 * block, rejects with the module error's name if the dispatch failed, and
 * rejects if the pool drops it or nothing happens within `timeoutMs`.
 * `signOptions` go to `signAndSend` (`{ assetId }` pays the fee in a
 * foreign asset).
 */
export function sendAndWait(api, tx, signer, timeoutMs = 60_000, signOptions = {}) {
  return new Promise((resolve, reject) => {
    let unsub = () => {};
    const timer = setTimeout(() => {
      unsub();
      reject(new Error(`${tx.method.section}.${tx.method.method} not in a block within ${timeoutMs} ms`));
    }, timeoutMs);
    const settle = (fn, value) => {
      clearTimeout(timer);
      unsub();
      fn(value);
    };
    tx.signAndSend(signer, signOptions, ({ status, events, dispatchError }) => {
      if (dispatchError) {
        if (dispatchError.isModule) {
          const { section, name } = api.registry.findMetaError(dispatchError.asModule);
          settle(reject, new Error(`${section}.${name}`));
        } else {
          // `BadOrigin`, `CannotLookup`, `Token`, ...: the variant's name.
          settle(reject, new Error(dispatchError.type));
        }
      } else if (status.isInBlock || status.isFinalized) {
        // A `--dev` node seals and finalizes at once; the fork-aware pool
        // may then report `Finalized` without an `InBlock` before it.
        const blockHash = status.isInBlock ? status.asInBlock : status.asFinalized;
        settle(resolve, { blockHash, events });
      } else if (status.isDropped || status.isInvalid || status.isUsurped) {
        settle(reject, new Error(`transaction ${status.type}`));
      }
    })
      .then((u) => { unsub = u; })
      .catch((e) => settle(reject, e));
  });
}
