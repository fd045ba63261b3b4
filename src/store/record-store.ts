import type { Level } from '../model/level.js';
import type { LogRecord } from '../model/record.js';
import { parseBuffer } from '../parse/record-stream.js';
import type { BorrowedRange, ColumnsPart } from '../model/record-columns.js';
import { runIndex, type PartRun } from '../model/part-runs.js';
import { Columns } from './columns.js';
import { LoggerTree } from './logger-tree.js';
import { Spool } from './spool.js';

/** Background indexing of a big source: bytes done of bytes to do. */
export interface IndexProgress {
  /** Bytes indexed so far. */
  done: number;
  /** Bytes to index in all. */
  total: number;
}

/**
 * Records as columns (19 bytes a record) plus their raw bytes in an on-disk
 * spool; no JS object is kept per record. A record's index is its arrival
 * number and never changes, so caches keyed by it stay valid. `get(i)`
 * rebuilds a full record by parsing its raw lines again, which is cheap for
 * the handful of rows on screen. `version` increases on every change so a UI
 * can subscribe (useSyncExternalStore).
 *
 * Order: records normally arrive at the end (`append`, the back part). When a
 * big file opens at its tail, the tail and what follows go to the back and
 * the background index of the file's start goes to the front part
 * (`insertFront`), shown before every back record; `runs()` says which
 * records are which. Back line numbers become known when the front is
 * complete (`completeFront`).
 */
export class RecordStore {
  readonly loggers = new LoggerTree();
  private readonly spool: Spool;
  private readonly cols = new Columns();
  private readonly partRuns: PartRun[] = [];
  private frontCount = 0;
  /** Added to back records' line column; undefined while the front is being indexed. */
  private backLineBase: number | undefined = 0;
  private readonly formatNames: string[] = [];
  private readonly formatIndex = new Map<string, number>();
  private readonly levelCounts = new Uint32Array(8);
  private listeners = new Set<() => void>();
  /** Set by the ingest wiring while a big source is indexed in the background. */
  progress: IndexProgress | undefined;
  version = 0;

  constructor(spool: Spool = new Spool()) {
    this.spool = spool;
  }

  get size(): number {
    return this.cols.size;
  }

  /** Records in the front part. */
  get frontSize(): number {
    return this.frontCount;
  }

  /** Which records belong to which part, in index order. */
  runs(): readonly PartRun[] {
    return this.partRuns;
  }

  /** True when record i is in the front part. */
  isFront(i: number): boolean {
    if (this.frontCount === 0) return false;
    return this.partRuns[runIndex(this.partRuns, i)]!.front;
  }

  countOfLevel(level: Level): number {
    return this.levelCounts[level]!;
  }

  /** Append records at the end; listeners hear once per call. */
  append(records: readonly LogRecord[]): void {
    this.add(records, false);
  }

  /**
   * A live source's last record grew (its unterminated last line got more
   * bytes): the newest record of that source takes the new version, keeping
   * its index. Returns that index, or undefined when there is none to replace.
   */
  replaceLast(r: LogRecord): number | undefined {
    // The newest record of the source: at the end unless other sources appended since.
    let i = this.cols.size - 1;
    for (let k = 0; i >= 0 && this.cols.sourceId(i) !== r.sourceId && k < 4096; k++) i--;
    if (i < 0 || this.cols.sourceId(i) !== r.sourceId) return undefined;
    this.loggers.uncount(this.cols.loggerId(i));
    this.levelCounts[this.cols.level(i)]!--;
    let length = 0;
    for (const b of r.raw) length += b.length;
    const lid = this.loggers.intern(r.logger);
    this.tally(lid, r.level);
    this.cols.set(i, {
      time: r.time,
      level: r.level,
      formatId: this.formatId(r.format),
      sourceId: r.sourceId,
      loggerId: lid,
      line: this.cols.line(i),
      spoolOffset: this.spool.append(r.raw),
      length,
    });
    this.changed();
    return i;
  }

  /**
   * Records of a file's start while its tail shows: in order after the front
   * records added so far, before every back record.
   */
  insertFront(records: readonly LogRecord[]): void {
    this.frontCount += records.length;
    this.add(records, true);
  }

  /**
   * Columns of a file's start from worker threads (see insertFront): records
   * [from, to) of a segment, their bytes contiguous in `raw`.
   */
  insertFrontColumns(part: ColumnsPart): void {
    const c = part.columns;
    const n = part.to - part.from;
    if (n <= 0) return;
    // Name tables are the segment's own: map them once, not per record.
    const loggerIds = c.loggerNames.map((name) => this.loggers.intern(name));
    const formatIds = c.formatNames.map((name) => this.formatId(name));
    let base = 0;
    if ('raw' in part.bytes) base = this.spool.append([part.bytes.raw]) - c.offsets[part.from]!;
    else base = part.bytes.spoolBase;
    // Counted per logger, then added to the tree once each (not a walk up it per record).
    const perLogger = new Uint32Array(loggerIds.length);
    const { loggers, levels } = c;
    for (let j = part.from; j < part.to; j++) {
      perLogger[loggers[j]!]!++;
      this.levelCounts[levels[j]!]!++;
    }
    for (let k = 0; k < perLogger.length; k++) if (perLogger[k]! > 0) this.loggers.count(loggerIds[k]!, perLogger[k]!);
    const start = this.cols.size;
    this.cols.pushRun({ columns: c, from: part.from, to: part.to, loggerIds, formatIds, sourceId: 0, lineBase: part.lineBase, spoolBase: base });
    this.frontCount += n;
    this.addRun(start, true);
    this.changed();
  }

