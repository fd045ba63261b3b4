import type { Level } from '../model/level.js';
import type { SegmentColumns } from '../model/record-columns.js';

/** Records per block: columns grow a block at a time, never by copying. */
const SHIFT = 16;
export const BLOCK_RECORDS = 1 << SHIFT;
const MASK = BLOCK_RECORDS - 1;
/** Int32 time slot meaning "no time". */
const NO_TIME = -0x80000000;
/** Int32 time slot meaning "look in the overflow map" (more than ~24 days from the block's base). */
const FAR_TIME = -0x7fffffff;

/** What one record puts into the columns. */
export interface ColumnRow {
  /** Epoch ms, NaN for none. */
  time: number;
  level: Level;
  formatId: number;
  sourceId: number;
  loggerId: number;
  /** 1-based line number of the record's first line. */
  line: number;
  /** Where its bytes are in the spool. */
  spoolOffset: number;
  /** Its length in bytes. */
  length: number;
}

/** Records [from, to) of a segment's columns, and how their values become the store's. */
export interface ColumnRun {
  columns: SegmentColumns;
  from: number;
  to: number;
  /** The store's id of each of the segment's logger names (by its index). */
  loggerIds: readonly number[];
  /** The store's id of each of the segment's format names. */
  formatIds: readonly number[];
  sourceId: number;
  /** Added to the segment's line numbers. */
  lineBase: number;
  /** Added to the segment's file offsets: where the bytes are in the spool. */
  spoolBase: number;
}

/**
 * Bytes of a slab that blocks after the first are carved from. It is above
 * glibc's largest dynamic mmap threshold (32 MiB on 64-bit), so a slab is
 * always a mapping of its own. Blocks allocated one array at a time went to
 * the heap once short-lived big buffers had raised that threshold, and the
 * holes those buffers left between blocks stayed resident: 110 MiB more RSS
 * once a 1 GiB file was indexed (bench: TUI memory).
 */
const SLAB_BYTES = 33 * 1024 * 1024;
/** Bytes of a block's narrow columns. */
const BLOCK_BYTES = 19 * BLOCK_RECORDS;

/** Where the next block's arrays come from: a slab with room, or their own buffer. */
class BlockMemory {
  private slab: ArrayBuffer | undefined;
  private used = 0;
  private blocks = 0;

  /** A zeroed buffer for one block's arrays, and where in it they start. */
  take(): { buffer: ArrayBuffer; at: number } {
    // The first block of a store (most stores are small) has a buffer of its own.
    if (this.blocks++ === 0) return { buffer: new ArrayBuffer(BLOCK_BYTES), at: 0 };
    if (this.slab === undefined || this.used + BLOCK_BYTES > SLAB_BYTES) {
      this.slab = new ArrayBuffer(SLAB_BYTES);
      this.used = 0;
    }
    const at = this.used;
    this.used += BLOCK_BYTES;
    return { buffer: this.slab, at };
  }
}

class Block {
  /** Milliseconds relative to timeBase (NO_TIME, FAR_TIME). */
  readonly time: Int32Array;
  timeBase = NaN;
  readonly level: Uint8Array;
  readonly format: Uint8Array;
  // Narrow until a value needs more (a 256th source, a 65,536th logger, a
  // record of 64 KiB): then that block's column goes wide, once.
  source: Uint8Array | Uint16Array;
  logger: Uint16Array | Uint32Array;
  readonly line: Uint32Array;
  /** Spool offsets relative to spoolBase; a block whose records spread over more than 4 GiB of spool goes wide. */
  spool: Uint32Array | Float64Array;
  spoolBase = NaN;
  length: Uint16Array | Uint32Array;

  constructor(memory: BlockMemory) {
    const { buffer, at } = memory.take();
    const n = BLOCK_RECORDS;
    // Widest first, so every array is aligned.
    this.time = new Int32Array(buffer, at, n);
    this.line = new Uint32Array(buffer, at + 4 * n, n);
    this.spool = new Uint32Array(buffer, at + 8 * n, n);
    this.logger = new Uint16Array(buffer, at + 12 * n, n);
    this.length = new Uint16Array(buffer, at + 14 * n, n);
    this.level = new Uint8Array(buffer, at + 16 * n, n);
    this.format = new Uint8Array(buffer, at + 17 * n, n);
    this.source = new Uint8Array(buffer, at + 18 * n, n);
  }
}

