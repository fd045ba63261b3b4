import { describe, expect, it } from 'vitest';
import { Level } from '../src/model/level.js';
import type { SegmentColumns } from '../src/model/record-columns.js';
import type { LogRecord } from '../src/model/record.js';
import { parseBuffer } from '../src/parse/record-stream.js';
import { Spool } from '../src/store/spool.js';
import { RecordStore } from '../src/store/record-store.js';
import { fixture } from './helpers/records.js';
import { segmentColumns } from './helpers/segment-columns.js';

describe('RecordStore', () => {
  it('keeps records in arrival order and rebuilds each one from its raw bytes', () => {
    for (const name of ['kamaki_file.log', 'kamaki_file_debug.log', 'kamaki_stderr.log', 'kamaki_file_0.12.log']) {
      const recs = parseBuffer(fixture(name));
      const store = new RecordStore();
      store.append(recs.slice(0, 3));
      store.append(recs.slice(3));
      expect(store.size).toBe(recs.length);
      for (let i = 0; i < recs.length; i++) {
        const got = store.get(i);
        const want = recs[i]!;
        expect({ ...got, raw: undefined, offset: undefined }).toEqual({ ...want, raw: undefined, offset: undefined });
        expect(store.raw(i).equals(Buffer.concat(want.raw))).toBe(true);
      }
    }
  });

  it('interns loggers and counts records per node of the logger tree', () => {
    const store = new RecordStore();
    store.append(parseBuffer(fixture('kamaki_file_debug.log')));
    const tree = store.loggers;
    expect(tree.node('kamaki')!.total).toBe(store.size);
    expect(tree.node('kamaki.clients')!.total).toBe(8);
    expect(tree.node('kamaki.clients')!.own).toBe(2);
    expect(tree.node('kamaki.clients.send')!.own).toBe(3);
    expect(tree.node('kamaki.cli')!.total).toBe(4);
    expect([...tree.node('kamaki.clients')!.children.keys()].sort()).toEqual(['recv', 'send']);
    expect(store.logger(0)).toBe('kamaki');
    expect(store.countOfLevel(Level.error)).toBe(2);
  });

  it('notifies subscribers and bumps its version once per append', () => {
    const store = new RecordStore();
    let calls = 0;
    const off = store.subscribe(() => calls++);
    const v = store.version;
    store.append(parseBuffer(Buffer.from('a\nb\n')));
    expect(calls).toBe(1);
    expect(store.version).toBe(v + 1);
    off();
    store.append(parseBuffer(Buffer.from('c\n')));
    expect(calls).toBe(1);
  });

  it('holds a million records in compact columns', () => {
    const store = new RecordStore();
    const line = '2024-05-16 00:00:11,927 INFO kamaki.clients.compute some message text here\n';
    const batch = parseBuffer(Buffer.from(line.repeat(10_000)));
    const before = process.memoryUsage();
    for (let k = 0; k < 100; k++) store.append(batch);
    const after = process.memoryUsage();
    expect(store.size).toBe(1_000_000);
    // Raw bytes (~72 MB) plus ~40 bytes of columns per record; no per-record objects.
    const grown = after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers;
    expect(grown).toBeLessThan(200 * 1024 * 1024);
    expect(store.get(999_999).message).toBe('some message text here');
  });
});

