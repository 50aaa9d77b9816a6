// A workload manifest read as the command line reads it (client/src/
// manifest.rs): the same fields, bounds and checks, in the same order, with
// the same messages at the same line and column ("workload.toml:8:14:
// bid_window must be 10 to 600 blocks"), so that a file the page accepts
// is one `stratus order create -f` and the provider's agent accept too.
// A browser test runs both on the same files and compares what they say.
import { ss58Decode } from '@polkadot-labs/hdkd-helpers';
import { parseTOML, type AST } from 'toml-eslint-parser';
import { parseStra } from './format';

/** The bounds the runtime sets (`MaxRequiredAttributes`, key and value lengths, `MinBidWindow`…`MaxBidWindow`, `MinLeaseTerm` blocks of budget). */
export const MAX_ATTRIBUTES = 16;
const MAX_KEY = 32;
const MAX_VALUE = 64;
const MIN_LEASE_BLOCKS = 10n;
const MIN_BID_WINDOW = 10;
const MAX_BID_WINDOW = 600;

/** The order a manifest asks for. */
export interface ManifestTerms {
  resources: { cpu_millicores: bigint; memory_mib: bigint; storage_gib: bigint; gpu_units: number };
  attributes: Array<[string, string]>;
  auditor: string | undefined;
  max_price_per_block: bigint;
  budget: bigint;
  bid_window: number;
  min_score: number;
  min_completed: number;
}

/** A value of the file and where it starts. */
type Node =
  | { kind: 'table'; at: number; keyAt: number; entries: Map<string, Node> }
  | { kind: 'array'; at: number; keyAt: number; items: Node[] }
  | { kind: 'string'; at: number; keyAt: number; value: string }
  | { kind: 'integer'; at: number; keyAt: number; value: bigint; text: string }
  | { kind: 'other'; at: number; keyAt: number; what: string };

/** Where a manifest is wrong: `name:line:column: message`. */
export class ManifestError extends Error {}

class Source {
  constructor(readonly name: string, readonly text: string) {}

  /** An error at offset `at` (line and column counted from 1, in characters). */
  at(at: number, message: string): ManifestError {
    const before = this.text.slice(0, at);
    const line = before.split('\n').length;
    const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
    return new ManifestError(`${this.name}:${line}:${column}: ${message}`);
  }
}

function leaf(value: AST.TOMLValue | AST.TOMLArray | AST.TOMLInlineTable, keyAt: number): Node {
  const at = value.range[0];
  if (value.type === 'TOMLArray') return { kind: 'array', at, keyAt, items: value.elements.map((e) => leaf(e as any, e.range[0])) };
  if (value.type === 'TOMLInlineTable') {
    const table: Node = { kind: 'table', at, keyAt, entries: new Map() };
    for (const kv of value.body) put(table, kv.key.keys.map(keyName), leaf(kv.value as any, kv.key.range[0]), kv.key.range[0]);
    return table;
  }
  if (value.kind === 'string') return { kind: 'string', at, keyAt, value: value.value };
  if (value.kind === 'integer') return { kind: 'integer', at, keyAt, value: BigInt(value.bigint), text: String(value.bigint) };
  const what = value.kind === 'float' ? `floating point \`${value.number}\``
    : value.kind === 'boolean' ? `boolean \`${value.value}\`` : value.kind;
  return { kind: 'other', at, keyAt, what };
}

function keyName(key: AST.TOMLBare | AST.TOMLQuoted): string {
  return key.type === 'TOMLBare' ? key.name : key.value;
}

/** Puts `node` at `path` under `table`, making the tables on the way. */
function put(table: Node, path: string[], node: Node, at: number): void {
  let here = table;
  for (const [i, name] of path.entries()) {
    if (here.kind !== 'table') return;
    if (i === path.length - 1) {
      here.entries.set(name, node);
      return;
    }
    let next = here.entries.get(name);
    if (!next) {
      next = { kind: 'table', at, keyAt: at, entries: new Map() };
      here.entries.set(name, next);
    }
    here = next;
  }
}

/** The file as nested tables with positions, or the TOML syntax error at its place. */
function tree(source: Source): Node {
  let program: AST.TOMLProgram;
  try {
    program = parseTOML(source.text);
  } catch (error) {
    const e = error as { lineNumber?: number; column?: number; message: string };
    // The parser counts lines from 1 and columns from 0.
    throw new ManifestError(`${source.name}:${e.lineNumber ?? 1}:${(e.column ?? 0) + 1}: ${e.message}`);
  }
  const root: Node = { kind: 'table', at: 0, keyAt: 0, entries: new Map() };
  for (const top of program.body) {
    for (const item of top.body) {
      if (item.type === 'TOMLKeyValue') {
        put(root, item.key.keys.map(keyName), leaf(item.value as any, item.key.range[0]), item.key.range[0]);
      } else {
        const path = item.resolvedKey.map(String);
        const table: Node = { kind: 'table', at: item.range[0], keyAt: item.range[0], entries: new Map() };
        put(root, path, table, item.range[0]);
        for (const kv of item.body) put(table, kv.key.keys.map(keyName), leaf(kv.value as any, kv.key.range[0]), kv.key.range[0]);
      }
    }
  }
  return root;
}

