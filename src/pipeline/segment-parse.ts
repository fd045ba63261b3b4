import { LineSplitter, type Line } from '../lines/line-splitter.js';
import type { Level } from '../model/level.js';
import type { LogRecord } from '../model/record.js';
import type { Format } from '../parse/head.js';
import { batchSlices, RecordParser, type ParseOptions } from '../parse/record-stream.js';
import { isSeamLine } from '../parse/seams.js';
import { dropSharedBuffer, FIRST_OUTPUT_BYTES, takeSharedBuffer } from './shared-buffers.js';

/**
 * One piece of a file parsed on its own (in a worker thread), and how pieces
 * join into exactly the records of one sequential read.
 *
 * Segment k owns the records that start in [begin, end). It starts parsing at
 * its first seam line (a line every reader starts a record at, seams.ts) at
 * or after `begin`, with a parser preset to the file's format, and notes each
 * seam line where its parser was settled (`starts`). It parses on past `end`
 * and notes the seam lines there too (`ends`), until it has a few. Segment
 * k-1's parse is the true sequential one (by induction), so at the first seam
 * line both noted, both parsers are in the same state: segment k-1's output
 * is cut there and segment k's output taken from there (SeamJoiner).
 */

/** Seam lines noted per side: the first common one is nearly always the first. */
export const SEAM_MARKS = 16;
/** A segment stops looking for seams this far past its end (then the join falls back). */
const OVERRUN_LIMIT = 4 * 1024 * 1024;
const READ_CHUNK = 1024 * 1024;

export interface SegmentTask {
  /** Segment number (0 starts at the file's start and detects its format as a plain read does). */
  id: number;
  /** Byte offset where the segment begins (mid-line is fine). */
  begin: number;
  /** Where the next segment begins (the file size for the last). */
  end: number;
  /** How far past `end` to look for seams (default OVERRUN_LIMIT). */
  overrun?: number;
}

/** A seam line: its byte offset, its line number as the segment counts them, and the sink's size before its record. */
export interface SeamMark {
  offset: number;
  /** 1-based, counted from the line the segment started parsing at. */
  line: number;
  /** The sink's size once every record before the seam line was added (records starting before it). */
  pos: number;
}

export interface SegmentResult<P = Uint8Array> {
  id: number;
  /** What the sink made of every record the segment parsed (its seams say which part counts). */
  output: P;
  /** Seam lines from where it started, where its parser was settled. */
  starts: SeamMark[];
  /** Seam lines at or past `end` where its parser was settled. */
  ends: SeamMark[];
  /** It parsed to the end of the file (its output's tail is final). */
  reachedEof: boolean;
  /** Lines it read, counting from the line it started at. */
  lines: number;
}

/** Where a segment's records go: `size` is the position seam marks note (bytes, records...). */
export interface SegmentSink<P> {
  add(r: LogRecord): void;
  /**
   * Output that is a record's bytes, in parts (level-skim.ts's KeptBytes):
   * present when every record at or above the level floor is output as its
   * raw bytes (print's `-o raw` with a level filter alone).
   */
  readonly addBytes?: (b: Uint8Array, start: number, end: number) => void;
  /** A record as columns (level-skim.ts read it from its seam's bytes): the index's sink takes these. */
  addColumns?(offset: number, length: number, time: number, level: Level, line: number, logger: string, format: string): void;
  readonly size: number;
  finish(): P;
}

/** Reads bytes of the file into `into` from `position`; returns how many (fewer at its end). */
export type ReadAt = (position: number, into: Buffer) => number;

/**
 * Read buffers, reused once no record holds bytes of them: a segment's parse
 * would otherwise leave megabytes of dead buffers for the collector (it runs
 * late for memory outside the JS heap), and print memory must stay flat.
 */
class ChunkPool {
  private free: Buffer[] = [];
  private live: Array<{ buf: Buffer; end: number }> = [];

  constructor(private readonly read: ReadAt) {}

