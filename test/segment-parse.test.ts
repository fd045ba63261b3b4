import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Level } from '../src/model/level.js';
import type { LogRecord } from '../src/model/record.js';
import { parseBuffer } from '../src/parse/record-stream.js';
import { homeFormat } from '../src/parse/seams.js';
import { ColumnSink } from '../src/pipeline/column-sink.js';
import { parseSegment, RenderSink, SeamJoiner, type SegmentResult, type SegmentSink } from '../src/pipeline/segment-parse.js';
import type { SegmentColumns } from '../src/model/record-columns.js';
import { fixture } from './helpers/records.js';
import { cutBounds } from './helpers/cut-input.js';
import { writePythonLog } from './helpers/writers/python-log.js';

/** Everything a record's boundaries and parse decide, one line per record. */
function show(r: LogRecord): string {
  return JSON.stringify([r.time, r.level, r.logger, r.message, r.body, r.fields ?? null, r.http ?? null, r.format, Buffer.concat(r.raw).toString('latin1')]) + '\n';
}

const passes = (floor: Level) => (r: LogRecord) => r.level === Level.none || r.level >= floor;

/** Parse `data` cut at `cuts` into segments and join them as the print path does; `raw`: print's `-o raw` (records at or above the floor as their bytes). */
function parallel(data: Buffer, cuts: number[], overrun?: number, floor?: Level, raw = false): { text: string; fellBack: boolean } {
  const opts = floor !== undefined ? { levelFloor: floor } : {};
  const shown = raw ? (r: LogRecord) => Buffer.concat(r.raw).toString('latin1') : show;
  const render = floor !== undefined ? (r: LogRecord) => (passes(floor)(r) ? shown(r) : undefined) : shown;
  const sink = (): RenderSink => new RenderSink((r) => { const o = render(r); return o === undefined ? undefined : Buffer.from(o, 'latin1'); }, raw);
  const home = homeFormat(data, {});
  if (!home) throw new Error('no format');
  const read = (pos: number, into: Buffer): number => (pos >= data.length ? 0 : data.copy(into, 0, pos, Math.min(data.length, pos + into.length)));
  const bounds = cutBounds(data.length, cuts);
  const results: SegmentResult[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) results.push(parseSegment({ id: k, begin: bounds[k]!, end: bounds[k + 1]!, ...(overrun !== undefined ? { overrun } : {}) }, read, home, opts, sink()));
  const joiner = new SeamJoiner();
  const out: Buffer[] = [];
  let fellBack = false;
  const apply = (steps: ReturnType<SeamJoiner['accept']>): boolean => {
    for (const s of steps) {
      if (s.kind === 'take') out.push(Buffer.from(s.result.output.subarray(s.from, Math.min(s.to, s.result.output.length))));
      else {
        // What the print path does then: one sequential read from that seam to the end.
        fellBack = true;
        const rest = parseSegment({ id: s.from === 0 ? 0 : 1, begin: s.from, end: Number.MAX_SAFE_INTEGER }, read, home, opts, sink());
        out.push(Buffer.from(rest.output));
        return false;
      }
    }
    return true;
  };
  let going = true;
  for (const r of results) if (going) going = apply(joiner.accept(r));
  if (going) apply(joiner.finish());
  return { text: Buffer.concat(out).toString('latin1'), fellBack };
}

function sequential(data: Buffer): string {
  return parseBuffer(data).map(show).join('');
}

/** Python's logging with tracebacks, continuation lines, several loggers and levels (~300 KB). */
function pythonLog(): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'logview-segments-'));
  const path = join(dir, 'python.log');
  writePythonLog(path, { count: 3000, tracebackEvery: 37, message: 'message %d', continuationEvery: 11 });
  const data = readFileSync(path);
  rmSync(dir, { recursive: true, force: true });
  return data;
}

/** Python logging's tracebacks with exception types of every shape (~400 KB). */
function tracebacks(): Buffer {
  const ends = ['requests.exceptions.ConnectionError: boom', "KeyError: 'missing'", 'kamaki.clients.ClientError: Container pithos not found', 'app.Error:', 'app.errors.Bad:x', ''];
  const lines: string[] = [];
  for (let i = 0; i < 6000; i++) {
    const level = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'][(i * 7) % 5]!;
    lines.push(`2024-05-16 00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},${String(i % 1000).padStart(3, '0')} ${level} app.worker message ${i}`);
    if (i % 3 === 0) lines.push('Traceback (most recent call last):', '  File "x.py", line 1, in <module>', '    run()', ends[i % ends.length]!);
    if (i % 50 === 0) lines.push('', 'During handling of the above exception, another exception occurred:', '', 'Traceback (most recent call last):', '  File "y.py", line 2, in <module>', 'app.Other: two');
  }
  return Buffer.from(lines.join('\n') + '\n');
}

const inputs: Array<[string, Buffer]> = [
  ['python logging with tracebacks', pythonLog()],
  ['kamaki debug log with HTTP blocks', Buffer.concat(Array.from({ length: 30 }, () => fixture('kamaki_file_debug.log')))],
  ['kamaki file log', Buffer.concat(Array.from({ length: 30 }, () => fixture('kamaki_file.log')))],
  ['oslo text', Buffer.concat(Array.from({ length: 30 }, () => fixture('oslo_text.log')))],
  ['pino NDJSON', Buffer.concat(Array.from({ length: 30 }, () => fixture('pino.log')))],
  ['mixed formats', Buffer.concat(Array.from({ length: 20 }, () => fixture('formats/mixed.log')))],
  ['log4j stack traces', Buffer.concat(Array.from({ length: 30 }, () => fixture('formats/log4j_stacktrace.log')))],
];

