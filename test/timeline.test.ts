import { describe, expect, it } from 'vitest';
import { Level } from '../src/model/level.js';
import { RecordView } from '../src/query/record-view.js';
import { bucketTotal, NICE_SIZES, positionAtTime, TimelineCounts, type TimeLevelSource } from '../src/query/timeline.js';
import { sparklineSegs, stackCells, timeLabel, timelineLines } from '../src/render/timeline-lines.js';
import { Theme } from '../src/render/theme.js';
import { TimelinePane } from '../src/ui/model/timeline-pane.js';
import { stripAnsi } from './ui-helpers.js';

process.env.TZ = 'UTC';

/** A column source of n records: record i at time t0 + i * step, level by a rule. */
function columns(n: number, step: number, level: (i: number) => Level = () => Level.info, t0 = Date.UTC(2026, 0, 1)) {
  return {
    size: n,
    time: (i: number) => (i % 1000 === 999 ? NaN : t0 + i * step),
    level,
    loggerId: () => 0,
  };
}
const ALL = { thresholds: () => new Uint8Array([0]) };

function built(src: ReturnType<typeof columns>, filter = ALL) {
  const view = new RecordView(src, filter);
  view.advance(Infinity);
  return view;
}

function sumOf(counts: TimelineCounts, columns: number): number {
  return counts.histogram(columns).counts.reduce((a, r) => a + bucketTotal(r), 0);
}

describe('TimelineCounts', () => {
  it('counts the shown records per bucket and level, untimed apart', () => {
    const src = columns(3000, 1000, (i) => (i % 10 === 0 ? Level.error : Level.info));
    const view = built(src);
    const c = new TimelineCounts(src as TimeLevelSource);
    expect(c.update(view.shownLists(), view.generation, Infinity)).toBe(true);
    expect(c.timed).toBe(2997);
    expect(c.untimed).toBe(3);
    const h = c.histogram(60);
    expect(h.counts.length).toBeLessThanOrEqual(60);
    expect(sumOf(c, 60)).toBe(2997);
    const errors = h.counts.reduce((a, r) => a + r[Level.error]!, 0);
    expect(errors).toBe(300);
  });

  it('is sliced: a past deadline stops after one chunk, and the rest follows', () => {
    const src = columns(100_000, 10);
    const view = built(src);
    const c = new TimelineCounts(src);
    expect(c.update(view.shownLists(), view.generation, 0)).toBe(false);
    expect(c.timed + c.untimed).toBeLessThan(100_000);
    expect(c.pending(view.shownLists(), view.generation)).toBe(true);
    while (!c.update(view.shownLists(), view.generation, 0));
    expect(c.timed + c.untimed).toBe(100_000);
    expect(c.pending(view.shownLists(), view.generation)).toBe(false);
  });

  it('follows the filter: a reset view is counted again, only what it shows', () => {
    const src = columns(2000, 1000, (i) => (i % 4 === 0 ? Level.warning : Level.debug));
    const th = new Uint8Array([0]);
    const view = built(src, { thresholds: () => th });
    const c = new TimelineCounts(src);
    c.update(view.shownLists(), view.generation, Infinity);
    expect(c.timed + c.untimed).toBe(2000);
    th[0] = Level.warning;
    view.reset();
    view.advance(Infinity);
    expect(c.pending(view.shownLists(), view.generation)).toBe(true);
    c.update(view.shownLists(), view.generation, Infinity);
    expect(c.timed + c.untimed).toBe(500);
  });

  it('grows with the view: records appended later are added, not recounted', () => {
    const src = columns(1000, 1000);
    const view = built(src);
    const c = new TimelineCounts(src);
    c.update(view.shownLists(), view.generation, Infinity);
    src.size = 1500;
    view.advance(Infinity);
    expect(c.pending(view.shownLists(), view.generation)).toBe(true);
    c.update(view.shownLists(), view.generation, Infinity);
    expect(c.timed + c.untimed).toBe(1500);
  });

  it('picks the smallest round bucket size that fits the width, and coarsens its fine counts exactly', () => {
    for (const [n, step, cols] of [
      [600, 1000, 60],
      [5000, 37, 100],
      [20_000, 3_600_000, 80],
      [3, 1, 50],
    ] as const) {
      const src = columns(n, step);
      const view = built(src);
      const c = new TimelineCounts(src, 256);
      c.update(view.shownLists(), view.generation, Infinity);
      const h = c.histogram(cols);
      expect(NICE_SIZES).toContain(h.size);
      expect(h.counts.length).toBeLessThanOrEqual(cols);
      expect(h.start % h.size).toBe(0);
      expect(sumOf(c, cols)).toBe(c.timed);
      // Every record's bucket holds it: the first and the last record.
      expect(h.start).toBeLessThanOrEqual(src.time(0));
      expect(h.start + h.counts.length * h.size).toBeGreaterThan(src.time(n - 2));
    }
  });
  it('a range of millennia (a bogus year in a log) stays cheap and complete', () => {
    const times = [Date.parse('0001-01-01T00:00:00Z'), Date.UTC(9999, 0, 1), ...Array.from({ length: 5000 }, (_, i) => Date.UTC(2026, 0, 1) + i * 1000)];
    const src = { size: times.length, time: (i: number) => times[i]!, level: () => Level.info, loggerId: () => 0 };
    const view = built(src as ReturnType<typeof columns>);
    const c = new TimelineCounts(src);
    c.update(view.shownLists(), view.generation, Infinity);
    const h = c.histogram(100);
    expect(h.counts.length).toBeLessThanOrEqual(100);
    expect(sumOf(c, 100)).toBe(times.length);
  });
});

