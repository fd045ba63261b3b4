import { Level } from '../model/level.js';
import type { LogRecord } from '../model/record.js';
import { formatLocalTime } from '../render/format-time.js';
import { LEVEL_LABELS, type Theme } from '../render/theme.js';
import { matchRanges } from '../query/text-search.js';
import { cleanText, displayWidth, ellipsizeStart, type Seg } from './text-fit.js';

/** What a list row needs from a record, kept so scrolling does not re-parse. */
export interface RowData {
  /** First line of the message, sanitised, tabs expanded. */
  message: string;
  /** Continuation lines (traceback, headers); 0 when none. */
  bodyLines: number;
}

export interface RecordSource {
  get(i: number): LogRecord;
}

const ROW_CHARS = 8192;

/** Row data per record index, bounded: only rows near the screen are asked for. */
export class RowCache {
  private map = new Map<number, RowData>();

  constructor(
    private readonly source: RecordSource,
    private readonly limit = 4096,
  ) {}

  /** Record i changed (its last line grew): rebuild its row next time. */
  forget(i: number): void {
    this.map.delete(i);
  }

  get(i: number): RowData {
    let d = this.map.get(i);
    if (!d) {
      const r = this.source.get(i);
      // A row shows at most a few screens of a huge line (sideways scrolling, wrapping).
      const m = r.message.length > ROW_CHARS ? r.message.slice(0, ROW_CHARS) + '…' : r.message;
      d = { message: cleanText(m), bodyLines: r.body.length };
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
}

export function rowLayout(width: number, longestLogger: number): RowLayout {
  const timeWidth = width >= 140 ? 23 : width >= 70 ? 12 : 0;
  const cap = Math.max(8, Math.min(32, Math.floor(width / 5)));
  const loggerWidth = Math.min(longestLogger, cap);
  return { timeWidth, loggerWidth };
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
}

/**
 * A record as list-row segments: time, level, logger, a body marker, the
 * message with search matches marked. Colours as in print mode.
 */
export function rowSegments(cols: RowColumns, data: RowData, layout: RowLayout, theme: Theme, highlight?: RegExp): Seg[] {
  const segs: Seg[] = [];
  if (layout.timeWidth > 0) segs.push({ text: timeText(cols.time, layout.timeWidth) + ' ', open: theme.dim.open });
  segs.push({ text: LEVEL_LABELS[cols.level], open: cols.level === Level.none ? '' : theme.level(cols.level).open }, { text: ' ' });
  if (layout.loggerWidth > 0) {
    const name = ellipsizeStart(cleanText(cols.logger), layout.loggerWidth);
    pushHighlighted(segs, name, highlight, theme.logger(cols.logger).open);
    segs.push({ text: ' '.repeat(Math.max(0, layout.loggerWidth - displayWidth(name)) + 1) });
  }
  segs.push({ text: data.bodyLines > 0 ? '+' : ' ', open: theme.dim.open }, { text: ' ' });
  pushHighlighted(segs, data.message, highlight);
  return segs;
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
