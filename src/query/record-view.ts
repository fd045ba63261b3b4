import type { Level } from '../model/level.js';
import { runIndex, type PartRun } from '../model/part-runs.js';
import { passesColumns } from './passes-columns.js';

/** The columns a view reads from the store. */
export interface ColumnSource {
  readonly size: number;
  level(i: number): Level;
  loggerId(i: number): number;
  time(i: number): number;
  /**
   * Which records are in the front part (a file's start indexed after its
   * tail was shown): they come before every other record. Absent: none.
   */
  runs?(): readonly PartRun[];
}

/** What a view shows: column checks, plus an optional text test (search, grep). */
export interface ViewFilter {
  /** Per-logger-id threshold table: HIDDEN, or the minimum level. */
  thresholds(): Uint8Array;
  since?: number;
  until?: number;
  /** Text predicate, evaluated last (it is the slow one). */
  text?: (i: number) => boolean;
}

/** View positions inserted before the back part's: positions >= at moved down by count. */
export interface FrontInsert {
  at: number;
  count: number;
}

/** Store indices that are only ever appended (until a reset). */
export interface GrowingList {
  readonly n: number;
  at(k: number): number;
}

const CHUNK_SHIFT = 16;
const CHUNK = 1 << CHUNK_SHIFT;

/**
 * Filtered store indices of one part, in the order pushed (ascending or
 * descending), in chunks of 65,536; growth never copies (a view over 10 M
 * records must not double its memory while it grows). A chunk of
 * consecutive indices (everything shown, the usual case) is kept as its
 * first index and direction, not 4 bytes a record: an unfiltered view of
 * a big file costs next to nothing.
 */
class PartIndex {
  /** Per chunk: its entries, or undefined while they run from first[c] by step[c]. */
  private arrays: Array<Uint32Array | undefined> = [];
  private first: number[] = [];
  /** +1 or -1; 0 while the run has one entry. */
  private step: number[] = [];
  private spare: Uint32Array[] = [];
  n = 0;

  push(i: number): void {
    const c = this.n >>> CHUNK_SHIFT;
    const k = this.n & (CHUNK - 1);
    this.n++;
    if (k === 0) {
      const old = this.arrays[c];
      if (old !== undefined) {
        this.spare.push(old);
        this.arrays[c] = undefined;
      }
      this.first[c] = i;
      this.step[c] = 0;
      return;
    }
    const arr = this.arrays[c];
    if (arr !== undefined) {
      arr[k] = i;
      return;
    }
    const f = this.first[c]!;
    const st = this.step[c]!;
    if (k === 1 && (i === f + 1 || i === f - 1)) {
      this.step[c] = i - f;
      return;
    }
    if (st !== 0 && i === f + k * st) return;
    const a = this.spare.pop() ?? new Uint32Array(CHUNK);
    for (let j = 0; j < k; j++) a[j] = f + j * st;
    a[k] = i;
    this.arrays[c] = a;
  }

  at(pos: number): number {
    const c = pos >>> CHUNK_SHIFT;
    const arr = this.arrays[c];
    return arr !== undefined ? arr[pos & (CHUNK - 1)]! : this.first[c]! + (pos & (CHUNK - 1)) * this.step[c]!;
  }

  clear(): void {
    this.n = 0;
  }

  /** First position whose store index is >= i (the entries ascending). */
  positionOf(i: number): number {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.at(mid) < i) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const ALL_BACK: readonly PartRun[] = [{ start: 0, end: Number.MAX_SAFE_INTEGER, front: false }];

/**
 * One part's shown records: those found scanning down from where the view
 * was reset (`down`, descending) and those that arrived after it (`up`,
 * ascending). In order: down reversed, then up.
 */
class Part {
  readonly down = new PartIndex();
  readonly up = new PartIndex();
  /** Next store index to examine going down (-1: this part is done below the pivot). */
  next = -1;

  get n(): number {
    return this.down.n + this.up.n;
  }

  at(pos: number): number {
    const d = this.down.n;
    return pos < d ? this.down.at(d - 1 - pos) : this.up.at(pos - d);
  }

  clear(next: number): void {
    this.down.clear();
    this.up.clear();
    this.next = next;
  }

  /** Position of the first shown record at or after store index i (i in this part). */
  positionOf(i: number): number {
    const d = this.down.n;
    // down is descending: the first (from the end) entry >= i.
    let lo = 0;
    let hi = d;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.down.at(mid) >= i) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) return d - lo;
    return d + this.up.positionOf(i);
  }
}

/**
 * The filtered list of record indices, in display order. Built
 * incrementally: `advance` examines records not seen yet until a deadline,
 * so a rebuild over ten million records never blocks keys for long. After a
 * reset it works from the bottom of the list up (the newest records of the
 * back part first, then the front part's from its end), so the screen a
 * following viewer shows is ready after the first slice; records that arrive
 * meanwhile are examined first. Records of the store's front part (the start
 * of a file indexed after its tail was shown) go before every other position.
 * Positions inserted above existing ones are reported (takeInserts) so a
 * scroller keeps its selection on the same record.
 */
export class RecordView {
  private readonly frontPart = new Part();
  private readonly backPart = new Part();
  private inserts: FrontInsert[] = [];
  /** Store size at the last reset: below it records are examined going down, from it going up. */
  private pivot = 0;
  /** Next store index to examine going up. */
  private upNext = 0;
  /** Increases on every reset: a tally over `shownLists()` starts again when it changes. */
  generation = 0;

