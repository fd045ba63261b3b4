import { makeLine, type Line, type LineTaker } from '../lines/line-splitter.js';
import type { Level } from '../model/level.js';
import { SEAM_FIELDS as F, SEAM_HOUR, SEAM_LEVEL, SEAM_LINE, SEAM_LOGGER_END, SEAM_LOGGER_HASH, SEAM_LOGGER_START, SEAM_MS, SEAM_START, type Format, type SeamRunner } from './head.js';
import { localHourEpochOfKey, localIsoTimeBytes } from './time.js';

/** Where the index's records go as columns (ColumnSink), when the skim reads them itself. */
export interface ColumnRows {
  addColumns(offset: number, length: number, time: number, level: Level, line: number, logger: string, format: string): void;
}

/**
 * Print output that is a record's bytes: a record the skim took at or above
 * the floor is written as bytes [start, end) of `b` (in parts, in order),
 * with no Line, head or record made. Only for output where every such record
 * passes and shows as its raw bytes (`-o raw` with a level filter alone).
 */
export type KeptBytes = (b: Uint8Array, start: number, end: number) => void;

/** How a skim works with the parse it runs beside (RecordParser). */
export interface SkimHooks {
  /** The parse: lines in order. */
  parse: (line: Line) => void;
  /** What a seam line does to the record before it (it ends), for a seam not parsed. */
  endRecord: () => void;
  /** Whether the parse is in the state a seam line leaves (RecordParser.settledOn). */
  settled: () => boolean;
  /** No format the parse tries reads this line as a head (FormatDetector.readsNoHead). */
  readsNoHead: (text: string) => boolean;
  /** A seam line was taken here (segment-parse.ts notes seams to join at). */
  onSeam?: ((offset: number, lineNo: number) => void) | undefined;
  /** With onSeam: the source offset from which onSeam wants seams again (runs stop there). */
  seamsFrom?: (() => number) | undefined;
  /** Print: records at or above the floor go out as their bytes. */
  keep?: KeptBytes | undefined;
}

/** A line held as its bytes (not made a Line unless it must be parsed after all). */
interface HeldBytes {
  chunk: Buffer;
  start: number;
  textEnd: number;
  end: number;
  lineNo: number;
  offset: number;
}

const CR = 0x0d;

/**
 * Records read from bytes without parsing them, where a sure answer is cheap.
 * A line the source's format surely reads as a seam (a head every reader
 * starts a record at, seams.ts) starts a record that is the line and the
 * indented lines after it (and a traceback's lines, where the format can tell
 * them: Format.traceback). Three uses:
 * - print mode's `-l error`: such a record below the level floor cannot pass,
 *   and is dropped before its lines become strings, heads or records;
 * - and with `-o raw` and no other filter (KeptBytes), one at or above the
 *   floor is written out as its bytes (with no floor at all, every record:
 *   printing a whole file raw parses next to nothing);
 * - the index of a big file (ColumnRows): such a record's columns (offset,
 *   length, time, level, line, logger) come from the seam's bytes, with no
 *   Line, head or record made.
 *
 * It gives exactly the records a full parse gives:
 * - it takes a seam only from a settled parser (the state a seam leaves),
 *   ending the record before as the seam would; a taken record leaves the
 *   parser settled, as the parse would;
 * - taken lines are held until the next sure seam: when a line that is
 *   neither indented nor a sure seam comes first (a traceback's last line, a
 *   head of another shape, an empty line), the held lines are parsed after all.
 * `Format.sureSeamLevel` answers for the format; formats without it are never skimmed.
 */
export class LevelSkim implements LineTaker {
  /**
   * The taken record's lines, its seam first: the first `count` entries.
   * Entries past it are spare HeldBytes, reused (no garbage per taken line).
   */
  private held: Array<Line | HeldBytes> = [];
  private count = 0;
  /** take() declined the line the splitter is about to push: parse it as it is. */
  private passNext = false;
  /** The held record, for ColumnRows: its level, time, logger, and where its last line ends. */
  private heldLevel: Level = 0;
  private heldTime = NaN;
  private heldLogger = '';
  private heldEnd = 0;
  /** The held record is in a traceback (the assembler's inTraceback for its lines). */
  private heldTraceback = false;
  /** Whether Format.traceback's answers count (its opening line is no head): undefined until first needed. */
  private tracebacks: boolean | undefined;
  private readonly traceback: Format['traceback'];
  private readonly parse: (line: Line) => void;
  private readonly endRecord: () => void;
  private readonly settled: () => boolean;
  private readonly readsNoHead: (text: string) => boolean;
  private readonly onSeam: SkimHooks['onSeam'];
  private readonly seamsFrom: SkimHooks['seamsFrom'];
  private readonly keep: KeptBytes | undefined;
  /** The floor the runner takes seams below: every seam when records at or above the floor are taken too. */
  private readonly runFloor: number;
  /** The format's sure seams are whole records (Format.seamIsRecord). */
  private readonly whole: boolean;

