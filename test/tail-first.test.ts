import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LogRecord } from '../src/model/record.js';
import { ingestSources } from '../src/pipeline/ingest.js';
import { TAIL_BYTES } from '../src/pipeline/tail-first.js';
import { BACKGROUND_NICENESS } from '../src/pipeline/thread-priority.js';
import { parseBuffer } from '../src/parse/record-stream.js';
import { RecordView } from '../src/query/record-view.js';
import { Spool } from '../src/store/spool.js';
import { RecordStore } from '../src/store/record-store.js';
import { fixture } from './helpers/records.js';
import { writePythonLog } from './helpers/writers/python-log.js';

const dir = mkdtempSync(join(tmpdir(), 'logview-tail-first-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** ~3 MiB written by Python's logging: several loggers and levels, tracebacks (logger.exception). */
function pythonLog(path: string): void {
  writePythonLog(path, { count: 30000, tracebackEvery: 97, message: 'message number %d with some text after it' });
}

/** A record's columns, as the store keeps them (what worker threads hand on). */
interface Cols {
  time: number;
  level: number;
  logger: string;
  line: number;
  raw: string;
}

interface Seen {
  /** Records the front got as columns (worker threads). */
  frontCols: Cols[];
  front: LogRecord[];
  back: LogRecord[];
  lines: number;
  /** Records of the back part delivered before the first front record. */
  backFirst: number;
  /** Most threads of this process seen at BACKGROUND_NICENESS above the main thread's nice value while columns came. */
  nicedThreads: number;
}

/** Threads of this process whose nice value is `by` above the main thread's (Linux; 0 elsewhere). */
function threadsNicedBy(by: number): number {
  if (process.platform !== 'linux') return 0;
  const nice = (tid: string): number => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
  const main = nice(String(process.pid));
  let n = 0;
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      if (nice(tid) === Math.min(19, main + by)) n++;
    } catch {
      // The thread ended meanwhile.
    }
  }
  return n;
}

/** Follow `path` with tail-first open until its start is indexed. */
async function tailFirstRead(path: string, minBytes: number, parallel?: { minBytes: number; segmentBytes: number }, spool?: Spool, indexNiceness?: number): Promise<Seen> {
  const seen: Seen = { frontCols: [], front: [], back: [], lines: -1, backFirst: -1, nicedThreads: 0 };
  let started = false;
  // Worker threads load the built modules: the parallel index runs from dist/ (built by `npm test`).
  const ingestFrom = parallel ? ((await import('../dist/pipeline/ingest.js' as string)) as typeof import('../src/pipeline/ingest.js')).ingestSources : ingestSources;
  await new Promise<void>((resolve, reject) => {
    const ingest = ingestFrom([path], { follow: true, tailFirstMinBytes: minBytes, ...(parallel ? { parallel } : {}), ...(indexNiceness ? { indexNiceness } : {}) }, {
      onRecords: (b) => void seen.back.push(...b),
      onNotice: (_id, m, kind) => {
        if (kind === 'error') reject(new Error(m));
      },
      front: {
        start: () => (started = true),
        records: (b) => {
          if (seen.backFirst < 0) seen.backFirst = seen.back.length;
          seen.front.push(...b);
        },
        columns: (p) => {
          if (seen.backFirst < 0) seen.backFirst = seen.back.length;
          if (seen.nicedThreads === 0) seen.nicedThreads = threadsNicedBy(BACKGROUND_NICENESS);
          const c = p.columns;
          for (let j = p.from; j < p.to; j++) {
            const at = c.offsets[j]! - c.offsets[p.from]!;
            seen.frontCols.push({
              time: c.times[j]!,
              level: c.levels[j]!,
              logger: c.loggerNames[c.loggers[j]!]!,
              line: c.lines[j]! + p.lineBase,
              raw: ('raw' in p.bytes ? p.bytes.raw.subarray(at, at + c.lengths[j]!) : spool!.read(p.bytes.spoolBase + c.offsets[j]!, c.lengths[j]!)).toString('latin1'),
            });
          }
        },
        progress: () => {},
        ...(spool ? { borrow: (n: number, fd: number) => spool.borrow(n, fd), copied: (base: number, upTo: number) => spool.copied(base, upTo) } : {}),
        complete: (lines) => {
          seen.lines = lines;
          void ingest.stop().then(resolve, reject);
        },
      },
    });
    // A file too small for tail-first is read whole: nothing to wait for.
    setTimeout(() => {
      if (!started) void ingest.stop().then(resolve, reject);
    }, 1500);
  });
  return seen;
}

