import { Level } from '../model/level.js';
import { bucketTotal, NICE_SIZES, type Histogram } from '../query/timeline.js';
import { groupDigits } from './group-digits.js';
import { fitSegments, type Seg } from './text-fit.js';
import { LEVEL_LABELS, type Theme } from './theme.js';

/** Columns left of the bars: the count scale. */
const GUTTER = 8;

/** How many bucket columns a timeline of this width draws. */
export function chartColumns(width: number): number {
  return Math.max(1, width - GUTTER);
}

export interface TimelineInput {
  width: number;
  height: number;
  /** Made with chartColumns(width) columns. */
  hist: Histogram;
  /** Column under the cursor (-1: none). */
  cursor: number;
  /** Records counted with and without a time. */
  timed: number;
  untimed: number;
  /** Still counting. */
  busy: boolean;
  theme: Theme;
}

/** Bottom-up stacking order: the worst at the foot of a bar, where it is seen. */
const STACK: readonly Level[] = [Level.critical, Level.error, Level.warning, Level.notice, Level.info, Level.debug, Level.trace, Level.none];
/** Levels that keep at least one cell of a bar when they occur at all. */
const SEVERE = new Set<Level>([Level.critical, Level.error, Level.warning]);

// Not toLocaleString: an Intl call per number cost a timeline frame milliseconds.
const num = groupDigits;