  private constructor(
    private readonly format: Format,
    private readonly sure: (bytes: Uint8Array, start: number, end: number) => Level | undefined,
    /** Records with a level below this never pass the filter (RecordFilter.levelFloor); Infinity with rows: take every sure seam. */
    private readonly floor: number,
    /** Where taken records go; undefined: they are dropped (or kept, hooks.keep). */
    private readonly rows: ColumnRows | undefined,
    hooks: SkimHooks,
  ) {
    this.whole = format.seamIsRecord === true;
    this.parse = hooks.parse;
    this.endRecord = hooks.endRecord;
    this.settled = hooks.settled;
    this.readsNoHead = hooks.readsNoHead;
    const onSeam = (this.onSeam = hooks.onSeam);
    const seamsFrom = (this.seamsFrom = hooks.seamsFrom);
    this.keep = hooks.keep;
    this.traceback = format.traceback;
    // Infinity (take every seam) is no 32-bit integer.
    this.runFloor = this.keep !== undefined ? 0x3fffffff : Math.min(floor, 0x3fffffff);
    const runner = this.whole ? undefined : format.seamRunner?.();
    if (runner !== undefined && (onSeam === undefined || seamsFrom !== undefined)) {
      this.runner = runner;
      this.takeRun = this.run;
      this.newChunk = () => runner.forget();
    }
  }

  private readonly runner: SeamRunner | undefined;
  /** LineTaker's run of lines (when the format has a runner). */
  readonly takeRun?: (chunk: Buffer, start: number, lineNo: number, offset: number, maxLine: number) => number;
  readonly newChunk?: () => void;
  /** Lines the last takeRun took. */
  runLines = 0;

  /** A skim for `home` (rows: the index's; else dropping below floor, or keeping bytes), or undefined when it cannot skim or there is nothing to skip. */
  static for(home: Format | undefined, floor: Level | undefined, rows: ColumnRows | undefined, hooks: SkimHooks): LevelSkim | undefined {
    if (home?.sureSeamLevel === undefined) return undefined;
    if (rows !== undefined) {
      if (home.seamSpans === undefined || home.seamIsRecord === true) return undefined;
      return new LevelSkim(home, home.sureSeamLevel.bind(home), Infinity, rows, { ...hooks, keep: undefined });
    }
    // No floor: nothing is dropped, so only kept bytes (every record raw) make skimming worth it.
    if (floor === undefined || (floor <= 0 && hooks.keep === undefined)) return undefined;
    return new LevelSkim(home, home.sureSeamLevel.bind(home), floor, undefined, hooks);
  }

  /**
   * The held record is complete: its columns out (rows), its bytes (kept),
   * or nothing (dropped). `rest` ends a run's lines that joined it unheld:
   * bytes [restFrom, restTo) of `rest`.
   */
  private complete(rest?: Buffer, restFrom = 0, restTo = 0): void {
    if (this.rows !== undefined) {
      const first = this.held[0]!;
      this.rows.addColumns(first.offset, this.heldEnd - first.offset, this.heldTime, this.heldLevel, first.lineNo, this.heldLogger, this.format.name);
    } else if (this.keep !== undefined && this.heldLevel >= this.floor) {
      this.writeHeld(this.keep);
      if (rest !== undefined && restTo > restFrom) this.keep(rest, restFrom, restTo);
    }
    this.count = 0;
    this.heldTraceback = false;
  }

  /** The held lines' bytes, runs of one chunk written at once. */
  private writeHeld(keep: KeptBytes): void {
    let b: Uint8Array | undefined;
    let from = 0;
    let to = 0;
    for (let k = 0; k < this.count; k++) {
      const h = this.held[k]!;
      const hb = 'text' in h ? h.raw : h.chunk;
      const hs = 'text' in h ? 0 : h.start;
      const he = 'text' in h ? h.raw.length : h.end;
      if (hb === b && hs === to) {
        to = he;
        continue;
      }
      if (b !== undefined) keep(b, from, to);
      b = hb;
      from = hs;
      to = he;
    }
    if (b !== undefined) keep(b, from, to);
  }

  /** Whether the format's traceback answers count: its opening line is no format's head (asked once). */
  private followsTracebacks(): boolean {
    return (this.tracebacks ??= this.traceback !== undefined && this.readsNoHead(this.traceback.opener));
  }

