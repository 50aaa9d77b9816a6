// The Tenant view: post an order from a form (checked as the command line
// checks a manifest, then dry-run so that the chain's own refusal is shown
// with nothing sent), take a bid, and follow the leases: balance, owed now,
// the block they run dry and a countdown; top up or close them.
import { Blake2256, Binary } from '@polkadot-api/substrate-bindings';
import type { Transaction } from 'polkadot-api';
import type { Account } from './account';
import { all, type Api, type MarketSnapshot } from './chain';
import { named } from './errors';
import { blocks, resources, short, stra, parseStra } from './format';
import { el, table } from './market';

/** The bounds the runtime decodes attributes with (`MaxRequiredAttributes`, key and value lengths). */
const MAX_ATTRIBUTES = 16;
const MAX_KEY = 32;
const MAX_VALUE = 64;

type Tx = Transaction;

/** What the page needs to act: the chain, the account, where to say what happened. */
export interface Tenant {
  api: Api;
  account: Account;
  say: (message: string) => void;
  fail: (message: string) => void;
}

/** Dry-runs `tx` as the account, then signs and sends it; resolves with its events, or undefined after saying why not. */
async function send(tenant: Tenant, what: string, tx: Tx): Promise<Array<{ type: string; value: { type: string; value: any } }> | undefined> {
  const { api, account, say, fail } = tenant;
  const dry = await api.apis.DryRunApi.dry_run_call(
    { type: 'system', value: { type: 'Signed', value: account.address } }, tx.decodedCall as any, 5);
  if (!dry.success) {
    fail(`${what}: the node could not try it`);
    return undefined;
  }
  if (!dry.value.execution_result.success) {
    fail(`${what} refused, nothing sent: ${await named(dry.value.execution_result.value.error)}`);
    return undefined;
  }
  say(`${what}: signed, waiting for finality…`);
  const result = await tx.signAndSubmit(account.signer);
  if (!result.ok) {
    fail(`${what} refused: ${await named(result.dispatchError)}`);
    return undefined;
  }
  return result.events as any;
}

/** The attributes of `text` (a `key = value` a line), or throws with the command line's message. */
function attributes(text: string): Array<{ key: Uint8Array; value: Uint8Array }> {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length > MAX_ATTRIBUTES) throw new Error(`more than ${MAX_ATTRIBUTES} attributes`);
  return lines.map((line) => {
    const at = line.indexOf('=');
    const key = (at < 0 ? line : line.slice(0, at)).trim();
    const value = at < 0 ? '' : line.slice(at + 1).trim();
    const bytes = (s: string) => new TextEncoder().encode(s).length;
    if (bytes(key) === 0 || bytes(key) > MAX_KEY) throw new Error(`attribute key "${key}" must be 1 to ${MAX_KEY} bytes`);
    if (bytes(value) > MAX_VALUE) throw new Error(`the value of "${key}" is longer than ${MAX_VALUE} bytes`);
    return { key: Binary.fromText(key), value: Binary.fromText(value) };
  });
}

function field(label: string, name: string, value: string, extra: Record<string, string> = {}): HTMLElement {
  return el('label', { class: 'field' }, label, el('input', { name, value, ...extra }));
}