  /** Up to READ_CHUNK bytes at pos (empty at the end). */
  next(pos: number): Buffer {
    const buf = this.free.pop() ?? Buffer.allocUnsafe(READ_CHUNK);
    const n = this.read(pos, buf);
    this.live.push({ buf, end: pos + n });
    return buf.subarray(0, n);
  }

  /** Bytes before `from` are no longer referenced (undefined: nothing before the last chunk's end is). */
  release(from: number | undefined): void {
    // The newest chunk stays: the splitter may hold a partial line of it.
    while (this.live.length > 1 && (from === undefined || this.live[0]!.end <= from)) this.free.push(this.live.shift()!.buf);
  }

  /** The segment is done: every buffer is free again. */
  releaseAll(): void {
    for (const l of this.live) this.free.push(l.buf);
    this.live = [];
  }
}

/** One pool per reader: a thread parsing segment after segment reuses the same few buffers. */
const pools = new WeakMap<ReadAt, ChunkPool>();
function poolFor(read: ReadAt): ChunkPool {
  let p = pools.get(read);
  if (!p) {
    p = new ChunkPool(read);
    pools.set(read, p);
  }
  return p;
}

/** Bytes firstSeam reads at a time. */
const SEAM_READ = 64 * 1024;
/**
 * firstSeam's read buffer, one per thread and reused: a fresh one per segment
 * is 64 KiB outside the JS heap that a worker thread making little garbage of
 * its own may keep until a full collection (none ran while printing 1 GiB).
 */
const seamScratch = Buffer.allocUnsafe(SEAM_READ);

/** Up to SEAM_READ bytes at pos, in seamScratch: overwritten by the next call. */
function readScratch(read: ReadAt, pos: number): Buffer {
  return seamScratch.subarray(0, read(pos, seamScratch));
}

/** Renders a record for output (a raw one may come as its parts), or undefined when it is filtered out. */
export type RenderRecord = (r: LogRecord) => string | Buffer | readonly Buffer[] | undefined;

/**
 * Rendered output, written straight into one buffer (shared-buffers.ts: it is
 * reused once written out).
 */
export class RenderSink implements SegmentSink<Uint8Array> {
  private buf = takeSharedBuffer(FIRST_OUTPUT_BYTES);
  private bytes = 0;

  /** `rawBytes`: every record at or above the level floor renders as its raw bytes (addBytes may take them). */
  constructor(
    private readonly render: RenderRecord,
    rawBytes = false,
  ) {
    if (rawBytes) this.addBytes = (b, start, end) => this.addRaw(b, start, end);
  }

  readonly addBytes?: (b: Uint8Array, start: number, end: number) => void;

  private addRaw(b: Uint8Array, start: number, end: number): void {
    const n = end - start;
    this.room(n);
    this.buf.set(b.subarray(start, end), this.bytes);
    this.bytes += n;
  }

  get size(): number {
    return this.bytes;
  }

  add(r: LogRecord): void {
    const o = this.render(r);
    if (o === undefined) return;
    // A copy either way: raw bytes are views of read buffers that get reused.
    if (typeof o === 'string') {
      this.room(Buffer.byteLength(o));
      this.bytes += this.buf.write(o, this.bytes);
    } else if (Buffer.isBuffer(o)) {
      this.copy(o);
    } else {
      for (const part of o) this.copy(part);
    }
  }

  private copy(b: Buffer): void {
    this.room(b.length);
    this.bytes += b.copy(this.buf, this.bytes);
  }

  private room(n: number): void {
    if (this.bytes + n <= this.buf.length) return;
    const old = this.buf;
    this.buf = takeSharedBuffer(Math.max(2 * old.length, this.bytes + n));
    old.copy(this.buf, 0, 0, this.bytes);
    dropSharedBuffer(old);
  }

  /** A view of a shared buffer (posting it shares it), free again once released. */
  finish(): Uint8Array {
    return new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.bytes);
  }
}