  /** A sure seam of this level at b[start..] is taken: note what its columns need. */
  private begin(b: Buffer, start: number, level: Level, offset: number, lineNo: number): void {
    this.onSeam?.(offset, lineNo);
    this.heldLevel = level;
    this.heldTraceback = false;
    if (this.rows === undefined) return;
    const spans = this.format.seamSpans!;
    // The head parser's reading of the time (isoTimeAt on the text), from the bytes.
    this.heldTime = localIsoTimeBytes(b, start, spans.timeEnd);
    this.heldLogger = this.loggerName(b, spans.loggerStart, spans.loggerEnd);
  }

  /** Seam k's time, as localIsoTimeBytes reads it (the same additions, in the same order). */
  private seamTime(r: SeamRunner, k: number): number {
    const s = k * F;
    return localHourEpochOfKey(r.seam[s + SEAM_HOUR]!) + r.seam[s + SEAM_MS]! + r.fraction[k]!;
  }

  /** Logger names by the runner's hash of their bytes (the bytes compared: a hash may collide). */
  private readonly byHash = new Map<number, { bytes: Buffer; name: string }>();

  private seamLogger(b: Buffer, seam: Int32Array, s: number): string {
    const start = seam[s + SEAM_LOGGER_START]!;
    const end = seam[s + SEAM_LOGGER_END]!;
    const hash = seam[s + SEAM_LOGGER_HASH]!;
    const known = this.byHash.get(hash);
    if (known !== undefined && spells(known.bytes, b, start, end)) return known.name;
    const name = this.loggerName(b, start, end);
    if (this.byHash.size > 4096) this.byHash.clear();
    this.byHash.set(hash, { bytes: Buffer.from(b.subarray(start, end)), name });
    return name;
  }

  /** The few logger names seen last (as bytes): a log cycles among a handful, and no string is made for them. */
  private readonly recent: Array<{ bytes: Buffer; name: string }> = [];

  private loggerName(b: Buffer, start: number, end: number): string {
    const recent = this.recent;
    for (let k = 0; k < recent.length; k++) {
      const r = recent[k]!;
      if (spells(r.bytes, b, start, end)) return r.name;
    }
    const name = b.toString('latin1', start, end);
    recent.unshift({ bytes: Buffer.from(b.subarray(start, end)), name });
    if (recent.length > 16) recent.pop();
    return name;
  }

  /** Whether to take the line with text bytes [start, end): parses the held lines when it must. */
  private takes(b: Buffer, start: number, end: number, offset: number, lineNo: number): boolean {
    if (this.count > 0) {
      const c = b[start];
      // Indented (and not empty): the held record goes on; no format's head starts blank.
      if (start < end && (c === 32 || c === 9)) return true;
      const level = this.sure(b, start, end);
      if (level === undefined) {
        if (start < end && this.followsTracebacks()) {
          const inTraceback = this.traceback!.step(b, start, end, this.heldTraceback);
          if (inTraceback !== undefined) {
            this.heldTraceback = inTraceback;
            return true;
          }
        }
        // Not sure what this line does to the record before it: parse it all.
        const n = this.count;
        this.count = 0;
        this.heldTraceback = false;
        for (let k = 0; k < n; k++) {
          const h = this.held[k]!;
          this.parse('text' in h ? h : makeLine(h.chunk.subarray(h.start, h.end), h.textEnd - h.start, h.lineNo, h.offset));
        }
        return false;
      }
      // The held record is complete; the parser is still as it left it.
      this.complete();
      if (level >= this.floor && this.keep === undefined) return false;
      this.begin(b, start, level, offset, lineNo);
      return true;
    }
    if (!this.settled()) return false;
    const level = this.sure(b, start, end);
    if (level === undefined || (level >= this.floor && this.keep === undefined)) return false;
    this.endRecord();
    this.begin(b, start, level, offset, lineNo);
    return true;
  }

  take(chunk: Buffer, start: number, textEnd: number, end: number, lineNo: number, offset: number): boolean {
    let e = textEnd;
    if (e > start && chunk[e - 1] === CR) e--;
    if (this.takes(chunk, start, e, offset, lineNo)) {
      // A whole record (JSON): nothing after it joins it, so nothing is held.
      if (this.whole) {
        if (this.keep !== undefined && this.heldLevel >= this.floor) this.keep(chunk, start, end);
        return true;
      }
      this.hold(chunk, start, textEnd, end, lineNo, offset);
      return true;
    }
    this.passNext = true;
    return false;
  }

  /** The line at chunk[start, end) joins the held record. */
  private hold(chunk: Buffer, start: number, textEnd: number, end: number, lineNo: number, offset: number): void {
    const spare = this.held[this.count];
    if (spare !== undefined && !('text' in spare)) {
      spare.chunk = chunk;
      spare.start = start;
      spare.textEnd = textEnd;
      spare.end = end;
      spare.lineNo = lineNo;
      spare.offset = offset;
    } else this.held[this.count] = { chunk, start, textEnd, end, lineNo, offset };
    this.count++;
    this.heldEnd = offset + (end - start);
  }

