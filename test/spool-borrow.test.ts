import { closeSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, truncateSync, unlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyIntoSpool } from '../src/pipeline/spool-copy-job.js';
import { Spool } from '../src/store/spool.js';

const dir = mkdtempSync(join(tmpdir(), 'logview-borrow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The copying worker loads the built modules (dist/, built by `npm test`).
const { spoolCopy } = (await import('../dist/pipeline/spool-copy.js' as string)) as typeof import('../src/pipeline/spool-copy.js');

/** ~3 MiB of distinct lines (a block read from the wrong place shows). */
function content(): Buffer {
  const lines: string[] = [];
  for (let i = 0; lines.length < 40_000; i++) lines.push(`2024-05-16 00:00:${String(i % 60).padStart(2, '0')},000 INFO app.n${i % 7} line number ${i}\n`);
  return Buffer.from(lines.join(''));
}

/** A spool with bytes before and after a borrowed range of `file`'s bytes. */
function borrowed(path: string, bytes: Buffer): { spool: Spool; base: number; range: NonNullable<ReturnType<Spool['borrow']>> } {
  writeFileSync(path, bytes);
  const spool = new Spool(dir);
  spool.append([Buffer.from('before\n')]);
  const fd = openSync(path, 'r');
  const range = spool.borrow(bytes.length, fd)!;
  // The caller's descriptor may go: the spool has its own.
  closeSync(fd);
  spool.append([Buffer.from('after\n')]);
  return { spool, base: range.base, range };
}

const cuts = (n: number): Array<[number, number]> => [
  [0, 100],
  [65_530, 20],
  [n - 50, 50],
  [1_000_001, 200_000],
];

describe('a big file start borrowed by the spool (read from the file until copied in)', () => {
  const bytes = content();

  it('reads the file bytes at base + offset, beside what was appended around it', () => {
    const { spool, base } = borrowed(join(dir, 'read.log'), bytes);
    expect(spool.read(0, 7).toString()).toBe('before\n');
    for (const [at, n] of cuts(bytes.length)) expect(spool.read(base + at, n).equals(bytes.subarray(at, at + n))).toBe(true);
    expect(spool.read(base + bytes.length, 6).toString()).toBe('after\n');
    spool.close();
  });

  for (const [name, rotate] of [
    ['rename', (p: string) => renameSync(p, p + '.1')],
    ['delete', (p: string) => unlinkSync(p)],
  ] as const) {
    it(`still reads them after a ${name} (the inode is kept open)`, () => {
      const path = join(dir, `${name}.log`);
      const { spool, base } = borrowed(path, bytes);
      rotate(path);
      writeFileSync(path, 'a new file in its place\n');
      for (const [at, n] of cuts(bytes.length)) expect(spool.read(base + at, n).equals(bytes.subarray(at, at + n))).toBe(true);
      spool.close();
    });
  }

  it('truncated in place before any copy: zeros, never the bytes written there since', () => {
    const path = join(dir, 'truncated.log');
    const { spool, base } = borrowed(path, bytes);
    truncateSync(path, 0);
    appendFileSync(path, bytes.subarray(0, 500_000).toString().toUpperCase());
    const got = spool.read(base, 100);
    expect(got.equals(Buffer.alloc(100))).toBe(true);
    expect(spool.read(base + bytes.length, 6).toString()).toBe('after\n');
    spool.close();
  });

  it('a worker copies it in; then a truncation in place loses nothing', async () => {
    const path = join(dir, 'copied.log');
    const { spool, base, range } = borrowed(path, bytes);
    const heard: number[] = [];
    const copy = spoolCopy(range, 0, (upTo) => {
      heard.push(upTo);
      spool.copied(base, upTo);
    })!;
    expect(await copy.finished).toBe(bytes.length);
    expect(heard.at(-1)).toBe(bytes.length);
    truncateSync(path, 0);
    appendFileSync(path, 'after the rotation\n');
    for (const [at, n] of cuts(bytes.length)) expect(spool.read(base + at, n).equals(bytes.subarray(at, at + n))).toBe(true);
    expect(spool.read(base + bytes.length, 6).toString()).toBe('after\n');
    spool.close();
  });

  it('the copy stops at a source shorter than the range, and when told', () => {
    const path = join(dir, 'short.log');
    writeFileSync(path, bytes);
    const spoolPath = join(dir, 'short.spool');
    writeFileSync(spoolPath, '');
    const task = (length: number, stopped: boolean) => {
      const stop = new SharedArrayBuffer(4);
      if (stopped) new Int32Array(stop)[0] = 1;
      return { source: openSync(path, 'r'), spool: openSync(spoolPath, 'r+'), base: 0, length, stop };
    };
    const copy = (t: ReturnType<typeof task>): number => {
      const n = copyIntoSpool(t, () => {});
      closeSync(t.source);
      closeSync(t.spool);
      return n;
    };
    // The first chunk is read, then the size says the source is short of the range: nothing is written.
    expect(copy(task(bytes.length + 1, false))).toBe(0);
    expect(copy(task(bytes.length, true))).toBe(0);
    expect(readFileSync(spoolPath)).toHaveLength(0);
    expect(copy(task(bytes.length, false))).toBe(bytes.length);
    expect(readFileSync(spoolPath).equals(bytes)).toBe(true);
  });
});

describe('the index workers read the file the tail was read from', () => {
  it('opened through /dev/fd/N, a segment job reads the first file after a rename and a new file at its path', async () => {
    const { segmentJob } = await import('../src/pipeline/segment-job.js');
    const { parseBuffer } = await import('../src/parse/record-stream.js');
    const path = join(dir, 'renamed-while-indexed.log');
    const bytes = content();
    writeFileSync(path, bytes);
    const fd = openSync(path, 'r');
    renameSync(path, path + '.1');
    writeFileSync(path, '2024-05-17 00:00:00,000 INFO app.other a new file\n');
    const job = segmentJob({ argv: [], path, open: `/dev/fd/${fd}`, home: 'python', mode: { kind: 'index' } });
    try {
      const r = job.run({ id: 0, begin: 0, end: bytes.length });
      expect((r.output as import('../src/model/record-columns.js').SegmentColumns).count).toBe(parseBuffer(bytes).length);
    } finally {
      job.close();
      closeSync(fd);
    }
  });
});
