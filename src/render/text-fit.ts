import stringWidth from 'string-width';
import { sanitize } from './sanitize.js';
import { RESET } from './theme.js';

/** A piece of a screen line: text plus the SGR sequence that opens its style. */
export interface Seg {
  text: string;
  /** e.g. "\x1b[1;31m"; empty or absent for plain text. */
  open?: string;
  /** A search match: keeps its own style even on the selected row. */
  hl?: boolean;
  /** Keeps its colour under the selected row's inverse video (the level word). */
  keep?: boolean;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/*
 * One column per UTF-16 unit: printable ASCII, box drawing and block elements
 * (U+2500-U+259F: string-width gives each 1, none is an emoji or combines).
 * The timeline's bars, axis and sparkline are made of them, thousands of
 * cells a frame, which need not go through Intl.Segmenter.
 */
const NARROW = /^[\x20-\x7e\u2500-\u259f]*$/;
// Made on first use: an Intl object loads ICU data, time an ASCII first screen need not spend.
let segmenter: Intl.Segmenter | undefined;

/** Expand tabs to spaces at 8-column stops, counting from the string's start. */
export function expandTabs(s: string): string {
  if (!s.includes('\t')) return s;
  let out = '';
  let col = 0;
  for (const ch of s) {
    if (ch === '\t') {
      const n = 8 - (col % 8);
      out += ' '.repeat(n);
      col += n;
    } else {
      out += ch;
      col += PRINTABLE_ASCII.test(ch) ? 1 : stringWidth(ch);
    }
  }
  return out;
}

/*
 * Shown escaped: the private-use characters the TUI's frame placeholder is
 * made of (ui/line-slots.ts), so no log, logger or file name can pass for it;
 * and the zero-width joiner. Terminals differ on whether they
 * draw a ZWJ emoji sequence as one glyph (2 columns) or as its parts (2 each),
 * so a name with one would be drawn wider than measured and push the row.
 */
const ESCAPED = /[\uE000-\uE1FF\u200D]/;
const ESCAPED_ALL = /[\uE000-\uE1FF\u200D]/g;

/** Log text made safe and single-width-predictable for the screen. */
export function cleanText(s: string): string {
  const t = expandTabs(sanitize(s));
  return ESCAPED.test(t) ? t.replace(ESCAPED_ALL, (c) => `\\u${c.charCodeAt(0).toString(16)}`) : t;
}

export function displayWidth(s: string): number {
  return NARROW.test(s) ? s.length : stringWidth(s);
}

// Only the theme's SGR sequences remain in a screen line: cleanText escaped every other ESC.
const SGR = /\x1b\[[0-9;]*m/g;

/** Columns a finished screen line (text with the theme's SGR sequences) takes. */
export function lineWidth(line: string): number {
  return displayWidth(line.includes('\x1b') ? line.replace(SGR, '') : line);
}

/** A finished screen line padded with spaces to `width` columns (it is never wider). */
export function padLine(line: string, width: number): string {
  const w = lineWidth(line);
  return w >= width ? line : line + ' '.repeat(width - w);
}

const ASCII_RUN = /[\x20-\x7e]+|[^\x20-\x7e]+/g;

/**
 * Graphemes with their widths. Printable ASCII runs take the fast path; only
 * the runs between them go through Intl.Segmenter (whose iteration gets
 * slower the longer the string, so it never sees a whole long line).
 */
function* cells(s: string): Generator<[string, number]> {
  if (NARROW.test(s)) {
    for (let i = 0; i < s.length; i++) yield [s[i]!, 1];
    return;
  }
  ASCII_RUN.lastIndex = 0;
  for (let m = ASCII_RUN.exec(s); m !== null; m = ASCII_RUN.exec(s)) {
    const run = m[0];
    if (PRINTABLE_ASCII.test(run)) {
      for (let i = 0; i < run.length; i++) yield [run[i]!, 1];
    } else {
      // Long runs in pieces (never splitting a surrogate pair).
      for (let at = 0; at < run.length; ) {
        let end = Math.min(run.length, at + 256);
        const c = run.charCodeAt(end - 1);
        if (end < run.length && c >= 0xd800 && c <= 0xdbff) end++;
        for (const { segment } of (segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })).segment(run.slice(at, end))) yield [segment, stringWidth(segment)];
        at = end;
      }
    }
  }
}

