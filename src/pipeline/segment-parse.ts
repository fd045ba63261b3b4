import { LineSplitter, type Line } from '../lines/line-splitter.js';
import type { LogRecord } from '../model/record.js';
import type { Format } from '../parse/head.js';
import { batchSlices, RecordParser, type ParseOptions } from '../parse/record-stream.js';
import { isSeamLine } from '../parse/seams.js';

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

/** A seam line: its byte offset, and the output bytes of the records before it (those starting before it). */
export interface SeamMark {
  offset: number;
  pos: number;
}

export interface SegmentResult {
  id: number;
  /** Rendered output of every record the segment parsed (its seams say which part counts). */
  output: Uint8Array;
  /** Seam lines from where it started, where its parser was settled. */
  starts: SeamMark[];
  /** Seam lines at or past `end` where its parser was settled. */
  ends: SeamMark[];
  /** It parsed to the end of the file (its output's tail is final). */
  reachedEof: boolean;
}

/** Reads bytes of the file: up to `length` at `position` (fewer at its end). */
export type ReadAt = (position: number, length: number) => Buffer;

/** Renders a record for output, or undefined when it is filtered out. */
export type RenderRecord = (r: LogRecord) => string | Buffer | undefined;

/** Output pieces and their byte count. */
class OutputParts {
  parts: Array<string | Buffer> = [];
  bytes = 0;

  add(o: string | Buffer): void {
    this.parts.push(o);
    this.bytes += typeof o === 'string' ? Buffer.byteLength(o) : o.length;
  }

  /** One standalone buffer (safe to transfer to another thread). */
  join(): Uint8Array {
    const out = new Uint8Array(new ArrayBuffer(this.bytes));
    const view = Buffer.from(out.buffer, 0, this.bytes);
    let at = 0;
    for (const p of this.parts) at += typeof p === 'string' ? view.write(p, at) : p.copy(view, at);
    return out;
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
    const chunk = read(base + buf.length, READ_CHUNK);
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
export function parseSegment(task: SegmentTask, read: ReadAt, home: Format, opts: ParseOptions, render: RenderRecord): SegmentResult {
  const out = new OutputParts();
  const starts: SeamMark[] = [];
  const ends: SeamMark[] = [];
  const first = task.id === 0 ? 0 : firstSeam(read, task.begin, task.end, home);
  if (first < 0) return { id: task.id, output: new Uint8Array(0), starts, ends, reachedEof: false };
  /** Seam lines whose output position is not known yet: the record before them is still open. */
  const pending: Array<{ mark: SeamMark; list: SeamMark[] }> = [];
  const fix = (offset: number): void => {
    // Records come out in order: once one starting at or after a seam line is
    // out, every record before that line is out too.
    while (pending.length > 0 && pending[0]!.mark.offset <= offset) {
      const p = pending.shift()!;
      p.mark.pos = out.bytes;
      p.list.push(p.mark);
    }
  };
  const parser = new RecordParser(
    0,
    (r) => {
      fix(r.offset);
      const o = render(r);
      if (o !== undefined) out.add(o);
    },
    task.id === 0 ? opts : { ...opts, home },
  );
  const splitter = new LineSplitter();
  splitter.reset(first, 1);
  if (task.id === 0) starts.push({ offset: 0, pos: 0 });
  let done = false;
  const onLine = (line: Line): void => {
    if (done) return;
    const collectStart = starts.length + pending.length < SEAM_MARKS && line.offset < task.end;
    const collectEnd = line.offset >= task.end;
    if ((collectStart || collectEnd) && parser.settledOn(home) && isSeamLine(home, line.text)) {
      pending.push({ mark: { offset: line.offset, pos: -1 }, list: collectEnd ? ends : starts });
    }
    parser.push(line);
    if (ends.length >= SEAM_MARKS) done = true;
  };
  let pos = first;
  const stopAt = task.end + (task.overrun ?? OVERRUN_LIMIT);
  let eof = false;
  while (!done) {
    if (pos >= stopAt) break;
    const chunk = read(pos, READ_CHUNK);
    if (chunk.length === 0) {
      eof = true;
      break;
    }
    for (const slice of batchSlices(chunk)) {
      splitter.push(slice, onLine);
      parser.endChunk();
      if (done) break;
    }
    pos += chunk.length;
  }
  if (eof) {
    splitter.flush(onLine);
    parser.flush();
    fix(Number.MAX_SAFE_INTEGER);
  }
  return { id: task.id, output: out.join(), starts, ends, reachedEof: eof };
}

/** What the joiner hands on: output bytes to write, or where a sequential read must take over. */
export type JoinStep = { kind: 'write'; bytes: Uint8Array } | { kind: 'sequential'; from: number };

/**
 * Joins segment results, given in order, into the sequential output: each
 * segment's output from its agreed start to the seam agreed with the next.
 * When two segments share no seam (a segment without a single seam line, say),
 * the read from the last agreed seam on must be sequential: `from` is where.
 */
export class SeamJoiner {
  private cur: SegmentResult | undefined;
  /** Output position and file offset where the current segment's part starts. */
  private curPos = 0;
  private curOffset = 0;
  private failed = false;

  /** The next segment's result; returns what can be written now. */
  accept(r: SegmentResult): JoinStep[] {
    if (this.failed) return [];
    const cur = this.cur;
    if (!cur) {
      this.cur = r;
      this.curPos = 0;
      this.curOffset = 0;
      return [];
    }
    // The current segment already read to the end of the file.
    if (cur.reachedEof) return [];
    const ends = new Map(cur.ends.map((m) => [m.offset, m.pos]));
    for (const m of r.starts) {
      const endPos = ends.get(m.offset);
      if (endPos === undefined) continue;
      const step: JoinStep = { kind: 'write', bytes: cur.output.subarray(this.curPos, endPos) };
      this.cur = r;
      this.curPos = m.pos;
      this.curOffset = m.offset;
      return [step];
    }
    this.failed = true;
    return [{ kind: 'sequential', from: this.curOffset }];
  }

  /** Every segment accepted: the rest of the current one. */
  finish(): JoinStep[] {
    const cur = this.cur;
    if (this.failed || !cur) return [];
    if (!cur.reachedEof) {
      this.failed = true;
      return [{ kind: 'sequential', from: this.curOffset }];
    }
    return [{ kind: 'write', bytes: cur.output.subarray(this.curPos) }];
  }
}