/** A record as a plain read gives it, with the back part's lines made absolute. */
function strip(r: LogRecord, lineBase = 0): unknown {
  return { time: r.time, level: r.level, logger: r.logger, message: r.message, body: r.body, http: r.http, line: r.line + lineBase, raw: Buffer.concat(r.raw).toString('latin1') };
}

describe('tail-first open of a big file', () => {
  const py = join(dir, 'python.log');
  pythonLog(py);
  const whole = readFileSync(py);

  for (const cut of [0, 777_777, 1_234_567]) {
    it(`gives exactly the records of a plain read, the tail first (file cut by ${cut} bytes)`, async () => {
      const path = join(dir, `cut-${cut}.log`);
      writeFileSync(path, whole);
      // Cut at a line's end: a followed file's partial last line is its own
      // record once idle (a plain read would join it to the record before).
      if (cut > 0) truncateSync(path, whole.lastIndexOf(10, whole.length - cut) + 1);
      const bytes = readFileSync(path);
      const want = parseBuffer(bytes).map((r) => strip(r));
      const seen = await tailFirstRead(path, 1024 * 1024);
      // The tail (one TAIL_BYTES read) came before any of the start.
      expect(seen.backFirst).toBeGreaterThan(10);
      expect(seen.back.length).toBeLessThan(want.length / 4);
      const tailBytes = seen.back.reduce((n, r) => n + Buffer.concat(r.raw).length, 0);
      expect(tailBytes).toBeLessThanOrEqual(TAIL_BYTES);
      const got = [...seen.front.map((r) => strip(r)), ...seen.back.map((r) => strip(r, seen.lines))];
      expect(got.length).toBe(want.length);
      expect(got).toEqual(want);
    });
  }

  it('keeps kamaki HTTP blocks whole at the seam', async () => {
    // kamaki's debug log (send/recv blocks, a traceback) repeated to ~2 MiB.
    const one = fixture('kamaki_file_debug.log');
    const path = join(dir, 'kamaki.log');
    writeFileSync(path, Buffer.concat(Array.from({ length: Math.ceil((2 << 20) / one.length) }, () => one)));
    const want = parseBuffer(readFileSync(path)).map((r) => strip(r));
    const seen = await tailFirstRead(path, 1024 * 1024);
    expect(seen.front.length).toBeGreaterThan(0);
    const got = [...seen.front.map((r) => strip(r)), ...seen.back.map((r) => strip(r, seen.lines))];
    expect(got).toEqual(want);
  });

  it('in the store: the view lists the start before the tail, and the tail keeps its identity', async () => {
    const store = new RecordStore();
    const seen = await tailFirstRead(py, 1024 * 1024);
    store.beginTail();
    const view = new RecordView(store, { thresholds: () => new Uint8Array(store.loggers.size).fill(0) });
    store.append(seen.back);
    view.advance(Infinity);
    const lastTail = view.at(view.length - 1);
    const tailText = store.rawText(lastTail);
    expect(view.takeInserts()).toEqual([]);
    store.insertFront(seen.front.slice(0, 1000));
    store.insertFront(seen.front.slice(1000));
    view.advance(Infinity);
    expect(view.takeInserts()).toEqual([{ at: 0, count: seen.front.length }]);
    store.completeFront(seen.lines);
    // Same store index, same record; now last in view order after the whole start.
    expect(view.at(view.length - 1)).toBe(lastTail);
    expect(store.rawText(lastTail)).toBe(tailText);
    const want = parseBuffer(whole);
    expect(view.length).toBe(want.length);
    for (const pos of [0, 1, 500, seen.front.length - 1, seen.front.length, view.length - 1]) {
      const i = view.at(pos);
      expect(store.rawText(i)).toBe(Buffer.concat(want[pos]!.raw).toString());
      expect(store.line(i)).toBe(want[pos]!.line);
    }
    expect(view.positionOf(lastTail)).toBe(view.length - 1);
    // Paused when only the tail was in: the start indexed in front since is not "new below"; a record appended is.
    const pausedAt = seen.back.length;
    expect(view.shownSince(pausedAt)).toBe(0);
    store.append(seen.back.slice(-1));
    view.advance(Infinity);
    expect(view.shownSince(pausedAt)).toBe(1);
    expect(view.positionOf(view.at(10))).toBe(10);
  });

  it('worker threads told to yield (the TUI) lower their own priority, and index the same records', async () => {
    const path = join(dir, 'kamaki.log');
    const cols = (r: LogRecord): Cols => ({ time: r.time, level: r.level, logger: r.logger, line: r.line, raw: Buffer.concat(r.raw).toString('latin1') });
    const seen = await tailFirstRead(path, 1024 * 1024, { minBytes: 256 * 1024, segmentBytes: 100_000 }, undefined, BACKGROUND_NICENESS);
    expect(seen.frontCols.length).toBeGreaterThan(1000);
    // This thread (it answers keys) keeps its priority; the workers go below it.
    if (process.platform === 'linux') expect(seen.nicedThreads).toBeGreaterThanOrEqual(1);
    expect([...seen.frontCols, ...seen.back.map((r) => ({ ...cols(r), line: r.line + seen.lines }))]).toEqual(parseBuffer(readFileSync(path)).map(cols));
  });

  it('worker threads index the start into columns: exactly what a plain read gives', async () => {
    const cols = (r: LogRecord): Cols => ({ time: r.time, level: r.level, logger: r.logger, line: r.line, raw: Buffer.concat(r.raw).toString('latin1') });
    for (const [path, segmentBytes, borrowed] of [
      [py, 300_000, false],
      [py, 1_000_003, false],
      [join(dir, 'kamaki.log'), 100_000, false],
      // The spool borrows the start: its bytes are read from the file.
      [py, 300_000, true],
      [join(dir, 'kamaki.log'), 100_000, true],
    ] as const) {
      const want = parseBuffer(readFileSync(path)).map(cols);
      // V8's helper threads stay niced once a TUI-like index lowered them (thread-priority.ts).
      const nicedBefore = threadsNicedBy(BACKGROUND_NICENESS);
      const spool = borrowed ? new Spool() : undefined;
      // Bytes already in the spool before the reserved range.
      spool?.append([Buffer.from('before the start\n')]);
      const seen = await tailFirstRead(path, 1024 * 1024, { minBytes: 256 * 1024, segmentBytes }, spool);
      spool?.close();
      expect(seen.front).toHaveLength(0);
      expect(seen.frontCols.length).toBeGreaterThan(1000);
      // Worker threads keep their priority unless told (only the TUI lowers it).
      expect(seen.nicedThreads).toBe(nicedBefore);
      expect(seen.backFirst).toBeGreaterThan(10);
      const got = [...seen.frontCols, ...seen.back.map((r) => ({ ...cols(r), line: r.line + seen.lines }))];
      expect(got).toEqual(want);
    }
    // Five worker pools on a loaded 2-core machine.
  }, 60_000);

  it('a small file is read from its start as before', async () => {
    const path = join(dir, 'small.log');
    writeFileSync(path, whole.subarray(0, 200_000));
    const seen = await tailFirstRead(path, 1024 * 1024);
    expect(seen.front).toHaveLength(0);
    expect(seen.back.map((r) => strip(r))).toEqual(parseBuffer(readFileSync(path)).map((r) => strip(r)));
  });
});
