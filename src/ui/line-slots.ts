/*
 * Ink turns every cell of every frame into styled-cell objects (a
 * width x height grid, each cell's style diffed against its neighbour's):
 * at 200x50 that grid cost more than the rest of a keypress -> frame, and its
 * garbage brought collector pauses into frames (bench/tui-keypress.mjs
 * --no-slots draws through it; Ink's incrementalRendering does not help, the
 * cost is the grid). The screen is already cut to width and styled
 * (ui/screen.ts frameLines), so Ink need not look inside it: it lays out one
 * short placeholder (a few ASCII characters) for the whole frame, and the
 * stream Ink writes to puts the frame in its place, drawn from the top-left
 * corner whatever row Ink believes it is on.
 *
 * Safe by construction: no log text passes through Ink at all (Ink's output
 * is the placeholder and its own cursor moves), and the frame put in is not
 * scanned again. The placeholder is printable ASCII with a nonce drawn per
 * process: Ink measures it on its fast path (any other character sent its
 * first frame through Intl.Segmenter and the emoji regex, 20 ms of a start
 * whose keys wait for it), and no text can name a frame without the nonce.
 */

/** Per process: what every placeholder starts with (short: a placeholder wider than the terminal would wrap). */
const NONCE = Array.from({ length: 3 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join('');
const TOKEN = new RegExp(`${NONCE}[0-9a-z]+~`, 'g');
/** Frames remembered: Ink may write a throttled frame a little after a newer one was made. */
const KEPT = 16;
/** Cursor home; each line erased before it is drawn (an erase after a full-width line would take its last cell). */
const HOME = '\x1b[H';
const ERASE_LINE = '\x1b[2K';

function encode(id: number): string {
  return `${NONCE}${id.toString(36)}~`;
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
    if (!written.includes(NONCE)) return written;
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