  constructor(
    private readonly source: ColumnSource,
    private filter: ViewFilter,
  ) {
    this.reset(filter);
  }

  get length(): number {
    return this.frontPart.n + this.backPart.n;
  }

  /** True when the filter tests text (slow: extend in slices). */
  get hasTextTest(): boolean {
    return this.filter.text !== undefined;
  }

  get complete(): boolean {
    return this.upNext >= this.source.size && this.frontPart.next < 0 && this.backPart.next < 0;
  }

  /** True when store record i has been examined since the last reset. */
  examined(i: number): boolean {
    if (i >= this.pivot) return i < this.upNext;
    const part = this.isFront(i) ? this.frontPart : this.backPart;
    return i > part.next;
  }

  /** Store index of the record at view position pos. */
  at(pos: number): number {
    const nf = this.frontPart.n;
    return pos < nf ? this.frontPart.at(pos) : this.backPart.at(pos - nf);
  }

  /** Start over with a new filter (or the same one after its rules changed). */
  reset(filter: ViewFilter = this.filter): void {
    this.filter = filter;
    this.pivot = this.source.size;
    this.upNext = this.pivot;
    this.frontPart.clear(this.lastOf(true, this.pivot - 1));
    this.backPart.clear(this.lastOf(false, this.pivot - 1));
    this.inserts = [];
    this.generation++;
  }

  /**
   * The shown store indices as four lists that, until the next reset, only
   * grow at their ends (the order between them is the view's business): a
   * tally (the timeline) counts each list's new entries and never rescans.
   */
  shownLists(): readonly GrowingList[] {
    return [this.frontPart.down, this.frontPart.up, this.backPart.down, this.backPart.up];
  }

  /** Examine more records; true when every stored record has been examined. */
  advance(deadline: number): boolean {
    const src = this.source;
    const runs = src.runs?.() ?? ALL_BACK;
    const th = this.filter.thresholds();
    const { since, until, text } = this.filter;
    const timed = since !== undefined || until !== undefined;
    // The time column is read only when a range is set.
    const test = (i: number): boolean => passesColumns(src.level(i), th[src.loggerId(i)]!, timed ? src.time(i) : NaN, since, until) && (!text || text(i));
    const slice = text ? 256 : 65536;
    // New records first (a following viewer shows them), in arrival order.
    while (this.upNext < src.size) {
      const run = runs[runIndex(runs, this.upNext)]!;
      const part = run.front ? this.frontPart : this.backPart;
      const end = Math.min(src.size, run.end, this.upNext + slice);
      const before = part.n;
      for (let i = this.upNext; i < end; i++) if (test(i)) part.up.push(i);
      if (run.front && part.n > before && this.backPart.n > 0) this.noteInsert(before, part.n - before);
      this.upNext = end;
      if (performance.now() > deadline) return false;
    }
    // Then down from the pivot: the back part (the bottom of the list), then the front part.
    for (const part of [this.backPart, this.frontPart]) {
      const front = part === this.frontPart;
      while (part.next >= 0) {
        const r = runIndex(runs, part.next);
        const run = runs[r]!;
        const stop = Math.max(run.start, part.next - slice + 1);
        const before = part.n;
        for (let i = part.next; i >= stop; i--) if (test(i)) part.down.push(i);
        const grown = part.n - before;
        // Found above what this part shows: positions from the part's start move down.
        if (grown > 0) {
          const at = front ? 0 : this.frontPart.n;
          if (front ? this.backPart.n + before > 0 : before > 0) this.noteInsert(at, grown);
        }
        part.next = stop > run.start ? stop - 1 : this.lastOf(front, run.start - 1);
        if (performance.now() > deadline) return this.complete;
      }
    }
    return this.complete;
  }

  private noteInsert(at: number, count: number): void {
    const last = this.inserts[this.inserts.length - 1];
    if (last && last.at === at) last.count += count;
    else this.inserts.push({ at, count });
  }

  /** The last store index <= i in the given part, or -1. */
  private lastOf(front: boolean, i: number): number {
    const runs = this.source.runs?.() ?? ALL_BACK;
    if (i < 0) return -1;
    for (let r = runIndex(runs, i); r >= 0; r--) {
      const run = runs[r]!;
      if (run.front === front && run.start <= i) return Math.min(i, run.end - 1);
    }
    return -1;
  }

  private isFront(i: number): boolean {
    const runs = this.source.runs?.();
    return runs !== undefined && runs.length > 0 && i < this.source.size && runs[runIndex(runs, i)]!.front;
  }

  /**
   * Positions inserted above existing ones since the last call, in order: a
   * scroller keeps its selection on the same record by moving positions >= at
   * down by count, for each.
   */
  takeInserts(): FrontInsert[] {
    const i = this.inserts;
    this.inserts = [];
    return i;
  }

  /**
   * Shown records that arrived at the end at or after store index i (records
   * appended since; a file's start indexed in front of the tail is not "new").
   */
  shownSince(i: number): number {
    return this.backPart.n - this.backPart.positionOf(i);
  }

  /**
   * View position of the first shown record at or after store index i in
   * display order (length if none). A back record's position counts every
   * front position before it.
   */
  positionOf(i: number): number {
    if (this.isFront(i)) return this.frontPart.positionOf(i);
    return this.frontPart.n + this.backPart.positionOf(i);
  }
}
