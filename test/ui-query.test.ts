import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Level } from '../src/model/level.js';
import { HIDDEN, LoggerRules, ThresholdTable } from '../src/query/logger-rules.js';
import { RecordView, type ColumnSource } from '../src/query/record-view.js';
import { compileSearch, matchRanges, MatchIndex } from '../src/query/text-search.js';
import { parseBuffer } from '../src/parse/record-stream.js';
import { RecordStore } from '../src/store/record-store.js';

function storeOf(lines: string[]): RecordStore {
  const s = new RecordStore();
  s.append(parseBuffer(Buffer.from(lines.join('\n') + '\n')));
  return s;
}

const LINES = [
  '2024-05-16 00:00:01,000 DEBUG kamaki.clients.send GET https://a/1',
  '2024-05-16 00:00:02,000 INFO kamaki.cli started',
  '2024-05-16 00:00:03,000 ERROR kamaki.cli failed: boom',
  '2024-05-16 00:00:04,000 WARNING kamakix.other not a child of kamaki',
  '2024-05-16 00:00:05,000 INFO nova.compute.manager Instance spawned',
  '2024-05-16 00:00:06,000 DEBUG kamaki.clients.recv 200 OK',
];

describe('LoggerRules', () => {
  it('hides a subtree with Python prefix semantics (a.b covers a.b.c, not a.bc)', () => {
    const r = new LoggerRules();
    r.set('kamaki', { hidden: true });
    expect(r.isHidden('kamaki')).toBe(true);
    expect(r.isHidden('kamaki.clients.send')).toBe(true);
    expect(r.isHidden('kamakix.other')).toBe(false);
    expect(r.isHidden('nova')).toBe(false);
  });

  it('lets the deepest rule win, per field', () => {
    const r = new LoggerRules();
    r.set('kamaki', { hidden: true, minLevel: Level.error });
    r.set('kamaki.clients', { hidden: false });
    expect(r.threshold('kamaki.cli')).toBe(HIDDEN);
    // Shown again below, still with the level inherited from kamaki.
    expect(r.threshold('kamaki.clients.send')).toBe(Level.error);
    r.set('kamaki.clients.send', { minLevel: Level.debug });
    expect(r.threshold('kamaki.clients.send')).toBe(Level.debug);
  });

  it('falls back to the global level, and root covers everything', () => {
    const r = new LoggerRules();
    r.globalLevel = Level.warning;
    expect(r.threshold('a.b')).toBe(Level.warning);
    r.set('root', { hidden: true });
    expect(r.threshold('a.b')).toBe(HIDDEN);
    expect(r.threshold('')).toBe(HIDDEN);
  });

  it('builds from -L/-x with exclude winning over include', () => {
    const r = LoggerRules.fromOptions(Level.info, ['kamaki.cli', 'nova'], ['kamaki', 'nova.compute']);
    expect(r.globalLevel).toBe(Level.info);
    expect(r.isHidden('kamaki.cli')).toBe(true); // under an excluded prefix
    expect(r.isHidden('nova.api')).toBe(false);
    expect(r.isHidden('nova.compute.manager')).toBe(true);
    expect(r.isHidden('other')).toBe(true); // not included
  });

  it('keeps a per-logger-id table in step with rule changes and new loggers', () => {
    const s = storeOf(LINES.slice(0, 2));
    const r = new LoggerRules();
    const t = new ThresholdTable(r, s.loggers);
    const id = s.loggers.idOf('kamaki.cli')!;
    expect(t.current()[id]).toBe(Level.none);
    r.set('kamaki', { hidden: true });
    expect(t.current()[id]).toBe(HIDDEN);
    s.append(parseBuffer(Buffer.from(LINES[4] + '\n')));
    expect(t.current()[s.loggers.idOf('nova.compute.manager')!]).toBe(Level.none);
  });
});