/** Offset of the first seam line starting in [begin, limit), or -1 if there is none. */
function firstSeam(read: ReadAt, begin: number, limit: number, home: Format): number {
  // The first line start at or after begin: begin itself when the byte before it is a newline.
  let lineAt = begin === 0 ? 0 : -1;
  let base = begin === 0 ? 0 : begin - 1;
  /** Bytes [base, base + buf.length) of the file. */
  let buf: Buffer = Buffer.alloc(0);
  for (;;) {
    // buf is never the scratch here: it is a copy (below) or empty.
    const chunk = readScratch(read, base + buf.length);
    if (chunk.length === 0) return -1;
    buf = buf.length > 0 ? Buffer.concat([buf, chunk]) : chunk;
    if (lineAt < 0) {
      const nl = buf.indexOf(10);
      if (nl < 0) {
        base += buf.length;
        buf = Buffer.alloc(0);
        continue;
      }
      lineAt = base + nl + 1;
    }
    let i = lineAt - base;
    for (;;) {
      if (base + i >= limit) return -1;
      const nl = buf.indexOf(10, i);
      if (nl < 0) break;
      let e = nl;
      if (e > i && buf[e - 1] === 13) e--;
      if (isSeamLine(home, buf.toString('utf8', i, e))) return base + i;
      i = nl + 1;
    }
    lineAt = base + i;
    buf = Buffer.from(buf.subarray(i));
    base = lineAt;
  }
}

/**
 * Parse one segment: the records starting in it (and a few past its end),
 * rendered, with its seam marks. `home` is the format the file's first lines
 * settled on (segment 0 finds it itself, as a plain read does).
 */
export function parseSegment<P>(task: SegmentTask, read: ReadAt, home: Format, opts: ParseOptions, out: SegmentSink<P>): SegmentResult<P> {
  const starts: SeamMark[] = [];
  const ends: SeamMark[] = [];
  const first = task.id === 0 ? 0 : firstSeam(read, task.begin, task.end, home);
  if (first < 0) return { id: task.id, output: out.finish(), starts, ends, reachedEof: false, lines: 0 };
  /** Seam lines whose output position is not known yet: the record before them is still open. */
  const pending: Array<{ mark: SeamMark; list: SeamMark[] }> = [];
  const fix = (offset: number): void => {
    // Records come out in order: once one starting at or after a seam line is
    // out, every record before that line is out too.
    while (pending.length > 0 && pending[0]!.mark.offset <= offset) {
      const p = pending.shift()!;
      p.mark.pos = out.size;
      p.list.push(p.mark);
    }
  };
  let done = false;
  /** Collect a seam mark here? Into `starts` or `ends`, or not at all. */
  const markList = (offset: number): SeamMark[] | undefined =>
    offset >= task.end ? ends : starts.length + pending.length < SEAM_MARKS ? starts : undefined;
  const parser = new RecordParser(
    0,
    (r) => {
      fix(r.offset);
      out.add(r);
    },
    task.id === 0 ? opts : { ...opts, home },
    {
      ...(out.addColumns ? { rows: out as Required<Pick<SegmentSink<P>, 'addColumns'>> } : {}),
      ...(out.addBytes ? { keep: out.addBytes } : {}),
      // A seam the skim took: every record before it is out (it ended the one open).
      onSeam: (offset, lineNo) => {
        if (done) return;
        const list = markList(offset);
        if (list === undefined) return;
        fix(offset);
        list.push({ offset, line: lineNo, pos: out.size });
        if (ends.length >= SEAM_MARKS) done = true;
      },
      // Seams are noted until SEAM_MARKS starts, then again from the segment's end.
      seamsFrom: () => (done ? Number.MAX_SAFE_INTEGER : starts.length + pending.length < SEAM_MARKS ? 0 : task.end),
    },
  );
  const splitter = new LineSplitter();
  splitter.reset(first, 1);
  if (task.id === 0) starts.push({ offset: 0, line: 1, pos: 0 });
  const onLine = (line: Line): void => {
    if (done) return;
    const list = markList(line.offset);
    if (list !== undefined && parser.settledOn(home) && isSeamLine(home, line.text)) {
      pending.push({ mark: { offset: line.offset, line: line.lineNo, pos: -1 }, list });
    }
    parser.push(line);
    // Every record before the first line the parser holds is out: a skimmed
    // parse (level-skim.ts) may emit nothing at or after a seam for long.
    if (pending.length > 0) {
      const held = parser.heldFrom();
      if (held !== undefined) fix(held);
    }
    if (ends.length >= SEAM_MARKS) done = true;
  };
  let pos = first;
  const stopAt = task.end + (task.overrun ?? OVERRUN_LIMIT);
  let eof = false;
  const pool = poolFor(read);
  while (!done) {
    if (pos >= stopAt) break;
    const chunk = pool.next(pos);
    if (chunk.length === 0) {
      eof = true;
      break;
    }
    for (const slice of batchSlices(chunk)) {
      splitter.push(slice, onLine, parser.taker);
      parser.endChunk();
      if (done) break;
    }
    pos += chunk.length;
    pool.release(parser.heldFrom());
  }
  if (eof) {
    splitter.flush(onLine);
    parser.flush();
    fix(Number.MAX_SAFE_INTEGER);
  }
  pool.releaseAll();
  return { id: task.id, output: out.finish(), starts, ends, reachedEof: eof, lines: splitter.lineCount };
}

