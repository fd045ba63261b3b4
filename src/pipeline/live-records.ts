import type { LogRecord } from '../model/record.js';
import type { ParseOptions } from '../parse/record-parser.js';
import { batchSlices, RecordReader } from '../parse/record-reader.js';

/** A partial line longer than this is not shown before its newline (the splitter cuts such lines anyway). */
const MAX_SHOWN_PARTIAL = 64 * 1024;

/** How long a finished-looking record waits for a continuation line before it is delivered anyway. */
export const DEFAULT_IDLE_FLUSH_MS = 150;

interface StreamParse {
  reader: RecordReader;
  /** The last record this stream produced. */
  last?: LogRecord;
  /** Bytes pushed after the last newline (the partial line), while under the line limit. */
  tail: Buffer;
  /** Shown by the idle flush with an unterminated last line: the record to take back if that line grows. */
  provisional?: LogRecord;
  /** Offset of a provisional record being parsed again: the next record there replaces it. */
  replacing?: number;
}

/**
 * Showing an unterminated last line (the TUI: a one-line file must not stay
 * empty). The idle flush delivers it as a record; when more bytes extend
 * that line the record is parsed again and handed to replaceLast, which puts
 * it in the place of the last record delivered for this source (never a
 * second copy).
 */
export interface PartialLines {
  /** `record` has the sourceId and offset of the last record delivered for this source, and takes its place. */
  replaceLast(record: LogRecord): void | Promise<void>;
}

/**
 * Bytes of a live source -> records, for one source that may have several
 * byte streams (a rotated file's late lines and the new file's lines): each
 * stream gets its own RecordReader, so partial lines never mix.
 *
 * The assembler keeps the last record open until the next head line shows it
 * ended; a live log may not write that line for hours, so after `idleMs` of
 * quiet the open records are delivered. A partial line (no newline yet) is
 * delivered by the idle flush only with `partial` (see PartialLines);
 * otherwise only by end() or finish().
 *
 * Every operation runs in order on one queue, so records of a source are
 * delivered in order even though the idle timer fires on its own.
 */
export class LiveRecords {
  private streams = new Map<number, StreamParse>();
  private batch: LogRecord[] = [];
  private replacements: LogRecord[] = [];
  private queue: Promise<void> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | undefined;
  private finished = false;

  private readonly parseOpts: ParseOptions;

  constructor(
    private readonly sourceId: number,
    private readonly deliver: (records: LogRecord[]) => void | Promise<void>,
    private readonly idleMs = DEFAULT_IDLE_FLUSH_MS,
    parseOpts: ParseOptions = {},
    /** Absent (print mode): a partial line waits for its newline, or end() / finish(). */
    private readonly partial?: PartialLines,
  ) {
    // A partial line shown must make a record (the one to replace), so
    // nothing may be dropped unparsed below a level floor.
    const { levelFloor: _floor, ...kept } = parseOpts;
    this.parseOpts = partial ? kept : parseOpts;
  }

  /** Bytes of stream `stream` starting at byte `offset` of its file. */
  data(stream: number, offset: number, data: Buffer): Promise<void> {
    // Disarm now, re-arm once this chunk is delivered: the timer measures quiet
    // on the input, never the time spent waiting for a slow reader of the output
    // (a flush between two chunks of a backlog would split a multi-line record).
    this.disarmIdle();
    // Deliver per slice, not per chunk: see BATCH_BYTES.
    let last: Promise<void> = Promise.resolve();
    let at = offset;
    for (const slice of batchSlices(data)) {
      const first = at === offset;
      const sliceAt = at;
      at += slice.length;
      last = this.run(() => {
        // Bytes on another stream (the new file after a rotation) mean the
        // records held open on the others are finished, and so is an
        // unterminated last line there: deliver them first, so the old file's
        // last line is not held behind the new file's (for the grace period).
        if (first) {
          for (const [id, other] of this.streams) {
            if (id === stream) continue;
            other.reader.flush();
            this.collect(other);
            // What it showed is final now: a later byte there starts a new line.
            other.tail = Buffer.alloc(0);
            other.provisional = undefined;
          }
        }
        const s = this.streamParse(stream, sliceAt);
        if (s.provisional) this.reopen(s);
        // Each slice ends a chunk for detection: a slowly growing file must not wait for a full sample.
        s.reader.push(slice);
        this.keepTail(s, slice);
        this.collect(s);
      }, at === offset + data.length);
    }
    return last;
  }