describe('RecordView', () => {
  it('filters by level (unknown levels always pass) and logger, and extends on append', () => {
    const s = storeOf(['a plain line with no level', ...LINES]);
    const r = new LoggerRules();
    const t = new ThresholdTable(r, s.loggers);
    r.globalLevel = Level.info;
    r.set('nova', { hidden: true });
    const v = new RecordView(s, { thresholds: () => t.current() });
    v.advance(Infinity);
    const shown = Array.from({ length: v.length }, (_, k) => s.get(v.at(k)).message);
    expect(shown).toEqual(['a plain line with no level', 'started', 'failed: boom', 'not a child of kamaki']);
    s.append(parseBuffer(Buffer.from('2024-05-16 00:00:09,000 ERROR x.y late\n')));
    expect(v.complete).toBe(false);
    v.advance(Infinity);
    expect(s.get(v.at(v.length - 1)).message).toBe('late');
  });

  it('works in slices against a deadline and resumes where it stopped', () => {
    const s = new RecordStore();
    const batch = parseBuffer(Buffer.from(Array.from({ length: 3000 }, (_, i) => `2024-05-16 00:00:01,000 INFO a.b n${i}`).join('\n') + '\n'));
    s.append(batch);
    let calls = 0;
    const v = new RecordView(s, {
      thresholds: () => new Uint8Array(8),
      text: (i) => {
        calls++;
        return i % 2 === 0;
      },
    });
    expect(v.advance(0)).toBe(false); // past the deadline at once: one slice only
    expect(v.complete).toBe(false);
    expect(v.examined(0)).toBe(false);
    while (!v.advance(Infinity));
    expect(v.length).toBe(1500);
    expect(calls).toBe(3000);
  });

  it('after a reset, the bottom of the list is ready first: one slice over ten thousand records shows the last ones', () => {
    const s = new RecordStore();
    s.append(parseBuffer(Buffer.from(Array.from({ length: 200_000 }, (_, i) => `2024-05-16 00:00:01,000 ${i % 10 === 0 ? 'ERROR' : 'INFO'} a.b n${i}`).join('\n') + '\n')));
    const levels = new Uint8Array(8);
    const v = new RecordView(s, { thresholds: () => levels });
    v.advance(Infinity);
    levels.fill(Level.error);
    v.reset();
    // Past the deadline at once: a single slice (65,536 records) from the end.
    expect(v.advance(0)).toBe(false);
    expect(v.complete).toBe(false);
    expect(v.length).toBeGreaterThan(100);
    expect(v.length).toBeLessThan(20_000);
    expect(s.get(v.at(v.length - 1)).message).toBe('n199990');
    expect(v.examined(199_999)).toBe(true);
    expect(v.examined(10)).toBe(false);
    const bottom = v.at(v.length - 1);
    // What is found further up goes above: reported, so a selection can stay on its record.
    while (!v.advance(Infinity));
    const inserts = v.takeInserts();
    expect(inserts.length).toBeGreaterThan(0);
    expect(inserts.every((x) => x.at === 0)).toBe(true);
    expect(v.length).toBe(20_000);
    expect(v.at(v.length - 1)).toBe(bottom);
    expect(s.get(v.at(0)).message).toBe('n0');
    expect(v.positionOf(bottom)).toBe(v.length - 1);
    expect(v.positionOf(100)).toBe(10);
    expect(v.complete).toBe(true);
    expect(v.examined(0) && v.examined(199_999)).toBe(true);
    // Records arriving later are examined before the rest of a rebuild, and go to the end.
    v.reset();
    v.advance(0);
    s.append(parseBuffer(Buffer.from('2024-05-16 00:00:02,000 ERROR a.b newest\n')));
    v.advance(0);
    expect(s.get(v.at(v.length - 1)).message).toBe('newest');
  });

  it('keeps a file start indexed after its tail before the tail, whichever order they were examined in', () => {
    const s = new RecordStore();
    const line = (i: number): string => `2024-05-16 00:00:01,000 INFO a.b n${i}`;
    s.beginTail();
    s.append(parseBuffer(Buffer.from(Array.from({ length: 100 }, (_, i) => line(900 + i)).join('\n') + '\n')));
    const v = new RecordView(s, { thresholds: () => new Uint8Array(8) });
    v.advance(Infinity);
    s.insertFront(parseBuffer(Buffer.from(Array.from({ length: 900 }, (_, i) => line(i)).join('\n') + '\n')));
    v.advance(Infinity);
    expect(v.takeInserts()).toEqual([{ at: 0, count: 900 }]);
    const msgs = (): string[] => Array.from({ length: v.length }, (_, k) => s.get(v.at(k)).message);
    expect(msgs()).toEqual(Array.from({ length: 1000 }, (_, i) => `n${i}`));
    v.reset();
    v.advance(Infinity);
    expect(msgs()).toEqual(Array.from({ length: 1000 }, (_, i) => `n${i}`));
    expect(v.positionOf(0)).toBe(900);
    expect(v.positionOf(100)).toBe(0);
  });

  it('finds positions by store index', () => {
    const s = storeOf(LINES);
    const v = new RecordView(s, { thresholds: () => new Uint8Array(8), text: (i) => i % 2 === 1 });
    v.advance(Infinity);
    expect(v.positionOf(0)).toBe(0);
    expect(v.positionOf(3)).toBe(1);
    expect(v.positionOf(4)).toBe(2);
    expect(v.positionOf(99)).toBe(v.length);
  });
});

