import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SegmentColumns } from '../src/model/record-columns.js';
import { BLOCK_RECORDS, Columns, type ColumnRow } from '../src/store/columns.js';
import { segmentColumns, type SegmentRow } from './helpers/segment-columns.js';

const row = fc.record({
  time: fc.oneof(fc.constant(NaN), fc.integer({ min: 1.7e12, max: 1.8e12 }), fc.integer({ min: 0, max: 4e12 })),
  level: fc.integer({ min: 0, max: 7 }),
  formatId: fc.integer({ min: 0, max: 255 }),
  sourceId: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 65535 })),
  loggerId: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 0xffffffff })),
  line: fc.integer({ min: 1, max: 0xffffffff }),
  spoolOffset: fc.integer({ min: 0, max: 2 ** 40 }),
  length: fc.oneof(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 0xffffffff })),
}) as fc.Arbitrary<ColumnRow>;

function read(c: Columns, i: number): ColumnRow {
  return { time: c.time(i), level: c.level(i) as ColumnRow['level'], formatId: c.formatId(i), sourceId: c.sourceId(i), loggerId: c.loggerId(i), line: c.line(i), spoolOffset: c.spoolOffset(i), length: c.length(i) };
}

describe('Columns', () => {
  it('gives back every value pushed, narrow columns widening where a value needs it', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 200 }), (rows) => {
        const c = new Columns();
        for (const r of rows) c.push(r);
        expect(rows.map((_, i) => read(c, i))).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });

  it('widens one block only: a big value late in a block keeps the values before it', () => {
    const c = new Columns();
    const base: ColumnRow = { time: 1.75e12, level: 3, formatId: 1, sourceId: 2, loggerId: 7, line: 1, spoolOffset: 0, length: 80 };
    for (let i = 0; i < BLOCK_RECORDS + 10; i++) c.push({ ...base, line: i + 1, loggerId: i % 1000, spoolOffset: i * 80 });
    c.set(BLOCK_RECORDS - 1, { ...base, loggerId: 1_000_000, length: 5_000_000, sourceId: 300, line: BLOCK_RECORDS });
    expect([c.loggerId(BLOCK_RECORDS - 1), c.length(BLOCK_RECORDS - 1), c.sourceId(BLOCK_RECORDS - 1)]).toEqual([1_000_000, 5_000_000, 300]);
    expect([c.loggerId(999), c.length(999), c.sourceId(999), c.spoolOffset(999)]).toEqual([999, 80, 2, 999 * 80]);
    expect(c.loggerId(BLOCK_RECORDS + 5)).toBe((BLOCK_RECORDS + 5) % 1000);
  });
});

/** A segment's columns for `rows` (as a worker thread hands them on), with name tables of `loggers` and `formats` entries. */
function segment(rows: readonly SegmentRow[], loggers: number, formats: number): SegmentColumns {
  return segmentColumns(
    rows.map((r) => ({ ...r, logger: r.logger % loggers, format: r.format % formats })),
    Array.from({ length: loggers }, (_, k) => `logger${k}`),
    Array.from({ length: formats }, (_, k) => `format${k}`),
  );
}


const segRow = fc.record({
  offset: fc.oneof(fc.integer({ min: 0, max: 2 ** 20 }), fc.integer({ min: 0, max: 2 ** 40 })),
  length: fc.oneof(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 0xffffffff })),
  time: fc.oneof(fc.constant(NaN), fc.integer({ min: 1.7e12, max: 1.8e12 }), fc.integer({ min: 0, max: 4e12 })),
  level: fc.integer({ min: 0, max: 7 }),
  line: fc.integer({ min: 1, max: 0x7fffffff }),
  logger: fc.nat(),
  format: fc.nat(),
});

