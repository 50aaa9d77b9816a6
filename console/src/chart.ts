// Amounts over time: the samples the page takes at each finalized block it
// shows, drawn as an SVG line, with where the line is going when the chain
// already knows (a lease's balance reaches zero at its run-dry block).
import { stra } from './format';

/** An amount at a block. */
export interface Point {
  block: number;
  value: bigint;
}

/** The most samples kept of one series (an hour and a half of 6-second blocks). */
const LIMIT = 900;

/** Samples of named series (a lease's balance, a provider's earnings), taken while the page follows the chain. */
export class History {
  private series = new Map<string, Point[]>();

  /** Adds `value` at `block` to `name` (once per block) and returns the series, oldest first. */
  record(name: string, block: number, value: bigint): Point[] {
    const points = this.series.get(name) ?? [];
    if (points.length > 0 && points[points.length - 1].block >= block) return points;
    points.push({ block, value });
    if (points.length > LIMIT) points.splice(0, points.length - LIMIT);
    this.series.set(name, points);
    return points;
  }

  /** Forgets every series (another node or account). */
  clear(): void {
    this.series.clear();
  }
}

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag: string, attributes: Record<string, string>, text?: string): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * `points` as a line `width`×`height` pixels, from zero to the largest
 * amount, blocks left to right; `to` continues it dashed (where it is
 * going). Described in words for screen readers as `title`, its
 * amounts written by `amount` (in STRA unless given).
 */
export function chart(
  title: string,
  points: Point[],
  options: { width: number; height: number; to?: Point; amount?: (value: bigint) => string },
): SVGElement {
  const { width, height, to, amount = stra } = options;
  const all = to ? [...points, to] : points;
  const first = all[0]?.block ?? 0;
  const span = Math.max(1, (all[all.length - 1]?.block ?? 0) - first);
  const top = all.reduce((m, p) => (p.value > m ? p.value : m), 1n);
  const pad = 2;
  const x = (block: number) => (pad + ((block - first) / span) * (width - 2 * pad)).toFixed(1);
  const y = (value: bigint) => (height - pad - (Number((value * 10_000n) / top) / 10_000) * (height - 2 * pad)).toFixed(1);
  const line = (of: Point[]) => of.map((p) => `${x(p.block)},${y(p.value)}`).join(' ');
  const last = points[points.length - 1];
  const words = last
    ? `${title}: ${amount(points[0].value)} at block #${points[0].block}, ${amount(last.value)} at block #${last.block}`
      + (to ? `, ${amount(to.value)} at block #${to.block}` : '')
    : `${title}: no sample yet`;
  const root = svg('svg', {
    class: 'chart', role: 'img', 'aria-label': words, width: String(width), height: String(height),
    viewBox: `0 0 ${width} ${height}`, 'data-points': String(points.length),
  });
  root.append(svg('title', {}, words));
  root.append(svg('line', { class: 'axis', x1: '0', y1: String(height - pad), x2: String(width), y2: String(height - pad) }));
  if (points.length > 0) root.append(svg('polyline', { class: 'past', points: line(points.length === 1 ? [points[0], points[0]] : points) }));
  if (last && to) root.append(svg('polyline', { class: 'ahead', points: line([last, to]) }));
  return root;
}