describe('search', () => {
  it('uses smart case', () => {
    expect(compileSearch('boom').test!.test('BOOM')).toBe(true);
    expect(compileSearch('Boom').test!.test('boom')).toBe(false);
    // \S is a class, not a capital
    expect(compileSearch('b\\S+m').test!.test('BOOM')).toBe(true);
  });

  it('reports an invalid regex instead of throwing', () => {
    const p = compileSearch('a(b');
    expect(p.test).toBeUndefined();
    expect(p.error).toMatch(/unterminated group/i);
  });

  it('lists match ranges, skipping empty matches', () => {
    expect(matchRanges('abcabc', /b/g)).toEqual([
      [1, 2],
      [4, 5],
    ]);
    expect(matchRanges('abc', /x*/g)).toEqual([]);
  });

  it('tests a record once and remembers the answer', () => {
    const s = storeOf(LINES);
    let reads = 0;
    const m = new MatchIndex(compileSearch('kamaki\\.cli\\b'), { size: s.size, rawText: (i) => (reads++, s.rawText(i)) });
    const first = Array.from({ length: s.size }, (_, i) => m.test(i));
    const again = Array.from({ length: s.size }, (_, i) => m.test(i));
    expect(first.filter(Boolean)).toHaveLength(2);
    expect(again).toEqual(first);
    expect(reads).toBe(s.size);
  });
});

describe('RecordView index chunks', () => {
  /** Columns of `n` records whose level is error except at `dropped` (info). */
  function columnsOf(n: number, dropped: ReadonlySet<number>): ColumnSource {
    return { size: n, level: (i) => (dropped.has(i) ? Level.info : Level.error), loggerId: () => 0, time: () => NaN };
  }

  it('gives the filtered indices whether a chunk runs on (everything shown) or breaks anywhere, up and down', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 140_000 }), fc.array(fc.integer({ min: 0, max: 139_999 }), { maxLength: 6 }), fc.integer({ min: 0, max: 140_000 }), (n, drops, grow) => {
        const dropped = new Set(drops.filter((d) => d < n + grow));
        let size = n;
        const cols = { ...columnsOf(n + grow, dropped), get size() { return size; } };
        const levels = new Uint8Array(1).fill(Level.warning);
        const v = new RecordView(cols, { thresholds: () => levels });
        // Down from n (the reset), then up as records arrive.
        while (!v.advance(Infinity));
        size = n + grow;
        while (!v.advance(Infinity));
        const want = Array.from({ length: n + grow }, (_, i) => i).filter((i) => !dropped.has(i));
        expect(v.length).toBe(want.length);
        for (const k of [0, want.length - 1, want.length >> 1, 65_535, 65_536, 65_537, 131_072].filter((k) => k >= 0 && k < want.length)) expect(v.at(k)).toBe(want[k]);
        for (let k = 0; k < want.length; k += 997) expect(v.at(k)).toBe(want[k]);
        for (const d of dropped) expect(v.positionOf(d)).toBe(want.findIndex((i) => i >= d) === -1 ? want.length : want.findIndex((i) => i >= d));
      }),
      { numRuns: 40 },
    );
  });
});
