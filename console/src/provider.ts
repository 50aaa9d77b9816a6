// The Provider view: my provider record, stake and track record, what my
// leases have earned over time, the leases I serve and the reports against
// me with their deadlines; register or update, pause and resume, bond,
// unbond and withdraw what has unlocked, confirm a lease ready, collect
// what a lease owes, dispute a report.
import { Binary } from '@polkadot-api/substrate-bindings';
import { attempt, button, event, field, onSubmit, send, type Actor } from './act';
import { all, type Api, type Units } from './chain';
import { chart, type History } from './chart';
import { blocks, parseStra, percent, resources, stra, text } from './format';
import { account, el, table } from './market';
import { attributes, leaseState, resourceFields, resourcesFrom, runsDry } from './tenant';

/** The longest host URI the runtime keeps (`MaxHostUriLen`). */
const MAX_HOST_URI = 128;

/** What the chain holds about provider `me` at block `at`; its leases' amounts read in `units`. */
export async function providerSnapshot(api: Api, me: string, at: string, units: Units) {
  const market = api.apis.ComputeMarketApi;
  const options = { at };
  const [record, stake, stats, leases, reportIds] = await Promise.all([
    market.provider(me, options),
    market.stake(me, options),
    market.provider_stats(me, options),
    all((after: bigint | undefined, limit) => market.leases_by_provider(me, after, limit, options), (lease) => lease.lease_id),
    api.query.ProviderSlashing.ReportsByProvider.getEntries(me, options),
  ]);
  const reports = await Promise.all(reportIds.map(async ({ keyArgs: [, id] }) => ({
    id,
    report: await api.query.ProviderSlashing.Reports.getValue(id, options),
  })));
  return { record, stake, stats, leases, reports, units };
}

export type ProviderSnapshot = Awaited<ReturnType<typeof providerSnapshot>>;

/** A list of `[term, description]` pairs. */
function facts(label: string, pairs: Array<[string, Node | string]>): HTMLElement {
  return el('dl', { class: 'facts', 'aria-label': label }, ...pairs.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));
}

/** The registration form: capacity, attributes and host URI; it registers, or updates a registration. */
export function registrationForm(provider: () => Actor | undefined, registered: () => boolean): HTMLElement {
  const form = el('form', { id: 'provider-form', class: 'panel-form', 'aria-labelledby': 'provider-form-title' },
    el('h3', { id: 'provider-form-title' }, 'Registration'),
    ...resourceFields({ cpu: '4000', memory: '8192', storage: '100', gpus: '0' }),
    field('Host URI (where tenants deliver manifests)', 'host_uri', 'http://127.0.0.1:8090'),
    el('label', { class: 'field' }, 'Attributes (key = value, one a line)', el('textarea', { name: 'attributes', rows: '2' })),
    el('button', { type: 'submit' }, 'Register or update'));
  onSubmit(form, provider, async (who, get) => {
    const host = get('host_uri');
    const length = new TextEncoder().encode(host).length;
    if (length === 0 || length > MAX_HOST_URI) throw new Error(`host_uri must be 1 to ${MAX_HOST_URI} bytes`);
    const args = { capacity: resourcesFrom(get), attributes: attributes(get('attributes')), host_uri: Binary.fromText(host) };
    const registry = who.api.tx.ResourceRegistry;
    if (registered()) {
      if (await send(who, 'Updating the registration', registry.update_provider(args))) who.say('Registration updated');
    } else if (await send(who, 'Registering', registry.register_provider(args))) {
      who.say(`${who.account.address} is registered`);
    }
  });
  return form;
}

function recordSection(who: Actor, snapshot: ProviderSnapshot, block: number): HTMLElement {
  const { record } = snapshot;
  if (!record) return el('p', { class: 'empty' }, 'This account is not a registered provider: register it with the form below.');
  const registry = who.api.tx.ResourceRegistry;
  const status = record.jailed ? 'jailed' : record.status.type === 'Paused' ? 'paused' : 'active';
  const liveness = record.liveness.type === 'InMaintenance' ? 'in maintenance' : record.liveness.type.toLowerCase();
  const toggle = record.status.type === 'Paused'
    ? button('Resume', async () => {
      if (await send(who, 'Resuming', registry.resume_provider())) who.say('Resumed: the provider bids and is matched again');
    }, 'Resume the provider')
    : button('Pause', async () => {
      if (await send(who, 'Pausing', registry.pause_provider())) who.say('Paused: no new orders until resumed');
    }, 'Pause the provider');
  return el('section', { 'aria-labelledby': 'record-title' },
    el('h3', { id: 'record-title' }, 'My provider record'),
    facts('Provider record', [
      ['Status', el('span', { class: 'actions' }, el('span', { class: `status status-${status}` }, status), toggle)],
      ['Liveness', `${liveness}, last heartbeat at #${record.last_heartbeat} (${blocks(Math.max(0, block - record.last_heartbeat))} ago)`],
      ['Host', text(record.host_uri)],
      ['Capacity', resources(record.capacity)],
      ['Allocated', resources(record.allocated)],
      ['Attributes', record.attributes.map((a) => `${text(a.key)}=${text(a.value)}`).join(', ') || 'none'],
      ['Open leases', String(record.active_leases)],
    ]));
}