export function segsWidth(segs: readonly Seg[]): number {
  let w = 0;
  for (const s of segs) w += displayWidth(s.text);
  return w;
}

export interface FitOptions {
  /** Columns to skip from the left (horizontal scroll). */
  skip?: number;
  /** Style under every segment (the selected row's inverse video). */
  base?: string;
  /** Style of search matches. */
  hl?: string;
  /** Pad with spaces to exactly `width` (so a base style spans the row). */
  pad?: boolean;
}

function styleOf(seg: Seg, o: FitOptions): string {
  if (seg.hl && o.hl) return o.hl;
  if (o.base) return seg.keep && seg.open ? seg.open + o.base : o.base;
  return seg.open ?? '';
}

/**
 * Segments as one terminal line of at most `width` columns: skips `skip`
 * columns, cuts the rest, never splits a wide character (a half is shown as a
 * space).
 */
export function fitSegments(segs: readonly Seg[], width: number, o: FitOptions = {}): string {
  let skip = o.skip ?? 0;
  let room = Math.max(0, width);
  let out = '';
  let used = 0;
  for (const seg of segs) {
    if (room === 0) break;
    let text = seg.text;
    if (text === '') continue;
    if (NARROW.test(text)) {
      if (skip >= text.length) {
        skip -= text.length;
        continue;
      }
      text = text.slice(skip, skip + room);
      skip = 0;
    } else {
      let piece = '';
      let w = 0;
      for (const [g, gw] of cells(text)) {
        if (skip > 0) {
          if (gw > skip) {
            // A wide character cut by the left edge: keep its visible half as a space.
            piece += ' '.repeat(gw - skip);
            w += gw - skip;
          }
          skip = Math.max(0, skip - gw);
          continue;
        }
        if (w + gw > room) {
          if (room - w > 0) piece += ' '.repeat(room - w);
          w = room;
          break;
        }
        piece += g;
        w += gw;
      }
      text = piece;
      if (text === '') continue;
    }
    const w = displayWidth(text);
    const style = styleOf(seg, o);
    out += style ? style + text + RESET : text;
    used += w;
    room -= w;
  }
  if (o.pad && room > 0) {
    const fill = ' '.repeat(room);
    out += o.base ? o.base + fill + RESET : fill;
    used += room;
  }
  return out;
}

/** Split segments into lines of at most `width` columns (wrap mode, details). */
export function wrapSegments(segs: readonly Seg[], width: number): Seg[][] {
  const w = Math.max(1, width);
  const lines: Seg[][] = [[]];
  let col = 0;
  for (const seg of segs) {
    let piece = '';
    const flush = (): void => {
      if (piece !== '') lines[lines.length - 1]!.push({ ...seg, text: piece });
      piece = '';
    };
    for (const [g, gw] of cells(seg.text)) {
      if (col + gw > w && col > 0) {
        flush();
        lines.push([]);
        col = 0;
      }
      piece += g;
      col += gw;
    }
    flush();
  }
  return lines;
}

/** Plain text cut to `width` columns with an ellipsis when it does not fit. */
export function ellipsize(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  if (width <= 1) return width === 1 ? '…' : '';
  return fitSegments([{ text: s }], width - 1) + '…';
}

/** Keep the end of a string (logger names: the last parts tell most). */
export function ellipsizeStart(s: string, width: number): string {
  if (s.length <= width || !PRINTABLE_ASCII.test(s)) return ellipsize(s, width);
  if (width <= 1) return width === 1 ? '…' : '';
  return '…' + s.slice(s.length - (width - 1));
}
