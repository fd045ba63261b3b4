import { mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writePythonLog } from './helpers/writers/python-log.js';

// Worker threads load the built modules: these run from dist/ (built by `npm test`).
const prestart = (await import('../dist/pipeline/worker-prestart.js' as string)) as typeof import('../src/pipeline/worker-prestart.js');
const pool = (await import('../dist/pipeline/segment-pool.js' as string)) as typeof import('../src/pipeline/segment-pool.js');
const print = (await import('../dist/print/print-prestart.js' as string)) as typeof import('../src/print/print-prestart.js');
const options = (await import('../dist/cli/options.js' as string)) as typeof import('../src/cli/options.js');
type WorkerData = import('../src/pipeline/segment-job.js').SegmentWorkerData;

const dir = mkdtempSync(join(tmpdir(), 'logview-prestart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The raw print of `path` by `workers` worker threads (this thread parses nothing), segment by segment. */
async function printBySegments(path: string, workers: number): Promise<Buffer> {
  const data: WorkerData = { argv: ['-o', 'raw', '-l', 'warning'], path, home: 'python', mode: { kind: 'render', output: 'raw', colorDepth: 0 } };
  const tasks = pool.segmentTasks(statSync(path).size, 256 * 1024);
  const parts: Buffer[] = [];
  const rest = await pool.runSegments<Uint8Array>(tasks, workers, data, (s) => void parts.push(Buffer.from(s.result.output.subarray(s.from, Math.min(s.result.output.length, s.to)))), () => false, false);
  expect(rest).toBeUndefined();
  return Buffer.concat(parts);
}

describe('segment workers started before their work (worker-prestart.ts)', () => {
  const f = join(dir, 'app.log');
  writePythonLog(f, { count: 20000, tracebackEvery: 17 });

  it('a prestarted worker, given its data as its first message, prints what a worker started with it prints', async () => {
    const cold = await printBySegments(f, 2);
    expect(cold.length).toBeGreaterThan(10_000);
    const started = prestart.prestartSegmentWorkers(2, 'render');
    expect(started).toHaveLength(2);
    const warm = await printBySegments(f, 2);
    expect(warm.equals(cold)).toBe(true);
    // Both were taken, and each ended with the pool.
    expect(prestart.takePrestartedWorker()).toBeUndefined();
    await Promise.all(started.map((w) => new Promise((r) => w.once('exit', r))));
  });

  it('through a slow reader, this thread and a worker keep to their buffers and the output is the same (no buffer waits for itself)', async () => {
    const { clearSharedShelf, releaseSharedBuffer, shelfSize, SHELF_COUNT } = (await import('../dist/pipeline/shared-buffers.js' as string)) as typeof import('../src/pipeline/shared-buffers.js');
    const want = await printBySegments(f, 2);
    const data: WorkerData = { argv: ['-o', 'raw', '-l', 'warning'], path: f, home: 'python', mode: { kind: 'render', output: 'raw', colorDepth: 0 } };
    // Small segments, many more than a shelf holds; each output let go 3 ms after it is taken, as a pipe would.
    const tasks = pool.segmentTasks(statSync(f).size, 32 * 1024);
    expect(tasks.length).toBeGreaterThan(4 * SHELF_COUNT);
    const parts: Buffer[] = [];
    const take = async (s: { result: { output: Uint8Array }; from: number; to: number }): Promise<void> => {
      parts.push(Buffer.from(s.result.output.subarray(s.from, Math.min(s.result.output.length, s.to))));
      await new Promise((r) => setTimeout(r, 3));
      releaseSharedBuffer(s.result.output);
    };
    clearSharedShelf();
    const rest = await pool.runSegments<Uint8Array>(tasks, 2, data, take, () => false, true);
    expect(rest).toBeUndefined();
    expect(Buffer.concat(parts).equals(want)).toBe(true);
    // This thread parsed some and made no buffer past its shelf's.
    expect(shelfSize().made).toBeGreaterThan(0);
    expect(shelfSize().made).toBeLessThanOrEqual(SHELF_COUNT);
  }, 30_000);

  it('workers nobody took end when dropped', async () => {
    const started = prestart.prestartSegmentWorkers(1, 'render');
    const exited = new Promise<number>((r) => started[0]!.once('exit', r));
    prestart.dropPrestartedWorkers();
    expect(prestart.takePrestartedWorker()).toBeUndefined();
    expect(typeof (await exited)).toBe('number');
  });

  it('print prestarts them for one big regular file only: not a small one, nor --follow, JSON output or two files', () => {
    const big = join(dir, 'big.log');
    const small = join(dir, 'small.log');
    writeFileSync(small, 'x\n');
    writeFileSync(big, '');
    truncateSync(big, 17 * 1024 * 1024);
    const before = process.env.LOGVIEW_WORKERS;
    process.env.LOGVIEW_WORKERS = '2';
    try {
      const prestarts = (argv: string[], files: string[]): boolean => {
        print.prestartPrintWorkers(options.parseOptions([...argv, ...files], ''), files);
        const w = prestart.takePrestartedWorker();
        void w?.terminate();
        return w !== undefined;
      };
      expect(prestarts(['--print'], [big])).toBe(true);
      expect(prestarts(['--print'], [small])).toBe(false);
      expect(prestarts(['--print', '--follow'], [big])).toBe(false);
      expect(prestarts(['--print', '-o', 'json'], [big])).toBe(false);
      expect(prestarts(['--print'], [big, small])).toBe(false);
      expect(prestarts(['--print'], [dir])).toBe(false);
    } finally {
      if (before === undefined) delete process.env.LOGVIEW_WORKERS;
      else process.env.LOGVIEW_WORKERS = before;
    }
  });
});
