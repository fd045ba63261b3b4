import type { LogRecord } from '../model/record.js';
import type { Head } from './head.js';

/**
 * How a format's lines group into records beyond "a head starts one": the
 * extension point through which a format tells the assembler (assembler.ts)
 * what only it knows. The assembler keeps the mechanics (the open record,
 * look-ahead, emitting); it asks the grouping of the open record's format
 * (Format.grouping, resolved by Head.format) what to do with a line.
 */
export interface Grouping {
  /** Which lines after a record's first join it. */
  readonly continuation: ContinuationRule;
  /** Logger calls that make one record together (kamaki's HTTP blocks); undefined: every call is a record. */
  readonly calls?: CallGrouper;
  /**
   * For a head whose message comes on the next line (Head.message undefined,
   * or Head.shape `name-only`): the message that line carries, or undefined
   * when it carries none. The assembler offers a call awaiting its message
   * only a line no format reads as a head; a bare name any line. Without a
   * message, a call stands with an empty one and a bare name is plain text.
   * Without this member, the next line is the message as it is (a bare name
   * never gets one).
   */
  messageLine?(h: Head, next: string): string | undefined;
}

/**
 * Which lines that are no head (continuation lines) join the open record, and
 * a state kept per record for rules that need one (inside a traceback). State
 * 0 is a record's start. While it is not 0 the record holds on to unindented
 * lines even when they read as heads (a Python traceback's exception line,
 * `name: message`, looks like one), unless the head has a time: a seam line
 * (seams.ts) must start a record whatever came before, so the assembler
 * always ends a hold there itself.
 */
export interface ContinuationRule {
  /**
   * Whether a record of plain text (no head) in `state` takes `text`, an
   * unindented line that is no head. Indented lines always join; records
   * with a head take every line that is no head.
   */
  takes(text: string, state: number): boolean;
  /** The record's state once it took `text` (a continuation line, or one it held). */
  next(text: string, state: number): number;
}

/** CallGroup.add's answers. */
export const JOIN = 0;
/** The call is held: the next line decides (a call after it: this one closed the group; text: it opens the next group). */
export const HOLD = 1;
/** The call starts a group of its own. */
export const APART = 2;
export type CallJoin = typeof JOIN | typeof HOLD | typeof APART;

/** Finds the calls that group, and starts groups. */
export interface CallGrouper {
  /** Whether `h`'s call is one of those this grouper groups (called once per head). */
  groups(h: Head): boolean;
  /** A group that starts with `h`'s call; the assembler then adds that call, unless the call was a held one. */
  start(h: Head): CallGroup;
}

/** The calls of one record under construction. */
export interface CallGroup {
  /** Another call of the same grouper (`message`: its message, '' if none): does it join this group? */
  add(h: Head, message: string): CallJoin;
  /** A continuation line, in place of a body line. */
  addLine(text: string): void;
  /** Set the group's message, body, level and extras on its record (the assembler trims trailing blank body lines after). */
  finish(record: LogRecord): void;
}