describe('parallel segment parsing', () => {
  for (const [name, data] of inputs) {
    it(`gives exactly the records of a sequential parse for any split: ${name}`, () => {
      const want = sequential(data);
      expect(parallel(data, []).text).toBe(want);
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: data.length - 1 }), { minLength: 1, maxLength: 12 }), (cuts) => {
          expect(parallel(data, cuts).text).toBe(want);
        }),
        { numRuns: 40 },
      );
    });
  }

  it('skimmed below a level floor (print mode -l), joins into the filtered sequential records, without falling back', () => {
    const data = inputs[0]![1];
    for (const floor of [Level.info, Level.warning, Level.error, Level.critical]) {
      const want = parseBuffer(data).filter(passes(floor)).map(show).join('');
      const r = parallel(data, [50_000, 100_000, 150_000, 200_000], undefined, floor);
      expect(r.fellBack).toBe(false);
      expect(r.text).toBe(want);
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: data.length - 1 }), { minLength: 1, maxLength: 12 }), (cuts) => {
          expect(parallel(data, cuts, undefined, floor).text).toBe(want);
        }),
        { numRuns: 15 },
      );
    }
  });

  it('with -o raw, records the skim keeps go out as their bytes: exactly the raw bytes of the filtered sequential records', () => {
    // Level.none: every record kept as its bytes (print -o raw alone); kamaki's HTTP blocks and
    // pino's lines as well as tracebacks.
    for (const data of [inputs[0]![1], tracebacks(), inputs[1]![1], inputs[4]![1]]) {
      for (const floor of [Level.none, Level.info, Level.warning, Level.error, Level.critical]) {
        const want = parseBuffer(data).filter(passes(floor)).map((r) => Buffer.concat(r.raw).toString('latin1')).join('');
        const r = parallel(data, [50_000, 100_000, 150_000, 200_000], undefined, floor, true);
        expect(r.fellBack).toBe(false);
        expect(r.text).toBe(want);
        fc.assert(
          fc.property(fc.array(fc.integer({ min: 1, max: data.length - 1 }), { minLength: 1, maxLength: 12 }), (cuts) => {
            expect(parallel(data, cuts, undefined, floor, true).text).toBe(want);
          }),
          { numRuns: 15 },
        );
      }
    }
  });

  it('joins at the first seam in the usual case (no sequential fallback)', () => {
    const data = inputs[0]![1];
    const cuts = [50_000, 100_000, 150_000, 200_000];
    const r = parallel(data, cuts);
    expect(r.fellBack).toBe(false);
    expect(r.text).toBe(sequential(data));
  });

  it('falls back to a sequential read where a segment holds no seam line, and still gives every record once', () => {
    // A traceback longer than a segment: no line in it starts a record.
    const lines = ['2024-05-16 00:00:01,000 INFO app start'];
    lines.push('2024-05-16 00:00:02,000 ERROR app boom', 'Traceback (most recent call last):');
    for (let i = 0; i < 4000; i++) lines.push(`  File "/x/mod${i}.py", line ${i}, in f${i}`);
    lines.push('KeyError: x', '2024-05-16 00:00:03,000 INFO app after');
    const data = Buffer.from(lines.join('\n') + '\n');
    // (Segment 0 stops looking for a seam 10 KB past its end.)
    const r = parallel(data, [30_000, 60_000], 10_000);
    expect(r.fellBack).toBe(true);
    expect(r.text).toBe(sequential(data));
  });
});

describe('the index reads plain seams from their bytes (ColumnSink.addColumns)', () => {
  /** A sink that takes records only (no addColumns): the parser parses every line. */
  class RecordsOnly implements SegmentSink<SegmentColumns> {
    private readonly inner = new ColumnSink();
    get size(): number {
      return this.inner.size;
    }
    add(r: LogRecord): void {
      this.inner.add(r);
    }
    finish(): SegmentColumns {
      return this.inner.finish();
    }
  }

  it('gives the same columns as parsing every record, for any segment', () => {
    const data = Buffer.concat([inputs[0]![1], inputs[1]![1], inputs[0]![1]]);
    const home = homeFormat(data, {});
    if (!home) throw new Error('no format');
    const read = (pos: number, into: Buffer): number => (pos >= data.length ? 0 : data.copy(into, 0, pos, Math.min(data.length, pos + into.length)));
    const columnsOf = (sink: SegmentSink<SegmentColumns>, begin: number, end: number, id: number) => {
      const r = parseSegment({ id, begin, end }, read, home, {}, sink);
      const c = r.output;
      return { starts: r.starts, ends: r.ends, count: c.count, cols: [...c.offsets, ...c.lengths, ...c.times, ...c.levels, ...c.lines, ...c.formats].join(','), loggers: [...c.loggers].map((l) => c.loggerNames[l]).join(',') };
    };
    const whole = (sink: SegmentSink<SegmentColumns>) => ({ ...columnsOf(sink, 0, data.length, 0), starts: [] });
    expect(whole(new ColumnSink())).toEqual(whole(new RecordsOnly()));
    expect(columnsOf(new ColumnSink(), 0, data.length, 0).count).toBeGreaterThan(5000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: data.length - 1 }), (begin) => {
        // To the end of the data: both read every record from `begin` (where
        // they stop past an end, on seams noted at different times, may differ).
        const id = begin === 0 ? 0 : 1;
        const skimmed = columnsOf(new ColumnSink(), begin, data.length, id);
        const parsed = columnsOf(new RecordsOnly(), begin, data.length, id);
        expect({ ...skimmed, starts: id === 0 ? [] : skimmed.starts }).toEqual({ ...parsed, starts: id === 0 ? [] : parsed.starts });
      }),
      { numRuns: 40 },
    );
  });
});
