import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { clearSharedShelf, FIRST_OUTPUT_BYTES, releaseSharedBuffer, SHELF_COUNT, shelfHasRoom, shelfSize, takeSharedBuffer, WAIT_MS } from '../src/pipeline/shared-buffers.js';
import { resultBuffers } from '../src/pipeline/segment-job.js';
import { RenderSink, type SegmentResult } from '../src/pipeline/segment-parse.js';
import type { LogRecord } from '../src/model/record.js';
import { Output } from '../src/print/output.js';

/** The next message on a port. */
function next<T>(port: MessagePort): Promise<T> {
  return new Promise((resolve) => port.once('message', resolve));
}

describe('output buffers are shared with the thread that writes them, and reused once written', () => {
  it('a new buffer is a SharedArrayBuffer of at least FIRST_OUTPUT_BYTES (or what was asked)', () => {
    clearSharedShelf();
    const b = takeSharedBuffer(10);
    expect(b.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(b.length).toBe(FIRST_OUTPUT_BYTES);
    expect(takeSharedBuffer(FIRST_OUTPUT_BYTES + 1).length).toBe(FIRST_OUTPUT_BYTES + 1);
    // A new one is as big as the biggest this thread has.
    expect(takeSharedBuffer(1).length).toBe(FIRST_OUTPUT_BYTES + 1);
  });

  it('a busy buffer is not handed out again; once released (by a view of any part of it) it is', () => {
    clearSharedShelf();
    const a = takeSharedBuffer(1);
    const b = takeSharedBuffer(1);
    expect(b.buffer).not.toBe(a.buffer);
    expect(shelfSize()).toMatchObject({ count: 2, busy: 2 });
    releaseSharedBuffer(a.subarray(100, 200));
    expect(shelfSize().busy).toBe(1);
    expect(takeSharedBuffer(1).buffer).toBe(a.buffer);
    expect(shelfSize()).toMatchObject({ count: 2, busy: 2 });
  });

  it('ignores a buffer it did not make', () => {
    clearSharedShelf();
    const a = takeSharedBuffer(1);
    const other = new Int32Array(new SharedArrayBuffer(64));
    other[0] = 1;
    releaseSharedBuffer(new Uint8Array(other.buffer, 8, 8));
    releaseSharedBuffer(Buffer.alloc(16));
    expect(other[0]).toBe(1);
    expect(shelfSize().busy).toBe(1);
    releaseSharedBuffer(a);
    expect(shelfSize().busy).toBe(0);
  });

  it('keeps at most SHELF_COUNT buffers: when all are busy the oldest goes (never released: the collector frees it)', () => {
    clearSharedShelf();
    const taken = Array.from({ length: SHELF_COUNT + 2 }, () => takeSharedBuffer(1));
    expect(shelfSize()).toMatchObject({ count: SHELF_COUNT, busy: SHELF_COUNT });
    for (const b of taken) releaseSharedBuffer(b);
    const again = new Set(Array.from({ length: SHELF_COUNT }, () => takeSharedBuffer(1).buffer));
    expect(again.has(taken[0]!.buffer)).toBe(false);
    expect(again.has(taken[1]!.buffer)).toBe(false);
    expect(again.has(taken[SHELF_COUNT + 1]!.buffer)).toBe(true);
  });

  it('this thread has room while its shelf is not full of busy buffers', () => {
    clearSharedShelf();
    const taken = Array.from({ length: SHELF_COUNT }, () => takeSharedBuffer(1));
    expect(shelfHasRoom()).toBe(false);
    releaseSharedBuffer(taken[3]!);
    expect(shelfHasRoom()).toBe(true);
    clearSharedShelf();
    expect(shelfHasRoom()).toBe(true);
  });

  it('a worker thread whose buffers are all busy waits for one to come back instead of making one more (any one: here not the first taken)', async () => {
    // The worker loads the built module (dist/, built by `npm test`).
    const url = new URL('../dist/pipeline/shared-buffers.js', import.meta.url).href;
    const code = `
      const { parentPort } = require('node:worker_threads');
      import(${JSON.stringify(url)}).then((m) => {
        const taken = Array.from({ length: m.SHELF_COUNT }, () => m.takeSharedBuffer(1));
        parentPort.postMessage(taken);
        parentPort.once('message', () => {
          const t0 = performance.now();
          const again = m.takeSharedBuffer(1);
          parentPort.postMessage({ waited: performance.now() - t0, index: taken.findIndex((b) => b.buffer === again.buffer), count: m.shelfSize().count });
        });
      });`;
    const w = new Worker(code, { eval: true });
    try {
      const taken = await new Promise<Buffer[]>((r) => w.once('message', r));
      expect(taken).toHaveLength(SHELF_COUNT);
      const answer = new Promise<{ waited: number; index: number; count: number }>((r) => w.once('message', r));
      w.postMessage('take one more');
      // Let it go while the worker waits.
      await new Promise((r) => setTimeout(r, 60));
      releaseSharedBuffer(taken[2]!);
      const a = await answer;
      expect(a.index).toBe(2);
      expect(a.count).toBe(SHELF_COUNT);
      expect(a.waited).toBeGreaterThan(20);
      // It took that one as it came back, not at the end of its wait for the
      // first one taken (which never comes back here).
      expect(a.waited).toBeLessThan(WAIT_MS - 40);
    } finally {
      await w.terminate();
    }
  });

  it('a render sink writes strings and bytes into one buffer; one it outgrew leaves the shelf', () => {
    clearSharedShelf();
    const parts = [Buffer.from('a head\n'), Buffer.from('  and its body\n')];
    const outs: Array<string | Buffer | Buffer[]> = ['héllo\n', Buffer.from('raw bytes\n'), parts, 'x'.repeat(FIRST_OUTPUT_BYTES), '\n'];
    let i = 0;
    const sink = new RenderSink(() => outs[i++]);
    for (let k = 0; k < outs.length; k++) sink.add({} as LogRecord);
    const out = sink.finish();
    const want = Buffer.concat(outs.flatMap((o) => (typeof o === 'string' ? [Buffer.from(o)] : Buffer.isBuffer(o) ? [o] : o)));
    expect(sink.size).toBe(want.length);
    expect(Buffer.from(out).equals(want)).toBe(true);
    expect(shelfSize()).toMatchObject({ count: 1, busy: 1, bytes: 2 * FIRST_OUTPUT_BYTES });
  });

  it('a posted result shares its output (not transferred, not copied): released by the receiver, its maker reuses it', async () => {
    clearSharedShelf();
    const sink = new RenderSink(() => 'a line\n');
    sink.add({} as LogRecord);
    const result: SegmentResult = { id: 0, output: sink.finish(), starts: [], ends: [], reachedEof: true, lines: 1 };
    expect(resultBuffers(result)).toEqual([]);
    const { port1, port2 } = new MessageChannel();
    const got = next<SegmentResult>(port2);
    port1.postMessage(result, resultBuffers(result));
    const r = await got;
    expect(Buffer.from(r.output).toString()).toBe('a line\n');
    expect(result.output.length).toBe(7);
    expect(shelfSize().busy).toBe(1);
    releaseSharedBuffer(r.output);
    expect(shelfSize().busy).toBe(0);
    expect(takeSharedBuffer(1).buffer).toBe(result.output.buffer);
    port1.close();
  });
});

describe('Output.write tells when its bytes are written', () => {
  it('`written` runs only once the stream has taken the bytes, after a slow write completes', async () => {
    const done: (() => void)[] = [];
    const got: string[] = [];
    const slow = new Writable({
      highWaterMark: 4,
      write(chunk: Buffer, _enc, cb) {
        got.push(chunk.toString());
        done.push(cb);
      },
    });
    const out = new Output(slow as unknown as NodeJS.WriteStream);
    const calls: string[] = [];
    const w1 = out.write(Buffer.from('first'), () => calls.push('first'));
    const w2 = out.write(Buffer.from('second'), () => calls.push('second'));
    await new Promise((r) => setImmediate(r));
    expect(got).toEqual(['first']);
    expect(calls).toEqual([]);
    done.shift()!();
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual(['first']);
    done.shift()!();
    await Promise.all([w1, w2]);
    expect(calls).toEqual(['first', 'second']);
  });

  it('on a closed output `written` runs at once (nothing will read the bytes)', async () => {
    const s = new PassThrough();
    const out = new Output(s as unknown as NodeJS.WriteStream);
    out.readerGone();
    let called = 0;
    await out.write(Buffer.from('x'), () => called++);
    expect(called).toBe(1);
  });
});

describe("the index's segment columns are shared too, and reused once the store has copied them", () => {
  it('a sink writes into a shared buffer, posts nothing to transfer, and the next sink reuses it once released', async () => {
    const { ColumnSink, columnBuffers, releaseColumns } = await import('../src/pipeline/column-sink.js');
    clearSharedShelf();
    const a = new ColumnSink(100);
    a.addColumns(0, 10, 1000, 20, 1, 'app', 'python');
    const ca = a.finish();
    expect(ca.offsets.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(columnBuffers(ca)).toEqual([]);
    // Still read by the store: the next sink gets a buffer of its own.
    const b = new ColumnSink(100);
    expect(b.finish().offsets.buffer).not.toBe(ca.offsets.buffer);
    releaseColumns(ca);
    const c = new ColumnSink(100);
    expect(c.finish().offsets.buffer).toBe(ca.offsets.buffer);
  });

  it('a sink that outgrows its buffer keeps every record and frees the old one', async () => {
    const { ColumnSink } = await import('../src/pipeline/column-sink.js');
    clearSharedShelf();
    const sink = new ColumnSink(16);
    const first = sink.finish().offsets.buffer;
    // More records than the first buffer holds (33 MiB at 30 bytes a record).
    const n = 1_300_000;
    for (let i = 0; i < n; i++) sink.addColumns(i * 10, 10, i, 20, i + 1, `l${i % 3}`, 'python');
    const c = sink.finish();
    expect(c.count).toBe(n);
    expect(c.offsets.buffer).not.toBe(first);
    expect([c.offsets[n - 1], c.lines[n - 1], c.times[12345], c.loggerNames[c.loggers[n - 1]!]]).toEqual([(n - 1) * 10, n, 12345, `l${(n - 1) % 3}`]);
    expect(shelfSize().busy).toBe(1);
  });
});