/**
 * A record's columns, 19 bytes each, in blocks of 65,536 records: time as
 * int32 milliseconds from its block's first time (with an overflow map for
 * the rare record far from it), level, format, source (uint8), logger id
 * (uint16), line, spool offset (uint32 from the block's first) and length
 * (uint16); a block goes wide where a value needs it. No object per
 * record; growth never copies.
 */
export class Columns {
  private readonly blocks: Block[] = [];
  private readonly memory = new BlockMemory();
  private readonly farTimes = new Map<number, number>();
  private n = 0;

  get size(): number {
    return this.n;
  }

  push(r: ColumnRow): void {
    this.pushValues(r.time, r.level, r.formatId, r.sourceId, r.loggerId, r.line, r.spoolOffset, r.length);
  }

  /** push() without a row object (the hot path of a big index). */
  pushValues(time: number, level: Level, formatId: number, sourceId: number, loggerId: number, line: number, spoolOffset: number, length: number): void {
    const i = this.n++;
    if ((i & MASK) === 0) this.blocks.push(new Block(this.memory));
    this.write(i, time, level, formatId, sourceId, loggerId, line, spoolOffset, length);
  }

  /**
   * Append a run of a segment's records: the values pushValues() would
   * store, written a block at a time with one loop per block and the
   * widening checks done once per block, not per record (1 GiB of index is
   * 10 M records on the thread that answers keys).
   */
  pushRun(run: ColumnRun): void {
    for (let j = run.from; j < run.to; ) {
      const i = this.n;
      if ((i & MASK) === 0) this.blocks.push(new Block(this.memory));
      const m = Math.min(run.to - j, BLOCK_RECORDS - (i & MASK));
      this.fillBlock(this.blocks[i >>> SHIFT]!, i, run, j, j + m);
      this.n += m;
      j += m;
    }
  }

  /**
   * Records [from, to) of the run into block b, the first at store index i:
   * a loop per column, each over one source and one destination array (one
   * loop over all of them ran at ~55 ns a record, ~45% of the main thread's
   * time while a 1 GiB file was indexed), and plain copies where no value
   * changes.
   */
  private fillBlock(b: Block, i: number, run: ColumnRun, from: number, to: number): void {
    const c = run.columns;
    const { times, levels, formats, loggers, lines, offsets, lengths } = c;
    const { loggerIds, formatIds, lineBase, spoolBase, sourceId } = run;
    // Widen once, for the largest value of the run, as write() would for any one of them
    // (every logger id the segment has: one it has but not in this run only widens early).
    let maxLogger = 0;
    for (const lid of loggerIds) if (lid > maxLogger) maxLogger = lid;
    let maxLength = 0;
    let minOffset = Infinity;
    let maxOffset = -Infinity;
    for (let j = from; j < to; j++) {
      const len = lengths[j]!;
      if (len > maxLength) maxLength = len;
      const off = offsets[j]!;
      if (off < minOffset) minOffset = off;
      if (off > maxOffset) maxOffset = off;
    }
    if (sourceId > 0xff && b.source instanceof Uint8Array) b.source = Uint16Array.from(b.source);
    if (maxLogger > 0xffff && b.logger instanceof Uint16Array) b.logger = Uint32Array.from(b.logger);
    if (maxLength > 0xffff && b.length instanceof Uint16Array) b.length = Uint32Array.from(b.length);
    if (Number.isNaN(b.spoolBase)) b.spoolBase = spoolBase + offsets[from]!;
    const relBase = spoolBase - b.spoolBase;
    if (b.spool instanceof Uint32Array && (relBase + minOffset < 0 || relBase + maxOffset > 0xffffffff)) b.spool = Float64Array.from(b.spool);
    const k0 = i & MASK;
    b.level.set(levels.subarray(from, to), k0);
    b.length.set(lengths.subarray(from, to), k0);
    b.source.fill(sourceId, k0, k0 + (to - from));
    const fcol = b.format;
    for (let j = from, k = k0; j < to; j++, k++) fcol[k] = formatIds[formats[j]!]!;
    const gcol = b.logger;
    for (let j = from, k = k0; j < to; j++, k++) gcol[k] = loggerIds[loggers[j]!]!;
    const ncol = b.line;
    for (let j = from, k = k0; j < to; j++, k++) ncol[k] = lines[j]! + lineBase;
    const pcol = b.spool;
    for (let j = from, k = k0; j < to; j++, k++) pcol[k] = offsets[j]! + relBase;
    if (Number.isNaN(b.timeBase)) {
      for (let j = from; j < to; j++) {
        if (Number.isNaN(times[j]!)) continue;
        b.timeBase = Math.round(times[j]!);
        break;
      }
    }
    const tcol = b.time;
    const timeBase = b.timeBase;
    for (let j = from, k = k0; j < to; j++, k++) {
      const t = times[j]!;
      if (Number.isNaN(t)) {
        tcol[k] = NO_TIME;
        continue;
      }
      const d = Math.round(t) - timeBase;
      if (d > FAR_TIME && d <= 0x7fffffff) tcol[k] = d;
      else {
        this.farTimes.set(i + (j - from), t);
        tcol[k] = FAR_TIME;
      }
    }
  }