  /** The stream has no more bytes: its partial line and open record are complete. */
  end(stream: number): Promise<void> {
    return this.run(() => {
      const s = this.streams.get(stream);
      if (!s) return;
      this.streams.delete(stream);
      s.reader.flush();
      this.collect(s);
    });
  }

  /** The source is done (EOF of stdin, or the program exits): flush everything held. */
  finish(): Promise<void> {
    return this.run(() => {
      this.finished = true;
      this.disarmIdle();
      for (const s of this.streams.values()) {
        s.reader.flush();
        this.collect(s);
      }
      this.streams.clear();
    });
  }

  /** Deliver the records held open for continuation lines now, as the idle flush would. */
  flushHeld(): Promise<void> {
    return this.run(() => {
      for (const s of this.streams.values()) {
        s.reader.flushHeld();
        this.collect(s);
      }
    });
  }

  /** The idle flush: held records, and with `partial` the unterminated last line too. */
  private idleFlush(): Promise<void> {
    return this.run(() => {
      for (const s of this.streams.values()) {
        const shown = this.partial && s.tail.length > 0 && !s.provisional;
        if (shown) s.reader.flush();
        else s.reader.flushHeld();
        this.collect(s);
        if (shown && s.last) s.provisional = s.last;
      }
    });
  }

  /** More bytes for a stream whose partial line was shown: parse that record's lines again, its partial line held. */
  private reopen(s: StreamParse): void {
    const p = s.provisional!;
    s.provisional = undefined;
    s.replacing = p.offset;
    s.reader.restart({ offset: p.offset, line: p.line });
    s.reader.push(Buffer.concat(p.raw));
  }

  private keepTail(s: StreamParse, slice: Buffer): void {
    if (!this.partial) return;
    const nl = slice.lastIndexOf(10);
    if (nl >= 0) s.tail = slice.subarray(nl + 1);
    else if (s.tail.length + slice.length <= MAX_SHOWN_PARTIAL) s.tail = s.tail.length === 0 ? slice : Buffer.concat([s.tail, slice]);
    else s.tail = Buffer.alloc(0); // a runaway line: the splitter cuts it; not shown early
  }

  private streamParse(stream: number, offset: number): StreamParse {
    let s = this.streams.get(stream);
    if (!s) {
      s = { reader: new RecordReader(this.sourceId, this.parseOpts, { offset, line: 1 }), tail: Buffer.alloc(0) };
      this.streams.set(stream, s);
    }
    return s;
  }

  /** What the stream's reader completed: into the batch, or (a provisional record parsed again) a replacement. */
  private collect(s: StreamParse): void {
    const records = s.reader.take();
    if (records === undefined) return;
    s.last = records[records.length - 1];
    // Only the first record after a reopen can be the provisional one again.
    if (s.replacing !== undefined) {
      if (records[0]!.offset === s.replacing) this.replacements.push(records.shift()!);
      s.replacing = undefined;
    }
    if (this.batch.length === 0) this.batch = records;
    else for (const r of records) this.batch.push(r);
  }

  private disarmIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private armIdle(): void {
    this.disarmIdle();
    if (this.finished) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (!this.finished) void this.idleFlush();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  /** Run `op` after everything queued before it, then deliver what it produced. */
  private run(op: () => void, armIdleAfter = false): Promise<void> {
    const next = this.queue.then(async () => {
      op();
      // A replacement is for a record delivered in an earlier batch: it goes first.
      for (const r of this.replacements.splice(0)) await this.partial!.replaceLast(r);
      if (this.batch.length > 0) {
        const b = this.batch;
        this.batch = [];
        await this.deliver(b);
      }
      if (armIdleAfter) this.armIdle();
    });
    this.queue = next.catch(() => {});
    return next;
  }
}
