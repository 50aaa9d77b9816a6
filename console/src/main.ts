// Stratus Console: connects to the node named in the page (`?rpc=`, else
// ws://127.0.0.1:9944), shows the market, and lets a tenant post orders,
// take bids and follow its leases; redrawn at each finalized block.
import './style.css';
import { devAccounts, isDevChain, type Account } from './account';
import { connect, market, type Chain } from './chain';
import { el, marketView } from './market';
import { orderForm, tenantSnapshot, tenantView, type Tenant } from './tenant';

const DEFAULT_RPC = 'ws://127.0.0.1:9944';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const params = new URLSearchParams(window.location.search);
const form = byId<HTMLFormElement>('connect');
const input = byId<HTMLInputElement>('rpc');
const status = byId('status');
const problem = byId('problem');
const activity = byId('activity');
const view = byId('view');
const tenantPanel = byId('tenant');
const accountSelect = byId<HTMLSelectElement>('account');
const accountNote = byId('account-note');
const tenantLive = byId('tenant-live');

let current: { chain: Chain; stop: () => void } | undefined;
let accounts: Account[] = [];

function show(message: string | undefined): void {
  problem.hidden = !message;
  problem.textContent = message ?? '';
}

function say(message: string): void {
  show(undefined);
  activity.textContent = message;
}

function tenant(): Tenant | undefined {
  const account = accounts.find((a) => a.address === accountSelect.value);
  if (!current || !account) {
    show('Choose an account first.');
    return undefined;
  }
  return { api: current.chain.api, account, say, fail: show };
}

/**
 * Replaces what `container` shows with `next`, keeping what the person was
 * doing: the values typed into its fields and the focused field or button
 * (a redraw at each block must not eat a half-typed amount or move the
 * keyboard's place).
 */
function redraw(container: HTMLElement, next: HTMLElement): void {
  const key = (e: Element) => e.getAttribute('name') ?? e.getAttribute('aria-label');
  const typed = new Map([...container.querySelectorAll('input')].map((i) => [key(i), i.value]));
  const focused = document.activeElement && container.contains(document.activeElement) ? key(document.activeElement) : null;
  container.replaceChildren(next);
  for (const field of container.querySelectorAll('input')) {
    const value = typed.get(key(field));
    if (value !== undefined) field.value = value;
  }
  if (focused) {
    [...container.querySelectorAll<HTMLElement>('input, button')].find((e) => key(e) === focused)?.focus();
  }
}

/** Offers the development accounts if the chain is a development chain. */
async function offerAccounts(chain: Chain): Promise<void> {
  const dev = await isDevChain(chain.client);
  accounts = dev ? devAccounts() : [];
  accountSelect.replaceChildren(...accounts.map((a) => el('option', { value: a.address }, a.name)));
  accountNote.textContent = dev
    ? 'Development accounts: their keys are public, for development chains only.'
    : 'No account: this page signs with development accounts on development chains only.';
}

/** Follows the node at `url`: the market and the tenant's leases at each finalized block. */
function follow(url: string): void {
  current?.stop();
  show(undefined);
  status.textContent = `Connecting to ${url}…`;
  const chain = connect(url);
  offerAccounts(chain).catch((error) => show(`Could not read the chain: ${error}`));
  let drawing = false;
  const subscription = chain.client.finalizedBlock$.subscribe({
    next: async (block) => {
      // A block that arrives while the last is drawn is skipped: the next one redraws.
      if (drawing) return;
      drawing = true;
      try {
        const snapshot = await market(chain.api, block.number, block.hash);
        view.replaceChildren(marketView(snapshot));
        const me = accountSelect.value;
        if (me) {
          const mine = await tenantSnapshot(chain.api, me, block.hash, snapshot);
          const who = tenant();
          if (who) redraw(tenantLive, tenantView(who, mine, block.number));
        }
        status.textContent = `${url} · finalized block #${block.number}`;
        document.body.setAttribute('data-block', String(block.number));
        view.setAttribute('data-block', String(block.number));
      } catch (error) {
        show(`Could not read the market: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        drawing = false;
      }
    },
    error: (error: unknown) => show(`The connection to ${url} failed: ${error instanceof Error ? error.message : String(error)}`),
  });
  current = {
    chain,
    stop: () => {
      subscription.unsubscribe();
      chain.client.destroy();
    },
  };
}

/** Shows the view of `tab` ("market" or "tenant"). */
function select(tab: 'market' | 'tenant'): void {
  byId('tab-market').setAttribute('aria-selected', String(tab === 'market'));
  byId('tab-tenant').setAttribute('aria-selected', String(tab === 'tenant'));
  view.hidden = tab !== 'market';
  tenantPanel.hidden = tab !== 'tenant';
}

byId('tab-market').addEventListener('click', () => select('market'));
byId('tab-tenant').addEventListener('click', () => select('tenant'));
accountSelect.addEventListener('change', () => tenantLive.replaceChildren());

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const url = input.value.trim();
  if (!/^wss?:\/\//.test(url)) {
    show('The node address starts with ws:// or wss://.');
    return;
  }
  const next = new URL(window.location.href);
  next.searchParams.set('rpc', url);
  window.history.replaceState(null, '', next);
  follow(url);
});

tenantPanel.insertBefore(orderForm(tenant), tenantLive);
input.value = params.get('rpc') ?? DEFAULT_RPC;
view.append(el('p', { class: 'empty' }, 'Waiting for the first finalized block…'));
follow(input.value);