  /** Overwrite record i (an existing one). */
  set(i: number, r: ColumnRow): void {
    this.farTimes.delete(i);
    this.write(i, r.time, r.level, r.formatId, r.sourceId, r.loggerId, r.line, r.spoolOffset, r.length);
  }

  private write(i: number, time: number, level: Level, formatId: number, sourceId: number, loggerId: number, line: number, spoolOffset: number, length: number): void {
    const k = i & MASK;
    const b = this.blocks[i >>> SHIFT]!;
    b.time[k] = this.encodeTime(b, i, time);
    b.level[k] = level;
    b.format[k] = formatId;
    if (sourceId > 0xff && b.source instanceof Uint8Array) b.source = Uint16Array.from(b.source);
    b.source[k] = sourceId;
    if (loggerId > 0xffff && b.logger instanceof Uint16Array) b.logger = Uint32Array.from(b.logger);
    b.logger[k] = loggerId;
    b.line[k] = line;
    if (Number.isNaN(b.spoolBase)) b.spoolBase = spoolOffset;
    const rel = spoolOffset - b.spoolBase;
    if (b.spool instanceof Uint32Array && (rel < 0 || rel > 0xffffffff)) b.spool = Float64Array.from(b.spool);
    b.spool[k] = rel;
    if (length > 0xffff && b.length instanceof Uint16Array) b.length = Uint32Array.from(b.length);
    b.length[k] = length;
  }

  private encodeTime(b: Block, i: number, t: number): number {
    if (Number.isNaN(t)) return NO_TIME;
    if (Number.isNaN(b.timeBase)) b.timeBase = Math.round(t);
    const d = Math.round(t) - b.timeBase;
    if (d > FAR_TIME && d <= 0x7fffffff) return d;
    this.farTimes.set(i, t);
    return FAR_TIME;
  }

  time(i: number): number {
    const b = this.blocks[i >>> SHIFT]!;
    const v = b.time[i & MASK]!;
    if (v === NO_TIME) return NaN;
    if (v === FAR_TIME) return this.farTimes.get(i)!;
    return b.timeBase + v;
  }
  level(i: number): Level {
    return this.blocks[i >>> SHIFT]!.level[i & MASK] as Level;
  }
  formatId(i: number): number {
    return this.blocks[i >>> SHIFT]!.format[i & MASK]!;
  }
  sourceId(i: number): number {
    return this.blocks[i >>> SHIFT]!.source[i & MASK]!;
  }
  loggerId(i: number): number {
    return this.blocks[i >>> SHIFT]!.logger[i & MASK]!;
  }
  line(i: number): number {
    return this.blocks[i >>> SHIFT]!.line[i & MASK]!;
  }
  spoolOffset(i: number): number {
    const b = this.blocks[i >>> SHIFT]!;
    return b.spoolBase + b.spool[i & MASK]!;
  }
  length(i: number): number {
    return this.blocks[i >>> SHIFT]!.length[i & MASK]!;
  }
}
