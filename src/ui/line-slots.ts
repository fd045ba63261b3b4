/*
 * Ink turns every character of every frame into styled-cell objects (grapheme
 * segmentation, style diffing): at 200x50 that costs about three times the
 * whole keypress -> frame time (bench/tui-keypress.mjs --no-slots; Ink's
 * incrementalRendering does not help, the cost is the cell grid). The record
 * list and the overlays are already cut to width and styled, so Ink need not
 * look inside them: it lays out a short placeholder per line (private-use
 * characters), and the stream Ink writes to puts the real line back.
 *
 * Two rules make this safe by construction: only a pane the layout puts at
 * the right edge gets placeholders (App passes `rightmost` from the Layout),
 * and no log text reaches the screen with a character of the placeholder
 * range (render/text-fit.ts cleanText shows them escaped).
 */

const OPEN = 0xe000;
const CLOSE = 0xe001;
const DIGIT0 = 0xe100;
const TOKEN = /\uE000[\uE100-\uE1FF]+\uE001/g;
/** Distinct lines remembered before starting a new generation. */
const GENERATION = 8192;

function encode(id: number): string {
  let s = '';
  do {
    s = String.fromCharCode(DIGIT0 + (id & 0xff)) + s;
    id >>>= 8;
  } while (id > 0);
  return String.fromCharCode(OPEN) + s + String.fromCharCode(CLOSE);
}

export class LineSlots {
  private tokens = new Map<string, string>();
  private lines = new Map<string, string>();
  // The generation before: Ink may write a throttled frame a little later.
  private previous = new Map<string, string>();
  private next = 0;

  /** The placeholder for a line; the same line gets the same placeholder (so Ink sees no change). */
  token(line: string): string {
    let t = this.tokens.get(line);
    if (t !== undefined) return t;
    if (this.lines.size >= GENERATION) {
      this.previous = this.lines;
      this.lines = new Map();
      this.tokens = new Map();
    }
    t = encode(this.next++);
    this.tokens.set(line, t);
    this.lines.set(t, line);
    return t;
  }

  /** A frame from Ink with each placeholder replaced by its line. */
  expand(frame: string): string {
    if (!frame.includes('\uE000')) return frame;
    return frame.replace(TOKEN, (t) => this.lines.get(t) ?? this.previous.get(t) ?? '');
  }
}

/** The terminal stream as Ink should see it: everything passes through, writes get their lines back. */
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
