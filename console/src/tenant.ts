// The Tenant view: post an order from a workload manifest (read and checked
// as the command line reads it, its terms filling the form, which may change
// them) then dry-run so that the chain's own refusal is shown with nothing
// sent; take a bid; follow the leases: balance, owed now, the block they run
// dry and a countdown, the balance over time; top up or close them.
import { Blake2256, Binary } from '@polkadot-api/substrate-bindings';
import { attempt, button, event, field, onSubmit, send, type Actor } from './act';
import { all, type Api, type LeaseView, type MarketSnapshot } from './chain';
import { chart, type History } from './chart';
import { blocks, inUnit, parseIn, resources, short, stra, parseStra } from './format';
import { attributeProblem, readManifest, MAX_ATTRIBUTES, type ManifestTerms } from './manifest';
import { account, el, table } from './market';

/** The attributes of `text` (a `key = value` a line), or throws with the command line's message. */
export function attributes(text: string): Array<{ key: Uint8Array; value: Uint8Array }> {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length > MAX_ATTRIBUTES) throw new Error(`more than ${MAX_ATTRIBUTES} attributes`);
  return lines.map((line) => {
    const at = line.indexOf('=');
    const key = (at < 0 ? line : line.slice(0, at)).trim();
    const value = at < 0 ? '' : line.slice(at + 1).trim();
    const problem = attributeProblem(key, value);
    if (problem) throw new Error(problem);
    return { key: Binary.fromText(key), value: Binary.fromText(value) };
  });
}

/** The order form; `tenant()` gives who posts it when it is sent. */
export function orderForm(tenant: () => Actor | undefined): HTMLElement {
  const form = el('form', { id: 'order-form', class: 'panel-form', 'aria-labelledby': 'order-title' },
    el('h3', { id: 'order-title' }, 'New order'),
    el('label', { class: 'field wide' }, 'Workload manifest (its terms fill the form; its BLAKE2-256 hash is what the order commits to)',
      el('input', { name: 'manifest', type: 'file', accept: '.toml,text/plain' })),
    el('p', { id: 'manifest-terms', class: 'empty wide', 'aria-live': 'polite' }),
    ...resourceFields({ cpu: '1000', memory: '1024', storage: '0', gpus: '0' }),
    field('Max price per block', 'max_price', '1 mSTRA'),
    field('Budget', 'budget', '1 STRA'),
    field('Bid window (blocks)', 'bid_window', '20', { inputmode: 'numeric' }),
    el('label', { class: 'field' }, 'Required attributes (key = value, one a line)', el('textarea', { name: 'attributes', rows: '2' })),
    el('button', { type: 'submit' }, 'Post the order'));
  const input = form.querySelector<HTMLInputElement>('input[name="manifest"]')!;
  const note = form.querySelector('#manifest-terms')!;
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    try {
      const terms = await manifestOf(file);
      fill(form, terms);
      input.removeAttribute('aria-invalid');
      note.textContent = `Terms read from ${file.name}`
        + (terms.auditor ? `; audited by ${short(terms.auditor)}` : '')
        + (terms.min_score || terms.min_completed ? `; providers with a score of at least ${terms.min_score / 10_000_000}% and ${terms.min_completed} completed leases` : '')
        + '.';
    } catch (error) {
      input.setAttribute('aria-invalid', 'true');
      note.textContent = '';
      tenant()?.fail(`This manifest cannot be ordered: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  onSubmit(form, tenant, async (who, get, data) => {
    const file = data.get('manifest');
    if (!(file instanceof File) || file.size === 0) throw new Error('choose the workload manifest the order commits to');
    // The file is checked again as it is now: the agent refuses a manifest the command line would.
    const terms = await manifestOf(file);
    const manifest = Binary.toHex(Blake2256(new Uint8Array(await file.arrayBuffer())));
    const tx = who.api.tx.BidMatching.create_order({
      manifest,
      resources: resourcesFrom(get),
      attributes: attributes(get('attributes')),
      auditor: terms.auditor,
      requirements: { min_score: terms.min_score, min_completed: terms.min_completed },
      max_price_per_block: parseStra(get('max_price')),
      budget: parseStra(get('budget')),
      bid_window: Number(get('bid_window')),
      // The console prices orders in STRA.
      asset: { type: 'Native', value: undefined },
    });
    const created = event(await send(who, 'Posting the order', tx), 'BidMatching', 'OrderCreated');
    if (created) who.say(`Order #${created.order_id} posted: it commits to ${manifest}`);
  });
  return form;
}

