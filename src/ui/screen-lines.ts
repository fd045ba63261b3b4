import { Level, LEVEL_NAMES } from '../model/level.js';
import { HIDDEN } from '../query/logger-rules.js';
import { cleanText, displayWidth, ellipsize, fitSegments, RESET, segsWidth, wrapSegments, type Seg } from './text-fit.js';
import type { Viewer } from './viewer.js';

/*
 * The screen as strings, one per terminal line, each already cut to its
 * width: Ink only places them. Pure functions of the viewer's state.
 */

const INVERSE = '\x1b[7m';

function hlStyle(v: Viewer, selected: boolean): string {
  if (v.theme.enabled) return '\x1b[30;43m';
  return selected ? '\x1b[1;4m' : '\x1b[1;4;7m';
}

/** The record list: exactly the rows that fit, the selected one in inverse video. */
export function listLines(v: Viewer): string[] {
  const width = v.listWidth;
  const height = v.bodyHeight;
  const len = v.view.length;
  if (len === 0) {
    const what = v.store.size === 0 ? (v.view.complete ? 'no records yet' : 'loading…') : v.view.complete ? 'no records match the filters' : 'filtering…';
    return [fitSegments([{ text: what, open: v.theme.dim.open }], width)];
  }
  const out: string[] = [];
  for (let pos = v.top; pos < len && out.length < height; pos++) {
    const selected = pos === v.sel;
    const segs = v.rowSegs(pos);
    const opts = { hl: hlStyle(v, selected), ...(selected ? { base: INVERSE, pad: true } : {}) };
    if (v.wrap) {
      for (const line of wrapSegments(segs, width)) {
        if (out.length >= height) break;
        out.push(fitSegments(line, width, opts));
      }
    } else {
      out.push(fitSegments(segs, width, { ...opts, skip: v.hscroll }));
    }
  }
  return out;
}

function levelShort(level: number): string {
  return level === Level.none ? 'ALL' : LEVEL_NAMES[level as Level].toUpperCase();
}

/** The logger tree pane (or the fuzzy finder's results while it is open). */
export function treeLines(v: Viewer): string[] {
  const width = v.treeWidth;
  const height = v.bodyHeight;
  const focused = v.focus === 'tree' || v.listWidth === 0;
  const dim = v.theme.dim.open;
  const out: string[] = [];
  if (v.prompt?.kind === 'find') {
    const f = v.finder;
    out.push(fitSegments([{ text: f.query === '' ? 'type to find a logger' : `${f.results.length} loggers`, open: dim }], width));
    const first = Math.max(0, f.cursor - (height - 2));
    for (let k = first; k < f.results.length && out.length < height; k++) {
      const name = cleanText(f.results[k]!);
      const sel = k === f.cursor;
      out.push(fitSegments([{ text: name, open: v.theme.logger(f.results[k]!).open }], width, sel ? { base: INVERSE, pad: true } : {}));
    }
    return out;
  }
  const rows = v.tree.rows();
  const table = v.rules;
  for (let k = v.tree.top; k < rows.length && out.length < height; k++) {
    const r = rows[k]!;
    const n = r.node;
    const th = table.threshold(n.name);
    const own = table.rule(n.name);
    const arrow = r.hasChildren ? (r.expanded ? '▾ ' : '▸ ') : '  ';
    const label = n.name === '' ? '(all loggers)' : cleanText(n.label);
    let mark = '';
    if (own?.hidden === true) mark += ' hidden';
    if (own?.hidden === false && n.name !== '') mark += ' shown';
    if (own?.minLevel !== undefined) mark += ` ≥${levelShort(own.minLevel)}`;
    const count = n.total.toLocaleString('en-US');
    const left = ' '.repeat(Math.min(r.depth, 12) * 2) + arrow;
    const room = Math.max(1, width - displayWidth(left) - count.length - 1);
    const name = ellipsize(label + mark, room);
    const gap = ' '.repeat(Math.max(1, width - displayWidth(left) - displayWidth(name) - count.length));
    const hidden = th === HIDDEN;
    const nameStyle = hidden ? dim : n.name === '' ? '' : v.theme.logger(n.name).open;
    const segs: Seg[] = [{ text: left, open: dim }, { text: name, open: nameStyle }, { text: gap }, { text: count, open: dim }];
    const sel = k === v.tree.cursor;
    const base = sel ? (focused ? INVERSE : '\x1b[4m') : undefined;
    out.push(fitSegments(segs, width, base ? { base, pad: true } : {}));
  }
  return out;
}

/** Details or help, with a title line. */
export function overlayLines(v: Viewer): string[] {
  const o = v.overlay;
  if (!o) return [];
  const width = v.columns;
  const lines = v.overlayLines();
  const bodyRows = Math.max(0, v.bodyHeight - 1);
  const more = lines.length > bodyRows ? `  ${o.scroll + 1}-${Math.min(lines.length, o.scroll + bodyRows)}/${lines.length}` : '';
  const title = `${o.title}${more}  (j/k scroll, Esc close)`;
  const out = [fitSegments([{ text: title }], width, { base: INVERSE, pad: true })];
  for (let k = o.scroll; k < lines.length && out.length < v.bodyHeight; k++) out.push(fitSegments(lines[k]!, width));
  return out;
}

