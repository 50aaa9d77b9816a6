// Acting on the chain from the page: every call is dry-run as the account
// first, so that a refusal is shown with the pallet's named error and its
// doc line and nothing is sent; then it is signed and followed to finality.
import type { Transaction } from 'polkadot-api';
import type { Account } from './account';
import type { Api } from './chain';
import { named } from './errors';
import { el } from './market';

/** What the page needs to act: the chain, the account, where to say what happened. */
export interface Actor {
  api: Api;
  account: Account;
  say: (message: string) => void;
  fail: (message: string) => void;
}

/** The events of a finalized transaction, as polkadot-api decodes them. */
export type Events = Array<{ type: string; value: { type: string; value: any } }>;

/** Dry-runs `tx` as the account, then signs and sends it; resolves with its events, or undefined after saying why not. */
export async function send(who: Actor, what: string, tx: Transaction): Promise<Events | undefined> {
  const { api, account, say, fail } = who;
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
  return result.events as Events;
}

/** The fields of the first `pallet.name` event among `events`, if there is one. */
export function event(events: Events | undefined, pallet: string, name: string): any | undefined {
  return events?.find((e) => e.type === pallet && e.value.type === name)?.value.value;
}

/** Runs `act`; input it cannot read (an amount, an attribute) is reported as not sent. */
export async function attempt(who: Actor, act: () => Promise<void>): Promise<void> {
  try {
    await act();
  } catch (error) {
    who.fail(`Not sent: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A button showing `label`, named `name` for screen readers and tests. */
export function button(label: string, onClick: () => void, name: string): HTMLElement {
  const b = el('button', { type: 'button', 'aria-label': name }, label);
  b.addEventListener('click', onClick);
  return b;
}

/** A labelled input `name` holding `value`. */
export function field(label: string, name: string, value: string, extra: Record<string, string> = {}): HTMLElement {
  return el('label', { class: 'field' }, label, el('input', { name, value, ...extra }));
}

/**
 * Acts on `form`'s submission as the account `actor()` gives, with its
 * fields' trimmed text through `get`; input it cannot read is reported as
 * not sent.
 */
export function onSubmit(
  form: HTMLElement,
  actor: () => Actor | undefined,
  act: (who: Actor, get: (name: string) => string, data: FormData) => Promise<void>,
): void {
  form.addEventListener('submit', async (submitted) => {
    submitted.preventDefault();
    const who = actor();
    if (!who) return;
    const data = new FormData(form as HTMLFormElement);
    await attempt(who, () => act(who, (name) => String(data.get(name) ?? '').trim(), data));
  });
}
