/** One complete line of a source. */
export interface Line {
  /** Decoded text without the terminator (\n or \r\n); invalid UTF-8 becomes U+FFFD. */
  text: string;
  /** The line's bytes as read, terminator included (absent on a final unterminated line). */
  raw: Buffer;
  /** 1-based line number in the source. */
  lineNo: number;
  /** Byte offset of the line's first byte in the source. */
  offset: number;
  /** True when the line was longer than the limit and its tail was dropped. */
  cut: boolean;
}

/**
 * Offered each ordinary line as bytes before it is made a Line (level-skim.ts):
 * true means it took the line, and no Line is made. [start, textEnd) is the
 * text with any \r, [start, end) the line with its newline, in `chunk`.
 */
export interface LineTaker {
  take(chunk: Buffer, start: number, textEnd: number, end: number, lineNo: number, offset: number): boolean;
  /**
   * Take whole lines of `chunk` at once from `start` (a line start; line
   * `lineNo`, source offset `offset`), none longer than `maxLine` bytes:
   * returns where it stopped, a line start (`start` when it took none), having
   * taken `runLines` lines. The line it stopped at is offered to take() as usual.
   */
  takeRun?(chunk: Buffer, start: number, lineNo: number, offset: number, maxLine: number): number;
  readonly runLines?: number;
  /** push() starts on a chunk: bytes of the last one (the same Buffer, refilled, perhaps) are not to be trusted. */
  newChunk?(): void;
}

export const DEFAULT_MAX_LINE = 1024 * 1024;
export const CUT_MARKER = ' \u2026[line cut: longer than 1 MiB]';

const NL = 0x0a;
const CR = 0x0d;

/**
 * Bytes -> lines. Splitting happens on bytes, and a line is decoded only once it
 * is complete, so a UTF-8 character split across chunks always decodes whole.
 * An unfinished line is carried to the next push; a line longer than maxLine is
 * cut there (its remaining bytes are skipped up to the next newline) so one
 * runaway line cannot exhaust memory.
 */
export class LineSplitter {
  private carry: Buffer[] = [];
  private carryLen = 0;
  /** Skipping the tail of a cut line until its newline. */
  private skipping = false;
  private nextOffset = 0;
  private nextLineNo = 1;

  constructor(private readonly maxLine = DEFAULT_MAX_LINE) {}

  /** Byte offset in the source just past the last byte pushed. */
  get position(): number {
    return this.nextOffset + this.carryLen;
  }

  /** Lines emitted so far (counting from the line number given to reset()). */
  get lineCount(): number {
    return this.nextLineNo - 1;
  }

  /** Start over at a new position (after truncation or rotation); drops any partial line. */
  reset(offset = 0, lineNo = 1): void {
    this.carry = [];
    this.carryLen = 0;
    this.skipping = false;
    this.nextOffset = offset;
    this.nextLineNo = lineNo;
  }

  push(chunk: Buffer, onLine: (line: Line) => void, taker?: LineTaker): void {
    let pos = 0;
    const n = chunk.length;
    const runs = taker?.takeRun !== undefined;
    if (runs) taker!.newChunk?.();
    while (pos < n) {
      if (runs && this.carryLen === 0 && !this.skipping) {
        const to = taker!.takeRun!(chunk, pos, this.nextLineNo, this.nextOffset, this.maxLine);
        if (to > pos) {
          this.nextLineNo += taker!.runLines!;
          this.nextOffset += to - pos;
          pos = to;
          if (pos >= n) break;
        }
      }
      const nl = chunk.indexOf(NL, pos);
      if (this.skipping) {
        if (nl < 0) {
          this.nextOffset += n - pos;
          return;
        }
        this.nextOffset += nl + 1 - pos;
        this.skipping = false;
        pos = nl + 1;
        continue;
      }
      if (nl < 0) {
        this.hold(chunk.subarray(pos), onLine);
        return;
      }
      if (this.carryLen > 0) {
        const part = chunk.subarray(pos, nl + 1);
        if (this.carryLen + part.length - 1 > this.maxLine) {
          this.hold(part.subarray(0, part.length - 1), onLine);
          // hold() cut the line and set skipping; the newline ends the skip.
          this.skipping = false;
          this.nextOffset += 1;
        } else {
          this.carry.push(part);
          const raw = Buffer.concat(this.carry, this.carryLen + part.length);
          this.carry = [];
          this.carryLen = 0;
          this.emit(raw, raw.length - 1, false, onLine);
        }
      } else if (nl - pos > this.maxLine) {
        this.hold(chunk.subarray(pos, nl), onLine);
        this.skipping = false;
        this.nextOffset += 1;
      } else if (taker !== undefined && taker.take(chunk, pos, nl, nl + 1, this.nextLineNo, this.nextOffset)) {
        this.nextLineNo++;
        this.nextOffset += nl + 1 - pos;
      } else {
        this.emit(chunk.subarray(pos, nl + 1), nl - pos, false, onLine);
      }
      pos = nl + 1;
    }
  }

  /** End of input: the unterminated last line, if any, becomes a line. */
  flush(onLine: (line: Line) => void): void {
    if (this.carryLen > 0) {
      const raw = Buffer.concat(this.carry, this.carryLen);
      this.carry = [];
      this.carryLen = 0;
      this.emit(raw, raw.length, false, onLine);
    }
    this.skipping = false;
  }

  private hold(part: Buffer, onLine: (line: Line) => void): void {
    if (this.carryLen + part.length <= this.maxLine) {
      // Copy: the caller may reuse its chunk buffer after push() returns.
      this.carry.push(Buffer.from(part));
      this.carryLen += part.length;
      return;
    }
    const all = Buffer.concat([...this.carry, part]);
    const cutAt = utf8Boundary(all, this.maxLine);
    // The raw bytes of a cut line end with a newline, so `-o raw` keeps one
    // line per line; offsets count only the bytes kept (the newline is the
    // one skipped to).
    const kept = Buffer.allocUnsafe(cutAt + 1);
    all.copy(kept, 0, 0, cutAt);
    kept[cutAt] = NL;
    const dropped = all.length - cutAt;
    this.carry = [];
    this.carryLen = 0;
    this.emit(kept, cutAt, true, onLine);
    this.nextOffset += dropped - 1;
    this.skipping = true;
  }

  private emit(raw: Buffer, textEnd: number, cut: boolean, onLine: (line: Line) => void): void {
    const line = makeLine(raw, textEnd, this.nextLineNo, this.nextOffset, cut);
    this.nextLineNo++;
    this.nextOffset += raw.length;
    onLine(line);
  }
}

/** The Line of `raw` (its bytes, newline included) whose text ends at textEnd (before any \r). */
export function makeLine(raw: Buffer, textEnd: number, lineNo: number, offset: number, cut = false): Line {
  let end = textEnd;
  if (end > 0 && raw[end - 1] === CR) end--;
  let text = raw.toString('utf8', 0, end);
  if (cut) text += CUT_MARKER;
  return { text, raw, lineNo, offset, cut };
}

/** Largest index <= limit that does not split a UTF-8 sequence. */
function utf8Boundary(buf: Buffer, limit: number): number {
  let i = Math.min(limit, buf.length);
  // Step back over continuation bytes (10xxxxxx), at most 3.
  for (let k = 0; k < 3 && i > 0 && i < buf.length && (buf[i]! & 0xc0) === 0x80; k++) i--;
  return i;
}
