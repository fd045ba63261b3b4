import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FIRST_OUTPUT_BYTES, SHELF_BYTES, SHELF_COUNT, shelfSize, shelveOutputBuffer, takeOutputBuffer } from '../src/pipeline/output-buffers.js';
import { RenderSink } from '../src/pipeline/segment-parse.js';
import type { LogRecord } from '../src/model/record.js';
import { Output } from '../src/print/output.js';

/** Take every shelved buffer off the shelf (tests share the module's shelf). */
function emptyShelf(): void {
  while (shelfSize().count > 0) takeOutputBuffer(1);
}

describe('output buffers are reused once written', () => {
  it('a new buffer is standalone (not a slice of Node’s shared pool) and at least FIRST_OUTPUT_BYTES', () => {
    emptyShelf();
    const b = takeOutputBuffer(10);
    expect(b.byteOffset).toBe(0);
    expect(b.buffer.byteLength).toBe(b.length);
    expect(b.length).toBe(FIRST_OUTPUT_BYTES);
    expect(takeOutputBuffer(FIRST_OUTPUT_BYTES + 1).length).toBe(FIRST_OUTPUT_BYTES + 1);
  });

  it('a shelved buffer comes back for a request it fits, the smallest that fits first', () => {
    emptyShelf();
    const big = new ArrayBuffer(4 * FIRST_OUTPUT_BYTES);
    const small = new ArrayBuffer(FIRST_OUTPUT_BYTES);
    shelveOutputBuffer(big);
    shelveOutputBuffer(small);
    shelveOutputBuffer(small);
    expect(shelfSize()).toEqual({ count: 2, bytes: 5 * FIRST_OUTPUT_BYTES });
    expect(takeOutputBuffer(100).buffer).toBe(small);
    expect(takeOutputBuffer(8 * FIRST_OUTPUT_BYTES).buffer).not.toBe(big);
    expect(takeOutputBuffer(2 * FIRST_OUTPUT_BYTES).buffer).toBe(big);
    expect(shelfSize().count).toBe(0);
  });

  it('keeps at most SHELF_COUNT buffers and SHELF_BYTES bytes, dropping the smallest, and never a detached one', () => {
    emptyShelf();
    for (let i = 1; i <= SHELF_COUNT + 3; i++) shelveOutputBuffer(new ArrayBuffer(i * 1024));
    expect(shelfSize().count).toBe(SHELF_COUNT);
    // The smallest went: the smallest left is the fourth.
    expect(takeOutputBuffer(1).byteLength).toBe(4 * 1024);
    emptyShelf();
    shelveOutputBuffer(new ArrayBuffer(SHELF_BYTES + 1));
    const moved = new ArrayBuffer(1024);
    structuredClone(moved, { transfer: [moved] });
    shelveOutputBuffer(moved);
    expect(shelfSize().count).toBe(0);
  });

  it('a render sink writes strings and bytes into one buffer and gives back the ones it outgrew', () => {
    emptyShelf();
    const outs: Array<string | Buffer> = ['héllo\n', Buffer.from('raw bytes\n'), 'x'.repeat(FIRST_OUTPUT_BYTES), '\n'];
    let i = 0;
    const sink = new RenderSink(() => outs[i++]);
    for (let k = 0; k < outs.length; k++) sink.add({} as LogRecord);
    const out = sink.finish();
    const want = Buffer.concat(outs.map((o) => (typeof o === 'string' ? Buffer.from(o) : o)));
    expect(sink.size).toBe(want.length);
    expect(Buffer.from(out).equals(want)).toBe(true);
    expect(shelfSize().count).toBe(1);
    expect(shelfSize().bytes).toBe(FIRST_OUTPUT_BYTES);
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
