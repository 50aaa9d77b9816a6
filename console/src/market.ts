// The Market view: providers with capacity, allocated share, attributes,
// status and track record; open orders with their bid books and the time
// left in each window. Redrawn at each finalized block.
import type { MarketSnapshot } from './chain';
import { blocks, percent, resources, share, short, text } from './format';

/** An element `tag` with `attributes` and `children` (text or elements). */
export function el(tag: string, attributes: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** A table captioned `caption` with `head` columns and `rows`, or `empty` when there are none. */
export function table(caption: string, head: string[], rows: Array<Array<Node | string>>, empty: string): HTMLElement {
  if (rows.length === 0) return el('p', { class: 'empty' }, empty);
  return el('table', {},
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows.map((cells) => el('tr', {}, ...cells.map((c, i) => el('td', { 'data-label': head[i] }, c))))));
}

/** An account as a table cell: shortened, in full on hover and for screen readers. */
export function account(address: string): HTMLElement {
  return el('span', { class: 'account', title: address, 'aria-label': address }, short(address));
}

function providersTable(snapshot: MarketSnapshot): HTMLElement {
  const rows = snapshot.providers.map(({ account: who, view, stats }) => {
    const status = view.jailed ? 'jailed' : view.status.type === 'Paused' ? 'paused' : view.liveness.type === 'Reachable' ? 'active' : view.liveness.type === 'InMaintenance' ? 'in maintenance' : 'unreachable';
    const attributes = view.attributes.map((a) => `${text(a.key)}=${text(a.value)}`).join(', ');
    const record = stats ? `${stats.record.completed} completed · score ${percent(stats.score)}` : 'none yet';
    return [
      account(who),
      resources(view.capacity),
      `${share(view.allocated.cpu_millicores, view.capacity.cpu_millicores)} CPU · ${share(view.allocated.memory_mib, view.capacity.memory_mib)} memory`,
      attributes || '—',
      el('span', { class: `status status-${status.replace(' ', '-')}` }, status),
      `${view.active_leases}`,
      record,
    ];
  });
  return table('Providers', ['Provider', 'Capacity', 'Allocated', 'Attributes', 'Status', 'Leases', 'Track record'], rows,
    'No provider is registered yet.');
}

function ordersTable(snapshot: MarketSnapshot): HTMLElement {
  const rows = snapshot.orders.map(({ id, view, bids }) => {
    const left = view.window_end - snapshot.block;
    const amount = (value: bigint) => snapshot.units.amount(view.asset, value);
    const book = bids.length === 0
      ? 'no bids yet'
      : el('ol', { class: 'bids' }, ...bids.map(([bidder, bid]) => el('li', {}, account(bidder), ` ${amount(bid.price)}/block`)));
    return [
      `#${id}`,
      account(view.tenant),
      resources(view.resources),
      `${amount(view.max_price_per_block)}/block`,
      amount(view.budget),
      left > 0 ? blocks(left) : 'closing',
      book,
    ];
  });
  return table('Open orders', ['Order', 'Tenant', 'Asks for', 'Pays at most', 'Budget', 'Window left', 'Bids, best first'], rows,
    'No order is open.');
}

/** The Market view of `snapshot`. */
export function marketView(snapshot: MarketSnapshot): HTMLElement {
  return el('section', { 'aria-labelledby': 'market-title' },
    el('h2', { id: 'market-title' }, 'Market'),
    providersTable(snapshot),
    ordersTable(snapshot));
}
