// The one bytes -> records driver (RecordReader) and the three readers built
// on it: whatever the chunks, the records are those of the plainest parse.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../src/lines/line-splitter.js';
import { Level } from '../src/model/level.js';
import type { LogRecord } from '../src/model/record.js';
import { pythonFormat } from '../src/parse/formats/python.js';
import { RecordParser, type ParseOptions } from '../src/parse/record-parser.js';
import { BATCH_BYTES, RecordReader } from '../src/parse/record-reader.js';
import { parseBuffer, streamRecords } from '../src/parse/record-stream.js';
import { LiveRecords } from '../src/pipeline/live-records.js';
import { pythonLine } from './helpers/python-lines.js';

function shape(r: LogRecord): unknown {
  return { ...r, raw: Buffer.concat(r.raw).toString('latin1') };
}

/** The oracle: one splitter and one parser over the whole buffer, no slices, no skim. */
function plainParse(data: Buffer, opts: ParseOptions): LogRecord[] {
  const out: LogRecord[] = [];
  const { levelFloor: _ignored, ...unskimmed } = opts;
  const parser = new RecordParser(0, (r) => out.push(r), unskimmed);
  const splitter = new LineSplitter();
  splitter.push(data, parser.push);
  splitter.flush(parser.push);
  parser.flush();
  return out;
}

/** What a consumer behind a level floor keeps (a record without a level passes). */
const kept = (floor: Level | undefined) => (rs: LogRecord[]) => rs.filter((r) => floor === undefined || r.level === Level.none || r.level >= floor).map(shape);

/** `data` cut at the given sizes (the rest as one last chunk). */
function cut(data: Buffer, sizes: number[]): Buffer[] {
  const chunks: Buffer[] = [];
  let pos = 0;
  for (const n of sizes) {
    if (pos >= data.length) break;
    chunks.push(data.subarray(pos, pos + n));
    pos += n;
  }
  if (pos < data.length) chunks.push(data.subarray(pos));
  return chunks;
}

const JSON_LINES = [
  '{"time":"2024-05-16T12:34:56.789Z","level":"info","logger":"app.db","msg":"query done"}',
  '{"time":"2024-05-16T12:34:57.001Z","level":"error","logger":"app.api","msg":"boom é ✓"}',
  '{"time":"2024-05-16T12:34:57.100Z","level":"debug","logger":"app","msg":"tick"}',
  '{"level":"warn","msg":"no logger"}',
  'not json at all',
];

/** Lines of a log: Python shapes (tracebacks, near misses), JSON, multi-byte text, CRLF. */
const line = fc.oneof(
  { weight: 6, arbitrary: pythonLine },
  { weight: 1, arbitrary: fc.constantFrom(...JSON_LINES) },
  { weight: 1, arbitrary: fc.constantFrom('2024-05-16 12:34:56,789 INFO app ünïcödé ✓ 日本\r', '  körper ✓', '2024-05-16 12:34:56,789 ERROR app.x crlf\r') },
);

const options = fc.constantFrom<ParseOptions>({}, { format: 'python' }, { home: pythonFormat }, { format: 'json' });
const floors = fc.constantFrom<Level | undefined>(undefined, Level.info, Level.warning, Level.error);

/** Lines, repeated so that some inputs pass BATCH_BYTES (a big buffer's first slice settles detection). */
const input = fc.tuple(fc.array(line, { minLength: 1, maxLength: 50 }), fc.constantFrom(1, 1, 1, 60)).map(([lines, times]) => {
  const text = lines.join('\n') + '\n';
  return Buffer.from(times === 1 ? text : text.repeat(Math.ceil((2 * BATCH_BYTES) / text.length)));
});

const splits = fc.array(fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 3 * BATCH_BYTES })), { maxLength: 12 });

/** Appends without spreading (a batch may hold more records than a call takes arguments). */
const append = (to: LogRecord[]) => (b: LogRecord[] | undefined) => {
  for (const r of b ?? []) to.push(r);
};

/** Records through a reader, pushed chunk by chunk, taken after every push. */
function readChunks(chunks: Buffer[], opts: ParseOptions): LogRecord[] {
  const reader = new RecordReader(0, opts);
  const out: LogRecord[] = [];
  for (const c of chunks) {
    reader.push(c);
    append(out)(reader.take());
  }
  reader.flush();
  append(out)(reader.take());
  return out;
}

