import type { Line } from '../lines/line-splitter.js';
import type { Level } from '../model/level.js';
import type { Format } from './head.js';

/**
 * Print mode's `-l error` drops most records of a log. The skim drops them
 * before they are parsed: a line the source's format surely reads as a seam
 * (a head every reader starts a record at, seams.ts) below the level floor
 * starts a record no filter lets through, and the record is that line and
 * the indented lines after it. So those lines never become heads, records
 * or strings of their own, and only the records that may pass are parsed.
 *
 * It gives exactly the records a full parse keeps:
 * - it drops only from a settled parser (the state a seam leaves), and a
 *   dropped record leaves the parser as the parse would have: settled;
 * - the dropped lines are held until the next sure seam: when a line that is
 *   neither indented nor a sure seam comes first (a traceback's last line, a
 *   head of another shape, an empty line), the held lines are parsed after all.
 * `Format.sureSeamLevel` answers for the format; formats without it are never skimmed.
 */
export class LevelSkim {
  /** The dropped record's lines (its seam first), while it may still need parsing. */
  private held: Line[] = [];

  constructor(
    private readonly sureSeamLevel: (text: string) => Level | undefined,
    /** Records with a level below this never pass the filter (RecordFilter.levelFloor). */
    private readonly floor: Level,
    /** The parse: lines in order. */
    private readonly parse: (line: Line) => void,
    /** What a seam line does to the record before it (it ends), for a seam not parsed. */
    private readonly endRecord: () => void,
    /** Whether the parse is in the state a seam line leaves (RecordParser.settledOn). */
    private readonly settled: () => boolean,
  ) {}

  /** A skim for `home`, or undefined when it cannot skim (or nothing would be dropped). */
  static for(
    home: Format | undefined,
    floor: Level | undefined,
    parse: (line: Line) => void,
    endRecord: () => void,
    settled: () => boolean,
  ): LevelSkim | undefined {
    if (home?.sureSeamLevel === undefined || floor === undefined || floor <= 0) return undefined;
    return new LevelSkim(home.sureSeamLevel.bind(home), floor, parse, endRecord, settled);
  }

  readonly push = (line: Line): void => {
    const text = line.text;
    const held = this.held;
    if (held.length > 0) {
      const c = text.charCodeAt(0);
      // Indented: the dropped record goes on (no format's head starts blank).
      if (c === 32 || c === 9) {
        held.push(line);
        return;
      }
      const level = this.sureSeamLevel(text);
      if (level === undefined) {
        // Not sure what this line does to the record before it: parse it all.
        this.held = [];
        for (const l of held) this.parse(l);
        this.parse(line);
        return;
      }
      // The dropped record is complete; the parser is still as it left it.
      held.length = 0;
      if (level < this.floor) held.push(line);
      else this.parse(line);
      return;
    }
    if (this.settled()) {
      const level = this.sureSeamLevel(text);
      if (level !== undefined && level < this.floor) {
        // The record before is complete now, as this seam would make it:
        // it goes out at once instead of waiting for the next kept record.
        this.endRecord();
        held.push(line);
        return;
      }
    }
    this.parse(line);
  };

  /** Byte offset of the first line held, or undefined. */
  heldFrom(): number | undefined {
    return this.held[0]?.offset;
  }

  /** End of input: a record still held was complete, and is dropped. */
  flush(): void {
    this.held = [];
  }
}
