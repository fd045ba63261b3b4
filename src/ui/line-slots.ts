/*
 * Ink turns every cell of every frame into styled-cell objects (a
 * width x height grid, each cell's style diffed against its neighbour's):
 * at 200x50 that grid cost more than the rest of a keypress -> frame, and its
 * garbage brought collector pauses into frames (bench/tui-keypress.mjs
 * --no-slots draws through it; Ink's incrementalRendering does not help, the
 * cost is the grid). The screen is already cut to width and styled
 * (ui/screen.ts frameLines), so Ink need not look inside it: it lays out one
 * short placeholder (private-use characters) for the whole frame, and the
 * stream Ink writes to puts the frame in its place, drawn from the top-left
 * corner whatever row Ink believes it is on.
 *
 * Safe by construction: no log text passes through Ink at all (Ink's output
 * is the placeholder and its own cursor moves), the frame put in is not
 * scanned again, and no log text reaches the screen with a character of
 * the placeholder range anyway (render/sanitize.ts escapes U+E000-U+F8FF).
 */

const OPEN = 0xe000;
const CLOSE = 0xe001;
const DIGIT0 = 0xe100;
const TOKEN = /\uE000[\uE100-\uE1FF]+\uE001/g;
/** Frames remembered: Ink may write a throttled frame a little after a newer one was made. */
const KEPT = 16;
/** Cursor home; each line erased before it is drawn (an erase after a full-width line would take its last cell). */
const HOME = '\x1b[H';
const ERASE_LINE = '\x1b[2K';

function encode(id: number): string {
  let s = '';
  do {
    s = String.fromCharCode(DIGIT0 + (id & 0xff)) + s;
    id >>>= 8;
  } while (id > 0);
  return String.fromCharCode(OPEN) + s + String.fromCharCode(CLOSE);
}

/** What the terminal gets for a frame's lines: every line redrawn from the top-left corner. */
export function frameText(lines: readonly string[]): string {
  return HOME + ERASE_LINE + lines.join('\r\n' + ERASE_LINE);
}

export class LineSlots {
  private frames = new Map<string, string>();
  private last: { lines: string; token: string } | undefined;
  private next = 0;

  /**
   * The placeholder for a frame; the same frame as the last gets the same
   * placeholder, so Ink sees no change and writes nothing.
   */
  frame(lines: readonly string[]): string {
    const text = frameText(lines);
    if (this.last?.lines === text) return this.last.token;
    const token = encode(this.next++);
    this.frames.set(token, text);
    if (this.frames.size > KEPT) this.frames.delete(this.frames.keys().next().value!);
    this.last = { lines: text, token };
    return token;
  }

  /** A write from Ink with the placeholder replaced by its frame. */
  expand(written: string): string {
    if (!written.includes('\uE000')) return written;
    return written.replace(TOKEN, (t) => this.frames.get(t) ?? '');
  }
}

/** The terminal stream as Ink should see it: everything passes through, writes get their frame back. */
export function slotStream(out: NodeJS.WriteStream, slots: LineSlots): NodeJS.WriteStream {
  return mapStringWrites(out, (s) => slots.expand(s));
}

/** `out` with every string written through `f` (what Ink writes is strings). */
export function mapStringWrites(out: NodeJS.WriteStream, f: (s: string) => string): NodeJS.WriteStream {
  const write = (chunk: unknown, ...rest: unknown[]): boolean =>
    (out.write as (c: unknown, ...r: unknown[]) => boolean)(typeof chunk === 'string' ? f(chunk) : chunk, ...rest);
  return new Proxy(out, {
    get(target, prop) {
      if (prop === 'write') return write;
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