  /**
   * takeRun: what take() would do line by line, by the format's runner. The
   * runner does not call onSeam, so a run stops where onSeam wants seams again,
   * and it does not ask settled(), so a run starts only holding a record or
   * from a settled parser (a seam it takes leaves a held record).
   */
  private readonly run = (chunk: Buffer, start: number, lineNo: number, offset: number, maxLine: number): number => {
    const holding = this.count > 0;
    if (!holding && !this.settled()) return start;
    let limit = chunk.length;
    if (this.seamsFrom !== undefined) limit = Math.min(limit, start + Math.max(0, this.seamsFrom() - offset));
    const r = this.runner!;
    r.inTraceback = this.heldTraceback;
    const to = r.run(chunk, start, limit, holding, this.runFloor, maxLine, this.rows !== undefined, this.tracebacks === true);
    if (to === start) return start;
    const inTraceback = r.inTraceback;
    this.runLines = r.lines;
    let from = start;
    let fromLine = lineNo;
    const n = r.seams;
    if (n > 0) {
      const seam = r.seam;
      // The first seam ends the record before: the one held (complete), or the parser's (endRecord).
      // The run's lines before its first seam joined the held record.
      if (holding) {
        this.heldEnd = offset + (seam[SEAM_START]! - start);
        this.complete(chunk, start, seam[SEAM_START]!);
      } else this.endRecord();
      // Every seam but the last starts a record the next one ends.
      const rows = this.rows;
      if (rows !== undefined) {
        const name = this.format.name;
        for (let k = 0, s = 0; k + 1 < n; k++, s += F) {
          const p = seam[s + SEAM_START]!;
          rows.addColumns(offset + (p - start), seam[s + F + SEAM_START]! - p, this.seamTime(r, k), seam[s + SEAM_LEVEL] as Level, lineNo + seam[s + SEAM_LINE]!, this.seamLogger(chunk, seam, s), name);
        }
      } else if (this.keep !== undefined) {
        // Kept records that follow each other go out as one run of bytes (with
        // no floor, the whole run at once), not a copy per record.
        const floor = this.floor;
        let from = 0;
        let to = 0;
        for (let s = 0; s + F < n * F; s += F) {
          if (seam[s + SEAM_LEVEL]! < floor) continue;
          const at = seam[s + SEAM_START]!;
          if (at !== to) {
            if (to > from) this.keep(chunk, from, to);
            from = at;
          }
          to = seam[s + F + SEAM_START]!;
        }
        if (to > from) this.keep(chunk, from, to);
      }
      // The last one's record is held now, as begin() leaves it.
      const last = (n - 1) * F;
      from = seam[last + SEAM_START]!;
      fromLine = lineNo + seam[last + SEAM_LINE]!;
      this.count = 0;
      this.heldLevel = seam[last + SEAM_LEVEL] as Level;
      if (rows !== undefined) {
        this.heldTime = this.seamTime(r, n - 1);
        this.heldLogger = this.seamLogger(chunk, seam, last);
      }
    }
    this.heldTraceback = inTraceback;
    for (let p = from, k = fromLine; p < to; k++) {
      const nl = chunk.indexOf(10, p);
      this.hold(chunk, p, nl, nl + 1, k, offset + (p - start));
      p = nl + 1;
    }
    return to;
  };

  /** A line made by the splitter: one take() declined, or one it never offered (carried across chunks, cut). */
  readonly push = (line: Line): void => {
    if (this.passNext) {
      this.passNext = false;
      this.parse(line);
      return;
    }
    let e = line.raw.length;
    if (e > 0 && line.raw[e - 1] === 10) e--;
    if (e > 0 && line.raw[e - 1] === CR) e--;
    // A cut line's text is not its bytes (a whole record's reading needs all of them).
    if (line.cut && this.whole) this.parse(line);
    else if (this.takes(line.raw, 0, e, line.offset, line.lineNo)) {
      if (this.whole) {
        if (this.keep !== undefined && this.heldLevel >= this.floor) this.keep(line.raw, 0, line.raw.length);
        return;
      }
      this.held[this.count++] = line;
      this.heldEnd = line.offset + line.raw.length;
    } else this.parse(line);
  };

  /** Byte offset of the first line held, or undefined. */
  heldFrom(): number | undefined {
    return this.count > 0 ? this.held[0]!.offset : undefined;
  }

  /** End of input: a record still held is complete. */
  flush(): void {
    if (this.count > 0) this.complete();
    // Spare entries would keep their chunks alive.
    this.held = [];
  }
}

/** Whether b[start, end) are the bytes of `name`. */
function spells(name: Buffer, b: Buffer, start: number, end: number): boolean {
  const n = end - start;
  if (name.length !== n) return false;
  let j = 0;
  while (j < n && name[j] === b[start + j]) j++;
  return j === n;
}
