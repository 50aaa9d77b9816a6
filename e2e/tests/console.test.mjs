// The Stratus Console in a real browser: Debian's chromium, headless,
// driven through playwright-core, against a real dev node. The page is the
// production bundle (`console/dist`, built by scripts/test.sh), served as
// static files. A page error or a console error fails the test; each view
// is saved as a screenshot under the test's output folder.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import {
  CAPACITY, DOLLAR, MAX_PRICE, REGION, UNIT, USDT, acceptUsdt, createOrder, devAccounts, registerAndBond, usdtTenant, waitForEvent,
  workloadManifest,
} from '../lib/market.mjs';
import { sendAndWait, startDevNode } from '../lib/node.mjs';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml' };

let node;
let server;
let browser;
let page;
let base;
const problems = [];
const out = process.env.STRATUS_E2E_OUT ?? join(process.cwd(), 'out');

/** `console/dist`, as scripts/test.sh builds it. */
function consoleDist() {
  const dist = process.env.STRATUS_CONSOLE;
  if (!dist) throw new Error('STRATUS_CONSOLE is not set: run the tests through scripts/test.sh');
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`no console bundle at ${dist}: build it with scripts/test.sh`);
  return dist;
}

/** Serves `root` on a free local port; resolves with its base URL. */
function serve(root) {
  server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path === '/' ? 'index.html' : path);
    if (!file.startsWith(root) || !existsSync(file)) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));
}

/** The text of the table row whose first cell starts with `first`, or undefined. */
async function row(caption, first) {
  return page.evaluate(([caption, first]) => {
    const table = [...document.querySelectorAll('table')].find((t) => t.caption?.textContent === caption);
    const tr = [...(table?.tBodies[0]?.rows ?? [])].find((r) => r.cells[0].textContent.startsWith(first));
    return tr ? [...tr.cells].map((c) => c.textContent) : undefined;
  }, [caption, first]);
}