/** The order form; `tenant()` gives who posts it when it is sent. */
export function orderForm(tenant: () => Tenant | undefined): HTMLElement {
  const form = el('form', { id: 'order-form', 'aria-labelledby': 'order-title' },
    el('h3', { id: 'order-title' }, 'New order'),
    field('CPU (millicores)', 'cpu', '1000', { inputmode: 'numeric' }),
    field('Memory (MiB)', 'memory', '1024', { inputmode: 'numeric' }),
    field('Storage (GiB)', 'storage', '0', { inputmode: 'numeric' }),
    field('GPUs', 'gpus', '0', { inputmode: 'numeric' }),
    field('Max price per block', 'max_price', '1 mSTRA'),
    field('Budget', 'budget', '1 STRA'),
    field('Bid window (blocks)', 'bid_window', '20', { inputmode: 'numeric' }),
    el('label', { class: 'field' }, 'Required attributes (key = value, one a line)', el('textarea', { name: 'attributes', rows: '2' })),
    el('label', { class: 'field' }, 'Workload manifest (its BLAKE2-256 hash is what the order commits to)',
      el('input', { name: 'manifest', type: 'file', accept: '.toml,text/plain' })),
    el('button', { type: 'submit' }, 'Post the order'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const who = tenant();
    if (!who) return;
    const data = new FormData(form as HTMLFormElement);
    const get = (name: string) => String(data.get(name) ?? '').trim();
    try {
      const file = data.get('manifest');
      if (!(file instanceof File) || file.size === 0) throw new Error('choose the workload manifest the order commits to');
      const manifest = Binary.toHex(Blake2256(new Uint8Array(await file.arrayBuffer())));
      const asked = {
        cpu_millicores: BigInt(get('cpu') || '0'),
        memory_mib: BigInt(get('memory') || '0'),
        storage_gib: BigInt(get('storage') || '0'),
        gpu_units: Number(get('gpus') || '0'),
      };
      const tx = who.api.tx.BidMatching.create_order({
        manifest,
        resources: asked,
        attributes: attributes(get('attributes')),
        auditor: undefined,
        requirements: { min_score: 0, min_completed: 0 },
        max_price_per_block: parseStra(get('max_price')),
        budget: parseStra(get('budget')),
        bid_window: Number(get('bid_window')),
      });
      const events = await send(who, 'Posting the order', tx);
      const created = events?.find((e) => e.type === 'BidMatching' && e.value.type === 'OrderCreated');
      if (created) who.say(`Order #${created.value.value.order_id} posted: it commits to ${manifest}`);
    } catch (error) {
      who.fail(`Not sent: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  return form;
}

/** What the tenant has on the chain at one block: its open orders with their bids (from the market read at that block) and its leases. */
export async function tenantSnapshot(api: Api, me: string, at: string, market: MarketSnapshot) {
  return {
    orders: market.orders.filter(({ view }) => view.tenant === me),
    leases: await all(
      (after: bigint | undefined, limit) => api.apis.ComputeMarketApi.leases_by_tenant(me, after, limit, { at }),
      (lease) => lease.lease_id,
    ),
  };
}

function button(label: string, onClick: () => void, name: string): HTMLElement {
  const b = el('button', { type: 'button', 'aria-label': name }, label);
  b.addEventListener('click', onClick);
  return b;
}

/** The tenant's orders and leases at block `block`, with their actions. */
export function tenantView(who: Tenant, snapshot: Awaited<ReturnType<typeof tenantSnapshot>>, block: number): HTMLElement {
  const { api } = who;
  const orders = snapshot.orders.map(({ id, view, bids }) => [
    `#${id}`,
    resources(view.resources),
    `${stra(view.max_price_per_block)}/block`,
    view.window_end > block ? blocks(view.window_end - block) : 'closing',
    bids.length === 0 ? 'no bids yet' : el('ul', { class: 'bids' }, ...bids.map(([provider, bid]) => el('li', {},
      el('span', { class: 'account', title: provider }, short(provider)), ` ${stra(bid.price)}/block `,
      button('Accept', async () => {
        const events = await send(who, `Accepting ${short(provider)}'s bid on order #${id}`,
          api.tx.BidMatching.accept_bid({ order_id: id, provider }));
        const matched = events?.find((e) => e.type === 'BidMatching' && e.value.type === 'OrderMatched');
        if (matched) who.say(`Order #${id} matched: lease #${matched.value.value.lease_id}`);
      }, `Accept the bid of ${provider} on order ${id}`)))),
  ]);
  const leases = snapshot.leases.map((lease) => {
    const topUp = el('input', { name: `top-up-${lease.lease_id}`, 'aria-label': `Top-up amount for lease ${lease.lease_id}`, value: '0.1 STRA', size: '9' }) as HTMLInputElement;
    return [
      `#${lease.lease_id}`,
      el('span', { class: 'account', title: lease.provider }, short(lease.provider)),
      `${stra(lease.price_per_block)}/block`,
      lease.state.type === 'Pending' ? `pending, ready by #${lease.state.value.ready_by}` : 'active',
      // What is left once the blocks owed now are paid.
      stra(lease.balance > lease.owed_now ? lease.balance - lease.owed_now : 0n),
      stra(lease.owed_now),
      `#${lease.run_dry_at}, in ${blocks(lease.blocks_left)}`,
      el('span', { class: 'actions' }, topUp,
        button('Top up', async () => {
          try {
            const amount = parseStra(topUp.value);
            const events = await send(who, `Topping up lease #${lease.lease_id}`,
              api.tx.LeaseEscrow.deposit({ lease_id: lease.lease_id, amount }));
            const done = events?.find((e) => e.type === 'LeaseEscrow' && e.value.type === 'Deposited');
            if (done) who.say(`Lease #${lease.lease_id} topped up with ${stra(amount)}: it now runs dry at #${done.value.value.run_dry_at}`);
          } catch (error) {
            who.fail(`Not sent: ${error instanceof Error ? error.message : String(error)}`);
          }
        }, `Top up lease ${lease.lease_id}`),
        button('Close', async () => {
          const events = await send(who, `Closing lease #${lease.lease_id}`,
            api.tx.LeaseEscrow.close_lease({ lease_id: lease.lease_id }));
          const closed = events?.find((e) => e.type === 'LeaseEscrow' && e.value.type === 'LeaseClosed');
          if (closed) {
            const c = closed.value.value;
            who.say(`Lease #${lease.lease_id} closed: ${stra(c.refunded)} refunded, ${stra(c.paid_to_provider)} paid to the provider`);
          }
        }, `Close lease ${lease.lease_id}`)),
    ];
  });
  return el('div', {},
    table('My open orders', ['Order', 'Asks for', 'Pays at most', 'Window left', 'Bids, best first'], orders, 'You have no open order.'),
    table('My leases', ['Lease', 'Provider', 'Price', 'State', 'Balance left', 'Owed now', 'Runs dry at', 'Top up or close'], leases, 'You have no lease.'));
}