/** What serde says a node is, in its "invalid type" messages. */
function described(node: Node): string {
  switch (node.kind) {
    case 'string': return `string ${JSON.stringify(node.value)}`;
    case 'integer': return `integer \`${node.text}\``;
    case 'array': return 'sequence';
    case 'table': return 'map';
    default: return node.what;
  }
}

/** The fields of `table`, each known name checked in file order, as the command line's `deny_unknown_fields` does. */
function fields(source: Source, table: Node, known: string[], required: string[]): Map<string, Node> {
  if (table.kind !== 'table') throw source.at(table.at, `invalid type: ${described(table)}, expected struct`);
  const names = known.map((k) => `\`${k}\``).join(', ');
  for (const [name, node] of table.entries) {
    if (!known.includes(name)) throw source.at(node.keyAt, `unknown field \`${name}\`, expected one of ${names}`);
  }
  for (const name of required) {
    if (!table.entries.has(name)) throw source.at(table.at, `missing field \`${name}\``);
  }
  return table.entries;
}

const BITS = { u16: 16n, u32: 32n, u64: 64n } as const;

function integer(source: Source, node: Node | undefined, type: keyof typeof BITS): bigint {
  if (!node) return 0n;
  if (node.kind !== 'integer') throw source.at(node.at, `invalid type: ${described(node)}, expected ${type}`);
  if (node.value < 0n || node.value >= 1n << BITS[type]) throw source.at(node.at, `invalid value: integer \`${node.text}\`, expected ${type}`);
  return node.value;
}

function string(source: Source, node: Node): string {
  if (node.kind !== 'string') throw source.at(node.at, `invalid type: ${described(node)}, expected a string`);
  return node.value;
}

/** `text` as parts per billion, as the command line reads a percentage ("80%", "99.5"), or undefined. */
function percent(text: string): number | undefined {
  const number = text.trim().replace(/%+$/, '').trim();
  const [whole, fraction = ''] = number.split(/\.(.*)/s);
  if (!/^\d+$/.test(whole) || !/^\d*$/.test(fraction) || fraction.length > 7) return undefined;
  const parts = Number(whole) * 10_000_000 + Number(fraction.padEnd(7, '0') || '0');
  return parts <= 1_000_000_000 ? parts : undefined;
}

/** Entries in the order of their keys, as a Rust `BTreeMap` of strings keeps them (by code unit). */
function byKey([a]: [string, Node], [b]: [string, Node]): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What is wrong with the attribute `key = value` for the runtime, in the command line's words, if anything. */
export function attributeProblem(key: string, value: string): string | undefined {
  const bytes = (s: string) => new TextEncoder().encode(s).length;
  if (bytes(key) === 0 || bytes(key) > MAX_KEY) return `attribute key "${key}" must be 1 to ${MAX_KEY} bytes`;
  if (bytes(value) > MAX_VALUE) return `the value of "${key}" is longer than ${MAX_VALUE} bytes`;
  return undefined;
}

