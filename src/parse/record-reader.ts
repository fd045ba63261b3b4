import { LineSplitter } from '../lines/line-splitter.js';
import type { LogRecord } from '../model/record.js';
import { RecordParser, type ParseOptions } from './record-parser.js';

/**
 * Records are handed on every BATCH_BYTES bytes rather than once per read chunk:
 * a batch is alive until its consumer returns, and small batches keep that
 * live set small enough for V8's young-generation GC to stay cheap.
 */
export const BATCH_BYTES = 64 * 1024;

/** A chunk as BATCH_BYTES slices (views, no copies). */
export function* batchSlices(chunk: Buffer): Generator<Buffer> {
  if (chunk.length <= BATCH_BYTES) {
    yield chunk;
    return;
  }
  for (let pos = 0; pos < chunk.length; pos += BATCH_BYTES) yield chunk.subarray(pos, pos + BATCH_BYTES);
}

/** Where a reader's bytes start in the source. */
export interface ReadStart {
  /** Byte offset of the first byte pushed. */
  offset: number;
  /** 1-based line number of the line starting there. */
  line: number;
}

/**
 * Bytes -> records for one byte stream: the splitter and the parser of a file
 * read to its end, a followed file's stream or stdin, driven in the one order
 * they need (streamRecords, parseBuffer and LiveRecords all read through it).
 *
 * - Each push is one chunk of input as far as detection goes: its end settles
 *   the format on what has been seen, so a slowly growing source is not held
 *   back for a full sample.
 * - Lines are offered to the parser's skim as bytes (RecordParser.taker), which
 *   exists only once detection has settled: the first slice of a big buffer
 *   goes in alone, so the rest is skimmed.
 * - Records completed are kept until take(): the caller hands them on per push
 *   (per BATCH_BYTES slice, see batchSlices), awaiting its consumer between pushes.
 */
export class RecordReader {
  private batch: LogRecord[] = [];
  private readonly splitter = new LineSplitter();
  private readonly parser: RecordParser;

  constructor(sourceId: number, opts: ParseOptions = {}, start: ReadStart = { offset: 0, line: 1 }) {
    this.parser = new RecordParser(sourceId, (r) => this.batch.push(r), opts);
    this.splitter.reset(start.offset, start.line);
  }

  /** Lines read so far, counting from the start's line number (LineSplitter.lineCount). */
  get lineCount(): number {
    return this.splitter.lineCount;
  }

  /** The next bytes of the stream, any length (batching is the caller's: a slice per push). */
  push(bytes: Buffer): void {
    const parser = this.parser;
    if (bytes.length > BATCH_BYTES && parser.taker === undefined) {
      this.pushChunk(bytes.subarray(0, BATCH_BYTES));
      bytes = bytes.subarray(BATCH_BYTES);
    }
    this.pushChunk(bytes);
  }

  private pushChunk(bytes: Buffer): void {
    const parser = this.parser;
    // The taker is read before the push: a chunk that settles detection is split without it.
    this.splitter.push(bytes, parser.push, parser.taker);
    parser.endChunk();
  }

  /**
   * The unterminated last line is a line, and every record held open is
   * complete: the end of the stream, or a place where what was read is final
   * (bytes pushed after it start a new line).
   */
  flush(): void {
    this.splitter.flush(this.parser.push);
    this.parser.flush();
  }

  /** The records held open for continuation lines are complete (an idle live source); a partial line stays partial. */
  flushHeld(): void {
    this.parser.flush();
  }

  /**
   * Go on reading at another place of the same stream (a record parsed again
   * from its first line): the partial line is dropped, the parser's state kept.
   */
  restart(start: ReadStart): void {
    this.splitter.reset(start.offset, start.line);
  }

  /** The records completed since the last take(), in order, or undefined when there are none. */
  take(): LogRecord[] | undefined {
    const b = this.batch;
    if (b.length === 0) return undefined;
    this.batch = [];
    return b;
  }
}