function num(n: number): string {
  return n.toLocaleString('en-US');
}

/** The status bar: mode, sources, counts, filters, notices, key hint. */
export function statusLine(v: Viewer): string {
  const width = v.columns;
  const color = v.theme.enabled;
  const bar = (extra = ''): string => `\x1b[${extra}7m`;
  const segs: Seg[] = [];
  const mode = v.follow ? ' FOLLOW ' : v.newCount > 0 ? ` PAUSED +${num(v.newCount)} ` : ' PAUSED ';
  segs.push({ text: mode, open: color ? (v.follow ? '\x1b[1;42;30m' : '\x1b[1;43;30m') : '\x1b[1m' });
  const rest: Seg[] = [];
  const shown = v.view.complete ? num(v.view.length) : `${num(v.view.length)}…`;
  rest.push({ text: `  ${shown}/${num(v.store.size)}`, open: bar() });
  const progress = v.store.progress;
  if (progress && progress.total > 0) {
    const pct = Math.min(99, Math.floor((progress.done / progress.total) * 100));
    rest.push({ text: `  indexing ${pct}%`, open: bar('1;') });
  }
  const filters: string[] = [];
  if (v.rules.globalLevel !== Level.none) filters.push(`≥${levelShort(v.rules.globalLevel)}`);
  let hidden = 0;
  let levels = 0;
  for (const [, r] of v.rules.entries()) {
    if (r.hidden === true) hidden++;
    if (r.minLevel !== undefined) levels++;
  }
  const parts = [hidden > 0 ? `${hidden} hidden` : '', levels > 0 ? `${levels} level${levels === 1 ? '' : 's'}` : ''].filter(Boolean);
  if (parts.length > 0) filters.push(`loggers: ${parts.join(', ')}`);
  if (v.grep) filters.push(`grep /${cleanText(v.grep.source)}/`);
  if (v.search?.test) {
    const count = v.countComplete ? num(v.matchCount) : `${num(v.matchCount)}…`;
    filters.push(`/${cleanText(v.search.text)}/ ${count} match${v.matchCount === 1 && v.countComplete ? '' : 'es'}${v.matchesOnly ? ' (only)' : ''}`);
  }
  if (filters.length > 0) rest.push({ text: '  ' + filters.join('  '), open: bar() });
  const notes = [...v.notices.values()];
  if (v.message) rest.push({ text: '  ' + v.message.text, open: v.message.error && color ? bar('1;31;') : bar('1;') });
  if (notes.length > 0) {
    const err = notes.some((n) => n.kind === 'error');
    rest.push({ text: '  ' + notes.map((n) => cleanText(n.text)).join('; '), open: err && color ? bar('1;31;') : bar() });
  }
  const hint = width >= 60 ? ' ? help  q quit ' : ' ? help ';
  const room = Math.max(0, width - hint.length);
  // Sources get what the rest leaves (at least a little).
  const sourceRoom = Math.max(12, room - displayWidth(mode) - 1 - segsWidth(rest));
  segs.push({ text: ' ' + ellipsize(cleanText(sourceLabel(v.sourceNames)), sourceRoom), open: bar('1;') }, ...rest);
  const left = fitSegments(segs, room);
  const pad = room - Math.min(room, segsWidth(segs));
  return left + (pad > 0 ? INVERSE + ' '.repeat(pad) + RESET : '') + (width >= hint.length ? INVERSE + hint + RESET : '');
}

/** Source names as short as they can be and still tell the sources apart. */
export function sourceLabel(names: readonly string[]): string {
  const base = (n: string): string => (n === '-' ? 'stdin' : n.slice(n.lastIndexOf('/') + 1) || n);
  const short = names.map(base);
  const unique = new Set(short).size === short.length;
  return (unique ? short : names.map((n) => (n === '-' ? 'stdin' : n))).join(', ');
}


/** The prompt line: `/pattern` with a block cursor, and the regex error if any. */
export function promptLine(v: Viewer): string {
  const p = v.prompt;
  if (!p) return '';
  const width = v.columns;
  const lead = p.kind === 'search' ? '/' : 'logger: ';
  const err = v.prompt?.error;
  const segs: Seg[] = [{ text: lead, open: '\x1b[1m' }, { text: cleanText(p.text) }, { text: ' ', open: INVERSE }];
  if (err) segs.push({ text: `  invalid regex: ${cleanText(err)}`, open: v.theme.enabled ? '\x1b[1;31m' : '\x1b[1m' });
  else if (p.kind === 'find') segs.push({ text: '  ↑↓ choose, Enter jump, Esc cancel', open: v.theme.dim.open });
  // Keep the end of a long pattern (where typing happens) in sight.
  const total = segsWidth(segs);
  return fitSegments(segs, width, { skip: Math.max(0, total - width) });
}
