import type { Level } from '../model/level.js';
import type { LogRecord } from '../model/record.js';
import type { SegmentColumns } from '../model/record-columns.js';
import type { SegmentSink } from './segment-parse.js';
import { releaseSharedBuffer, takeSharedBuffer } from './shared-buffers.js';

/** Bytes per record of the sink's arrays (offset, length, time, level, line, logger, format). */
const RECORD_BYTES = 8 + 4 + 8 + 1 + 4 + 4 + 1;
/**
 * Least bytes of the one buffer a sink's arrays share: above glibc's largest
 * dynamic mmap threshold (32 MiB), so each segment's columns are a mapping of
 * their own (only the pages written are resident) and freeing them returns
 * them to the system, rather than leaving holes in a worker's heap that stay
 * resident after the worker has gone.
 */
const MIN_BUFFER = 33 * 1024 * 1024;

/** Collects records into SegmentColumns; its size (the seam position) is the record count. */
export class ColumnSink implements SegmentSink<SegmentColumns> {
  private n = 0;
  private cap: number;
  private offsets: Float64Array;
  private lengths: Uint32Array;
  private times: Float64Array;
  private levels: Uint8Array;
  private lines: Uint32Array;
  private loggers: Uint32Array;
  private formats: Uint8Array;
  private readonly loggerIds = new Map<string, number>();
  private readonly loggerNames: string[] = [];
  private readonly formatIds = new Map<string, number>();
  private readonly formatNames: string[] = [];
  /** The few loggers seen last, newest first: a log cycles among a handful, and `===` beats hashing a new string. */
  private readonly recent: string[] = [];
  private readonly recentIds: number[] = [];

  /** `expected`: records the segment probably holds (sized once, so growth is rare). */
  constructor(expected = 4096) {
    this.cap = Math.max(16, Math.ceil(expected));
    [this.offsets, this.lengths, this.times, this.levels, this.lines, this.loggers, this.formats] = this.arrays(this.cap);
  }

  /**
   * Arrays for `cap` records in one buffer, widest first so each is aligned:
   * a shared one from this thread's shelf (shared-buffers.ts), free for reuse
   * once the store has copied the columns (releaseColumns).
   */
  private arrays(cap: number): [Float64Array, Uint32Array, Float64Array, Uint8Array, Uint32Array, Uint32Array, Uint8Array] {
    const cap8 = Math.ceil(cap / 8) * 8;
    const shared = takeSharedBuffer(Math.max(MIN_BUFFER, RECORD_BYTES * cap8));
    const buf = shared.buffer;
    // The shelf's buffers start 8 bytes in: Float64Array stays aligned.
    const at = (bytesBefore: number): number => shared.byteOffset + bytesBefore * cap8;
    return [
      new Float64Array(buf, at(0), cap),
      new Uint32Array(buf, at(16), cap),
      new Float64Array(buf, at(8), cap),
      new Uint8Array(buf, at(28), cap),
      new Uint32Array(buf, at(20), cap),
      new Uint32Array(buf, at(24), cap),
      new Uint8Array(buf, at(29), cap),
    ];
  }

  get size(): number {
    return this.n;
  }

  add(r: LogRecord): void {
    let length = 0;
    for (const b of r.raw) length += b.length;
    this.addColumns(r.offset, length, r.time, r.level, r.line, r.logger, r.format);
  }

  addColumns(offset: number, length: number, time: number, level: Level, line: number, logger: string, format: string): void {
    if (this.n === this.cap) this.grow();
    const i = this.n++;
    this.offsets[i] = offset;
    this.lengths[i] = length;
    this.times[i] = time;
    this.levels[i] = level;
    this.lines[i] = line;
    this.loggers[i] = this.loggerId(logger);
    let f = this.formatIds.get(format);
    if (f === undefined) {
      f = this.formatNames.length;
      this.formatNames.push(format);
      this.formatIds.set(format, f);
    }
    this.formats[i] = f;
  }

  private loggerId(name: string): number {
    const recent = this.recent;
    for (let k = 0; k < recent.length; k++) if (recent[k] === name) return this.recentIds[k]!;
    let id = this.loggerIds.get(name);
    if (id === undefined) {
      id = this.loggerNames.length;
      this.loggerNames.push(name);
      this.loggerIds.set(name, id);
    }
    recent.unshift(name);
    this.recentIds.unshift(id);
    if (recent.length > 8) {
      recent.pop();
      this.recentIds.pop();
    }
    return id;
  }

  private grow(): void {
    this.cap = Math.ceil(this.cap * 1.5);
    const [offsets, lengths, times, levels, lines, loggers, formats] = this.arrays(this.cap);
    offsets.set(this.offsets);
    lengths.set(this.lengths);
    times.set(this.times);
    levels.set(this.levels);
    lines.set(this.lines);
    loggers.set(this.loggers);
    formats.set(this.formats);
    releaseColumns({ offsets: this.offsets });
    [this.offsets, this.lengths, this.times, this.levels, this.lines, this.loggers, this.formats] = [offsets, lengths, times, levels, lines, loggers, formats];
  }

  /** The columns (views of the sink's arrays: no copy; `count` says how much is used). */
  finish(): SegmentColumns {
    const n = this.n;
    return {
      count: n,
      offsets: this.offsets.subarray(0, n),
      lengths: this.lengths.subarray(0, n),
      times: this.times.subarray(0, n),
      levels: this.levels.subarray(0, n),
      lines: this.lines.subarray(0, n),
      loggers: this.loggers.subarray(0, n),
      loggerNames: this.loggerNames,
      formats: this.formats.subarray(0, n),
      formatNames: this.formatNames,
    };
  }
}

/** The typed arrays of SegmentColumns, to transfer between threads (a shared buffer is shared, not transferred). */
export function columnBuffers(c: SegmentColumns): ArrayBuffer[] {
  // The arrays share a buffer (a transfer list names each buffer once).
  const buffers = new Set([c.offsets, c.lengths, c.times, c.levels, c.lines, c.loggers, c.formats].map((a) => a.buffer));
  return [...buffers].filter((b): b is ArrayBuffer => !(b instanceof SharedArrayBuffer));
}

/** Columns no longer read (the store copied them): the thread that made them may reuse their buffer. Safe from any thread. */
export function releaseColumns(c: Pick<SegmentColumns, 'offsets'>): void {
  releaseSharedBuffer(new Uint8Array(c.offsets.buffer, c.offsets.byteOffset, 0));
}