function stakeSection(who: Actor, snapshot: ProviderSnapshot, block: number): HTMLElement {
  const slashing = who.api.tx.ProviderSlashing;
  const stake = snapshot.stake;
  const amount = el('input', { name: 'stake-amount', 'aria-label': 'Amount to bond or unbond', value: '100 STRA', size: '10' }) as HTMLInputElement;
  const unlocked = stake?.unbonding.filter((c) => c.unlocks_at <= block) ?? [];
  const chunks = stake?.unbonding.map((c) => el('li', {}, c.unlocks_at <= block
    ? `${stra(c.amount)} unlocked`
    : `${stra(c.amount)} unlocks at #${c.unlocks_at}, in ${blocks(c.unlocks_at - block)}`)) ?? [];
  const act = (what: string, call: (value: bigint) => Parameters<typeof send>[2], said: (fields: any) => string, name: string) =>
    button(what, () => attempt(who, async () => {
      const value = parseStra(amount.value);
      const done = event(await send(who, `${what} ${stra(value)}`, call(value)), 'ProviderSlashing', name);
      if (done) who.say(said(done));
    }), `${what} the amount`);
  const withdraw = button('Withdraw unlocked', async () => {
    const done = event(await send(who, 'Withdrawing what has unlocked', slashing.withdraw_unbonded()), 'ProviderSlashing', 'Withdrawn');
    if (done) who.say(`Withdrew ${stra(done.amount)} to the free balance`);
  }, 'Withdraw what has unlocked');
  if (unlocked.length === 0) withdraw.setAttribute('disabled', '');
  return el('section', { 'aria-labelledby': 'stake-title' },
    el('h3', { id: 'stake-title' }, 'Stake'),
    facts('Stake', [
      ['Bonded', stra(stake?.bonded ?? 0n)],
      ['Committed to leases', stra(stake?.committed ?? 0n)],
      ['Unbonding', chunks.length ? el('ul', { class: 'bids' }, ...chunks) : 'nothing'],
      ['Faults since unjailed', String(stake?.faults ?? 0)],
      ['Jailed', stake?.jailed_at !== undefined ? `since #${stake.jailed_at}` : 'no'],
    ]),
    el('p', { class: 'actions' }, amount,
      act('Bond', (value) => slashing.bond({ amount: value }), (e) => `Bonded ${stra(e.amount)}: ${stra(e.bonded)} in all`, 'Bonded'),
      act('Unbond', (value) => slashing.unbond({ amount: value }), (e) => `Unbonding ${stra(e.amount)}: it unlocks at #${e.unlocks_at}`, 'Unbonded'),
      withdraw));
}

function recordOfService(snapshot: ProviderSnapshot, block: number, history: History): HTMLElement {
  const { stats, leases } = snapshot;
  // Billed: what closed leases cost their tenants (the track record), and
  // what the open ones have cost so far: their settled blocks at their
  // price and what they owe now. It only grows.
  const billed = leases.reduce((sum, l) => {
    if (l.state.type !== 'Active') return sum;
    const settled = l.settled_up_to > l.state.value.billing_from ? l.settled_up_to - l.state.value.billing_from : 0;
    return sum + BigInt(settled) * l.price_per_block + l.owed_now;
  }, stats?.record.value_served ?? 0n);
  const samples = history.record('billed', block, billed);
  const f = stats?.record.faults;
  const faults = f ? f.early_close + f.not_ready + f.unreachable + f.not_delivered + f.unavailable + f.below_spec : 0;
  return el('section', { 'aria-labelledby': 'served-title' },
    el('h3', { id: 'served-title' }, 'Track record and earnings'),
    facts('Track record', [
      ['Score', stats ? percent(stats.score) : 'none yet'],
      ['Completed', `${stats?.record.completed ?? 0} leases, ${stats?.record.blocks_served ?? 0n} blocks served`],
      ['Billed', `${stra(billed)}, of which ${stra(stats?.record.value_served ?? 0n)} on closed leases (before the take rate)`],
      ['Faults', `${faults} upheld, ${stats?.record.disputes_won ?? 0} disputes won`],
    ]),
    el('figure', {},
      chart('Billed', samples, { width: 480, height: 120 }),
      el('figcaption', {}, `What my leases have billed, over the blocks this page has followed (from #${samples[0]?.block ?? block}).`)));
}

