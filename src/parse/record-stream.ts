import type { LogRecord } from '../model/record.js';
import { type Line, type LineTaker, LineSplitter } from '../lines/line-splitter.js';
import type { Level } from '../model/level.js';
import { RecordAssembler } from './assembler.js';
import { LevelSkim, type ColumnRows, type KeptBytes } from './level-skim.js';
import { FormatDetector, SAMPLE_LINES } from './detect.js';
import type { Format } from './head.js';
import { autoFormats, formatByName } from './registry.js';

export interface ParseOptions {
  /** `auto` (default) or a format name (`--format`); an unknown name means auto. */
  format?: string;
  /**
   * The format the source's first lines settled on, when this parser starts
   * inside the source (a segment read in parallel, a file's tail): no sample.
   */
  home?: Format;
  /**
   * Records with a level below this never pass the filter (print mode's
   * `-l`): where the format can tell, they are dropped unparsed (level-skim.ts).
   */
  levelFloor?: Level;
}

/** The smaller of two offsets, either of which may be absent. */
function earliest(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

/** For segment-parse.ts: where the skim's records go, and the seams it takes. */
export interface ParserHooks {
  /** Records the skim reads from a seam's bytes go here as columns (the index), not through emit. */
  rows?: ColumnRows;
  /** A seam line the skim took (at this offset and line number): every record before it is out. */
  onSeam?: (offset: number, lineNo: number) => void;
  /** The source offset from which onSeam wants seams (until then the skim may take lines without telling). */
  seamsFrom?: () => number;
  /** Records at or above the level floor that the skim takes go out as their bytes here (print's `-o raw`, level filter alone). */
  keep?: KeptBytes;
}

/**
 * Lines -> records for one source, with format detection: the first lines are
 * held until the format is settled (SAMPLE_LINES, or the end of the first
 * chunk, so a slowly growing file is not held back), then everything flows
 * straight through the assembler.
 */
export class RecordParser {
  private readonly detector: FormatDetector;
  private readonly assembler: RecordAssembler;
  private sample: Line[] | undefined;
  private readonly levelFloor: Level | undefined;
  private skim: LevelSkim | undefined;
  /** Where settled lines go: the skim, or straight to the assembler. */
  private settledPush: (line: Line) => void;

  constructor(
    sourceId: number,
    emit: (record: LogRecord) => void,
    opts: ParseOptions = {},
    private readonly hooks: ParserHooks = {},
  ) {
    const forced = opts.format !== undefined && opts.format !== 'auto' ? formatByName(opts.format) : undefined;
    this.detector = new FormatDetector(autoFormats(), forced);
    if (!forced && opts.home) this.detector.preset(opts.home);
    this.assembler = new RecordAssembler(sourceId, emit, this.detector.parse);
    this.settledPush = (line) => this.assembler.push(line);
    this.levelFloor = opts.levelFloor;
    this.sample = forced || opts.home ? undefined : [];
    if (this.sample === undefined) this.startSkim();
  }

  /** Detection is settled: skim from now on if the format and the floor allow it. */
  private startSkim(): void {
    const home = this.detector.format;
    this.skim = LevelSkim.for(home, this.levelFloor, this.hooks.rows, {
      parse: (line) => this.assembler.push(line),
      endRecord: () => this.assembler.endRecord(),
      settled: () => this.settledOn(home!),
      readsNoHead: (text) => this.detector.readsNoHead(text),
      onSeam: this.hooks.onSeam,
      seamsFrom: this.hooks.seamsFrom,
      keep: this.hooks.keep,
    });
    if (this.skim) this.settledPush = this.skim.push;
  }

  /**
   * True when a line that starts a record (see seams.ts) would leave this
   * parser exactly as it leaves a new parser preset to `home`: detection
   * settled on it, the last head read with it, no look-ahead pending.
   */
  settledOn(home: Format): boolean {
    return this.sample === undefined && this.detector.format === home && this.detector.currentFormat === home && this.assembler.settled;
  }

  /** Offered lines as bytes by the splitter (LineSplitter.push), when skimming. */
  get taker(): LineTaker | undefined {
    return this.sample === undefined ? this.skim : undefined;
  }

  readonly push = (line: Line): void => {
    const sample = this.sample;
    if (sample === undefined) {
      this.settledPush(line);
      return;
    }
    sample.push(line);
    if (sample.length >= SAMPLE_LINES) this.settle();
  };

  /**
   * Byte offset of the first line whose raw bytes this parser still holds
   * (records not yet emitted, the detection sample), or undefined: none. A
   * reader may reuse the buffers of bytes before it.
   */
  heldFrom(): number | undefined {
    return earliest(earliest(this.sample?.[0]?.offset, this.skim?.heldFrom()), this.assembler.heldFrom());
  }

  /** The end of a chunk of input: settle on what has been seen. */
  endChunk(): void {
    if (this.sample !== undefined && this.sample.length > 0) this.settle();
  }

  /** End of input: complete whatever is pending. */
  flush(): void {
    this.endChunk();
    this.skim?.flush();
    this.assembler.flush();
  }

  private settle(): void {
    const sample = this.sample!;
    this.sample = undefined;
    this.detector.settle(sample.map((l) => l.text));
    this.startSkim();
    for (const l of sample) this.settledPush(l);
  }
}

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

/**
 * bytes -> lines -> records for one source read to its end. `onBatch` may
 * return a promise (output backpressure); it is awaited once per slice, so
 * the per-record path stays synchronous. Resolves with the number of lines read.
 */
export async function streamRecords(
  chunks: AsyncIterable<Buffer>,
  sourceId: number,
  onBatch: (records: LogRecord[]) => void | Promise<void>,
  opts: ParseOptions = {},
  /** Where the chunks start in the source: byte offset and line number (default 0 and 1). */
  start: { offset: number; line: number } = { offset: 0, line: 1 },
): Promise<number> {
  let batch: LogRecord[] = [];
  const parser = new RecordParser(sourceId, (r) => batch.push(r), opts);
  const splitter = new LineSplitter();
  splitter.reset(start.offset, start.line);
  for await (const chunk of chunks) {
    for (const slice of batchSlices(chunk)) {
      splitter.push(slice, parser.push, parser.taker);
      parser.endChunk();
      if (batch.length > 0) {
        const b = batch;
        batch = [];
        await onBatch(b);
      }
    }
  }
  splitter.flush(parser.push);
  parser.flush();
  if (batch.length > 0) await onBatch(batch);
  return splitter.lineCount;
}


/** Parse a whole buffer synchronously (tests, small inputs, the store's re-parse). */
export function parseBuffer(data: Buffer, sourceId = 0, opts: ParseOptions = {}): LogRecord[] {
  const out: LogRecord[] = [];
  const parser = new RecordParser(sourceId, (r) => out.push(r), opts);
  const splitter = new LineSplitter();
  // The detection sample first, as streamRecords' first slice settles it; then skimmed lines as bytes.
  const first = data.subarray(0, BATCH_BYTES);
  splitter.push(first, parser.push);
  parser.endChunk();
  if (data.length > first.length) splitter.push(data.subarray(first.length), parser.push, parser.taker);
  splitter.flush(parser.push);
  parser.flush();
  return out;
}
