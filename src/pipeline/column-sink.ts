import type { Level } from '../model/level.js';
import type { LogRecord } from '../model/record.js';
import type { SegmentColumns } from '../model/record-columns.js';
import type { SegmentSink } from './segment-parse.js';

function grown<T extends Float64Array | Uint32Array | Uint8Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

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
    this.offsets = new Float64Array(this.cap);
    this.lengths = new Uint32Array(this.cap);
    this.times = new Float64Array(this.cap);
    this.levels = new Uint8Array(this.cap);
    this.lines = new Uint32Array(this.cap);
    this.loggers = new Uint32Array(this.cap);
    this.formats = new Uint8Array(this.cap);
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
    this.offsets = grown(this.offsets, this.cap);
    this.lengths = grown(this.lengths, this.cap);
    this.times = grown(this.times, this.cap);
    this.levels = grown(this.levels, this.cap);
    this.lines = grown(this.lines, this.cap);
    this.loggers = grown(this.loggers, this.cap);
    this.formats = grown(this.formats, this.cap);
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

/** The typed arrays of SegmentColumns, to transfer between threads. */
export function columnBuffers(c: SegmentColumns): ArrayBuffer[] {
  return [c.offsets, c.lengths, c.times, c.levels, c.lines, c.loggers, c.formats].map((a) => a.buffer as ArrayBuffer);
}
