import type { Level } from '../model/level.js';
import { HIDDEN } from './logger-rules.js';

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
  runs?(): readonly { start: number; end: number; front: boolean }[];
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

const CHUNK_SHIFT = 16;
const CHUNK = 1 << CHUNK_SHIFT;

/**
 * Filtered store indices of one part, ascending, in chunks of 65,536: 4 bytes
 * a record shown, growth never copies (a view over 10 M records must not
 * double its memory while it grows).
 */
class PartIndex {
  private chunks: Uint32Array[] = [];
  n = 0;

  push(i: number): void {
    const k = this.n & (CHUNK - 1);
    if (k === 0 && this.n >>> CHUNK_SHIFT === this.chunks.length) this.chunks.push(new Uint32Array(CHUNK));
    this.chunks[this.n >>> CHUNK_SHIFT]![k] = i;
    this.n++;
  }

  at(pos: number): number {
    return this.chunks[pos >>> CHUNK_SHIFT]![pos & (CHUNK - 1)]!;
  }

  clear(): void {
    this.n = 0;
  }

  /** First position whose store index is >= i. */
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

const ALL_BACK = [{ start: 0, end: Number.MAX_SAFE_INTEGER, front: false }] as const;

/**
 * The filtered list of record indices, in display order. Built
 * incrementally: `advance` examines records not seen yet (all of them after
 * `reset`, the new ones after an append) until a deadline, so a rebuild over
 * a million records never blocks keys for long. Records of the store's front
 * part (the start of a file indexed after its tail was shown) go before
 * every other position; takeFrontInserts() says where they went.
 */
export class RecordView {
  private readonly frontPart = new PartIndex();
  private readonly backPart = new PartIndex();
  private insert: FrontInsert | undefined;
  /** Store records examined so far (store index order). */
  scanned = 0;

  constructor(
    private readonly source: ColumnSource,
    private filter: ViewFilter,
  ) {}

  get length(): number {
    return this.frontPart.n + this.backPart.n;
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
    const nf = this.frontPart.n;
    return pos < nf ? this.frontPart.at(pos) : this.backPart.at(pos - nf);
  }

  /** Start over with a new filter (or the same one after its rules changed). */
  reset(filter: ViewFilter = this.filter): void {
    this.filter = filter;
    this.frontPart.clear();
    this.backPart.clear();
    this.scanned = 0;
    this.insert = undefined;
  }

  /** Examine more records; true when every stored record has been examined. */
  advance(deadline: number): boolean {
    const src = this.source;
    const total = src.size;
    if (this.scanned >= total) return true;
    const runs = src.runs?.() ?? ALL_BACK;
    const th = this.filter.thresholds();
    const { since, until, text } = this.filter;
    const timed = since !== undefined || until !== undefined;
    // Text tests cost microseconds each; check the clock often then.
    const slice = text ? 256 : 65536;
    const frontBefore = this.frontPart.n;
    let r = runIndex(runs, this.scanned);
    while (this.scanned < total) {
      const run = runs[r]!;
      if (this.scanned >= run.end) {
        r++;
        continue;
      }
      const part = run.front ? this.frontPart : this.backPart;
      const end = Math.min(total, run.end, this.scanned + slice);
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
        part.push(i);
      }
      this.scanned = end;
      if (performance.now() > deadline) break;
    }
    const grown = this.frontPart.n - frontBefore;
    if (grown > 0 && this.backPart.n > 0) {
      if (this.insert) this.insert.count += grown;
      else this.insert = { at: frontBefore, count: grown };
    }
    return this.scanned >= total;
  }

  /**
   * Positions inserted before the back part's since the last call (the
   * front part grew while back records were in view): a scroller keeps its
   * selection on the same record by moving positions >= at down by count.
   */
  takeFrontInserts(): FrontInsert | undefined {
    const i = this.insert;
    this.insert = undefined;
    return i;
  }

  /**
   * View position of the first shown record at or after store index i in
   * display order (length if none). A back record's position counts every
   * front position before it.
   */
  positionOf(i: number): number {
    const runs = this.source.runs?.();
    const front = runs !== undefined && runs.length > 0 && runs[runIndex(runs, i)]!.front && i < this.source.size;
    if (front) return this.frontPart.positionOf(i);
    return this.frontPart.n + this.backPart.positionOf(i);
  }
}

/** Index of the run holding store index i (the last run for i past the end). */
function runIndex(runs: readonly { start: number; end: number }[], i: number): number {
  let lo = 0;
  let hi = runs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (runs[mid]!.start <= i) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
