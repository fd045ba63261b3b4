import type { Level } from '../model/level.js';
import type { GrowingList } from './record-view.js';

/** The columns a timeline reads: time and level, nothing else of a record. */
export interface TimeLevelSource {
  /** Epoch ms, NaN for none. */
  time(i: number): number;
  level(i: number): Level;
}

/**
 * Bucket sizes the counts are kept at (ms), each a divisor of the next, so
 * finer counts merge into coarser ones exactly as the range grows.
 */
const BASE_SIZES = [1, 10, 100, 500, 1e3, 5e3, 1e4, 3e4, 6e4, 3e5, 6e5, 18e5, 36e5, 108e5, 216e5, 432e5, 864e5, 6048e5, 24192e5, 96768e5, 387072e5];

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
/** Round sizes a timeline column can stand for (ms). */
export const NICE_SIZES = [
  1, 2, 5, 10, 20, 50, 100, 200, 500,
  S, 2 * S, 5 * S, 10 * S, 15 * S, 30 * S,
  M, 2 * M, 5 * M, 10 * M, 15 * M, 30 * M,
  H, 2 * H, 3 * H, 6 * H, 12 * H,
  D, 2 * D, 7 * D, 28 * D, 112 * D, 448 * D,
];

/** Counts per time bucket, one row of 8 (by level) per column. */
export interface Histogram {
  /** Bucket size in ms (one of NICE_SIZES). */
  size: number;
  /** Epoch ms of the first column's start (a multiple of size). */
  start: number;
  /** counts[col][level]. */
  counts: Uint32Array[];
  /** The largest column total. */
  max: number;
}

const EMPTY: Histogram = { size: 1000, start: 0, counts: [], max: 0 };
const LISTS = 4;

/**
 * A level histogram over time of the records a RecordView shows, kept from
 * the store's time and level columns (no record is materialised) and counted
 * incrementally: `update` tallies what the view's lists gained since the last
 * call, until a deadline, and starts over when the view was reset. Counts are
 * kept at a fine bucket size (at most `maxBuckets` buckets over the range),
 * coarsened as the range grows; `histogram(columns)` merges them into round
 * buckets that fit the width.
 */
export class TimelineCounts {
  private baseIdx = 0;
  private buckets = new Map<number, Uint32Array>();
  private minKey = Infinity;
  private maxKey = -Infinity;
  private lastKey = NaN;
  private lastRow: Uint32Array | undefined;
  private counted = new Array<number>(LISTS).fill(0);
  private generation = -1;
  /** Records counted with a time, and without one. */
  timed = 0;
  untimed = 0;
  /** Increases whenever the counts change (a cache key). */
  version = 0;
  /** Histograms of this version, by width (the sparkline's and the pane's alternate). */
  private cache = { version: -1, byColumns: new Map<number, Histogram>() };

  constructor(
    private readonly src: TimeLevelSource,
    private readonly maxBuckets = 4096,
  ) {}

  /** Epoch ms of the earliest and latest record counted (NaN when none). */
  get first(): number {
    return this.timed === 0 ? NaN : this.minKey * BASE_SIZES[this.baseIdx]!;
  }

  /** True when the lists hold entries not counted yet (or the view was reset). */
  pending(lists: readonly GrowingList[], generation: number): boolean {
    if (generation !== this.generation) return true;
    for (let k = 0; k < lists.length; k++) if (lists[k]!.n > this.counted[k]!) return true;
    return false;
  }

  /** Count the lists' new entries until the deadline (performance.now() ms); true when all are counted. */
  update(lists: readonly GrowingList[], generation: number, deadline: number): boolean {
    if (generation !== this.generation) this.reset(generation);
    const src = this.src;
    let changed = false;
    for (let k = 0; k < lists.length; k++) {
      const list = lists[k]!;
      let c = this.counted[k]!;
      while (c < list.n) {
        // Small chunks: the first ones run before the JIT has compiled this loop.
        const end = Math.min(list.n, c + 2048);
        for (; c < end; c++) {
          const i = list.at(c);
          this.add(src.time(i), src.level(i));
        }
        changed = true;
        this.counted[k] = c;
        if (performance.now() > deadline) {
          this.version++;
          return false;
        }
      }
    }
    if (changed) this.version++;
    return true;
  }

  private reset(generation: number): void {
    this.generation = generation;
    this.counted.fill(0);
    this.buckets.clear();
    this.baseIdx = 0;
    this.minKey = Infinity;
    this.maxKey = -Infinity;
    this.lastKey = NaN;
    this.lastRow = undefined;
    this.timed = 0;
    this.untimed = 0;
    this.version++;
  }