describe('Spool', () => {
  it('gives back every record byte for byte across write-buffer flushes, on disk and not in memory', () => {
    const spool = new Spool();
    expect(spool.onDisk).toBe(true);
    const parts: Buffer[] = [];
    const offsets: number[] = [];
    // ~3 MiB in records of every size around the 64 KiB read block and the 1 MiB write buffer.
    for (let k = 0; k < 400; k++) {
      const len = (k * 7919) % (k % 50 === 0 ? 300_000 : 9000);
      const b = Buffer.alloc(len, String.fromCharCode(97 + (k % 26)));
      parts.push(b);
      offsets.push(spool.append([b.subarray(0, len >> 1), b.subarray(len >> 1)]));
    }
    for (const k of [399, 0, 17, 200, 50, 398, 100, 1]) expect(spool.read(offsets[k]!, parts[k]!.length).equals(parts[k]!)).toBe(true);
    const page = Buffer.alloc(4096, 120);
    for (let k = 0; k < 2000; k++) spool.append([page]);
    // 8 MiB more appended: all but the last write buffer (< 1 MiB) is in the file, not in memory.
    expect(spool.size - spool.bytesOnDisk).toBeLessThan(1024 * 1024);
    expect(spool.bytesOnDisk).toBeGreaterThan(9 * 1024 * 1024);
    for (let k = 0; k < parts.length; k++) expect(spool.read(offsets[k]!, parts[k]!.length).equals(parts[k]!)).toBe(true);
    spool.close();
  });

  it('reuses its write buffer without changing a view read() lent, and reads blocks that grew after a read', () => {
    const spool = new Spool();
    const a = Buffer.alloc(1000, 'a');
    const at = spool.append([a]);
    // A view of the unwritten buffer, then enough bytes for several flushes.
    const lent = spool.read(at, a.length);
    const chunk = Buffer.alloc(300_000, 'b');
    for (let k = 0; k < 10; k++) spool.append([chunk]);
    expect(lent.equals(a)).toBe(true);
    // A part bigger than the write buffer goes out as it is: the file then ends inside a read block.
    const big = Buffer.alloc(3 * 1024 * 1024 + 5, 'e');
    big.write('start', 0);
    const bigAt = spool.append([big]);
    expect(spool.read(bigAt, big.length).equals(big)).toBe(true);
    // That read cached the short block at the file's end; the bytes after it come later.
    spool.append([Buffer.alloc(40_000, 'd')]);
    for (let k = 0; k < 4; k++) spool.append([chunk]);
    expect(spool.read(bigAt + big.length - 5, 10).toString()).toBe('eeeeeddddd');
    expect(spool.read(at, a.length).equals(a)).toBe(true);
    spool.close();
  });

  it('keeps bytes in memory when no spool file can be made', () => {
    const spool = new Spool('/nonexistent-dir-for-logview');
    expect(spool.onDisk).toBe(false);
    const big = Buffer.alloc(3 * 1024 * 1024 + 5, 'q');
    const at = spool.append([Buffer.from('head\n')]);
    const at2 = spool.append([big]);
    expect(spool.read(at, 5).toString()).toBe('head\n');
    expect(spool.read(at2, big.length).equals(big)).toBe(true);
  });
});

describe('RecordStore.insertFrontColumns (a file start from worker threads)', () => {
  /** The records as one segment's columns, their bytes laid end to end as in the file. */
  function asSegment(recs: readonly LogRecord[]): { columns: SegmentColumns; bytes: Buffer } {
    const loggerNames = [...new Set(recs.map((r) => r.logger))];
    const formatNames = [...new Set(recs.map((r) => r.format))];
    let at = 0;
    const columns = segmentColumns(
      recs.map((r) => {
        const length = Buffer.concat(r.raw).length;
        at += length;
        return { offset: at - length, length, time: r.time, level: r.level, line: r.line, logger: loggerNames.indexOf(r.logger), format: formatNames.indexOf(r.format) };
      }),
      loggerNames,
      formatNames,
    );
    return { columns, bytes: Buffer.concat(recs.flatMap((r) => r.raw)) };
  }

  it('in slices of any size, gives the records, level counts and logger tree the same records as objects give', () => {
    const recs = parseBuffer(Buffer.concat([fixture('kamaki_file_debug.log'), fixture('kamaki_file.log')]));
    const { columns, bytes } = asSegment(recs);
    const want = new RecordStore();
    want.insertFront(recs);
    for (const slice of [1, 7, 64, recs.length]) {
      const store = new RecordStore();
      for (let from = 0; from < recs.length; from += slice) {
        const to = Math.min(recs.length, from + slice);
        const raw = bytes.subarray(columns.offsets[from]!, columns.offsets[to - 1]! + columns.lengths[to - 1]!);
        store.insertFrontColumns({ columns, from, to, lineBase: 0, bytes: { raw } });
      }
      expect(store.size).toBe(recs.length);
      expect(store.frontSize).toBe(recs.length);
      for (let i = 0; i < recs.length; i++) {
        expect([store.time(i), store.level(i), store.logger(i), store.line(i), store.format(i)]).toEqual([want.time(i), want.level(i), want.logger(i), want.line(i), want.format(i)]);
        expect(store.raw(i).equals(want.raw(i))).toBe(true);
      }
      for (let l = 0; l < 8; l++) expect(store.countOfLevel(l as Level)).toBe(want.countOfLevel(l as Level));
      for (const name of new Set(recs.map((r) => r.logger))) {
        for (let p = name; p !== ''; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
          expect([store.loggers.node(p)!.total, store.loggers.node(p)!.own]).toEqual([want.loggers.node(p)!.total, want.loggers.node(p)!.own]);
        }
      }
    }
  });
});
