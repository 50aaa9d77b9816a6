// Shared by the zombienet js-scripts. zombienet loads each script with
// require() and calls its run(nodeName, networkInfo, args); the scripts reach
// the chain through the end-to-end tests' helpers (e2e/lib, @polkadot/api
// from e2e/node_modules), imported dynamically since those are ES modules.
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const e2e = (file) => import(pathToFileURL(join(__dirname, '..', '..', 'e2e', 'lib', file)).href);

/** The e2e helpers: { node, market }. */
async function helpers() {
  const [node, market] = await Promise.all([e2e('node.mjs'), e2e('market.mjs')]);
  return { node, market };
}

/** @polkadot/api connected to the node called `name`. */
async function connectTo(networkInfo, name) {
  const info = networkInfo.nodesByName[name];
  if (!info) throw new Error(`no node ${name} in this network`);
  const { node } = await helpers();
  // A node just restarted may not answer yet; the zndsl bounds the wait.
  for (;;) {
    try {
      return await node.connect(info.wsUri);
    } catch {
      await sleep(2000);
    }
  }
}

/** Aura author of the block at `hash`, as an SS58 address. */
async function authorOf(api, hash) {
  const header = await api.derive.chain.getHeader(hash);
  if (!header.author) throw new Error(`block ${hash} has no Aura author`);
  return header.author.toString();
}

/**
 * The address of the collator called `name`: zombienet derives a collator's
 * keys from //<Name>, and the network names its collators after dev accounts.
 */
async function collatorAddress(name) {
  const { market } = await helpers();
  const account = market.devAccounts()[name];
  if (!account) throw new Error(`collator ${name} is not named after a dev account`);
  return account.address;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The best height, or the finalized one, that `api`'s node reports. */
async function height(api, finalized = false) {
  // getHeader() with no argument is the best block; an explicit undefined
  // would read as the genesis block.
  const header = finalized
    ? await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())
    : await api.rpc.chain.getHeader();
  return header.number.toNumber();
}

/** Waits until `api`'s node reports a best (or finalized) height of at least `n`; returns it. */
async function untilHeight(api, n, finalized = false) {
  for (;;) {
    const reached = await height(api, finalized);
    if (reached >= n) return reached;
    await sleep(2000);
  }
}

const log = (...args) => console.log('[stratus]', ...args);

module.exports = { helpers, connectTo, authorOf, collatorAddress, height, untilHeight, sleep, log };