describe('Columns.pushRun (a segment handed over in runs)', () => {
  const ids = fc.record({
    loggerIds: fc.array(fc.oneof(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 0xffffffff })), { minLength: 1, maxLength: 5 }),
    formatIds: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 3 }),
    sourceId: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 65535 })),
    lineBase: fc.integer({ min: 0, max: 1e6 }),
    spoolBase: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2 ** 40 })),
  });

  /** The same values pushed one at a time. */
  function pushEach(c: Columns, seg: SegmentColumns, from: number, to: number, o: { loggerIds: number[]; formatIds: number[]; sourceId: number; lineBase: number; spoolBase: number }): void {
    for (let j = from; j < to; j++) {
      c.pushValues(seg.times[j]!, seg.levels[j]! as ColumnRow['level'], o.formatIds[seg.formats[j]!]!, o.sourceId, o.loggerIds[seg.loggers[j]!]!, seg.lines[j]! + o.lineBase, o.spoolBase + seg.offsets[j]!, seg.lengths[j]!);
    }
  }

  it('stores exactly what pushing each record does, however the segment is cut into runs', () => {
    fc.assert(
      fc.property(fc.array(segRow, { minLength: 1, maxLength: 120 }), ids, fc.array(fc.nat(), { maxLength: 6 }), (rows, o, cutsRaw) => {
        const seg = segment(rows, o.loggerIds.length, o.formatIds.length);
        const cuts = [0, ...cutsRaw.map((x) => x % (rows.length + 1)).sort((a, b) => a - b), rows.length];
        const want = new Columns();
        pushEach(want, seg, 0, rows.length, o);
        const got = new Columns();
        for (let k = 0; k + 1 < cuts.length; k++) got.pushRun({ columns: seg, from: cuts[k]!, to: cuts[k + 1]!, ...o });
        expect(got.size).toBe(rows.length);
        expect(rows.map((_, i) => read(got, i))).toEqual(rows.map((_, i) => read(want, i)));
      }),
      { numRuns: 300 },
    );
  });

  it('fills the rest of a block and starts the next, keeping the order of records already there', () => {
    const base: ColumnRow = { time: 1.75e12, level: 2, formatId: 0, sourceId: 0, loggerId: 3, line: 1, spoolOffset: 0, length: 80 };
    const rows: SegmentRow[] = Array.from({ length: 300 }, (_, j) => ({ offset: 1000 + j * 81, length: j === 250 ? 70_000 : 81, time: j === 100 ? 4e12 : 1.75e12 + j, level: j % 8, line: j + 1, logger: j, format: j }));
    const seg = segment(rows, 4, 2);
    const o = { loggerIds: [5, 70_000, 7, 8], formatIds: [1, 2], sourceId: 1, lineBase: BLOCK_RECORDS - 100, spoolBase: 5e9 };
    const want = new Columns();
    const got = new Columns();
    for (let i = 0; i < BLOCK_RECORDS - 100; i++) {
      want.push({ ...base, line: i + 1, spoolOffset: i * 80 });
      got.push({ ...base, line: i + 1, spoolOffset: i * 80 });
    }
    pushEach(want, seg, 0, 300, o);
    got.pushRun({ columns: seg, from: 0, to: 150, ...o });
    got.pushRun({ columns: seg, from: 150, to: 300, ...o });
    expect(got.size).toBe(BLOCK_RECORDS + 200);
    for (const i of [0, BLOCK_RECORDS - 101, BLOCK_RECORDS - 100, BLOCK_RECORDS - 1, BLOCK_RECORDS, BLOCK_RECORDS + 150, BLOCK_RECORDS + 199]) expect(read(got, i)).toEqual(read(want, i));
    for (let i = BLOCK_RECORDS - 100; i < BLOCK_RECORDS + 200; i++) expect(read(got, i)).toEqual(read(want, i));
    // The far time, the wide logger id and the long record of the run are kept.
    expect(got.time(BLOCK_RECORDS - 100 + 100)).toBe(4e12);
    expect(got.loggerId(BLOCK_RECORDS - 100 + 1)).toBe(70_000);
    expect(got.length(BLOCK_RECORDS - 100 + 250)).toBe(70_000);
    expect(got.spoolOffset(BLOCK_RECORDS)).toBe(5e9 + 1000 + 100 * 81);
  });
});
