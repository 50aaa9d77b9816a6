// Numbers as the Stratus tools print them: amounts in STRA or in the
// foreign asset they are paid in, blocks also as time, resources in cores
// and GiB, accounts shortened.

/** Plancks in one STRA (12 decimals). */
export const STRA = 10n ** 12n;
/** Seconds per block (`MILLI_SECS_PER_BLOCK` is 6000). */
export const BLOCK_SECONDS = 6;

/** A unit amounts are written in: its symbol and the decimals of one. */
export interface Unit {
  symbol: string;
  decimals: number;
}

/** STRA, 12 decimals. */
export const STRA_UNIT: Unit = { symbol: 'STRA', decimals: 12 };

/** `value` smallest units in `unit`, every significant decimal kept: "1.5 STRA", "0.01 USDT". */
export function inUnit(value: bigint, unit: Unit): string {
  const one = 10n ** BigInt(unit.decimals);
  const whole = value / one;
  const fraction = value % one;
  if (fraction === 0n) return `${whole} ${unit.symbol}`;
  const decimals = fraction.toString().padStart(unit.decimals, '0').replace(/0+$/, '');
  return `${whole}.${decimals} ${unit.symbol}`;
}

/** `plancks` in STRA, every significant decimal kept: "1.5 STRA", "0.000625 STRA". */
export function stra(plancks: bigint): string {
  return inUnit(plancks, STRA_UNIT);
}

/** `seconds` roughly, as a person says it: "42 s", "12 min", "5 h", "3 days". */
export function duration(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 2 * 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 2 * 86_400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86_400)} days`;
}

/** `n` blocks and about how long they take: "12 blocks (~72 s)". */
export function blocks(n: number): string {
  return `${n} ${n === 1 ? 'block' : 'blocks'} (~${duration(n * BLOCK_SECONDS)})`;
}

/** CPU in cores: 2500 millicores is "2.5 cores". */
export function cores(millicores: bigint): string {
  const whole = millicores / 1000n;
  const rest = (millicores % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  const text = rest ? `${whole}.${rest}` : `${whole}`;
  return `${text} ${text === '1' ? 'core' : 'cores'}`;
}

/** Memory in GiB: 1536 MiB is "1.5 GiB". */
export function gib(mib: bigint): string {
  const value = Number(mib) / 1024;
  return `${Number.isInteger(value) ? value : value.toFixed(2).replace(/0+$/, '')} GiB`;
}

/** What a resource vector asks or offers, e.g. "2 cores · 4 GiB · 50 GiB disk". */
export function resources(r: { cpu_millicores: bigint; memory_mib: bigint; storage_gib: bigint; gpu_units: number }): string {
  const parts = [cores(r.cpu_millicores), gib(r.memory_mib), `${r.storage_gib} GiB disk`];
  if (r.gpu_units > 0) parts.push(`${r.gpu_units} GPU`);
  return parts.join(' · ');
}

/** `part` of `whole` as a whole percentage ("0 %" when nothing is offered). */
export function share(part: bigint, whole: bigint): string {
  return whole === 0n ? '0 %' : `${Number((part * 100n) / whole)} %`;
}

/** An account shortened for a table: "5FHneW…694ty". */
export function short(account: string): string {
  return account.length > 14 ? `${account.slice(0, 6)}…${account.slice(-5)}` : account;
}

/** Bytes of text from the chain (attribute keys and values, a host URI). */
export function text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

/** Parts per billion as a percentage with one decimal, as the command line prints it: "50.0%". */
export function percent(perbill: number): string {
  const tenths = Math.floor(perbill / 1_000_000);
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

/** The units an amount may be written in, with their plancks. */
const UNITS: Array<[string, bigint]> = [['STRA', STRA], ['mSTRA', STRA / 1000n], ['uSTRA', STRA / 1_000_000n], ['µSTRA', STRA / 1_000_000n], ['planck', 1n]];
/** The largest amount (`u128`). */
const MAX = (1n << 128n) - 1n;

/** The unit `name` and its plancks; the prefix is case-sensitive (m is milli), STRA is not. */
function unitOf(name: string): [string, bigint] {
  if (name === '' || name.toLowerCase() === 'planck' || name.toLowerCase() === 'plancks') return ['planck', 1n];
  const unit = UNITS.find(([u]) => {
    const prefix = u.slice(0, u.length - 4);
    return name.length === u.length && name.startsWith(prefix) && name.slice(prefix.length).toLowerCase() === u.slice(prefix.length).toLowerCase();
  });
  if (!unit) throw new Error(`unknown unit "${name}": use STRA, mSTRA, uSTRA or planck`);
  return unit;
}

/**
 * An amount as people write it, read as the command line reads it (the
 * client's `amount::parse`): "1.5 STRA", "250 mSTRA", "7 uSTRA", or
 * plancks without a unit. Throws with the command line's message when it
 * is not one.
 */
export function parseStra(input: string): bigint {
  return parseAmount(input, 'write e.g. "1.5 STRA", "250 mSTRA" or plancks', unitOf);
}

/**
 * An amount of a foreign asset: "0.5 USDT" in its `unit` (any case), or
 * its smallest units without one. Throws, as {@link parseStra} does, when
 * it is not one.
 */
export function parseIn(input: string, unit: Unit): bigint {
  if (unit.symbol === STRA_UNIT.symbol) return parseStra(input);
  return parseAmount(input, `write e.g. "1.5 ${unit.symbol}" or its smallest units`, (name) => {
    if (name === '') return ['smallest unit', 1n];
    if (name.toLowerCase() === unit.symbol.toLowerCase()) return [unit.symbol, 10n ** BigInt(unit.decimals)];
    throw new Error(`unknown unit "${name}": use ${unit.symbol} or its smallest units`);
  });
}

/** `input` read as a number and a unit `unitOf` names (its name and its smallest units). */
function parseAmount(input: string, example: string, unitOf: (name: string) => [string, bigint]): bigint {
  const text = input.trim();
  if (!text) throw new Error(`no amount given: ${example}`);
  const split = text.search(/\p{L}/u);
  const numberText = (split < 0 ? text : text.slice(0, split)).trim();
  const [unitName, plancks] = unitOf(split < 0 ? '' : text.slice(split).trim());
  const number = numberText.replaceAll('_', '');
  const at = number.indexOf('.');
  const whole = at < 0 ? number : number.slice(0, at);
  const fraction = at < 0 ? '' : number.slice(at + 1);
  const digits = (s: string) => /^\d+$/.test(s);
  if (!(digits(whole) || (whole === '' && digits(fraction))) || !(fraction === '' || digits(fraction))) {
    throw new Error(`"${numberText}" is not a number`);
  }
  const decimals = plancks.toString().length - 1;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > decimals) throw new Error(`${text} has more decimals than a ${unitName} has plancks`);
  const value = BigInt(whole || '0') * plancks + BigInt(significant.padEnd(decimals, '0') || '0');
  if (value > MAX) throw new Error(`${text} is more than any account can hold`);
  return value;
}
