// Stratus Console: connects to the node named in the page (`?rpc=`, else
// ws://127.0.0.1:9944), shows the market, lets a tenant post orders, take
// bids and follow its leases, and a provider keep its record, stake and
// leases; redrawn at each finalized block.
import './style.css';
import type { Actor } from './act';
import { devAccounts, extensionAccounts, isDevChain, type Account } from './account';
import { connect, market, type Chain } from './chain';
import { History } from './chart';
import { el, marketView } from './market';
import { providerSnapshot, providerView, registrationForm } from './provider';
import { orderForm, tenantSnapshot, tenantView } from './tenant';

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
const providerPanel = byId('provider');
const providerLive = byId('provider-live');
const TABS = { market: view, tenant: tenantPanel, provider: providerPanel };

let current: { chain: Chain; stop: () => void } | undefined;
let development: Account[] = [];
let wallet: Account[] = [];
/** Whether the account shown is a registered provider, at the last block drawn. */
let registered = false;
const history = new History();

function show(message: string | undefined): void {
  problem.hidden = !message;
  problem.textContent = message ?? '';
}

function say(message: string): void {
  show(undefined);
  activity.textContent = message;
}

function actor(): Actor | undefined {
  const accounts = [...wallet, ...development];
  const account = accounts.find((a) => a.address === accountSelect.value);
  if (!current || !account) {
    show('Choose an account first.');
    return undefined;
  }
  return { api: current.chain.api, account, say, fail: show };
}

/**
 * Replaces what `container` shows with `next`, keeping what the person was
 * doing: the values typed into its fields, the focused field or button, and
 * the caret and selection in that field (a redraw at each block must not
 * eat a half-typed amount, move the keyboard's place, or send the next
 * keystroke elsewhere in the text: "1100 STRA", selected to be typed over
 * and redrawn before the typing with the caret at its end, became
 * "1100 STRA200 STRA").
 */
function redraw(container: HTMLElement, next: HTMLElement): void {
  const key = (e: Element) => e.getAttribute('name') ?? e.getAttribute('aria-label');
  const typed = new Map([...container.querySelectorAll('input')].map((i) => [key(i), i.value]));
  const active = document.activeElement && container.contains(document.activeElement) ? document.activeElement : null;
  const focused = active ? key(active) : null;
  const selection = active instanceof HTMLInputElement
    ? { start: active.selectionStart, end: active.selectionEnd, direction: active.selectionDirection ?? undefined }
    : null;
  container.replaceChildren(next);
  for (const field of container.querySelectorAll('input')) {
    const value = typed.get(key(field));
    if (value !== undefined) field.value = value;
  }
  if (focused) {
    const target = [...container.querySelectorAll<HTMLElement>('input, button')].find((e) => key(e) === focused);
    target?.focus();
    if (target instanceof HTMLInputElement && selection?.start != null && selection.end != null) {
      target.setSelectionRange(selection.start, selection.end, selection.direction);
    }
  }
}

/** Lists the wallet's accounts, then the development accounts; keeps the chosen one if it is still there. */
function listAccounts(): void {
  const chosen = accountSelect.value;
  const accounts = [...wallet, ...development];
  accountSelect.replaceChildren(...accounts.map((a) => el('option', { value: a.address }, a.name)));
  if (accounts.some((a) => a.address === chosen)) accountSelect.value = chosen;
  const notes = [];
  if (wallet.length) notes.push(`${wallet.length} from the browser wallet: it asks before each signature.`);
  if (development.length) notes.push('Development accounts: their keys are public, for development chains only.');
  accountNote.textContent = notes.length ? notes.join(' ')
    : 'No account: use a browser wallet (development accounts are offered on development chains only).';
}

/** Offers the development accounts if the chain is a development chain. */
async function offerAccounts(chain: Chain): Promise<void> {
  development = (await isDevChain(chain.client)) ? devAccounts() : [];
  listAccounts();
}

/** Follows the node at `url`: the market and the tenant's leases at each finalized block. */
function follow(url: string): void {
  current?.stop();
  history.clear();
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
        const who = me ? actor() : undefined;
        if (who) {
          const [mine, served] = await Promise.all([
            tenantSnapshot(chain.api, me, block.hash, snapshot),
            providerSnapshot(chain.api, me, block.hash, snapshot.units),
          ]);
          // The account may have changed while the chain was read.
          if (accountSelect.value === me) {
            redraw(tenantLive, tenantView(who, mine, block.number, history));
            registered = served.record !== undefined;
            redraw(providerLive, providerView(who, served, block.number, history));
          }
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

/** Shows the view of `tab`. */
function select(tab: keyof typeof TABS): void {
  for (const [name, panel] of Object.entries(TABS)) {
    byId(`tab-${name}`).setAttribute('aria-selected', String(name === tab));
    panel.hidden = name !== tab;
  }
}

for (const tab of Object.keys(TABS) as Array<keyof typeof TABS>) byId(`tab-${tab}`).addEventListener('click', () => select(tab));
accountSelect.addEventListener('change', () => {
  history.clear();
  registered = false;
  tenantLive.replaceChildren();
  providerLive.replaceChildren();
});
byId('connect-wallet').addEventListener('click', async () => {
  try {
    wallet = await extensionAccounts();
  } catch (error) {
    show(`The browser wallet refused: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if (wallet.length === 0) {
    show('No browser wallet with an account was found: install Polkadot{.js}, Talisman or SubWallet and add an account.');
    return;
  }
  listAccounts();
  accountSelect.value = wallet[0].address;
  accountSelect.dispatchEvent(new Event('change'));
  say(`Signing with ${wallet[0].name}`);
});

/** Follows the node in the Node field, if its address is a WebSocket one; keeps it in the page's URL. */
function connectToField(): void {
  const url = input.value.trim();
  if (!/^wss?:\/\//.test(url)) {
    show('The node address starts with ws:// or wss://.');
    return;
  }
  const next = new URL(window.location.href);
  next.searchParams.set('rpc', url);
  window.history.replaceState(null, '', next);
  follow(url);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  connectToField();
});

tenantPanel.insertBefore(orderForm(actor), tenantLive);
providerPanel.append(registrationForm(actor, () => registered));
input.value = params.get('rpc') ?? DEFAULT_RPC;
view.append(el('p', { class: 'empty' }, 'Waiting for the first finalized block…'));
connectToField();