  /** Spool space for a file's start, read from the file (open as `fd`) until copied in (Spool.borrow). */
  borrowSpool(length: number, fd: number): BorrowedRange | undefined {
    return this.spool.borrow(length, fd);
  }

  /** A borrowed range's first `upTo` bytes are in the spool now (Spool.copied). */
  spoolCopied(base: number, upTo: number): void {
    this.spool.copied(base, upTo);
  }

  /** Back records from now on come from a file's tail: their line numbers count from its start until completeFront(). */
  beginTail(): void {
    this.backLineBase = undefined;
  }

  /** The front is complete: it holds `lines` lines, so back line numbers are known. */
  completeFront(lines: number): void {
    this.backLineBase = lines;
    this.progress = undefined;
    this.changed();
  }

  private add(records: readonly LogRecord[], front: boolean): void {
    if (records.length === 0) return;
    const start = this.cols.size;
    for (let k = 0; k < records.length; k++) {
      const r = records[k]!;
      let length = 0;
      for (const b of r.raw) length += b.length;
      const lid = this.loggers.intern(r.logger);
      this.tally(lid, r.level);
      this.cols.push({
        time: r.time,
        level: r.level,
        formatId: this.formatId(r.format),
        sourceId: r.sourceId,
        loggerId: lid,
        line: r.line,
        spoolOffset: this.spool.append(r.raw),
        length,
      });
    }
    this.addRun(start, front);
    this.changed();
  }

  /** Records [start, size) joined the given part. */
  private addRun(start: number, front: boolean): void {
    const last = this.partRuns[this.partRuns.length - 1];
    if (last && last.front === front) last.end = this.cols.size;
    else this.partRuns.push({ start, end: this.cols.size, front });
  }

  /** One more record of this logger and level (the tree's and the level counts). */
  private tally(loggerId: number, level: Level): void {
    this.loggers.count(loggerId);
    this.levelCounts[level]!++;
  }

  /** Tell subscribers (after appends, and when progress changes). */
  changed(): void {
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

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Name of the format that recognised record i. */
  format(i: number): string {
    return this.formatNames[this.cols.formatId(i)]!;
  }
  time(i: number): number {
    return this.cols.time(i);
  }
  level(i: number): Level {
    return this.cols.level(i);
  }
  loggerId(i: number): number {
    return this.cols.loggerId(i);
  }
  logger(i: number): string {
    return this.loggers.name(this.cols.loggerId(i));
  }
  sourceId(i: number): number {
    return this.cols.sourceId(i);
  }
  /** 1-based line number of the record's first line; 0 while not yet known (a tail shown before its file is indexed). */
  line(i: number): number {
    const l = this.cols.line(i);
    // 0: no tail-first open, back lines are absolute.
    if (this.backLineBase === 0 || this.isFront(i)) return l;
    return this.backLineBase === undefined ? 0 : l + this.backLineBase;
  }

  /** The record's original bytes. */
  raw(i: number): Buffer {
    return this.spool.read(this.cols.spoolOffset(i), this.cols.length(i));
  }
  /** The record's original text (decoded), for searching. */
  rawText(i: number): string {
    return this.raw(i).toString('utf8');
  }

  /** Rebuild the full record from its raw lines. */
  get(i: number): LogRecord {
    const raw = this.raw(i);
    const format = this.format(i);
    const sourceId = this.sourceId(i);
    const parsed = parseBuffer(raw, sourceId, { format });
    const first = parsed[0];
    const rec: LogRecord = first ?? { sourceId, line: 0, offset: 0, time: NaN, level: 0, logger: '', message: '', body: [], raw: [], format };
    // Re-parsing a record alone should give that one record; if context made it
    // differ, keep every line rather than lose any.
    for (let k = 1; k < parsed.length; k++) {
      const p = parsed[k]!;
      rec.body.push(p.message, ...p.body);
    }
    // The columns hold what the record was read as in its context; the
    // re-parse keeps sub-millisecond time when it agrees.
    const t = this.time(i);
    if (Number.isNaN(t) !== Number.isNaN(rec.time) || Math.abs(Math.round(rec.time) - t) >= 1) rec.time = t;
    rec.line = this.line(i);
    rec.level = this.level(i);
    rec.logger = this.logger(i);
    rec.raw = [raw];
    // The store keeps no source offsets (19 bytes a record): the spool has the bytes.
    rec.offset = NaN;
    return rec;
  }

  /** Release the spool file. */
  close(): void {
    this.spool.close();
  }
}
