import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK_RECORDS, Columns, type ColumnRow } from '../src/store/columns.js';

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
