import type { Level } from '../model/level.js';
import type { Fields } from '../model/record.js';
import type { Grouping } from './grouping.js';

/**
 * What a format recognises in one line: the start of a logger call.
 * Lines that are not heads continue the record before them.
 */
export interface Head {
  time: number;
  level: Level;
  /** The level as the line wrote it (`DEBUGV`, `AUDIT`, `Information`), when that is not the normalised name. */
  levelName?: string;
  logger: string;
  /** The call's first message line; undefined when it comes on the next line (`name(LEVEL) time` shape). */
  message: string | undefined;
  fields?: Fields;
  /** Body lines the head line itself carries (a JSON record's stack trace, escaped newlines). */
  body?: string[];
  /**
   * `name-only`: a bare logger name, as kamaki's console handler prints
   * (`%(name)s\n %(message)s`). It is a head only if the next line starts with
   * one space, so the assembler must look ahead before deciding.
   */
  shape?: 'name-only';
  /** The record is complete in this line (JSON): following lines never join it. */
  single?: boolean;
  /**
   * A shape too loose to switch formats on (Python's `name: message`, a JSON
   * object with no log keys): trusted only from the source's own format.
   */
  weak?: boolean;
  /** Records whose heads share this key and logger absorb `fold` lines (oslo's exception prefix). */
  foldKey?: string;
  /** This line continues an open record with the same foldKey; the text is its body line. */
  fold?: string;
  /** Which format recognised it. */
  format: string;
}

export type HeadParser = (text: string) => Head | undefined;

/** One log format: how to recognise and read a record's first line. */
export interface Format {
  /** The `--format` name, also stored with each record so it can be re-parsed alike. */
  readonly name: string;
  /** Cheap pre-check on the line's first UTF-16 code unit; false means `parse` would fail. */
  firstChar(c: number): boolean;
  parse: HeadParser;
  /**
   * The level of a line `parse` surely reads as a seam (seams.ts: a timed
   * head with a logger, not an HTTP call), read from its bytes
   * [start, end) (no terminator) without decoding them, or undefined when
   * unsure (it may still be one). Print mode drops records below `-l` by it
   * before they are lines (level-skim.ts); a format without it is parsed whole.
   */
  sureSeamLevel?(bytes: Uint8Array, start: number, end: number): Level | undefined;
  /**
   * Where, in the line sureSeamLevel last answered for, its time ends and its
   * logger is (byte offsets): enough for the index to make the record's
   * columns without parsing it. Read at once; the next call overwrites it.
   */
  readonly seamSpans?: { readonly timeEnd: number; readonly loggerStart: number; readonly loggerEnd: number };
  /** A sure seam is its whole record (a JSON line): no line after it joins it, and it is not held. */
  readonly seamIsRecord?: boolean;
  /** How the skim follows a traceback in a record a sure seam started (level-skim.ts). */
  readonly traceback?: TracebackBytes;
  /** sureSeamLevel over runs of lines at once (level-skim.ts); one per thread. */
  seamRunner?(): SeamRunner;
  /**
   * How its lines group into records beyond one head each: continuation
   * lines, calls grouped into one record, a message on the next line
   * (grouping.ts). Undefined: as Python's (registry.ts groupingOf says why).
   */
  readonly grouping?: Grouping;
}

/** A format's tracebacks, read from bytes: which lines surely join the record before them. */
export interface TracebackBytes {
  /** The line that opens a traceback. It joins only when no format reads it as a head: the skim asks the parse that once. */
  readonly opener: string;
  /**
   * Whether the line b[start, end) (not empty, not indented, not a sure
   * seam) surely joins the held record as part of a traceback, as the parse
   * would read it: the traceback state after it (true: in one), or
   * undefined when unsure.
   */
  step(b: Uint8Array, start: number, end: number, inTraceback: boolean): boolean | undefined;
}

/**
 * LevelSkim's take() for many lines at once (skim/python-seam-run.ts).
 * Positions are indexes into the chunk given.
 */
/** Fields of an entry of SeamRunner.seam. */
export const SEAM_START = 0;
export const SEAM_LINE = 1;
export const SEAM_LEVEL = 2;
export const SEAM_TIME_END = 3;
export const SEAM_LOGGER_START = 4;
export const SEAM_LOGGER_END = 5;
export const SEAM_LOGGER_HASH = 6;
export const SEAM_HOUR = 7;
export const SEAM_MS = 8;
export const SEAM_FIELDS = 10;

export interface SeamRunner {
  /**
   * Take the lines of `chunk` from `pos` (a line start) that start before
   * `limit`, end with a newline in it and are at most `maxLine` bytes: while
   * `held` (a record below `floor` is held) indented lines and sure seams below
   * `floor`, else sure seams below `floor` only. Returns where it stopped.
   * `spans` (default true): note each seam's whole entry; false: only its
   * start, line and level (print's drop needs no more). `tracebacks`: while
   * holding, also take the lines of a traceback (Format.tracebackStep), with
   * inTraceback as the held record's state before and after.
   */
  run(chunk: Buffer, pos: number, limit: number, held: boolean, floor: number, maxLine: number, spans?: boolean, tracebacks?: boolean): number;
  /** The held record is in a traceback (RecordAssembler's inTraceback); a seam taken clears it. */
  inTraceback: boolean;
  /** Lines the last run took. */
  readonly lines: number;
  /** Sure seams the last run took. */
  readonly seams: number;
  /**
   * Those seams, 10 numbers each (SEAM_* names them): start, line (index among
   * the run's lines), level; as seamSpans: time end, logger start and end;
   * the logger's hash; the time as localIsoTimeBytes reads it, the hour's key
   * (localHourEpochOfKey) and the milliseconds since it, `fraction` adding the
   * milliseconds' fraction.
   */
  readonly seam: Int32Array;
  readonly fraction: Float64Array;
  /** The next run's chunk is new, even if it is the same Buffer. */
  forget(): void;
}
