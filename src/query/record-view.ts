import type { Level } from '../model/level.js';
import { HIDDEN } from './logger-rules.js';

/** The columns a view reads from the store. */
export interface ColumnSource {
  readonly size: number;
  level(i: number): Level;
  loggerId(i: number): number;
  time(i: number): number;
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

/**
 * The filtered list of record indices, in store order. Built incrementally:
 * `advance` examines records not seen yet (all of them after `reset`, the new
 * ones after an append) until a deadline, so a rebuild over a million records
 * never blocks keys for long.
 */
export class RecordView {
  private idx = new Uint32Array(1024);
  private n = 0;
  /** Store records examined so far. */
  scanned = 0;

  constructor(
    private readonly source: ColumnSource,
    private filter: ViewFilter,
  ) {}

  get length(): number {
    return this.n;
  }

  /** True when the filter tests text (slow: extend in slices). */
  get hasTextTest(): boolean {
    return this.filter.text !== undefined;
  }

  get complete(): boolean {
    return this.scanned >= this.source.size;
  }

  /** Store index of the record at view position pos. */
  at(pos: number): number {
    return this.idx[pos]!;
  }

  /** Start over with a new filter (or the same one after its rules changed). */
  reset(filter: ViewFilter = this.filter): void {
    this.filter = filter;
    this.n = 0;
    this.scanned = 0;
  }

  /** Examine more records; true when every stored record has been examined. */
  advance(deadline: number): boolean {
    const src = this.source;
    const total = src.size;
    if (this.scanned >= total) return true;
    const f = this.filter;
    const th = f.thresholds();
    const { since, until, text } = f;
    const timed = since !== undefined || until !== undefined;
    // Text tests cost microseconds each; check the clock often then.
    const slice = text ? 256 : 65536;
    while (this.scanned < total) {
      const end = Math.min(total, this.scanned + slice);
      if (this.idx.length < this.n + (end - this.scanned)) {
        const grown = new Uint32Array(Math.max(this.idx.length * 2, this.n + (end - this.scanned)));
        grown.set(this.idx.subarray(0, this.n));
        this.idx = grown;
      }
      for (let i = this.scanned; i < end; i++) {
        const t = th[src.loggerId(i)]!;
        if (t === HIDDEN) continue;
        const lvl = src.level(i);
        if (lvl !== 0 && lvl < t) continue;
        if (timed) {
          const tm = src.time(i);
          if (!Number.isNaN(tm) && ((since !== undefined && tm < since) || (until !== undefined && tm > until))) continue;
        }
        if (text && !text(i)) continue;
        this.idx[this.n++] = i;
      }
      this.scanned = end;
      if (performance.now() > deadline) break;
    }
    return this.scanned >= total;
  }

  /** First view position whose record index is >= storeIndex (length if none). */
  positionOf(storeIndex: number): number {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.idx[mid]! < storeIndex) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
