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
  private cap = 4096;
  private offsets = new Float64Array(this.cap);
  private lengths = new Uint32Array(this.cap);
  private times = new Float64Array(this.cap);
  private levels = new Uint8Array(this.cap);
  private lines = new Uint32Array(this.cap);
  private loggers = new Uint32Array(this.cap);
  private formats = new Uint8Array(this.cap);
  private readonly loggerIds = new Map<string, number>();
  private readonly loggerNames: string[] = [];
  private readonly formatIds = new Map<string, number>();
  private readonly formatNames: string[] = [];
  private lastLogger = '';
  private lastLoggerId = -1;

  get size(): number {
    return this.n;
  }

  add(r: LogRecord): void {
    if (this.n === this.cap) this.grow();
    const i = this.n++;
    let length = 0;
    for (const b of r.raw) length += b.length;
    this.offsets[i] = r.offset;
    this.lengths[i] = length;
    this.times[i] = r.time;
    this.levels[i] = r.level;
    this.lines[i] = r.line;
    this.loggers[i] = this.loggerId(r.logger);
    let f = this.formatIds.get(r.format);
    if (f === undefined) {
      f = this.formatNames.length;
      this.formatNames.push(r.format);
      this.formatIds.set(r.format, f);
    }
    this.formats[i] = f;
  }

  private loggerId(name: string): number {
    // Runs of one logger are common: skip the map for them.
    if (name === this.lastLogger && this.lastLoggerId >= 0) return this.lastLoggerId;
    let id = this.loggerIds.get(name);
    if (id === undefined) {
      id = this.loggerNames.length;
      this.loggerNames.push(name);
      this.loggerIds.set(name, id);
    }
    this.lastLogger = name;
    this.lastLoggerId = id;
    return id;
  }

  private grow(): void {
    this.cap *= 2;
    this.offsets = grown(this.offsets, this.cap);
    this.lengths = grown(this.lengths, this.cap);
    this.times = grown(this.times, this.cap);
    this.levels = grown(this.levels, this.cap);
    this.lines = grown(this.lines, this.cap);
    this.loggers = grown(this.loggers, this.cap);
    this.formats = grown(this.formats, this.cap);
  }

  finish(): SegmentColumns {
    const n = this.n;
    return {
      count: n,
      offsets: this.offsets.slice(0, n),
      lengths: this.lengths.slice(0, n),
      times: this.times.slice(0, n),
      levels: this.levels.slice(0, n),
      lines: this.lines.slice(0, n),
      loggers: this.loggers.slice(0, n),
      loggerNames: this.loggerNames,
      formats: this.formats.slice(0, n),
      formatNames: this.formatNames,
    };
  }
}

/** The typed arrays of SegmentColumns, to transfer between threads. */
export function columnBuffers(c: SegmentColumns): ArrayBuffer[] {
  return [c.offsets, c.lengths, c.times, c.levels, c.lines, c.loggers, c.formats].map((a) => a.buffer as ArrayBuffer);
}