/**
 * What the joiner hands on: a part of a segment's output to take, in order
 * ([from, to) in the sink's positions; `lineBase` added to its line numbers
 * makes them the file's), or where a sequential read must take over (the
 * offset of a seam line, and that line's number in the file).
 */
export type JoinStep<P> = { kind: 'take'; result: SegmentResult<P>; from: number; to: number; lineBase: number } | { kind: 'sequential'; from: number; line: number };

/**
 * Joins segment results, given in order, into the sequential output: each
 * segment's output from its agreed start to the seam agreed with the next.
 * When two segments share no seam (a segment without a single seam line, say),
 * the read from the last agreed seam on must be sequential.
 */
export class SeamJoiner<P = Uint8Array> {
  private cur: SegmentResult<P> | undefined;
  /** Where the current segment's part starts: sink position, file offset, and that line's number in the file. */
  private curPos = 0;
  private curOffset = 0;
  private curLine = 1;
  /** Added to the current segment's line numbers. */
  private lineBase = 0;
  private failed = false;

  /** The next segment's result; returns what can be taken now. */
  accept(r: SegmentResult<P>): JoinStep<P>[] {
    if (this.failed) return [];
    const cur = this.cur;
    if (!cur) {
      this.cur = r;
      return [];
    }
    // The current segment already read to the end of the file.
    if (cur.reachedEof) return [];
    const ends = new Map(cur.ends.map((m) => [m.offset, m]));
    for (const m of r.starts) {
      const e = ends.get(m.offset);
      if (e === undefined) continue;
      const step: JoinStep<P> = { kind: 'take', result: cur, from: this.curPos, to: e.pos, lineBase: this.lineBase };
      const line = this.lineBase + e.line;
      this.cur = r;
      this.curPos = m.pos;
      this.curOffset = m.offset;
      this.curLine = line;
      this.lineBase = line - m.line;
      return [step];
    }
    this.failed = true;
    return [{ kind: 'sequential', from: this.curOffset, line: this.curLine }];
  }

  /**
   * Where a sequential read takes over if no more segments come (a parser
   * died): everything before it has been handed on as steps.
   */
  resume(): { from: number; line: number } {
    return { from: this.curOffset, line: this.curLine };
  }

  /** Every segment accepted: the rest of the current one. */
  finish(): JoinStep<P>[] {
    const cur = this.cur;
    if (this.failed || !cur) return [];
    if (!cur.reachedEof) {
      this.failed = true;
      return [{ kind: 'sequential', from: this.curOffset, line: this.curLine }];
    }
    return [{ kind: 'take', result: cur, from: this.curPos, to: Number.MAX_SAFE_INTEGER, lineBase: this.lineBase }];
  }
}