async function until(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

before(async () => {
  await cryptoWaitReady();
  node = await startDevNode();
  base = await serve(consoleDist());
  mkdirSync(out, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    // CI runs as root, where chromium's sandbox cannot start.
    args: ['--no-sandbox'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
});

after(async () => {
  await browser?.close();
  server?.close();
  await node?.api.disconnect();
  await node?.stop();
});

test('the market view shows providers and open orders with their bids, live as blocks arrive', async () => {
  const { api } = node;
  const { alice, bob } = devAccounts();
  await registerAndBond(api, bob, { capacity: CAPACITY, attributes: REGION, bond: 1000n * UNIT });

  const started = Date.now();
  await page.goto(`${base}/?rpc=${encodeURIComponent(node.wsUrl)}`);
  const provider = await until('the provider in the table', () => row('Providers', bob.address.slice(0, 6)));
  const firstRender = Date.now() - started;
  assert.deepEqual(provider.slice(1), ['16 cores · 64 GiB · 1000 GiB disk', '0 % CPU · 0 % memory', 'region=eu-west', 'active', '0',
    '0 completed · score 50.0%']);
  assert.match(await page.textContent('#view'), /No order is open\./);
  assert.match(await page.textContent('#status'), /finalized block #\d+/);
  await page.screenshot({ path: join(out, 'console-market.png'), fullPage: true });

  // An order and a bid appear without reloading the page.
  const { orderId, windowEnd } = await createOrder(api, alice, { budget: 2n * UNIT, maxPrice: MAX_PRICE, window: 100 });
  await sendAndWait(api, api.tx.bidMatching.placeBid(orderId, UNIT / 400n), bob);
  const order = await until('the order and its bid', async () => {
    const cells = await row('Open orders', `#${orderId}`);
    return cells && cells[6] !== 'no bids yet' ? cells : undefined;
  });
  assert.deepEqual(order.slice(2, 5), ['2 cores · 4 GiB · 50 GiB disk', '0.01 STRA/block', '2 STRA']);
  assert.equal(order[6], `${bob.address.slice(0, 6)}…${bob.address.slice(-5)} 0.0025 STRA/block`);
  // The window counts down as blocks are finalized.
  const shownAt = Number(await page.getAttribute('#view', 'data-block'));
  assert.match(order[5], new RegExp(`^${windowEnd - shownAt} blocks \\(~\\d+ (s|min)\\)$`));
  await until('a later block', async () => Number(await page.getAttribute('#view', 'data-block')) > shownAt);
  const later = await row('Open orders', `#${orderId}`);
  const laterAt = Number(await page.getAttribute('#view', 'data-block'));
  assert.ok(later[5].startsWith(`${windowEnd - laterAt} blocks`), later[5]);
  await page.screenshot({ path: join(out, 'console-market-order.png'), fullPage: true });

  // An order paid in USDT reads in USDT, by the symbol and decimals registered for it.
  await acceptUsdt(api, alice);
  const paying = { assetId: USDT };
  const inUsdt = await createOrder(api, usdtTenant(), {
    budget: 2n * DOLLAR, maxPrice: DOLLAR / 100n, window: 100, asset: { WithId: USDT }, signOptions: paying,
  });
  await sendAndWait(api, api.tx.bidMatching.placeBid(inUsdt.orderId, DOLLAR / 100n - 3n), bob);
  const usdtOrder = await until('the order in USDT and its bid', async () => {
    const cells = await row('Open orders', `#${inUsdt.orderId}`);
    return cells && cells[6] !== 'no bids yet' ? cells : undefined;
  });
  assert.deepEqual(usdtOrder.slice(3, 5), ['0.01 USDT/block', '2 USDT']);
  assert.equal(usdtOrder[6], `${bob.address.slice(0, 6)}…${bob.address.slice(-5)} 0.009997 USDT/block`);
  await sendAndWait(api, api.tx.bidMatching.cancelOrder(inUsdt.orderId), usdtTenant(), undefined, paying);

  // On a narrow screen each row is a card whose cells name their column.
  await page.setViewportSize({ width: 375, height: 800 });
  const label = await page.evaluate(() => getComputedStyle(document.querySelector('td'), '::before').content);
  assert.equal(label, '"Provider: "');
  await page.screenshot({ path: join(out, 'console-market-narrow.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // The keyboard reaches the node field first; a bad address is refused with a message.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'rpc');
  await page.fill('#rpc', 'http://127.0.0.1:9944');
  await page.keyboard.press('Enter');
  assert.equal(await page.textContent('[role="alert"]'), 'The node address starts with ws:// or wss://.');
  // The same address given in the page's URL is refused before any connection.
  await page.goto(`${base}/?rpc=${encodeURIComponent('http://127.0.0.1:9944')}`);
  assert.equal(await textUntil('the refusal', '[role="alert"]', (t) => t !== ''), 'The node address starts with ws:// or wss://.');
  assert.match(await page.textContent('#status'), /^$/);
  await page.goto(`${base}/?rpc=${encodeURIComponent(node.wsUrl)}`);
  await until('the provider again', () => row('Providers', bob.address.slice(0, 6)));

  assert.deepEqual(problems, []);
  console.log(`# console first render with the provider: ${firstRender} ms`);
});

/** A manifest the command line accepts. */
const GOOD_MANIFEST = workloadManifest(8080);

/** `plancks` as the page prints an amount. */
function toStra(plancks) {
  const whole = plancks / UNIT;
  const fraction = (plancks % UNIT).toString().padStart(12, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction} STRA` : `${whole} STRA`;
}

/** The text of the element matching `selector` once `check` holds for it. */
async function textUntil(what, selector, check) {
  let last = null;
  try {
    return await until(what, async () => {
      last = await page.textContent(selector).catch(() => null);
      return last !== null && check(last) ? last : undefined;
    });
  } catch (error) {
    // Say what the page showed instead, and what it last said it did.
    const activity = await page.textContent('#activity').catch(() => null);
    throw new Error(`${error.message}: ${selector} said ${JSON.stringify(last)}; #activity said ${JSON.stringify(activity)}`);
  }
}

test('a tenant posts an order in the page, takes a bid, sees the lease run, tops it up and closes it; bad input sends nothing', async () => {
  const { api } = node;
  const { alice, bob } = devAccounts();
  await page.click('#tab-tenant');
  await until('the development accounts', async () => (await page.$$('#account option')).length === 6);
  await page.selectOption('#account', alice.address);
  assert.match(await page.textContent('#account-note'), /development chains only/);
  const workload = Buffer.from(GOOD_MANIFEST);
  await page.setInputFiles('input[name="manifest"]', { name: 'workload.toml', mimeType: 'text/plain', buffer: workload });
  await textUntil('the terms read', '#manifest-terms', (t) => t === 'Terms read from workload.toml.');
  assert.equal(await page.inputValue('input[name="max_price"]'), '0.002 STRA');
  await page.fill('input[name="cpu"]', '2000');
  await page.fill('input[name="memory"]', '4096');
  await page.fill('input[name="budget"]', '2 STRA');
  await page.fill('input[name="bid_window"]', '100');

  // Bad input: the chain's refusal, named, from a dry run; nothing is sent.
  const nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
  await page.fill('input[name="max_price"]', '0');
  await page.click('#order-form button[type="submit"]');
  const zero = await textUntil('the named error', '#problem', (t) => t.includes('ZeroPrice'));
  assert.match(zero, /^Posting the order refused, nothing sent: BidMatching\.ZeroPrice: \S/);
  await page.fill('input[name="max_price"]', '10 mSTRA');
  await page.fill('textarea[name="attributes"]', `${'k'.repeat(33)} = v`);
  await page.click('#order-form button[type="submit"]');
  await textUntil('the attribute refused', '#problem', (t) => t === `Not sent: attribute key "${'k'.repeat(33)}" must be 1 to 32 bytes`);
  await page.fill('textarea[name="attributes"]', 'region = eu-west');
  assert.equal((await api.rpc.system.accountNextIndex(alice.address)).toNumber(), nonce, 'nothing was sent');

  // The order, as the form says, committed to the manifest's hash.
  await page.click('#order-form button[type="submit"]');
  const posted = await textUntil('the order posted', '#activity', (t) => t.startsWith('Order #'));
  const orderId = Number(/^Order #(\d+) posted/.exec(posted)[1]);
  const order = (await api.call.computeMarketApi.order(orderId)).unwrap();
  assert.equal(order.manifest.toHex(), blake2AsHex(workload, 256));
  assert.equal(order.maxPricePerBlock.toBigInt(), UNIT / 100n);
  assert.equal(order.budget.toBigInt(), 2n * UNIT);

  // Bob bids; the page shows it, and Alice accepts it in the page.
  await sendAndWait(api, api.tx.bidMatching.placeBid(orderId, UNIT / 400n), bob);
  const accept = `button[aria-label="Accept the bid of ${bob.address} on order ${orderId}"]`;
  await until('the bid with its Accept button', async () => (await page.$(accept)) !== null);
  await page.click(accept);
  const matched = await textUntil('the lease', '#activity', (t) => t.startsWith(`Order #${orderId} matched`));
  const leaseId = Number(/lease #(\d+)/.exec(matched)[1]);
  await sendAndWait(api, api.tx.leaseEscrow.confirmReady(leaseId), bob);

  // Active: the balance and the countdown move as blocks pass.
  const leaseRow = () => row('My leases', `#${leaseId}`);
  const first = await until('the active lease', async () => {
    const cells = await leaseRow();
    return cells?.[3] === 'active' ? cells : undefined;
  });
  // What is typed into a lease's row survives the redraw at each block.
  await page.fill(`input[name="top-up-${leaseId}"]`, '1 STRA');
  const later = await until('a later balance', async () => {
    const cells = await leaseRow();
    return cells && cells[4] !== first[4] ? cells : undefined;
  });
  assert.ok(Number(later[4].split(' ')[0]) < Number(first[4].split(' ')[0]), `${first[4]} then ${later[4]}`);
  const left = (cells) => Number(/in (\d+) blocks/.exec(cells[6])[1]);
  assert.ok(left(later) < left(first), `${first[6]} then ${later[6]}`);
  const dryBefore = Number(/^#(\d+)/.exec(later[6])[1]);
  // The balance chart: the samples taken at each block, then on to zero at the run-dry block.
  const balanceChart = `svg[aria-label^="Balance left of lease ${leaseId}:"]`;
  await until('two samples of the balance', async () => Number(await page.getAttribute(balanceChart, 'data-points')) >= 2);
  const described = await page.getAttribute(balanceChart, 'aria-label');
  assert.ok(described.endsWith(`, 0 STRA at block #${dryBefore}`), described);
  await page.screenshot({ path: join(out, 'console-tenant.png'), fullPage: true });

  // A top-up moves the run-dry block.
  assert.equal(await page.inputValue(`input[name="top-up-${leaseId}"]`), '1 STRA');
  await page.click(`button[aria-label="Top up lease ${leaseId}"]`);
  const topped = await textUntil('the top-up', '#activity', (t) => t.startsWith(`Lease #${leaseId} topped up`));
  const dryAfter = Number(/runs dry at #(\d+)/.exec(topped)[1]);
  assert.ok(dryAfter > dryBefore, `${dryBefore} then ${dryAfter}`);
  assert.equal((await api.call.computeMarketApi.lease(leaseId)).unwrap().runDryAt.toNumber(), dryAfter);

  // Closing shows the refund the chain paid.
  const from = (await api.rpc.chain.getHeader()).number.toNumber();
  const closedEvent = waitForEvent(api, from, (e) => api.events.leaseEscrow.LeaseClosed.is(e) && e.data.leaseId.toNumber() === leaseId);
  await page.click(`button[aria-label="Close lease ${leaseId}"]`);
  const closed = await textUntil('the close', '#activity', (t) => t.startsWith(`Lease #${leaseId} closed`));
  const { event } = await closedEvent;
  assert.equal(closed, `Lease #${leaseId} closed: ${toStra(event.data.refunded.toBigInt())} refunded, `
    + `${toStra(event.data.paidToProvider.toBigInt())} paid to the provider`);
  await page.screenshot({ path: join(out, 'console-tenant-closed.png'), fullPage: true });

  // An order cancelled in the page gives back what the chain says.
  await page.click('#order-form button[type="submit"]');
  const second = await textUntil('the second order', '#activity', (t) => t.startsWith('Order #') && !t.startsWith(`Order #${orderId} `));
  const secondId = Number(/^Order #(\d+) posted/.exec(second)[1]);
  const cancelFrom = (await api.rpc.chain.getHeader()).number.toNumber();
  const cancelledEvent = waitForEvent(api, cancelFrom, (e) => api.events.bidMatching.OrderCancelled.is(e) && e.data.orderId.toNumber() === secondId);
  await until('the cancel button', async () => (await page.$(`button[aria-label="Cancel order ${secondId}"]`)) !== null);
  await page.click(`button[aria-label="Cancel order ${secondId}"]`);
  const cancelled = await textUntil('the cancel', '#activity', (t) => t.startsWith(`Order #${secondId} cancelled`));
  const { event: cancelEvent } = await cancelledEvent;
  assert.equal(cancelled, `Order #${secondId} cancelled: ${toStra(cancelEvent.data.refunded.toBigInt())} refunded, 0 bids dropped`);
  assert.ok((await api.call.computeMarketApi.order(secondId)).isNone);
  assert.deepEqual(problems, []);
});

/**
 * A browser wallet as the Polkadot{.js} extension presents itself to a
 * page (`window.injectedWeb3`), holding Dave's key: the page asks it for
 * accounts and for each signature; the signature is made here with
 * @polkadot/types, as the extension makes it.
 */
async function installWallet(api, dave) {
  await page.exposeFunction('stratusWalletSign', (payload) =>
    api.registry.createType('ExtrinsicPayload', payload, { version: payload.version }).sign(dave));
  await page.addInitScript((address) => {
    const accounts = [{ address, name: 'Dave in a wallet', type: 'sr25519' }];
    window.injectedWeb3 = {
      'test-wallet': {
        version: '1.0.0',
        enable: async () => ({
          accounts: { get: async () => accounts, subscribe: (callback) => { callback(accounts); return () => {}; } },
          signer: {
            signPayload: (payload) => window.stratusWalletSign(payload),
            signRaw: async () => { throw new Error('not used'); },
          },
        }),
      },
    };
  }, dave.address);
}

test('a provider signs with a browser wallet: registers, bonds, pauses, confirms and collects a lease, disputes a report, unbonds', async () => {
  const { api } = node;
  const { alice, dave } = devAccounts();
  await installWallet(api, dave);
  await page.goto(`${base}/?rpc=${encodeURIComponent(node.wsUrl)}`);
  await until('the development accounts', async () => (await page.$$('#account option')).length === 6);
  await page.click('#connect-wallet');
  await textUntil('the wallet account', '#activity', (t) => t === 'Signing with Dave in a wallet (test-wallet)');
  assert.equal(await page.inputValue('#account'), dave.address);
  await page.click('#tab-provider');
  await textUntil('no provider yet', '#provider-live', (t) => t.includes('not a registered provider'));

  // Register: a bad host URI is refused here; then the form's figures reach the chain, signed by the wallet.
  const nonce = (await api.rpc.system.accountNextIndex(dave.address)).toNumber();
  await page.fill('#provider-form input[name="host_uri"]', '');
  await page.click('#provider-form button[type="submit"]');
  await textUntil('the host refused', '#problem', (t) => t === 'Not sent: host_uri must be 1 to 128 bytes');
  assert.equal((await api.rpc.system.accountNextIndex(dave.address)).toNumber(), nonce, 'nothing was sent');
  await page.fill('#provider-form input[name="host_uri"]', 'https://dave.example');
  await page.fill('#provider-form textarea[name="attributes"]', 'region = eu-west');
  await page.click('#provider-form button[type="submit"]');
  await textUntil('registered', '#activity', (t) => t === `${dave.address} is registered`);
  const record = (await api.call.computeMarketApi.provider(dave.address)).unwrap();
  assert.equal(record.capacity.cpuMillicores.toNumber(), 4000);
  assert.equal(record.capacity.memoryMib.toNumber(), 8192);
  assert.equal(Buffer.from(record.hostUri).toString(), 'https://dave.example');
  const facts = () => page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#provider-live dt')]
    .map((dt) => [dt.textContent, dt.nextElementSibling.textContent])));
  await until('the record in the page', async () => (await facts()).Host === 'https://dave.example');
  assert.equal((await facts()).Capacity, '4 cores · 8 GiB · 100 GiB disk');

  // Bond, pause, resume.
  await page.fill('input[name="stake-amount"]', '1100 STRA');
  await page.click('button[aria-label="Bond the amount"]');
  await textUntil('bonded', '#activity', (t) => t === 'Bonded 1100 STRA: 1100 STRA in all');
  assert.equal((await api.call.computeMarketApi.stake(dave.address)).unwrap().bonded.toBigInt(), 1100n * UNIT);
  await page.click('button[aria-label="Pause the provider"]');
  await textUntil('paused', '#activity', (t) => t.startsWith('Paused'));
  assert.equal((await api.call.computeMarketApi.provider(dave.address)).unwrap().status.type, 'Paused');
  await until('the resume button', async () => (await page.$('button[aria-label="Resume the provider"]')) !== null);
  await page.click('button[aria-label="Resume the provider"]');
  await textUntil('resumed', '#activity', (t) => t.startsWith('Resumed'));
  // The same form updates a registered provider.
  await page.fill('#provider-form input[name="host_uri"]', 'https://dave.example/v2');
  await page.click('#provider-form button[type="submit"]');
  await textUntil('updated', '#activity', (t) => t === 'Registration updated');
  assert.equal(Buffer.from((await api.call.computeMarketApi.provider(dave.address)).unwrap().hostUri).toString(), 'https://dave.example/v2');

  // Alice's order, Dave's bid (his agent's job, sent here with @polkadot/api), the lease confirmed in the page.
  const { orderId } = await createOrder(api, alice, { budget: 2n * UNIT, maxPrice: MAX_PRICE, window: 20 });
  await sendAndWait(api, api.tx.bidMatching.placeBid(orderId, UNIT / 400n), dave);
  const { events } = await sendAndWait(api, api.tx.bidMatching.acceptBid(orderId, dave.address), alice);
  const leaseId = events.find(({ event }) => api.events.bidMatching.OrderMatched.is(event)).event.data.leaseId.toNumber();
  const confirm = `button[aria-label="Confirm lease ${leaseId} ready"]`;
  await until('the pending lease', async () => (await page.$(confirm)) !== null);
  await page.click(confirm);
  await textUntil('confirmed', '#activity', (t) => t.startsWith(`Lease #${leaseId} is active: billing from #`));

  // Collect what the lease owes: the page says what the chain paid.
  const served = () => row('Leases I serve', `#${leaseId}`);
  await until('something owed', async () => {
    const cells = await served();
    return cells && cells[4] === 'active' && !cells[5].startsWith('0 STRA unsettled');
  });
  const collectFrom = (await api.rpc.chain.getHeader()).number.toNumber();
  const withdrawn = waitForEvent(api, collectFrom, (e) => api.events.leaseEscrow.Withdrawn.is(e) && e.data.leaseId.toNumber() === leaseId);
  await page.click(`button[aria-label="Collect from lease ${leaseId}"]`);
  const collected = await textUntil('collected', '#activity', (t) => t.startsWith('Collected'));
  const { event: paid } = await withdrawn;
  assert.equal(collected, `Collected ${toStra(paid.data.paidToProvider.toBigInt())} from lease #${leaseId} `
    + `(${toStra(paid.data.paidToTreasury.toBigInt())} to the treasury)`);
  // Earnings over time: what the lease billed, sampled at each block; collecting does not lower it.
  const billed = async () => {
    const text = await page.getAttribute('svg[aria-label^="Billed:"]', 'aria-label');
    const plancks = (amount) => {
      const [whole, fraction = ''] = amount.split('.');
      return BigInt(whole) * UNIT + BigInt(fraction.padEnd(12, '0'));
    };
    return [...text.matchAll(/([\d.]+) STRA at block #(\d+)/g)].map((m) => [Number(m[2]), plancks(m[1])]);
  };
  const [, [lastBlock, lastBilled]] = await until('billing sampled at two blocks', async () => {
    const points = await billed();
    return points.length === 2 && points[1][1] > 0n ? points : undefined;
  });
  const lease = (await api.call.computeMarketApi.lease(leaseId)).unwrap();
  const billingFrom = lease.state.asActive.billingFrom.toNumber();
  assert.equal(lastBilled, BigInt(lastBlock - billingFrom) * (UNIT / 400n), `billed at #${lastBlock}, billing from #${billingFrom}`);
  assert.ok((await billed())[1][1] >= lastBilled);

  // Alice reports a fault; Dave sees its deadline and disputes it in the page.
  const evidence = `0x${'ab'.repeat(32)}`;
  const reported = await sendAndWait(api, api.tx.providerSlashing.reportFault(leaseId, 'BelowSpec', evidence), alice);
  const reportId = reported.events.find(({ event }) => api.events.providerSlashing.FaultReported.is(event)).event.data.reportId.toNumber();
  const report = (await api.query.providerSlashing.reports(reportId)).unwrap();
  const reportRow = await until('the report', () => row('Reports against me', `#${reportId}`));
  assert.deepEqual(reportRow.slice(1, 4), [`#${leaseId}`, `${alice.address.slice(0, 6)}…${alice.address.slice(-5)}`, 'BelowSpec']);
  assert.ok(reportRow[5].startsWith(`#${report.deadline.toNumber()}, in `), reportRow[5]);
  await page.fill(`input[name="evidence-${reportId}"]`, '0x12');
  await page.click(`button[aria-label="Dispute report ${reportId}"]`);
  await textUntil('bad evidence', '#problem', (t) => t.startsWith('Not sent: the evidence is a 0x-prefixed 32-byte hash'));
  await page.fill(`input[name="evidence-${reportId}"]`, `0x${'cd'.repeat(32)}`);
  await page.click(`button[aria-label="Dispute report ${reportId}"]`);
  const disputed = await textUntil('disputed', '#activity', (t) => t.startsWith(`Report #${reportId} disputed`));
  const after = (await api.query.providerSlashing.reports(reportId)).unwrap();
  assert.equal(after.status.type, 'Disputed');
  assert.equal(disputed, `Report #${reportId} disputed: the adjudicator decides by #${after.deadline.toNumber()}`);

  // Unbond: below the minimum bond is refused by name; above it, the chunk and the block
  // it unlocks at, as the chain has them; nothing to withdraw yet.
  // The amount is selected to be typed over and a block redraws the page
  // before the typing: the typing still replaces what was selected.
  const stakeAmount = 'input[name="stake-amount"]';
  await page.focus(stakeAmount);
  await page.$eval(stakeAmount, (input) => input.select());
  const selectedAt = Number(await page.getAttribute('body', 'data-block'));
  await page.waitForFunction((b) => Number(document.body.getAttribute('data-block')) > b, selectedAt, { timeout: 30_000 });
  await page.keyboard.insertText('200 STRA');
  assert.equal(await page.inputValue(stakeAmount), '200 STRA');
  await page.click('button[aria-label="Unbond the amount"]');
  await textUntil('unbond refused', '#problem', (t) => t.startsWith('Unbond 200 STRA refused, nothing sent: ProviderSlashing.WouldFallBelowMinimum: '));
  await page.fill('input[name="stake-amount"]', '100 STRA');
  await page.click('button[aria-label="Unbond the amount"]');
  const unbonding = await textUntil('unbonding', '#activity', (t) => t.startsWith('Unbonding 100 STRA'));
  const chunk = (await api.call.computeMarketApi.stake(dave.address)).unwrap().unbonding[0];
  assert.equal(unbonding, `Unbonding 100 STRA: it unlocks at #${chunk.unlocksAt.toNumber()}`);
  await until('the chunk in the page', async () => (await facts()).Unbonding?.startsWith(`100 STRA unlocks at #${chunk.unlocksAt.toNumber()}, in `));
  assert.equal(await page.getAttribute('button[aria-label="Withdraw what has unlocked"]', 'disabled'), '');
  await page.screenshot({ path: join(out, 'console-provider.png'), fullPage: true });
  assert.deepEqual(problems, []);
});

/** Each change, made to the good manifest, that makes it one the command line refuses. */
const BAD_MANIFESTS = [
  ['nothing asked', (m) => m.replace('cpu_millicores = 500\nmemory_mib = 256\n', '')],
  ['zero price', (m) => m.replace('"2 mSTRA"', '"0"')],
  ['budget under ten blocks', (m) => m.replace('"1 STRA"', '"1 mSTRA"')],
  ['window too short', (m) => m.replace('bid_window = 10', 'bid_window = 9')],
  ['window too long', (m) => m.replace('bid_window = 10', 'bid_window = 601')],
  ['unknown unit', (m) => m.replace('"2 mSTRA"', '"2 xSTRA"')],
  ['too precise', (m) => m.replace('"1 STRA"', '"1.0000000000001 STRA"')],
  ['bad auditor', (m) => m.replace('bid_window = 10', 'bid_window = 10\nauditor = "nobody"')],
  ['score over 100%', (m) => m.replace('bid_window = 10', 'bid_window = 10\nmin_score = "120%"')],
  ['key too long', (m) => m.replace('bid_window = 10', `bid_window = 10\n[order.attributes]\n${'k'.repeat(33)} = "v"`)],
  ['value too long', (m) => m.replace('bid_window = 10', `bid_window = 10\n[order.attributes]\nregion = "${'v'.repeat(65)}"`)],
  ['17 attributes', (m) => m.replace('bid_window = 10', `bid_window = 10\n[order.attributes]\n${Array.from({ length: 17 }, (_, i) => `a${i} = "x"`).join('\n')}`)],
  ['empty command', (m) => m.replace('["python3", "-m", "http.server", "8080"]', '[]')],
  ['command and image', (m) => m.replace('ports = [8080]', 'image = "nginx"\nports = [8080]')],
  ['no program', (m) => m.replace('command = ["python3", "-m", "http.server", "8080"]\n', '')],
  ['empty image', (m) => m.replace('command = ["python3", "-m", "http.server", "8080"]', 'image = " "')],
  ['port twice', (m) => m.replace('ports = [8080]', 'ports = [8080, 8080]')],
  ['port zero', (m) => m.replace('ports = [8080]', 'ports = [0]')],
  ['port too large', (m) => m.replace('ports = [8080]', 'ports = [70000]')],
  ['bad variable name', (m) => `${m}[workload.env]\nGOOD = "1"\n1BAD = "x"\n`],
  ['unknown field', (m) => m.replace('bid_window = 10', 'bid_window = 10\ncolour = "red"')],
  ['text for a number', (m) => m.replace('bid_window = 10', 'bid_window = "ten"')],
  ['number for text', (m) => m.replace('"1 STRA"', '1')],
  ['negative', (m) => m.replace('memory_mib = 256', 'memory_mib = -1')],
  ['missing budget', (m) => m.replace('budget = "1 STRA"\n', '')],
  ['missing workload', (m) => m.slice(0, m.indexOf('[workload]'))],
];

test('a manifest is read in the page as the command line reads it: the same terms, and each mistake with the same message at the same place', async () => {
  const cli = process.env.STRATUS_CLI;
  assert.ok(cli, 'STRATUS_CLI is not set: run the tests through scripts/test.sh');
  const dir = mkdtempSync(join(tmpdir(), 'stratus-manifests-'));
  await page.goto(`${base}/?rpc=${encodeURIComponent(node.wsUrl)}`);
  await page.click('#tab-tenant');
  await until('the development accounts', async () => (await page.$$('#account option')).length === 6);

  /** What `stratus order create -f` says of `text` (an unreachable node: nothing can be sent). */
  const commandLine = (name, text) => {
    writeFileSync(join(dir, name), text);
    const run = spawnSync(cli, ['--url', 'ws://127.0.0.1:1', 'order', 'create', '-f', name], { cwd: dir, encoding: 'utf8' });
    return { code: run.status, said: run.stderr.trim().replace(/^error: /, '') };
  };
  /** What the page says when `text` is chosen as the manifest. */
  const inPage = async (name, text) => {
    await page.evaluate(() => { document.getElementById('problem').textContent = ''; });
    await page.setInputFiles('input[name="manifest"]', { name, mimeType: 'text/plain', buffer: Buffer.from(text) });
    const said = await textUntil(`the page on ${name}`, '#problem', (t) => t !== '');
    return said.replace(/^This manifest cannot be ordered: /, '');
  };

  // A good manifest: the command line goes on to the node; the page fills the form with its terms.
  assert.equal(commandLine('good.toml', GOOD_MANIFEST).code, 3);
  await page.setInputFiles('input[name="manifest"]', { name: 'good.toml', mimeType: 'text/plain', buffer: Buffer.from(GOOD_MANIFEST) });
  await textUntil('the terms', '#manifest-terms', (t) => t === 'Terms read from good.toml.');
  const form = await page.evaluate(() => Object.fromEntries(['cpu', 'memory', 'storage', 'gpus', 'max_price', 'budget', 'bid_window']
    .map((name) => [name, document.querySelector(`#order-form [name="${name}"]`).value])));
  assert.deepEqual(form, { cpu: '500', memory: '256', storage: '0', gpus: '0', max_price: '0.002 STRA', budget: '1 STRA', bid_window: '10' });

  for (const [what, change] of BAD_MANIFESTS) {
    const text = change(GOOD_MANIFEST);
    assert.notEqual(text, GOOD_MANIFEST, `${what}: the change applies`);
    const name = `${what.replaceAll(' ', '-')}.toml`;
    const cli = commandLine(name, text);
    assert.equal(cli.code, 2, `${what}: ${cli.said}`);
    assert.equal(await inPage(name, text), cli.said, what);
  }
  // A TOML syntax error: both name the file, a line and a column (two TOML parsers: the
  // wording differs, and where the mistake is noticed may too).
  const broken = GOOD_MANIFEST.replace('[order]', '[order');
  const cliBroken = commandLine('broken.toml', broken);
  assert.equal(cliBroken.code, 2);
  assert.match(cliBroken.said, /^broken\.toml:\d+:\d+: \S/);
  assert.match(await inPage('broken.toml', broken), /^broken\.toml:\d+:\d+: \S/);
  assert.deepEqual(problems, []);
});
