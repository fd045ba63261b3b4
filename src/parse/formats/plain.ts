import { Level } from '../../model/level.js';
import type { Format, Head } from '../head.js';
import type { Grouping } from '../grouping.js';
import { lookupTable } from '../../model/lookup-table.js';
import { stackTraces } from './stack-traces.js';

/** Level words trusted in free text, upper-case only: `ERROR`, not `error`, which is just a word. */
const SHOUTED: Record<string, Level> = lookupTable({
  TRACE: Level.trace,
  DEBUG: Level.debug,
  INFO: Level.info,
  NOTICE: Level.notice,
  WARN: Level.warning,
  WARNING: Level.warning,
  ERROR: Level.error,
  SEVERE: Level.error,
  CRITICAL: Level.critical,
  FATAL: Level.critical,
  ALERT: Level.critical,
  EMERG: Level.critical,
  PANIC: Level.critical,
});

/** Words that name a level when marked as one (`error:`, `[warn]`), in any case. */
const MARKED: Record<string, Level> = lookupTable({
  ...SHOUTED,
  ERR: Level.error,
  CRIT: Level.critical,
});

const MAX_TOKENS = 3;
const MAX_SCAN = 48;

function isWordChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * The level of a line no format recognised, from an unambiguous level word
 * near its start: an upper-case level word among the first three tokens
 * (`12:00:01 ERROR disk full`), or a first word marked as a level in any case
 * (`error: no such file`, `[Warning] x`). Otherwise none.
 */
export function guessPlainLevel(text: string): Level {
  const n = Math.min(text.length, MAX_SCAN);
  let i = 0;
  for (let token = 0; token < MAX_TOKENS && i < n; token++) {
    while (i < n && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    const open = text.charCodeAt(i);
    const bracketed = open === 91 /* [ */ || open === 60 /* < */ || open === 40; /* ( */
    if (bracketed) i++;
    const start = i;
    while (i < n && isWordChar(text.charCodeAt(i))) i++;
    const end = i;
    const after = text.charCodeAt(i);
    const wordEnds = i >= text.length || after === 32 || after === 9 || after === 58 /* : */ || after === 93 || after === 62 || after === 41 || after === 44;
    if (end - start >= 3 && wordEnds) {
      const word = text.slice(start, end);
      const shouted = SHOUTED[word];
      if (shouted !== undefined) return shouted;
      if (token === 0 && (bracketed || after === 58)) {
        const marked = MARKED[word.toUpperCase()];
        if (marked !== undefined) return marked;
      }
    }
    // Skip the rest of this token.
    while (i < n && text.charCodeAt(i) !== 32 && text.charCodeAt(i) !== 9) i++;
  }
  return Level.none;
}

/** The head of a record of plain text: a line no format reads, with no record open to take it. */
export function plainHead(text: string): Head {
  return { time: NaN, level: guessPlainLevel(text), logger: '', message: text, format: 'plain' };
}

/** Plain text has no calls: only stack traces tie its lines together (with indented ones). */
export const plainGrouping: Grouping = { continuation: stackTraces };

/** `--format plain`: no line is a head; every record is a plain one. */
export const plainFormat: Format = {
  name: 'plain',
  firstChar: () => false,
  parse: () => undefined,
  grouping: plainGrouping,
};
