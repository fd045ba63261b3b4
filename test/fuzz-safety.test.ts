// Fuzzing lines -> parse -> render with fast-check, hostile pieces mixed into
// real log lines: nothing throws, no line takes long, nothing a terminal obeys
// comes out of any renderer, chunking changes no record, and the records' raw
// bytes are the input, byte for byte, in order.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../src/cli/options.js';
import { resetFormatState } from '../src/parse/registry.js';
import { LineSplitter } from '../src/lines/line-splitter.js';
import type { LogRecord } from '../src/model/record.js';
import { BATCH_BYTES, parseBuffer, RecordParser } from '../src/parse/record-stream.js';
import { renderJson } from '../src/render/json-line.js';
import { renderText } from '../src/render/text-line.js';
import { Theme } from '../src/render/theme.js';
import { detailLines } from '../src/render/details-lines.js';
import { cleanText } from '../src/render/text-fit.js';
import { comparable } from './helpers/records.js';
import { FORMATS_DIR } from './formats-helpers.js';
import { HOSTILE_PIECES } from './fixtures/hostile/pieces.mjs';

const LINES = readdirSync(FORMATS_DIR)
  .filter((f) => f.endsWith('.log'))
  .flatMap((f) => readFileSync(join(FORMATS_DIR, f), 'utf8').split('\n'));

// What a terminal obeys or that reorders what is read: C0 but tab (and the
// newline renderers put between lines), DEL, C1, bidi controls, private use.
// eslint-disable-next-line no-control-regex
const OBEYED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ue000-\uf8ff]/;
/** A line's parse and render on a loaded 2-core machine: generous, it catches hangs and blow-ups, not slowness. */
const BUDGET_MS_PER_LINE = 200;

const piece = fc.oneof(
  fc.constantFrom(...HOSTILE_PIECES),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('\u202e', '\u2066', '\u2069', '\u200f', '\ue000', '\uf8ff', '\x1b[31m', '\x1b]52;c;eA==\x07', '\x9b2J', '\x00', '\x7f', '\r', '\t'),
);
const hostileLine = fc.oneof(
  fc.constantFrom(...LINES),
  fc.array(piece, { maxLength: 6 }).map((ps) => ps.join('')),
  fc.tuple(fc.constantFrom(...LINES), piece).map(([l, p]) => l + p),
  fc.tuple(piece, fc.constantFrom(...LINES)).map(([p, l]) => p + l),
);
/** Input bytes: lines joined by \n, maybe no final newline, maybe invalid UTF-8 inside. */
const input = fc
  .tuple(fc.array(hostileLine, { maxLength: 30 }), fc.boolean(), fc.array(fc.integer({ min: 0x80, max: 0xff }), { maxLength: 3 }))
  .map(([lines, finalNl, bad]) => {
    const text = lines.map((l) => l.replace(/\n/g, ' ')).join('\n') + (finalNl && lines.length > 0 ? '\n' : '');
    const buf = Buffer.from(text);
    return bad.length > 0 && buf.length > 0 ? Buffer.concat([buf.subarray(0, buf.length >> 1), Buffer.from(bad), buf.subarray(buf.length >> 1)]) : buf;
  });

const theme = new Theme(0);
const colour = new Theme(2);

function renderAll(recs: LogRecord[]): void {
  for (const r of recs) {
    const text = renderText(r, theme);
    // Lines end in \n; inside them nothing obeyed.
    for (const l of text.split('\n')) expect(l).not.toMatch(OBEYED);
    const coloured = renderText(r, colour).replace(/\x1b\[[0-9;]*m/g, '');
    for (const l of coloured.split('\n')) expect(l).not.toMatch(OBEYED);
    const json = renderJson(r, 'src\u202e.log');
    expect(json.slice(0, -1)).not.toMatch(OBEYED);
    JSON.parse(json);
    for (const segs of detailLines(r, 'src\u202e.log', colour)) for (const s of segs) expect(s.text).not.toMatch(OBEYED);
    expect(cleanText(r.message)).not.toMatch(OBEYED);
    expect(cleanText(r.logger)).not.toMatch(OBEYED);
  }
}

function lineCount(buf: Buffer): number {
  if (buf.length === 0) return 0;
  let n = 0;
  for (const b of buf) if (b === 10) n++;
  return buf[buf.length - 1] === 10 ? n : n + 1;
}

/** Parse in the given chunks: the splitter and the parser see the chunk boundaries, as when reading a file. */
function parseChunked(buf: Buffer, cuts: number[], format: string): LogRecord[] {
  const out: LogRecord[] = [];
  const parser = new RecordParser(0, (r) => out.push(r), { format });
  const splitter = new LineSplitter();
  let at = 0;
  // Detection settles where every reader settles it: at the end of the first
  // slice (BATCH_BYTES), before an unterminated last line is flushed.
  const settleAt = Math.min(BATCH_BYTES, buf.length);
  for (const c of [...cuts.map((x) => Math.floor(x * buf.length)), settleAt, buf.length].sort((a, b) => a - b)) {
    if (c <= at) continue;
    splitter.push(buf.subarray(at, c), parser.push);
    at = c;
    if (c === settleAt) parser.endChunk();
  }
  splitter.flush(parser.push);
  parser.flush();
  return out;
}

describe('fuzz: lines -> parse -> render', () => {
  it('never throws, keeps within a time budget per line, and renders nothing a terminal obeys', () => {
    fc.assert(
      fc.property(input, fc.constantFrom(...FORMATS), (buf, format) => {
        const t0 = performance.now();
        const recs = parseBuffer(buf, 0, { format });
        renderAll(recs);
        const lines = Math.max(1, lineCount(buf));
        expect((performance.now() - t0) / lines).toBeLessThan(BUDGET_MS_PER_LINE);
      }),
      { numRuns: 400 },
    );
  });

  it('nothing lost: the raw bytes of all records are the input, byte for byte, in order', () => {
    fc.assert(
      fc.property(input, fc.constantFrom(...FORMATS), (buf, format) => {
        const recs = parseBuffer(buf, 0, { format });
        expect(Buffer.concat(recs.flatMap((r) => r.raw)).equals(buf)).toBe(true);
        let next = 1;
        for (const r of recs) {
          expect(r.line).toBe(next);
          next += r.raw.length;
        }
      }),
      { numRuns: 400 },
    );
  });

  it('chunking never changes the records', () => {
    fc.assert(
      fc.property(input, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }), fc.constantFrom(...FORMATS), (buf, cuts, format) => {
        // Both reads start alike: a W3C #Fields line read earlier must not carry over.
        resetFormatState();
        const whole = parseBuffer(buf, 0, { format }).map(comparable);
        resetFormatState();
        const chunked = parseChunked(buf, cuts, format).map(comparable);
        expect(chunked).toEqual(whole);
      }),
      { numRuns: 400 },
    );
  });

  it('the hostile corpus parses and renders safely, every byte accounted for', () => {
    const dir = join(import.meta.dirname, 'fixtures', 'hostile');
    const files = readdirSync(dir).filter((f) => f.endsWith('.log'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const buf = readFileSync(join(dir, f));
      const recs = parseBuffer(buf);
      renderAll(recs);
      // Lines over 1 MiB are cut by design; every other file comes back whole.
      if (!f.startsWith('long-')) expect(Buffer.concat(recs.flatMap((r) => r.raw)).equals(buf), f).toBe(true);
    }
  });
});
