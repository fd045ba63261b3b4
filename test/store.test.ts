import { describe, expect, it } from 'vitest';
import { Level } from '../src/model/level.js';
import { parseBuffer } from '../src/parse/record-stream.js';
import { RawArena } from '../src/store/raw-arena.js';
import { RecordStore } from '../src/store/record-store.js';
import { fixture } from './helpers/records.js';

describe('RecordStore', () => {
  it('keeps records in arrival order and rebuilds each one from its raw bytes', () => {
    for (const name of ['kamaki_file.log', 'kamaki_file_debug.log', 'kamaki_stderr.log', 'kamaki_file_0.12.log']) {
      const recs = parseBuffer(fixture(name));
      const store = new RecordStore(4);
      store.append(recs.slice(0, 3));
      store.append(recs.slice(3));
      expect(store.size).toBe(recs.length);
      for (let i = 0; i < recs.length; i++) {
        const got = store.get(i);
        const want = recs[i]!;
        expect({ ...got, raw: undefined }).toEqual({ ...want, raw: undefined });
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

describe('RawArena.appendMany', () => {
  it('keeps each record contiguous and intact across runs, page breaks and huge records', () => {
    const chunk = Buffer.from('aaaa\nbb\ncccccc\nd\neeeeeeeeeeeeeeeeeeee\nff\n');
    const at = (s: string) => {
      const i = chunk.indexOf(s);
      return chunk.subarray(i, i + s.length);
    };
    const other = Buffer.from('zz\n');
    const records = [[at('aaaa\n')], [at('bb\n'), at('cccccc\n')], [other], [at('d\n')], [at('eeeeeeeeeeeeeeeeeeee\n')], [at('ff\n'), other]];
    const lengths = records.map((parts) => parts.reduce((n, b) => n + b.length, 0));
    const arena = new RawArena(16);
    const places: number[] = [];
    arena.appendMany(records, lengths, places);
    const got = records.map((_, k) => arena.get(places[2 * k]!, places[2 * k + 1]!, lengths[k]!).toString());
    expect(got).toEqual(['aaaa\n', 'bb\ncccccc\n', 'zz\n', 'd\n', 'eeeeeeeeeeeeeeeeeeee\n', 'ff\nzz\n']);
    expect(arena.size).toBe(lengths.reduce((a, b) => a + b, 0));
  });
});