describe('positionAtTime', () => {
  it('finds the first position at or after a time; untimed records take the next one', () => {
    const times = [10, NaN, 20, 20, 30, NaN, NaN, 40];
    const list = { length: times.length, timeAt: (p: number) => times[p]! };
    expect(positionAtTime(list, 0)).toBe(0);
    expect(positionAtTime(list, 20)).toBe(1);
    expect(positionAtTime(list, 21)).toBe(4);
    expect(positionAtTime(list, 35)).toBe(5);
    expect(positionAtTime(list, 41)).toBe(8);
  });
});

describe('timeline rendering', () => {
  it('stacks the worst level at the foot, and a rare error keeps a cell', () => {
    const row = new Uint32Array(8);
    row[Level.info] = 997;
    row[Level.error] = 3;
    const cells = stackCells(row, 10);
    expect(cells.get(Level.error)).toBe(1);
    expect(cells.get(Level.info)).toBe(9);
  });

  it('labels the axis at round times, as precise as the ticks need', () => {
    expect(timeLabel(Date.UTC(2026, 0, 1, 10, 5, 30, 250), 100, false)).toBe('10:05:30.250');
    expect(timeLabel(Date.UTC(2026, 0, 1, 10, 5, 30), 5000, false)).toBe('10:05:30');
    expect(timeLabel(Date.UTC(2026, 0, 1, 10, 5), 300_000, true)).toBe('01-01 10:05');
    expect(timeLabel(Date.UTC(2026, 0, 3), 86_400_000, false)).toBe('01-03');
  });

  it('draws bars, the axis, its labels and the counts under the cursor', () => {
    const src = columns(600, 1000, (i) => (i % 50 === 0 ? Level.error : Level.info));
    const view = built(src);
    const pane = new TimelinePane(src, view);
    pane.job.step(Infinity);
    const hist = pane.counts.histogram(72);
    pane.move(hist, -3);
    const lines = timelineLines({ width: 80, height: 12, hist, cursor: pane.cursorColumn(hist), timed: pane.counts.timed, untimed: pane.counts.untimed, busy: false, theme: new Theme(0) }).map(stripAnsi);
    expect(lines).toHaveLength(12);
    expect(lines[0]).toContain('1 column = 10 s');
    expect(lines[0]).toContain('600 records');
    expect(lines[9]).toMatch(/^ {7}└[┬─]+▲[┬─]+$/);
    expect(lines[10]).toMatch(/^ {8}00:00 +00:02 +00:04/);
    // The cursor's bucket: 00:09:00-00:09:10 (3 columns before the last), 10 records, none an error.
    expect(lines[11]).toBe('▲ 00:09:20 – 00:09:30  10 records: 10 INFO');
    // Errors (every 50th record) are the darkest shade at the bars' foot.
    expect(lines[8]!.slice(8)).toContain('█');
  });

  it('the sparkline is one block per bucket, coloured by the worst level', () => {
    const src = columns(100, 1000, (i) => (i === 5 ? Level.error : Level.info));
    const view = built(src);
    const c = new TimelineCounts(src);
    c.update(view.shownLists(), view.generation, Infinity);
    const h = c.histogram(10);
    const segs = sparklineSegs(h, new Theme(2));
    expect(segs.map((s) => s.text).join('')).toHaveLength(h.counts.length);
    expect(segs[0]!.open).toBe(new Theme(2).chart(Level.error).open);
  });
});