/** `1 ms`, `500 ms`, `15 s`, `5 min`, `3 h`, `7 d`. */
export function sizeLabel(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${ms / 1000} s`;
  if (ms < 3_600_000) return `${ms / 60_000} min`;
  if (ms < 86_400_000) return `${ms / 3_600_000} h`;
  return `${ms / 86_400_000} d`;
}

const p2 = (n: number): string => String(n).padStart(2, '0');

/** A bucket start as the axis writes it (local time), as precise as the bucket size needs. */
export function timeLabel(ms: number, size: number, withDate: boolean): string {
  const d = new Date(ms);
  const date = `${p2(d.getMonth() + 1)}-${p2(d.getDate())}`;
  if (size >= 86_400_000) return date;
  const hm = `${p2(d.getHours())}:${p2(d.getMinutes())}`;
  let t = size >= 60_000 ? hm : `${hm}:${p2(d.getSeconds())}`;
  if (size < 1000) t += `.${String(d.getMilliseconds()).padStart(3, '0')}`;
  return withDate ? `${date} ${t}` : t;
}

/** Cells of a bar of height h per level (largest remainder; a severe level keeps one cell). */
export function stackCells(row: Uint32Array, h: number): Map<Level, number> {
  const total = bucketTotal(row);
  const cells = new Map<Level, number>();
  if (total === 0 || h === 0) return cells;
  let used = 0;
  const rem: Array<[Level, number]> = [];
  for (const l of STACK) {
    const c = row[l]!;
    if (c === 0) continue;
    const exact = (c / total) * h;
    const whole = Math.floor(exact);
    cells.set(l, whole);
    used += whole;
    rem.push([l, exact - whole]);
  }
  rem.sort((a, b) => b[1] - a[1]);
  for (let k = 0; used < h && k < rem.length; k++, used++) cells.set(rem[k]![0], cells.get(rem[k]![0])! + 1);
  for (const l of SEVERE) {
    if (cells.get(l) !== 0) continue;
    // Take the cell from the level with the most.
    let donor: Level | undefined;
    for (const [k, v] of cells) if (v > 1 && (donor === undefined || v > cells.get(donor)!)) donor = k;
    if (donor === undefined) continue;
    cells.set(donor, cells.get(donor)! - 1);
    cells.set(l, 1);
  }
  return cells;
}

/** A bar as one level per cell, bottom-up. */
function barLevels(row: Uint32Array, h: number): Level[] {
  const cells = stackCells(row, h);
  const out: Level[] = [];
  for (const l of STACK) for (let k = cells.get(l) ?? 0; k > 0; k--) out.push(l);
  return out;
}

/** Push text with a style, merged into the previous segment when the style is the same. */
function put(segs: Seg[], text: string, open: string): void {
  const last = segs[segs.length - 1];
  if (last && (last.open ?? '') === open) last.text += text;
  else segs.push({ text, open });
}

/**
 * The timeline pane: a title bar, one stacked bar per time bucket coloured by
 * level (the worst at the foot), the time axis with round labels, and the
 * counts of the bucket under the cursor.
 */
export function timelineLines(i: TimelineInput): string[] {
  const { width, height, hist, theme } = i;
  const out: string[] = [];
  const n = hist.counts.length;
  const title = `timeline  ${n > 0 ? `1 column = ${sizeLabel(hist.size)}  ` : ''}${num(i.timed)} records${i.untimed > 0 ? ` (+${num(i.untimed)} without a time)` : ''}${i.busy ? '  counting…' : ''}  ←/→ move  Enter jump  Esc close`;
  out.push(fitSegments([{ text: title }], width, { base: theme.inverse.open, pad: true }));
  if (height <= 1) return out;
  if (n === 0) {
    out.push(fitSegments([{ text: i.busy ? 'counting…' : 'no timed records to draw', open: theme.dim.open }], width));
    return out;
  }
  const rows = Math.max(1, height - 4);
  const bars = hist.counts.map((row) => {
    const t = bucketTotal(row);
    return barLevels(row, t === 0 ? 0 : Math.max(1, Math.round((t / hist.max) * rows)));
  });
  const maxLabel = num(hist.max);
  for (let r = 0; r < rows && out.length < height; r++) {
    const y = rows - 1 - r;
    const scale = r === 0 ? maxLabel : y === 0 ? '0' : '';
    const segs: Seg[] = [{ text: scale.slice(-(GUTTER - 1)).padStart(GUTTER - 1) + (scale !== '' ? '┤' : '│'), open: theme.dim.open }];
    for (let c = 0; c < n; c++) {
      const l = bars[c]![y];
      if (l !== undefined) put(segs, theme.chartGlyph(l), theme.chart(l).open);
      else if (c === i.cursor) put(segs, '│', theme.dim.open);
      else put(segs, ' ', '');
    }
    out.push(fitSegments(segs, width));
  }
  // Axis: ticks at round times, far enough apart for their labels.
  const startKey = Math.round(hist.start / hist.size);
  const first = hist.start;
  const last = hist.start + (n - 1) * hist.size;
  const withDate = hist.size < 86_400_000 && new Date(first).toDateString() !== new Date(last).toDateString();
  // Ticks a round time apart (2 min, 1 h), at least a label and two spaces apart.
  const tickSize = NICE_SIZES.find((s) => s % hist.size === 0 && s / hist.size >= timeLabel(first, s, withDate).length + 2) ?? hist.size * 16;
  const every = Math.round(tickSize / hist.size);
  const labelWidth = timeLabel(first, tickSize, withDate).length;
  const axis: Seg[] = [{ text: ' '.repeat(GUTTER - 1) + '└', open: theme.dim.open }];
  const labels: string[] = Array.from({ length: n + GUTTER }, () => ' ');
  for (let c = 0; c < n; c++) {
    const tick = (startKey + c) % every === 0;
    if (c === i.cursor) put(axis, '▲', theme.bold.open);
    else put(axis, tick ? '┬' : '─', theme.dim.open);
    if (tick && c + labelWidth <= n) {
      const text = timeLabel(hist.start + c * hist.size, tickSize, withDate);
      for (let k = 0; k < text.length; k++) labels[GUTTER + c + k] = text[k]!;
    }
  }
  if (out.length < height) out.push(fitSegments(axis, width));
  if (out.length < height) out.push(fitSegments([{ text: labels.join('').trimEnd(), open: theme.dim.open }], width));
  if (out.length < height && i.cursor >= 0) out.push(fitSegments(cursorInfo(hist, i.cursor, withDate, theme), width));
  return out;
}

/** `▲ 10:01 – 10:02  1,234 records: 3 ERROR  10 WARN  …` for the bucket under the cursor. */
function cursorInfo(hist: Histogram, col: number, withDate: boolean, theme: Theme): Seg[] {
  const row = hist.counts[col]!;
  const from = hist.start + col * hist.size;
  const precise = Math.min(hist.size, 60_000);
  const segs: Seg[] = [{ text: `▲ ${timeLabel(from, precise, withDate)} – ${timeLabel(from + hist.size, precise, withDate)}  `, open: theme.bold.open }, { text: `${num(bucketTotal(row))} record${bucketTotal(row) === 1 ? '' : 's'}` }];
  let sep = ': ';
  for (const l of STACK) {
    if (row[l] === 0) continue;
    segs.push({ text: `${sep}${num(row[l]!)} ` }, { text: l === Level.none ? 'no level' : LEVEL_LABELS[l].trim(), open: theme.level(l).open });
    sep = '  ';
  }
  return segs;
}

const SPARKS = '▁▂▃▄▅▆▇█';

/** The status bar's sparkline: one block per bucket, coloured by the worst level when it is WARNING or above. */
export function sparklineSegs(hist: Histogram, theme: Theme): Seg[] {
  const segs: Seg[] = [];
  for (const row of hist.counts) {
    const t = bucketTotal(row);
    const ch = t === 0 ? ' ' : SPARKS[Math.min(7, Math.max(0, Math.ceil((t / hist.max) * 8) - 1))]!;
    const worst = row[Level.critical]! > 0 ? Level.critical : row[Level.error]! > 0 ? Level.error : row[Level.warning]! > 0 ? Level.warning : undefined;
    put(segs, ch, worst === undefined ? '' : theme.chart(worst).open);
  }
  return segs;
}
