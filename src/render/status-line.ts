import { groupDigits } from './group-digits.js';
import { Level } from '../model/level.js';
import { shortRequestId } from '../query/request-ids.js';
import { levelShort } from './tree-lines.js';
import { cleanText, displayWidth, ellipsize, fitSegments, segsWidth, type Seg } from './text-fit.js';
import { RESET, type Theme } from './theme.js';

export interface StatusInput {
  width: number;
  theme: Theme;
  follow: boolean;
  /** Records that arrived below while paused. */
  newCount: number;
  /** Selected view position (0-based), the view's length, and whether the view is built. */
  sel: number;
  shown: number;
  complete: boolean;
  /** Records in the store. */
  total: number;
  /** Bytes indexed / to index while a big file is indexed in the background. */
  progress?: { done: number; total: number } | undefined;
  sources: readonly string[];
  globalLevel: Level;
  /** Subtrees hidden, and subtrees with their own level. */
  hiddenRules: number;
  levelRules: number;
  grep?: string | undefined;
  /** The field query (-q, `:`) as typed. */
  where?: string | undefined;
  /** The request ids correlated (--request, `r`). */
  requests?: readonly string[] | undefined;
  search?: { text: string; count: number; complete: boolean; only: boolean } | undefined;
  /** Columns the messages are scrolled sideways. */
  hscroll: number;
  message?: { text: string; error: boolean } | undefined;
  notices: ReadonlyArray<{ text: string; kind: 'info' | 'warning' | 'error' }>;
  /** The timeline's sparkline (shown from 100 columns). */
  spark?: Seg[] | undefined;
  /** Marked records, and whether only they show. */
  marks?: { count: number; only: boolean } | undefined;
  /** The TUI's time range (`@`), as text. */
  range?: string | undefined;
}

const num = groupDigits;

/** `12,345 of 2,000,000  37%`: where the selection is in the view. */
export function positionText(sel: number, length: number): string {
  if (length === 0) return '0 of 0';
  const pct = Math.floor(((sel + 1) / length) * 100);
  return `${num(sel + 1)} of ${num(length)}  ${pct}%`;
}

/**
 * The status bar: mode, sources, position, counts, filters, notices; the
 * key hint at the right is never cut (the sources and the rest give way).
 */
export function statusLine(i: StatusInput): string {
  const { width, theme } = i;
  const plain = theme.bar('plain').open;
  const mode = i.follow ? ' FOLLOW ' : i.newCount > 0 ? ` PAUSED +${num(i.newCount)} ` : ' PAUSED ';
  const rest: Seg[] = [];
  const shown = i.complete ? num(i.shown) : `${num(i.shown)}…`;
  rest.push({ text: `  ${positionText(i.sel, i.shown)}  shown ${shown}/${num(i.total)}`, open: plain });
  if (i.progress && i.progress.total > 0) rest.push({ text: `  indexing ${Math.floor((i.progress.done / i.progress.total) * 100)}%`, open: theme.bar('strong').open });
  if (i.hscroll > 0) rest.push({ text: `  col +${i.hscroll}`, open: plain });
  const filters: string[] = [];
  if (i.globalLevel !== Level.none) filters.push(`≥${levelShort(i.globalLevel)}`);
  const parts = [i.hiddenRules > 0 ? `${i.hiddenRules} hidden` : '', i.levelRules > 0 ? `${i.levelRules} level${i.levelRules === 1 ? '' : 's'}` : ''].filter(Boolean);
  if (parts.length > 0) filters.push(`loggers: ${parts.join(', ')}`);
  if (i.grep !== undefined) filters.push(`grep /${cleanText(i.grep)}/`);
  if (i.where !== undefined) filters.push(`where ${cleanText(i.where)}`);
  if (i.requests && i.requests.length > 0) filters.push(`request ${cleanText(shortRequestId(i.requests[0]!))}${i.requests.length > 1 ? ` +${i.requests.length - 1}` : ''}`);
  const s = i.search;
  if (s) {
    const count = s.complete ? num(s.count) : `${num(s.count)}…`;
    filters.push(`/${cleanText(s.text)}/ ${count} match${s.count === 1 && s.complete ? '' : 'es'}${s.only ? ' (only)' : ''}`);
  }
  if (i.range !== undefined) filters.push(`time ${cleanText(i.range)}`);
  if (i.marks) filters.push(`${num(i.marks.count)} marked${i.marks.only ? ' (only)' : ''}`);
  if (filters.length > 0) rest.push({ text: '  ' + filters.join('  '), open: plain });
  if (i.message) rest.push({ text: '  ' + cleanText(i.message.text), open: theme.bar(i.message.error ? 'error' : 'strong').open });
  if (i.notices.length > 0) {
    const err = i.notices.some((n) => n.kind === 'error');
    rest.push({ text: '  ' + i.notices.map((n) => cleanText(n.text)).join('; '), open: err ? theme.bar('error').open : plain });
  }
  const hint = width >= 60 ? ' ? help  q quit ' : width >= 8 ? ' ? help ' : '';
  const room = Math.max(0, width - hint.length);
  // The sparkline only where it fits whole beside everything else (and the sources' least).
  if (i.spark && i.spark.length > 0 && displayWidth(mode) + 13 + segsWidth(rest) + 2 + segsWidth(i.spark) + 12 <= room) rest.push({ text: '  ', open: plain }, ...i.spark);
  // Sources get what the rest leaves (at least a little).
  const sourceRoom = Math.max(12, room - displayWidth(mode) - 1 - segsWidth(rest));
  const segs: Seg[] = [{ text: mode, open: theme.mode(i.follow).open }, { text: ' ' + ellipsize(cleanText(sourceLabel(i.sources)), sourceRoom), open: theme.bar('strong').open }, ...rest];
  const left = fitSegments(segs, room);
  const pad = room - Math.min(room, segsWidth(segs));
  return left + (pad > 0 ? plain + ' '.repeat(pad) + RESET : '') + (hint !== '' ? plain + hint + RESET : '');
}

/** Source names as short as they can be and still tell the sources apart. */
export function sourceLabel(names: readonly string[]): string {
  const base = (n: string): string => (n === '-' ? 'stdin' : n.slice(n.lastIndexOf('/') + 1) || n);
  const short = names.map(base);
  const unique = new Set(short).size === short.length;
  return (unique ? short : names.map((n) => (n === '-' ? 'stdin' : n))).join(', ');
}
