import type { Level } from '../model/level.js';
import type { LogRecord } from '../model/record.js';
import { parseBuffer } from '../parse/record-stream.js';
import { LoggerTree } from './logger-tree.js';
import { RawArena } from './raw-arena.js';

function grow<T extends Float64Array | Uint32Array | Int32Array | Uint16Array | Uint8Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/**
 * Records in arrival order, as typed-array columns plus raw bytes in an arena;
 * no JS object is kept per record. `get(i)` rebuilds a full record by parsing
 * its raw lines again, which is cheap for the handful of rows on screen.
 * `version` increases on every change so a UI can subscribe
 * (useSyncExternalStore).
 */
export class RecordStore {
  readonly loggers = new LoggerTree();
  private readonly arena = new RawArena();
  private cap = 0;
  private n = 0;
  private times = new Float64Array(0);
  private levels = new Uint8Array(0);
  private loggerIds = new Uint32Array(0);
  private sourceIds = new Uint16Array(0);
  private lines = new Uint32Array(0);
  private offsets = new Float64Array(0);
  private rawPage = new Int32Array(0);
  private rawOff = new Uint32Array(0);
  private rawLen = new Uint32Array(0);
  /** Index into formatNames: get(i) re-parses a record with the format that produced it. */
  private formatIds = new Uint8Array(0);
  private readonly formatNames: string[] = [];
  private readonly formatIndex = new Map<string, number>();
  private readonly levelCounts = new Uint32Array(8);
  private listeners = new Set<() => void>();
  version = 0;

  constructor(initialCapacity = 1024) {
    this.ensure(initialCapacity);
  }

  get size(): number {
    return this.n;
  }

  countOfLevel(level: Level): number {
    return this.levelCounts[level]!;
  }

  private ensure(want: number): void {
    if (want <= this.cap) return;
    const cap = Math.max(want, this.cap * 2, 1024);
    this.times = grow(this.times, cap);
    this.levels = grow(this.levels, cap);
    this.loggerIds = grow(this.loggerIds, cap);
    this.sourceIds = grow(this.sourceIds, cap);
    this.lines = grow(this.lines, cap);
    this.offsets = grow(this.offsets, cap);
    this.rawPage = grow(this.rawPage, cap);
    this.rawOff = grow(this.rawOff, cap);
    this.rawLen = grow(this.rawLen, cap);
    this.formatIds = grow(this.formatIds, cap);
    this.cap = cap;
  }

  /** Append records; listeners hear once per call. */
  append(records: readonly LogRecord[]): void {
    if (records.length === 0) return;
    this.ensure(this.n + records.length);
    const lengths: number[] = new Array<number>(records.length);
    const raws: Buffer[][] = new Array<Buffer[]>(records.length);
    for (let k = 0; k < records.length; k++) {
      const r = records[k]!;
      let len = 0;
      for (const b of r.raw) len += b.length;
      lengths[k] = len;
      raws[k] = r.raw;
    }
    const places: number[] = [];
    this.arena.appendMany(raws, lengths, places);
    for (let k = 0; k < records.length; k++) {
      const r = records[k]!;
      const i = this.n++;
      this.times[i] = r.time;
      this.levels[i] = r.level;
      const lid = this.loggers.intern(r.logger);
      this.loggerIds[i] = lid;
      this.loggers.count(lid);
      this.levelCounts[r.level]!++;
      this.sourceIds[i] = r.sourceId;
      this.lines[i] = r.line;
      this.offsets[i] = r.offset;
      this.formatIds[i] = this.formatId(r.format);
      this.rawPage[i] = places[2 * k]!;
      this.rawOff[i] = places[2 * k + 1]!;
      this.rawLen[i] = lengths[k]!;
    }
    this.version++;
    for (const l of this.listeners) l();
  }

  private formatId(name: string): number {
    let id = this.formatIndex.get(name);
    if (id === undefined) {
      id = this.formatNames.length;
      this.formatNames.push(name);
      this.formatIndex.set(name, id);
    }
    return id;
  }

  /** Name of the format that recognised record i. */
  format(i: number): string {
    return this.formatNames[this.formatIds[i]!]!;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  time(i: number): number {
    return this.times[i]!;
  }
  level(i: number): Level {
    return this.levels[i] as Level;
  }
  loggerId(i: number): number {
    return this.loggerIds[i]!;
  }
  logger(i: number): string {
    return this.loggers.name(this.loggerIds[i]!);
  }
  sourceId(i: number): number {
    return this.sourceIds[i]!;
  }
  line(i: number): number {
    return this.lines[i]!;
  }

  /** The record's original bytes. */
  raw(i: number): Buffer {
    return this.arena.get(this.rawPage[i]!, this.rawOff[i]!, this.rawLen[i]!);
  }

  /** The record's original text (decoded), for searching. */
  rawText(i: number): string {
    return this.raw(i).toString('utf8');
  }

  /** Rebuild the full record from its raw lines. */
  get(i: number): LogRecord {
    const raw = this.raw(i);
    const format = this.format(i);
    const parsed = parseBuffer(raw, this.sourceIds[i]!, { format });
    const first = parsed[0];
    const rec: LogRecord = first ?? {
      sourceId: this.sourceIds[i]!,
      line: 0,
      offset: 0,
      time: NaN,
      level: 0,
      logger: '',
      message: '',
      body: [],
      raw: [],
      format,
    };
    // Re-parsing a record alone should give that one record; if context made it
    // differ, keep every line rather than lose any.
    for (let k = 1; k < parsed.length; k++) {
      const p = parsed[k]!;
      rec.body.push(p.message, ...p.body);
    }
    rec.line = this.lines[i]!;
    rec.offset = this.offsets[i]!;
    rec.time = this.times[i]!;
    rec.level = this.levels[i] as Level;
    rec.logger = this.logger(i);
    rec.raw = [raw];
    return rec;
  }
}
