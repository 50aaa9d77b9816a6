// Stratus Console: connects to the node named in the page (`?rpc=`, else
// ws://127.0.0.1:9944) and shows the market, redrawn at each finalized block.
import './style.css';
import { connect, market, type Chain } from './chain';
import { el, marketView } from './market';

const DEFAULT_RPC = 'ws://127.0.0.1:9944';

const params = new URLSearchParams(window.location.search);
const form = document.getElementById('connect') as HTMLFormElement;
const input = document.getElementById('rpc') as HTMLInputElement;
const status = document.getElementById('status') as HTMLElement;
const problem = document.getElementById('problem') as HTMLElement;
const view = document.getElementById('view') as HTMLElement;

let current: { chain: Chain; stop: () => void } | undefined;

function show(message: string | undefined): void {
  problem.hidden = !message;
  problem.textContent = message ?? '';
}

/** Follows the node at `url`: the market at each finalized block. */
function follow(url: string): void {
  current?.stop();
  show(undefined);
  status.textContent = `Connecting to ${url}…`;
  const chain = connect(url);
  let drawing = false;
  const subscription = chain.client.finalizedBlock$.subscribe({
    next: async (block) => {
      // A block that arrives while the last is drawn is skipped: the next one redraws.
      if (drawing) return;
      drawing = true;
      try {
        const snapshot = await market(chain.api, block.number, block.hash);
        view.replaceChildren(marketView(snapshot));
        status.textContent = `${url} · finalized block #${block.number}`;
        view.setAttribute('data-block', String(block.number));
        show(undefined);
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

input.value = params.get('rpc') ?? DEFAULT_RPC;
view.append(el('p', { class: 'empty' }, 'Waiting for the first finalized block…'));
follow(input.value);
