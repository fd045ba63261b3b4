import { groupDigits } from './group-digits.js';
import { Level, LEVEL_NAMES } from '../model/level.js';
import { HIDDEN, type SubtreeRule } from '../query/logger-rules.js';
import { cleanText, displayWidth, ellipsize, fitSegments, type Seg } from './text-fit.js';
import type { Theme } from './theme.js';

/** One row of the flattened logger tree. */
export interface TreeLineRow {
  node: { name: string; label: string; total: number };
  depth: number;
  expanded: boolean;
  hasChildren: boolean;
}

/** The rules as the tree pane shows them. */
export interface TreeRulesView {
  threshold(name: string): number;
  rule(name: string): SubtreeRule | undefined;
}

export interface TreeInput {
  width: number;
  height: number;
  rows: readonly TreeLineRow[];
  top: number;
  cursor: number;
  /** The keys are in the tree (inverse cursor) or in the list (underlined). */
  focused: boolean;
  rules: TreeRulesView;
  /** While the fuzzy finder is open: its results instead of the tree. */
  finder?: { query: string; results: readonly string[]; cursor: number; busy: boolean };
  theme: Theme;
}

export function levelShort(level: number): string {
  return level === Level.none ? 'ALL' : LEVEL_NAMES[level as Level].toUpperCase();
}

/** The logger tree pane (or the fuzzy finder's results while it is open). */
export function treeLines(i: TreeInput): string[] {
  const { width, height, theme } = i;
  const dim = theme.dim.open;
  const inverse = theme.inverse.open;
  const out: string[] = [];
  const f = i.finder;
  if (f) {
    const head = f.query === '' ? 'type to find a logger' : `${f.results.length}${f.busy ? '…' : ''} loggers`;
    out.push(fitSegments([{ text: head, open: dim }], width));
    const first = Math.max(0, f.cursor - (height - 2));
    for (let k = first; k < f.results.length && out.length < height; k++) {
      const name = f.results[k]!;
      out.push(fitSegments([{ text: cleanText(name), open: theme.logger(name).open }], width, k === f.cursor ? { base: inverse, pad: true } : {}));
    }
    return out;
  }
  for (let k = i.top; k < i.rows.length && out.length < height; k++) {
    const r = i.rows[k]!;
    const n = r.node;
    const own = i.rules.rule(n.name);
    const arrow = r.hasChildren ? (r.expanded ? '▾ ' : '▸ ') : '  ';
    const label = n.name === '' ? '(all loggers)' : cleanText(n.label);
    let mark = '';
    if (own?.hidden === true) mark += ' hidden';
    if (own?.hidden === false && n.name !== '') mark += ' shown';
    if (own?.minLevel !== undefined) mark += ` ≥${levelShort(own.minLevel)}`;
    const count = groupDigits(n.total);
    const left = ' '.repeat(Math.min(r.depth, 12) * 2) + arrow;
    const room = Math.max(1, width - displayWidth(left) - count.length - 1);
    const name = ellipsize(label + mark, room);
    const gap = ' '.repeat(Math.max(1, width - displayWidth(left) - displayWidth(name) - count.length));
    const hidden = i.rules.threshold(n.name) === HIDDEN;
    const nameStyle = hidden ? dim : n.name === '' ? '' : theme.logger(n.name).open;
    const segs: Seg[] = [{ text: left, open: dim }, { text: name, open: nameStyle }, { text: gap }, { text: count, open: dim }];
    const base = k === i.cursor ? (i.focused ? inverse : theme.underline.open) : undefined;
    out.push(fitSegments(segs, width, base ? { base, pad: true } : {}));
  }
  return out;
}
