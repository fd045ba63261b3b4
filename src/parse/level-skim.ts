import { makeLine, type Line, type LineTaker } from '../lines/line-splitter.js';
import type { Level } from '../model/level.js';
import type { Format } from './head.js';

/**
 * Print mode's `-l error` drops most records of a log. The skim drops them
 * before they are parsed, most before they are even lines: a line the
 * source's format surely reads as a seam (a head every reader starts a
 * record at, seams.ts) below the level floor starts a record no filter lets
 * through, and that record is the line and the indented lines after it.
 * Those lines never become strings, heads or records; only what may pass is
 * parsed.
 *
 * It gives exactly the records a full parse keeps:
 * - it drops only from a settled parser (the state a seam leaves), ending
 *   the record before as the seam would; a dropped record leaves the parser
 *   settled, as the parse would;
 * - dropped lines are held until the next sure seam: when a line that is
 *   neither indented nor a sure seam comes first (a traceback's last line, a
 *   head of another shape, an empty line), the held lines are parsed after all.
 * `Format.sureSeamLevel` answers for the format; formats without it are never skimmed.
 */

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

export class LevelSkim implements LineTaker {
  /**
   * The dropped record's lines, its seam first: the first `count` entries.
   * Entries past it are spare HeldBytes, reused (no garbage per dropped line).
   */
  private held: Array<Line | HeldBytes> = [];
  private count = 0;
  /** take() declined the line the splitter is about to push: parse it as it is. */
  private passNext = false;

  private constructor(
    private readonly sure: (bytes: Uint8Array, start: number, end: number) => Level | undefined,
    /** Records with a level below this never pass the filter (RecordFilter.levelFloor). */
    private readonly floor: Level,
    /** The parse: lines in order. */
    private readonly parse: (line: Line) => void,
    /** What a seam line does to the record before it (it ends), for a seam not parsed. */
    private readonly endRecord: () => void,
    /** Whether the parse is in the state a seam line leaves (RecordParser.settledOn). */
    private readonly settled: () => boolean,
    /** A seam line was dropped here (segment-parse.ts notes seams to join at). */
    private readonly onSeam: ((offset: number, lineNo: number) => void) | undefined,
  ) {}

  /** A skim for `home`, or undefined when it cannot skim (or nothing would be dropped). */
  static for(
    home: Format | undefined,
    floor: Level | undefined,
    parse: (line: Line) => void,
    endRecord: () => void,
    settled: () => boolean,
    onSeam?: (offset: number, lineNo: number) => void,
  ): LevelSkim | undefined {
    if (home?.sureSeamLevel === undefined || floor === undefined || floor <= 0) return undefined;
    return new LevelSkim(home.sureSeamLevel.bind(home), floor, parse, endRecord, settled, onSeam);
  }

  /** Whether to hold (drop) the line with text bytes [start, end): parses the held lines when it must. */
  private drops(b: Uint8Array, start: number, end: number, offset: number, lineNo: number): boolean {
    if (this.count > 0) {
      const c = b[start];
      // Indented (and not empty): the dropped record goes on; no format's head starts blank.
      if (start < end && (c === 32 || c === 9)) return true;
      const level = this.sure(b, start, end);
      if (level === undefined) {
        // Not sure what this line does to the record before it: parse it all.
        const n = this.count;
        this.count = 0;
        for (let k = 0; k < n; k++) {
          const h = this.held[k]!;
          this.parse('text' in h ? h : makeLine(h.chunk.subarray(h.start, h.end), h.textEnd - h.start, h.lineNo, h.offset));
        }
        return false;
      }
      // The dropped record is complete; the parser is still as it left it.
      this.count = 0;
      if (level >= this.floor) return false;
      this.onSeam?.(offset, lineNo);
      return true;
    }
    if (!this.settled()) return false;
    const level = this.sure(b, start, end);
    if (level === undefined || level >= this.floor) return false;
    this.endRecord();
    this.onSeam?.(offset, lineNo);
    return true;
  }

  take(chunk: Buffer, start: number, textEnd: number, end: number, lineNo: number, offset: number): boolean {
    let e = textEnd;
    if (e > start && chunk[e - 1] === CR) e--;
    if (this.drops(chunk, start, e, offset, lineNo)) {
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
      return true;
    }
    this.passNext = true;
    return false;
  }

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
    if (this.drops(line.raw, 0, e, line.offset, line.lineNo)) this.held[this.count++] = line;
    else this.parse(line);
  };

  /** Byte offset of the first line held, or undefined. */
  heldFrom(): number | undefined {
    return this.count > 0 ? this.held[0]!.offset : undefined;
  }

  /** End of input: a record still held was complete, and is dropped. */
  flush(): void {
    this.count = 0;
    // Spare entries would keep their chunks alive.
    this.held = [];
  }
}
