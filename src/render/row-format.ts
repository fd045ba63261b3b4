import { Level, levelName } from '../model/level.js';
import type { LogRecord } from '../model/record.js';
import { requestIds } from '../query/request-ids.js';
import { matchRanges } from '../query/text-search.js';
import { formatLocalTime } from './format-time.js';
import { cleanText, displayWidth, ellipsize, ellipsizeStart, type Seg } from './text-fit.js';
import { LEVEL_LABELS, type Theme } from './theme.js';
import { parseSourceSpecs, sourceLabel } from '../source/source-spec.js';

/** What a list row needs from a record, kept so scrolling does not re-parse. */
export interface RowData {
  /** First line of the message, sanitised, tabs expanded. */
  message: string;
  /** Continuation lines (traceback, headers); 0 when none. */
  bodyLines: number;
  /** oslo context in short form (`req-38101a0b`, `[instance: b9000564]`); '' when none. */
  context: string;
  /** The level column's text when the level as written says more than the normalised label (levelColumn); '' when not. */
  level: string;
}

export interface RecordSource {
  get(i: number): LogRecord;
}

const ROW_CHARS = 8192;

/** Long spellings of a normalised level that say nothing more (.NET's Information, syslog's informational). */
const SAME_LEVEL = new Set(['INFORMATION', 'INFORMATIONAL']);

/** Level words shortened so that a variant's suffix fits the column: kamaki's DEBUGV is `DBGV`. */
const SHORT_WORDS: readonly [string, string][] = [['TRACE', 'TRC'], ['DEBUG', 'DBG'], ['INFO', 'INF'], ['NOTICE', 'NTC'], ['WARNING', 'WRN'], ['WARN', 'WRN'], ['ERROR', 'ERR'], ['CRITICAL', 'CRT']];

/**
 * The level column for a level as written (`Head.levelName`): the written
 * name, upper-cased and fitted to the column's five cells (`AUDIT`, `SILLY`,
 * `FATAL`; a variant of a level word with its word shortened, `DBGV` for
 * DEBUGV; others cut, `SUCC…`), where it names more than the normalised
 * label; '' where it is only a spelling of it (`WARNING`, `warn`, `E`,
 * `Information`), so the row shows LEVEL_LABELS.
 */
export function levelColumn(level: Level, written: string | undefined): string {
  if (written === undefined || written === '') return '';
  const up = cleanText(written).toUpperCase();
  const name = levelName(level)?.toUpperCase();
  if (name !== undefined && (up === name || up === LEVEL_LABELS[level].trim() || name.startsWith(up) || SAME_LEVEL.has(up))) return '';
  const w = LEVEL_LABELS[Level.none].length;
  const word = up.length > w ? SHORT_WORDS.find(([long, short]) => up.startsWith(long) && up.length - long.length + short.length <= w) : undefined;
  const fit = word !== undefined ? word[1] + up.slice(word[0].length) : ellipsize(up, w);
  return fit + ' '.repeat(Math.max(0, w - displayWidth(fit)));
}

/** `req-38101a0b-2096-...` -> `req-38101a0b`; a uuid -> its first 8 characters. */
function shortId(id: string): string {
  const m = /^(req-)?([0-9a-f]{8})-[0-9a-f-]{27}$/i.exec(id);
  return m ? `${m[1] ?? ''}${m[2]}` : id;
}

/** The context a row shows: the request id (oslo's, a JSON log's, a kamaki response header's) and the instance, short. */
export function rowContext(r: LogRecord): string {
  const f = r.fields;
  if (!f && r.http?.direction !== 'response') return '';
  const parts: string[] = [];
  const req = requestIds(r)[0];
  if (req !== undefined) parts.push(shortId(req));
  const inst = f?.instance;
  if (typeof inst === 'string' && inst !== '') parts.push(`[instance: ${shortId(inst)}]`);
  return cleanText(parts.join(' '));
}

/** Row data per record index, bounded: only rows near the screen are asked for. */
export class RowCache {
  private map = new Map<number, RowData>();

  constructor(
    private readonly source: RecordSource,
    private readonly limit = 4096,
  ) {}

  /** Record i changed (its last line grew): build its row again next time. */
  forget(i: number): void {
    this.map.delete(i);
  }

  get(i: number): RowData {
    let d = this.map.get(i);
    if (!d) {
      const r = this.source.get(i);
      // A row shows at most a few screens of a huge line (sideways scrolling, wrapping).
      const m = r.message.length > ROW_CHARS ? r.message.slice(0, ROW_CHARS) + '…' : r.message;
      d = { message: cleanText(m), bodyLines: r.body.length, context: rowContext(r), level: levelColumn(r.level, r.levelName) };
      if (this.map.size >= this.limit) this.map.clear();
      this.map.set(i, d);
    }
    return d;
  }
}

