import type { Level } from '../model/level.js';
import type { Fields } from '../model/record.js';

/**
 * What a format recognises in one line: the start of a logger call.
 * Lines that are not heads continue the record before them.
 */
export interface Head {
  time: number;
  level: Level;
  logger: string;
  /** The call's first message line; undefined when it comes on the next line (`name(LEVEL) time` shape). */
  message: string | undefined;
  fields?: Fields;
  /**
   * `name-only`: a bare logger name, as kamaki's console handler prints
   * (`%(name)s\n %(message)s`). It is a head only if the next line starts with
   * one space, so the assembler must look ahead before deciding.
   */
  shape?: 'name-only';
  /** Which format recognised it. */
  format: string;
}

export type HeadParser = (text: string) => Head | undefined;