  /** One record (exported for tests of the bucketing). */
  add(t: number, level: Level): void {
    if (Number.isNaN(t)) {
      this.untimed++;
      return;
    }
    this.timed++;
    const key = Math.floor(t / BASE_SIZES[this.baseIdx]!);
    // Records mostly come in time order: the last bucket is the likely one.
    if (key === this.lastKey) {
      this.lastRow![level]!++;
      return;
    }
    let row = this.buckets.get(key);
    if (!row) {
      row = new Uint32Array(8);
      this.buckets.set(key, row);
      if (key < this.minKey) this.minKey = key;
      if (key > this.maxKey) this.maxKey = key;
    }
    row[level]!++;
    this.lastKey = key;
    this.lastRow = row;
    // At the largest base size the buckets may outnumber maxBuckets (a range of millennia): no merging then.
    if (this.maxKey - this.minKey >= this.maxBuckets && this.baseIdx < BASE_SIZES.length - 1) this.coarsen();
  }

  /** The range outgrew maxBuckets: merge into the next base size(s) until it fits. */
  private coarsen(): void {
    const old = BASE_SIZES[this.baseIdx]!;
    let idx = this.baseIdx;
    const span = (this.maxKey - this.minKey + 1) * old;
    while (idx < BASE_SIZES.length - 1 && span / BASE_SIZES[idx]! > this.maxBuckets) idx++;
    const ratio = BASE_SIZES[idx]! / old;
    const merged = new Map<number, Uint32Array>();
    for (const [key, row] of this.buckets) {
      const k = Math.floor(key / ratio);
      const m = merged.get(k);
      if (m) for (let l = 0; l < 8; l++) m[l]! += row[l]!;
      else merged.set(k, row);
    }
    this.buckets = merged;
    this.baseIdx = idx;
    this.minKey = Math.floor(this.minKey / ratio);
    this.maxKey = Math.floor(this.maxKey / ratio);
    this.lastKey = NaN;
    this.lastRow = undefined;
  }

  /** The counts as at most `columns` round buckets covering the range. */
  histogram(columns: number): Histogram {
    if (this.timed === 0 || columns <= 0) return EMPTY;
    const c = this.cache;
    if (c.version !== this.version) this.cache = { version: this.version, byColumns: new Map() };
    const cached = this.cache.byColumns.get(columns);
    if (cached) return cached;
    const base = BASE_SIZES[this.baseIdx]!;
    const lo = this.minKey * base;
    const hi = this.maxKey * base;
    let size = NICE_SIZES[NICE_SIZES.length - 1]!;
    for (const s of NICE_SIZES) {
      if (s < base || s % base !== 0) continue;
      if (Math.floor(hi / s) - Math.floor(lo / s) + 1 <= columns) {
        size = s;
        break;
      }
    }
    const startKey = Math.floor(lo / size);
    const n = Math.min(columns, Math.floor(hi / size) - startKey + 1);
    const counts = Array.from({ length: n }, () => new Uint32Array(8));
    const ratio = size / base;
    for (const [key, row] of this.buckets) {
      const col = Math.min(n - 1, Math.floor(key / ratio) - startKey);
      const dst = counts[col]!;
      for (let l = 0; l < 8; l++) dst[l]! += row[l]!;
    }
    let max = 0;
    for (const r of counts) {
      let t = 0;
      for (let l = 0; l < 8; l++) t += r[l]!;
      if (t > max) max = t;
    }
    const hist = { size, start: startKey * size, counts, max };
    this.cache.byColumns.set(columns, hist);
    return hist;
  }
}

/** Sum of a bucket's levels. */
export function bucketTotal(row: Uint32Array): number {
  let t = 0;
  for (let l = 0; l < row.length; l++) t += row[l]!;
  return t;
}

/** The view positions and times a jump by time needs. */
export interface TimedList {
  readonly length: number;
  /** Epoch ms of the record at view position pos, NaN for none. */
  timeAt(pos: number): number;
}

/**
 * The first view position whose record is at or after time t, by binary
 * search (the list is in time order, as the merge of sources makes it;
 * untimed records take the time of the next timed one). length when none.
 */
export function positionAtTime(list: TimedList, t: number): number {
  const timeNear = (pos: number): number => {
    for (let p = pos, k = 0; p < list.length && k < 4096; p++, k++) {
      const v = list.timeAt(p);
      if (!Number.isNaN(v)) return v;
    }
    return Infinity;
  };
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timeNear(mid) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
