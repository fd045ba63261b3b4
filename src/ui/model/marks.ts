import type { RecordTest } from '../../query/view-filters.js';

/** The view positions a jump between marks needs. */
export interface PositionedList {
  readonly length: number;
  at(pos: number): number;
  /** View position of the first shown record at or after store index i. */
  positionOf(i: number): number;
}

/**
 * Marked records (`m`), by store index (stable across refilters), and
 * whether only they show (`M`).
 */
export class Marks implements RecordTest {
  private readonly set = new Set<number>();
  only = false;

  get size(): number {
    return this.set.size;
  }

  has(i: number): boolean {
    return this.set.has(i);
  }

  test(i: number): boolean {
    return this.set.has(i);
  }

  /** Mark or unmark record i; true when it is marked now. */
  toggle(i: number): boolean {
    if (this.set.delete(i)) return false;
    this.set.add(i);
    return true;
  }

  clear(): void {
    this.set.clear();
    this.only = false;
  }

  /** Marked store indices, ascending. */
  sorted(): number[] {
    return [...this.set].sort((a, b) => a - b);
  }

  /** The view position of the nearest shown marked record after (dir 1) or before (dir -1) pos. */
  next(list: PositionedList, pos: number, dir: 1 | -1): number | undefined {
    let best: number | undefined;
    for (const i of this.set) {
      const p = list.positionOf(i);
      if (p >= list.length || list.at(p) !== i) continue;
      if (dir > 0 ? p > pos && (best === undefined || p < best) : p < pos && (best === undefined || p > best)) best = p;
    }
    return best;
  }
}

/** What the "only" toggles leave shown: the search's matches and/or the marks (both: either's test must pass). */
export function onlyTest(search: RecordTest | undefined, marks: Marks): RecordTest | undefined {
  const m = marks.only ? marks : undefined;
  if (search && m) return { test: (i) => m.test(i) && search.test(i) };
  return search ?? m;
}