/** Column widths for a list of the given width. */
export interface RowLayout {
  /** 0 (hidden), 12 (time of day) or 23 (date and time). */
  timeWidth: number;
  loggerWidth: number;
  /** Source tag column (0: one source, no tags). */
  sourceWidth: number;
}

/** The config's column choices: as the width allows (`auto`), always (`show`), never (`hide`); time also `full` (with the date). */
export type ColumnChoice = 'auto' | 'show' | 'hide';
export interface ColumnChoices {
  time?: ColumnChoice | 'full';
  logger?: ColumnChoice;
  source?: ColumnChoice;
}

export function rowLayout(width: number, longestLogger: number, longestTag = 0, choices: ColumnChoices = {}): RowLayout {
  const t = choices.time ?? 'auto';
  const timeWidth = t === 'hide' ? 0 : t === 'full' ? 23 : width >= 140 ? 23 : width >= 70 || t === 'show' ? 12 : 0;
  const cap = Math.max(8, Math.min(32, Math.floor(width / 5)));
  const loggerWidth = choices.logger === 'hide' ? 0 : Math.min(longestLogger, cap);
  const sourceWidth = longestTag === 0 || choices.source === 'hide' ? 0 : Math.min(longestTag, width >= 70 || choices.source === 'show' ? 10 : 4);
  return { timeWidth, loggerWidth, sourceWidth };
}

function timeText(ms: number, width: number): string {
  if (Number.isNaN(ms)) return ' '.repeat(width);
  const full = formatLocalTime(ms);
  return width === 23 ? full : full.slice(11);
}

export interface RowColumns {
  time: number;
  level: Level;
  logger: string;
  /** Source id, and its tag ('' with one source). */
  source: number;
  tag: string;
}

/** A row in two parts: the columns that stay put, and the message that scrolls sideways. */
export interface RowSegs {
  fixed: Seg[];
  message: Seg[];
}

/**
 * A record as list-row segments: source tag, time, level, logger, a body
 * marker; then the context and the message with search matches marked.
 * Colours as in print mode; ERROR and CRITICAL tint the message.
 */
export function rowSegments(cols: RowColumns, data: RowData, layout: RowLayout, theme: Theme, highlight?: RegExp): RowSegs {
  const fixed: Seg[] = [];
  if (layout.sourceWidth > 0) {
    const tag = ellipsize(cols.tag, layout.sourceWidth);
    fixed.push({ text: tag + ' '.repeat(layout.sourceWidth - displayWidth(tag) + 1), open: theme.source(cols.source).open, keep: true });
  }
  if (layout.timeWidth > 0) fixed.push({ text: timeText(cols.time, layout.timeWidth) + ' ', open: theme.dim.open });
  fixed.push({ text: data.level || LEVEL_LABELS[cols.level], open: cols.level === Level.none ? '' : theme.level(cols.level).open, keep: true }, { text: ' ' });
  if (layout.loggerWidth > 0) {
    const name = ellipsizeStart(cleanText(cols.logger), layout.loggerWidth);
    pushHighlighted(fixed, name, highlight, theme.logger(cols.logger).open);
    fixed.push({ text: ' '.repeat(Math.max(0, layout.loggerWidth - displayWidth(name)) + 1) });
  }
  fixed.push({ text: data.bodyLines > 0 ? '+' : ' ', open: theme.dim.open }, { text: ' ' });
  const message: Seg[] = [];
  if (data.context !== '') message.push({ text: data.context + ' ', open: theme.dim.open });
  pushHighlighted(message, data.message, highlight, theme.message(cols.level).open);
  return { fixed, message };
}

/** Append text, split so that search matches are their own segments. */
export function pushHighlighted(segs: Seg[], text: string, highlight: RegExp | undefined, open?: string): void {
  const ranges = highlight ? matchRanges(text, highlight) : [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s > at) segs.push({ text: text.slice(at, s), ...(open ? { open } : {}) });
    segs.push({ text: text.slice(s, e), hl: true });
    at = e;
  }
  if (at < text.length || text === '') segs.push({ text: text.slice(at), ...(open ? { open } : {}) });
}

/** Short per-source tags (sourceLabel: a file's base name, a remote file's host, a command's program), told apart if they clash. */
export function sourceTags(names: readonly string[]): string[] {
  if (names.length < 2) return names.map(() => '');
  const tags = parseSourceSpecs(names).map((spec) => cleanText(sourceLabel(spec)));
  const count = new Map<string, number>();
  for (const t of tags) count.set(t, (count.get(t) ?? 0) + 1);
  return tags.map((t, k) => (count.get(t)! > 1 ? `${t}#${k + 1}` : t));
}

/** A marked record's row (`m`): its body marker column shows `◆` in the mark style. */
export function markRow(row: RowSegs, theme: Theme): RowSegs {
  const fixed = row.fixed.slice();
  // The body marker is the second-last fixed segment (then one space).
  const k = fixed.length - 2;
  if (k >= 0) fixed[k] = { text: '◆', open: theme.mark.open, keep: true };
  return { fixed, message: row.message };
}
