import type { RowSegs } from './row-format.js';
import { fitSegments, segsWidth, wrapSegments, type Seg } from './text-fit.js';
import type { Theme } from './theme.js';

/** What the record list draws: the scroller's state and a way to get a row. */
export interface ListInput {
  width: number;
  height: number;
  length: number;
  top: number;
  sel: number;
  wrap: boolean;
  /** Columns of the message scrolled off to the left. */
  hscroll: number;
  row(pos: number): RowSegs;
  /** Shown when the list is empty ("no records yet"). */
  empty: string;
  theme: Theme;
}

/**
 * The record list: exactly the rows that fit, the selected one in inverse
 * video. Scrolled sideways, the time, level and logger stay put and the
 * message moves, behind a `…` marking the offset.
 */
export function listLines(i: ListInput): string[] {
  const { width, height, theme } = i;
  if (i.length === 0) return [fitSegments([{ text: i.empty, open: theme.dim.open }], width)];
  const out: string[] = [];
  for (let pos = i.top; pos < i.length && out.length < height; pos++) {
    const selected = pos === i.sel;
    const { fixed, message } = i.row(pos);
    const opts = { hl: theme.match(selected).open, ...(selected ? { base: theme.inverse.open, pad: true } : {}) };
    if (i.wrap) {
      for (const line of wrapSegments([...fixed, ...message], width)) {
        if (out.length >= height) break;
        out.push(fitSegments(line, width, opts));
      }
    } else if (i.hscroll > 0) {
      const marker: Seg[] = [...fixed, { text: '…', open: theme.dim.open }];
      const room = Math.max(0, width - segsWidth(marker));
      out.push(fitSegments(marker, width, { ...opts, pad: false }) + fitSegments(message, room, { ...opts, skip: i.hscroll }));
    } else {
      const line = fitSegments(fixed, width, { ...opts, pad: false });
      out.push(line + fitSegments(message, Math.max(0, width - segsWidth(fixed)), opts));
    }
  }
  return out;
}