/** The terms of the manifest `file`, or throws where it is wrong, as the command line says it. */
async function manifestOf(file: File): Promise<ManifestTerms> {
  return readManifest(file.name, await file.text());
}

/** Fills the order form with a manifest's terms. */
function fill(form: HTMLElement, terms: ManifestTerms): void {
  const set = (name: string, value: string) => {
    const input = form.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`);
    if (input) input.value = value;
  };
  set('cpu', String(terms.resources.cpu_millicores));
  set('memory', String(terms.resources.memory_mib));
  set('storage', String(terms.resources.storage_gib));
  set('gpus', String(terms.resources.gpu_units));
  set('max_price', stra(terms.max_price_per_block));
  set('budget', stra(terms.budget));
  set('bid_window', String(terms.bid_window));
  set('attributes', terms.attributes.map(([key, value]) => `${key} = ${value}`).join('\n'));
}

/** The labelled fields of a resource vector, holding `values`. */
export function resourceFields(values: { cpu: string; memory: string; storage: string; gpus: string }): HTMLElement[] {
  return [
    field('CPU (millicores)', 'cpu', values.cpu, { inputmode: 'numeric' }),
    field('Memory (MiB)', 'memory', values.memory, { inputmode: 'numeric' }),
    field('Storage (GiB)', 'storage', values.storage, { inputmode: 'numeric' }),
    field('GPUs', 'gpus', values.gpus, { inputmode: 'numeric' }),
  ];
}

/** The resources of a form's `cpu`, `memory`, `storage` and `gpus` fields. */
export function resourcesFrom(get: (name: string) => string) {
  const whole = (name: string, what: string) => {
    const text = get(name) || '0';
    if (!/^\d+$/.test(text)) throw new Error(`${what} must be a whole number, not "${text}"`);
    return BigInt(text);
  };
  return {
    cpu_millicores: whole('cpu', 'CPU'),
    memory_mib: whole('memory', 'memory'),
    storage_gib: whole('storage', 'storage'),
    gpu_units: Number(whole('gpus', 'GPUs')),
  };
}

/** What the tenant has on the chain at one block: its open orders with their bids (from the market read at that block) and its leases. */
export async function tenantSnapshot(api: Api, me: string, at: string, market: MarketSnapshot) {
  return {
    units: market.units,
    orders: market.orders.filter(({ view }) => view.tenant === me),
    leases: await all(
      (after: bigint | undefined, limit) => api.apis.ComputeMarketApi.leases_by_tenant(me, after, limit, { at }),
      (lease) => lease.lease_id,
    ),
  };
}

/** A lease's state as its row says it. */
export function leaseState(lease: LeaseView): string {
  return lease.state.type === 'Pending' ? `pending, ready by #${lease.state.value.ready_by}` : 'active';
}

/** The block a lease runs dry at and how long until then. */
export function runsDry(lease: LeaseView): string {
  return `#${lease.run_dry_at}, in ${blocks(lease.blocks_left)}`;
}

/** The tenant's orders and leases at block `block`, with their actions; each lease's balance joins `history`. */
export function tenantView(who: Actor, snapshot: Awaited<ReturnType<typeof tenantSnapshot>>, block: number, history: History): HTMLElement {
  const { api } = who;
  const { units } = snapshot;
  const orders = snapshot.orders.map(({ id, view, bids }) => [
    `#${id}`,
    resources(view.resources),
    `${units.amount(view.asset, view.max_price_per_block)}/block`,
    view.window_end > block ? blocks(view.window_end - block) : 'closing',
    bids.length === 0 ? 'no bids yet' : el('ul', { class: 'bids' }, ...bids.map(([provider, bid]) => el('li', {},
      account(provider), ` ${units.amount(view.asset, bid.price)}/block `,
      button('Accept', async () => {
        const matched = event(await send(who, `Accepting ${short(provider)}'s bid on order #${id}`,
          api.tx.BidMatching.accept_bid({ order_id: id, provider })), 'BidMatching', 'OrderMatched');
        if (matched) who.say(`Order #${id} matched: lease #${matched.lease_id}`);
      }, `Accept the bid of ${provider} on order ${id}`)))),
    button('Cancel', async () => {
      const cancelled = event(await send(who, `Cancelling order #${id}`, api.tx.BidMatching.cancel_order({ order_id: id })),
        'BidMatching', 'OrderCancelled');
      if (cancelled) who.say(`Order #${id} cancelled: ${units.amount(view.asset, cancelled.refunded)} refunded, ${cancelled.bids_dropped} bids dropped`);
    }, `Cancel order ${id}`),
  ]);
  const leases = snapshot.leases.map((lease) => {
    const id = lease.lease_id;
    const amount = (value: bigint) => units.amount(lease.asset, value);
    // A foreign asset registered without metadata is topped up in its smallest units.
    const unit = units.of(lease.asset) ?? { symbol: 'units', decimals: 0 };
    const topUp = el('input', {
      name: `top-up-${id}`, 'aria-label': `Top-up amount for lease ${id}`, value: unit.symbol === 'STRA' ? '0.1 STRA' : inUnit(10n ** BigInt(unit.decimals), unit), size: '9',
    }) as HTMLInputElement;
    // What is left once the blocks owed now are paid; it reaches zero at the run-dry block.
    const left = lease.balance > lease.owed_now ? lease.balance - lease.owed_now : 0n;
    const samples = history.record(`lease-${id}`, block, left);
    return [
      `#${id}`,
      account(lease.provider),
      `${amount(lease.price_per_block)}/block`,
      leaseState(lease),
      amount(left),
      amount(lease.owed_now),
      runsDry(lease),
      chart(`Balance left of lease ${id}`, samples, {
        width: 160, height: 40, to: lease.state.type === 'Active' ? { block: lease.run_dry_at, value: 0n } : undefined, amount,
      }),
      el('span', { class: 'actions' }, topUp,
        button('Top up', () => attempt(who, async () => {
          const value = parseIn(topUp.value, unit);
          const done = event(await send(who, `Topping up lease #${id}`, api.tx.LeaseEscrow.deposit({ lease_id: id, amount: value })),
            'LeaseEscrow', 'Deposited');
          if (done) who.say(`Lease #${id} topped up with ${amount(value)}: it now runs dry at #${done.run_dry_at}`);
        }), `Top up lease ${id}`),
        button('Close', async () => {
          const closed = event(await send(who, `Closing lease #${id}`, api.tx.LeaseEscrow.close_lease({ lease_id: id })),
            'LeaseEscrow', 'LeaseClosed');
          if (closed) who.say(`Lease #${id} closed: ${amount(closed.refunded)} refunded, ${amount(closed.paid_to_provider)} paid to the provider`);
        }, `Close lease ${id}`)),
    ];
  });
  return el('div', {},
    table('My open orders', ['Order', 'Asks for', 'Pays at most', 'Window left', 'Bids, best first', 'Cancel'], orders, 'You have no open order.'),
    table('My leases', ['Lease', 'Provider', 'Price', 'State', 'Balance left', 'Owed now', 'Runs dry at', 'Balance over time', 'Top up or close'],
      leases, 'You have no lease.'));
}