/** Reads the manifest `text` (the file `name`); throws a {@link ManifestError} at the first mistake. */
export function readManifest(name: string, text: string): ManifestTerms {
  const source = new Source(name, text);
  const file = fields(source, tree(source), ['resources', 'order', 'workload'], ['resources', 'order', 'workload']);
  const resourcesNode = file.get('resources')!;
  const r = fields(source, resourcesNode, ['cpu_millicores', 'memory_mib', 'storage_gib', 'gpu_units'], []);
  const resources = {
    cpu_millicores: integer(source, r.get('cpu_millicores'), 'u64'),
    memory_mib: integer(source, r.get('memory_mib'), 'u64'),
    storage_gib: integer(source, r.get('storage_gib'), 'u64'),
    gpu_units: Number(integer(source, r.get('gpu_units'), 'u32')),
  };
  const o = fields(source, file.get('order')!,
    ['max_price_per_block', 'budget', 'bid_window', 'auditor', 'min_score', 'min_completed', 'attributes'],
    ['max_price_per_block', 'budget', 'bid_window']);
  const priceNode = o.get('max_price_per_block')!;
  const budgetNode = o.get('budget')!;
  const windowNode = o.get('bid_window')!;
  const priceText = string(source, priceNode);
  const budgetText = string(source, budgetNode);
  const bidWindow = Number(integer(source, windowNode, 'u32'));
  const auditorText = o.has('auditor') ? string(source, o.get('auditor')!) : undefined;
  const scoreText = o.has('min_score') ? string(source, o.get('min_score')!) : undefined;
  const minCompleted = Number(integer(source, o.get('min_completed'), 'u32'));
  const attributeTable = o.get('attributes');
  if (attributeTable && attributeTable.kind !== 'table') throw source.at(attributeTable.at, `invalid type: ${described(attributeTable)}, expected a map`);
  const attributeNodes = attributeTable?.kind === 'table' ? [...attributeTable.entries] : [];
  for (const [, value] of attributeNodes) string(source, value);
  const w = fields(source, file.get('workload')!, ['command', 'image', 'ports', 'env'], []);
  const command = w.get('command');
  if (command && command.kind !== 'array') throw source.at(command.at, `invalid type: ${described(command)}, expected a sequence`);
  if (command?.kind === 'array') command.items.forEach((item) => string(source, item));
  const image = w.has('image') ? string(source, w.get('image')!) : undefined;
  const portsNode = w.get('ports');
  if (portsNode && portsNode.kind !== 'array') throw source.at(portsNode.at, `invalid type: ${described(portsNode)}, expected a sequence`);
  const ports = portsNode?.kind === 'array' ? portsNode.items.map((p) => ({ at: p.at, port: integer(source, p, 'u16') })) : [];
  const envNode = w.get('env');
  if (envNode && envNode.kind !== 'table') throw source.at(envNode.at, `invalid type: ${described(envNode)}, expected a map`);
  const env = envNode?.kind === 'table' ? [...envNode.entries] : [];
  for (const [, value] of env) string(source, value);

  // The checks after reading, in the command line's order.
  if (!resources.cpu_millicores && !resources.memory_mib && !resources.storage_gib && !resources.gpu_units) {
    throw source.at(resourcesNode.at, '[resources] asks for nothing: give at least one of cpu_millicores, memory_mib, storage_gib, gpu_units');
  }
  const amount = (node: Node, text: string) => {
    try {
      return parseStra(text);
    } catch (error) {
      throw source.at(node.at, (error as Error).message);
    }
  };
  const maxPrice = amount(priceNode, priceText);
  if (maxPrice === 0n) throw source.at(priceNode.at, 'max_price_per_block is zero: no provider can bid below it');
  const budget = amount(budgetNode, budgetText);
  if (budget < maxPrice * MIN_LEASE_BLOCKS) {
    throw source.at(budgetNode.at, `budget does not pay for ${MIN_LEASE_BLOCKS} blocks at max_price_per_block, the least a lease runs`);
  }
  if (bidWindow < MIN_BID_WINDOW || bidWindow > MAX_BID_WINDOW) {
    throw source.at(windowNode.at, `bid_window must be ${MIN_BID_WINDOW} to ${MAX_BID_WINDOW} blocks`);
  }
  if (auditorText !== undefined) {
    try {
      ss58Decode(auditorText.trim());
    } catch {
      throw source.at(o.get('auditor')!.at, `${JSON.stringify(auditorText)} is not an SS58 account address`);
    }
  }
  const minScore = scoreText === undefined ? 0 : percent(scoreText);
  if (minScore === undefined) throw source.at(o.get('min_score')!.at, 'min_score is a percentage from 0% to 100%, e.g. "80%"');
  if (attributeTable && attributeNodes.length > MAX_ATTRIBUTES) throw source.at(attributeTable.at, `more than ${MAX_ATTRIBUTES} attributes`);
  // The command line keeps attributes in a sorted map (BTreeMap), so it checks them in key order.
  const attributes = attributeNodes.sort(byKey);
  for (const [key, node] of attributes) {
    const problem = attributeProblem(key, string(source, node));
    if (problem) throw source.at(node.at, problem);
  }
  if (command && image !== undefined) throw source.at(command.at, 'give command or image, not both');
  if (command?.kind === 'array') {
    const first = command.items[0];
    if (!first || string(source, first).trim() === '') throw source.at(command.at, 'command is empty: name a program to run');
  } else if (image !== undefined) {
    if (image.trim() === '') throw source.at(w.get('image')!.at, 'image is empty');
  } else {
    throw source.at(file.get('workload')!.at, '[workload] needs a command or an image');
  }
  const seen = new Set<bigint>();
  for (const { at, port } of ports) {
    if (port === 0n) throw source.at(at, 'port 0 is not a port');
    if (seen.has(port)) throw source.at(at, `port ${port} is listed twice`);
    seen.add(port);
  }
  for (const [name, node] of env.sort(byKey)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw source.at(node.at, `"${name}" is not an environment variable name (letters, digits, _)`);
  }
  return {
    resources,
    attributes: attributes.map(([key, node]) => [key, string(source, node)]),
    auditor: auditorText?.trim(),
    max_price_per_block: maxPrice,
    budget,
    bid_window: bidWindow,
    min_score: minScore,
    min_completed: minCompleted,
  };
}