async function* iterate(chunks: Buffer[]): AsyncGenerator<Buffer> {
  for (const c of chunks) yield c;
}

/** Records through LiveRecords as print mode makes it (no partial lines shown), its idle flush never due. */
async function live(chunks: Buffer[], opts: ParseOptions): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  const l = new LiveRecords(0, append(out), 1e9, opts);
  let offset = 0;
  for (const c of chunks) {
    await l.data(0, offset, c);
    offset += c.length;
  }
  await l.finish();
  return out;
}

describe('RecordReader', () => {
  it('gives the records of one plain parse however the bytes are cut, skimming or not', () => {
    fc.assert(
      fc.property(input, splits, fc.constantFrom<ParseOptions>({ format: 'python' }, { home: pythonFormat }, { format: 'json' }), floors, (data, sizes, opts, floor) => {
        // A forced or preset format: detection cannot depend on where the first chunk ends.
        const o = floor === undefined ? opts : { ...opts, levelFloor: floor };
        expect(kept(floor)(readChunks(cut(data, sizes), o))).toEqual(kept(floor)(plainParse(data, opts)));
      }),
      { numRuns: 300 },
    );
  });

  it('parseBuffer is a reader given the whole buffer', () => {
    fc.assert(
      fc.property(input, options, floors, (data, opts, floor) => {
        const o = floor === undefined ? opts : { ...opts, levelFloor: floor };
        expect(parseBuffer(data, 0, o).map(shape)).toEqual(readChunks([data], o).map(shape));
        // Detection on the first slice, then (skimmed or not) what a plain parse keeps.
        if (data.length > BATCH_BYTES || opts.format !== undefined || opts.home !== undefined) {
          expect(kept(floor)(parseBuffer(data, 0, o))).toEqual(kept(floor)(plainParse(data, opts)));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('streamRecords and print mode\'s LiveRecords give the same records for the same chunks, detection included', async () => {
    await fc.assert(
      fc.asyncProperty(input, splits, options, floors, async (data, sizes, opts, floor) => {
        const o = floor === undefined ? opts : { ...opts, levelFloor: floor };
        const chunks = cut(data, sizes);
        const streamed: LogRecord[] = [];
        const lines = await streamRecords(iterate(chunks), 0, append(streamed), o);
        expect(lines).toBe(data.toString('latin1').split('\n').length - 1);
        expect(kept(floor)(await live(chunks, o))).toEqual(kept(floor)(streamed));
        expect(kept(floor)(streamed)).toEqual(kept(floor)(readChunks(chunks, o)));
      }),
      { numRuns: 150 },
    );
  });

  it('starts at the offset and line number given', () => {
    const reader = new RecordReader(3, {}, { offset: 1000, line: 41 });
    reader.push(Buffer.from('2024-05-16 12:34:56,789 INFO app one\n2024-05-16 12:34:57,000 INFO app two\n'));
    reader.flush();
    const rs = reader.take()!;
    expect(rs.map((r) => [r.sourceId, r.offset, r.line])).toEqual([
      [3, 1000, 41],
      [3, 1037, 42],
    ]);
    expect(reader.lineCount).toBe(42);
    expect(reader.take()).toBeUndefined();
  });

  it('keeps a partial line across flushHeld() and completes it on flush()', () => {
    const reader = new RecordReader(0, { format: 'python' });
    reader.push(Buffer.from('2024-05-16 12:34:56,789 INFO app one\n2024-05-16 12:34:57,000 INFO app tw'));
    expect(reader.take()).toBeUndefined();
    reader.flushHeld();
    expect(reader.take()!.map((r) => r.message)).toEqual(['one']);
    reader.push(Buffer.from('o\n'));
    reader.flush();
    expect(reader.take()!.map((r) => r.message)).toEqual(['two']);
  });

  it('skims in print mode\'s LiveRecords (stdin, followed files) as in a file read: records below the floor are never made', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) lines.push(`2024-05-16 00:00:${String(i % 60).padStart(2, '0')},000 ${i % 100 === 0 ? 'ERROR' : 'INFO'} app.worker n ${i}`, '  indented');
    const data = Buffer.from(lines.join('\n') + '\n');
    const got = await live(cut(data, [5000, 70000, 3]), { levelFloor: Level.error });
    // Unskimmed, every INFO record would be here too (the consumer filters them).
    expect(got.map((r) => r.message)).toEqual(Array.from({ length: 30 }, (_, k) => `n ${k * 100}`));
  });
});
