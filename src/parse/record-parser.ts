import type { LogRecord } from '../model/record.js';
import type { Line, LineTaker } from '../lines/line-splitter.js';
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