function leasesTable(who: Actor, snapshot: ProviderSnapshot): HTMLElement {
  const escrow = who.api.tx.LeaseEscrow;
  const rows = snapshot.leases.map((lease) => {
    const id = lease.lease_id;
    const amount = (value: bigint) => snapshot.units.amount(lease.asset, value);
    const action = lease.state.type === 'Pending'
      ? button('Confirm ready', async () => {
        const ready = event(await send(who, `Confirming lease #${id} ready`, escrow.confirm_ready({ lease_id: id })), 'LeaseEscrow', 'LeaseReady');
        if (ready) who.say(`Lease #${id} is active: billing from #${ready.billing_from}`);
      }, `Confirm lease ${id} ready`)
      : button('Collect', async () => {
        const paid = event(await send(who, `Collecting from lease #${id}`, escrow.withdraw({ lease_id: id })), 'LeaseEscrow', 'Withdrawn');
        if (paid) who.say(`Collected ${amount(paid.paid_to_provider)} from lease #${id} (${amount(paid.paid_to_treasury)} to the treasury)`);
      }, `Collect from lease ${id}`);
    return [
      `#${id}`,
      account(lease.tenant),
      resources(lease.resources),
      `${amount(lease.price_per_block)}/block`,
      leaseState(lease),
      `${amount(lease.owed_now)} unsettled, ${amount(lease.owed_to_provider)} settled to me`,
      runsDry(lease),
      action,
    ];
  });
  return table('Leases I serve', ['Lease', 'Tenant', 'Resources', 'Price', 'State', 'Owed', 'Runs dry at', 'Act'], rows,
    'You serve no lease.');
}

function reportsTable(who: Actor, snapshot: ProviderSnapshot, block: number): HTMLElement {
  const rows = snapshot.reports.flatMap(({ id, report }) => {
    if (!report) return [];
    const open = report.status.type === 'Open';
    const left = report.deadline > block ? `in ${blocks(report.deadline - block)}` : 'now';
    const evidence = el('input', { name: `evidence-${id}`, 'aria-label': `Evidence hash for report ${id}`, placeholder: '0x… (32 bytes)', size: '20' }) as HTMLInputElement;
    return [[
      `#${id}`,
      `#${report.lease_id}`,
      account(report.tenant),
      report.kind.type,
      open ? 'open: dispute it before the deadline or it is upheld' : 'disputed: the adjudicator decides by the deadline, else it is dismissed',
      `#${report.deadline}, ${left}`,
      open
        ? el('span', { class: 'actions' }, evidence, button('Dispute', () => attempt(who, async () => {
          const hash = evidence.value.trim();
          if (!/^0x[0-9a-fA-F]{64}$/.test(hash)) throw new Error('the evidence is a 0x-prefixed 32-byte hash of what you keep off-chain');
          const disputed = event(await send(who, `Disputing report #${id}`,
            who.api.tx.ProviderSlashing.dispute({ report_id: id, evidence: hash as `0x${string}` })), 'ProviderSlashing', 'ReportDisputed');
          if (disputed) who.say(`Report #${id} disputed: the adjudicator decides by #${disputed.decide_by}`);
        }), `Dispute report ${id}`))
        : '—',
    ]];
  });
  return table('Reports against me', ['Report', 'Lease', 'Tenant', 'Fault', 'Status', 'Deadline', 'Dispute'], rows,
    'No report against you is open.');
}

/** The Provider view of `snapshot`, taken at block `block`; the earnings join `history`. */
export function providerView(who: Actor, snapshot: ProviderSnapshot, block: number, history: History): HTMLElement {
  return el('div', {},
    recordSection(who, snapshot, block),
    stakeSection(who, snapshot, block),
    recordOfService(snapshot, block, history),
    leasesTable(who, snapshot),
    reportsTable(who, snapshot, block));
}
