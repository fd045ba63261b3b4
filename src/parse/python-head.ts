import { Level, LEVEL_NAMES, levelFromWord } from '../model/level.js';
import type { Head } from './head.js';
import { isoTimeAt, isoTimeEnd, parseIsoLike } from './time.js';
import { RECV_LOGGER, SEND_LOGGER } from './kamaki-http.js';

/**
 * Head lines of Python `logging` output, in the shapes kamaki and common
 * configurations produce:
 *   > message / < message                 kamaki console: kamaki.clients.send / recv
 *   name(LEVEL) 2024-05-16 00:00:06,036     kamaki file log at DEBUG; message on the next line
 *   2024-05-16 00:00:06,036 LEVEL name msg  %(asctime)s %(levelname)s %(name)s %(message)s
 *   ... LEVEL name: msg / LEVEL [name] msg   the same with `%(name)s:` or `[%(name)s]`
 *   2024-05-16 ... - name - LEVEL - msg     %(asctime)s - %(name)s - %(levelname)s - %(message)s
 *   LEVEL:name:msg                          basicConfig's default
 *   name: message                           kamaki 0.13+ file log (no time, no level)
 *   name                                    kamaki console, `%(name)s\n %(message)s` (look-ahead)
 */

const FORMAT = 'python';

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isIdentChar(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57) || c === 45;
}
function isLower(c: number): boolean {
  return (c >= 97 && c <= 122) || c === 95;
}

/** End index of a dotted logger name starting at i, or -1 if there is none. */
export function scanLoggerName(s: string, i: number): number {
  if (!isIdentStart(s.charCodeAt(i))) return -1;
  let j = i + 1;
  for (;;) {
    const c = s.charCodeAt(j);
    if (isIdentChar(c)) j++;
    else if (c === 46 /* . */ && isIdentStart(s.charCodeAt(j + 1))) j += 2;
    else return j;
  }
}

/** The level word the last scan found, when it is not the normalised name (`DEBUGV`, `WARN`, `AUDIT`). */
let levelWritten: string | undefined;

function noteLevelWord(word: string, level: Level): void {
  const name = LEVEL_NAMES[level];
  levelWritten = word.length === name.length && word.toLowerCase() === name ? undefined : word;
}

function head(time: number, level: Level, logger: string, message: string | undefined): Head {
  const h: Head = { time, level, logger, message, format: FORMAT };
  if (level !== Level.none && levelWritten !== undefined) h.levelName = levelWritten;
  return h;
}

/** Where the last scanLevel() that found a level ended (no tuple per line on the hot path). */
let levelEnd = 0;

/** Length of a common upper-case level word at s[i] (its level in levelOfCommon), 0 if none. */
let levelOfCommon: Level = Level.none;
function commonLevelAt(s: string, i: number): number {
  switch (s.charCodeAt(i)) {
    case 73: // I
      levelOfCommon = Level.info;
      return s.startsWith('INFO', i) ? 4 : 0;
    case 68: // D
      levelOfCommon = Level.debug;
      return s.startsWith('DEBUGV', i) ? 6 : s.startsWith('DEBUG', i) ? 5 : 0;
    case 87: // W
      levelOfCommon = Level.warning;
      return s.startsWith('WARNING', i) ? 7 : s.startsWith('WARN', i) ? 4 : 0;
    case 69: // E
      levelOfCommon = Level.error;
      return s.startsWith('ERROR', i) ? 5 : 0;
    case 67: // C
      levelOfCommon = Level.critical;
      return s.startsWith('CRITICAL', i) ? 8 : 0;
    default:
      return 0;
  }
}

/** Level word at s[i..] (optional [brackets], letters): its level, end in levelEnd; Level.none if none. */
function scanLevel(s: string, i: number): Level {
  const n = commonLevelAt(s, i);
  if (n > 0) {
    const end = i + n;
    const c = s.charCodeAt(end);
    if (end === s.length || c === 32 || c === 9 || (c === 58 && (end + 1 === s.length || s.charCodeAt(end + 1) === 32))) {
      levelEnd = c === 58 ? end + 1 : end;
      // The common words are upper-case; only DEBUGV and WARN are not their level's name.
      levelWritten = n === LEVEL_NAMES[levelOfCommon].length ? undefined : s.slice(i, end);
      return levelOfCommon;
    }
  }
  let j = i;
  const bracket = s.charCodeAt(j) === 91; /* [ */
  if (bracket) j++;
  const start = j;
  for (;;) {
    const c = s.charCodeAt(j);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) j++;
    else break;
  }
  if (j - start < 3 || j - start > 11) return Level.none;
  const word = s.slice(start, j);
  const level = levelFromWord(word);
  if (level === Level.none) return Level.none;
  noteLevelWord(word, level);
  if (bracket) {
    if (s.charCodeAt(j) !== 93) return Level.none;
    j++;
  }
  if (s.charCodeAt(j) === 58 /* : */) j++;
  const c = s.charCodeAt(j);
  if (j < s.length && c !== 32 && c !== 9) return Level.none;
  levelEnd = j;
  return level;
}

function skipSpaces(s: string, i: number): number {
  while (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9) i++;
  return i;
}

function afterTimestamp(s: string, ms: number, e: number): Head | undefined {
  let i = skipSpaces(s, e);
  // %(asctime)s - %(name)s - %(levelname)s - %(message)s
  if (s.charCodeAt(i) === 45 && s.charCodeAt(i + 1) === 32) {
    const nameStart = i + 2;
    const nameEnd = scanLoggerName(s, nameStart);
    if (nameEnd > 0 && s.startsWith(' - ', nameEnd)) {
      const lv = scanLevel(s, nameEnd + 3);
      if (lv !== Level.none && s.startsWith(' - ', levelEnd)) {
        return head(ms, lv, s.slice(nameStart, nameEnd), s.slice(levelEnd + 3));
      }
    }
    return head(ms, Level.none, '', s.slice(i));
  }
  // `time pid LEVEL name` is oslo.log's shape: its parser reads the context
  // and folds exception lines, so Python leaves it alone.
  let j = i;
  while (s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
  if (j > i && s.charCodeAt(j) === 32) return undefined;
  const lv = scanLevel(s, i);
  if (lv !== Level.none) {
    const k = skipSpaces(s, levelEnd);
    // %(levelname)s [%(name)s] %(message)s
    if (s.charCodeAt(k) === 91 /* [ */) {
      const end = scanLoggerName(s, k + 1);
      if (end > 0 && s.charCodeAt(end) === 93 /* ] */ && (end + 1 === s.length || s.charCodeAt(end + 1) === 32)) {
        return head(ms, lv, s.slice(k + 1, end), s.slice(skipSpaces(s, end + 1)));
      }
    }
    const nameEnd = scanLoggerName(s, k);
    if (nameEnd > 0) {
      const c = s.charCodeAt(nameEnd);
      if (nameEnd === s.length || c === 32) {
        const rest = nameEnd < s.length ? s.slice(nameEnd + 1) : '';
        return head(ms, lv, s.slice(k, nameEnd), rest);
      }
      // %(levelname)s %(name)s: %(message)s. A capitalised word before a colon
      // is more often the message's own (`Error: ...`) unless it is dotted.
      if (c === 58 /* : */ && (nameEnd + 1 === s.length || s.charCodeAt(nameEnd + 1) === 32) && (isLower(s.charCodeAt(k)) || s.lastIndexOf('.', nameEnd) > k)) {
        return head(ms, lv, s.slice(k, nameEnd), s.slice(skipSpaces(s, nameEnd + 1)));
      }
    }
    return head(ms, lv, '', s.slice(k));
  }
  // %(asctime)s %(name)s %(levelname)s %(message)s
  const nameEnd = scanLoggerName(s, i);
  if (nameEnd > 0 && s.charCodeAt(nameEnd) === 32) {
    const lv2 = scanLevel(s, skipSpaces(s, nameEnd));
    if (lv2 !== Level.none) return head(ms, lv2, s.slice(i, nameEnd), s.slice(skipSpaces(s, levelEnd)));
  }
  return head(ms, Level.none, '', s.slice(i));
}

export function parsePythonHead(s: string): Head | undefined {
  const c0 = s.charCodeAt(0);
  levelWritten = undefined;
  // kamaki console: "> msg" / "< msg" (and the bare ">" of an empty message)
  if (c0 === 62 /* > */ || c0 === 60 /* < */) {
    if (s.length === 1 || s.charCodeAt(1) === 32) {
      return head(NaN, Level.none, c0 === 62 ? SEND_LOGGER : RECV_LOGGER, s.slice(2));
    }
    return undefined;
  }
  if (c0 >= 48 && c0 <= 57) {
    const ms = isoTimeAt(s, 0);
    return Number.isNaN(ms) ? undefined : afterTimestamp(s, ms, isoTimeEnd());
  }
  if (!isIdentStart(c0)) return undefined;

  // basicConfig: LEVEL:name:message
  const lv = scanBasicConfigLevel(s);
  if (lv) {
    const nameEnd = scanLoggerName(s, lv[1]);
    if (nameEnd > 0 && s.charCodeAt(nameEnd) === 58) return head(NaN, lv[0], s.slice(lv[1], nameEnd), s.slice(nameEnd + 1));
  }

  const nameEnd = scanLoggerName(s, 0);
  if (nameEnd < 0) return undefined;
  const c = s.charCodeAt(nameEnd);
  // name(LEVEL) asctime
  if (c === 40 /* ( */) {
    const close = s.indexOf(') ', nameEnd);
    if (close > 0 && close - nameEnd < 14) {
      const word = s.slice(nameEnd + 1, close);
      const level = levelFromWord(word);
      if (level !== Level.none) noteLevelWord(word, level);
      const t = parseIsoLike(s, close + 2);
      if (level !== Level.none && t && t.end >= s.length - 1) {
        return head(t.ms, level, s.slice(0, nameEnd), undefined);
      }
    }
    return undefined;
  }
  // Python logger names are module paths, lower-case by convention; exception
  // lines (`KeyError: 'x'`) are CamelCase. Lower-case exception paths are
  // caught by the assembler's traceback tracking.
  if (!isLower(c0)) return undefined;
  if (c === 58 /* : */ && (nameEnd + 1 === s.length || s.charCodeAt(nameEnd + 1) === 32)) {
    return head(NaN, Level.none, s.slice(0, nameEnd), s.slice(nameEnd + 2));
  }
  if (nameEnd === s.length) {
    return { ...head(NaN, Level.none, s, undefined), shape: 'name-only' };
  }
  return undefined;
}

function scanBasicConfigLevel(s: string): [Level, number] | undefined {
  const colon = s.indexOf(':');
  if (colon < 4 || colon > 9) return undefined;
  for (let i = 0; i < colon; i++) {
    const ch = s.charCodeAt(i);
    if (ch < 65 || ch > 90) return undefined;
  }
  const word = s.slice(0, colon);
  const level = levelFromWord(word);
  if (level === Level.none) return undefined;
  noteLevelWord(word, level);
  return [level, colon + 1];
}

/** Two digits at s[i] as a number in [lo, hi], else -1. */
function twoDigits(s: string, i: number, lo: number, hi: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  if (!(a >= 0 && a <= 9 && b >= 0 && b <= 9)) return -1;
  const v = a * 10 + b;
  return v >= lo && v <= hi ? v : -1;
}

/**
 * The level of `YYYY-MM-DD HH:MM:SS[,fff] LEVEL dotted.name[ message]` (a
 * common level word, the most usual layout), which parsePythonHead reads as
 * a timed head with that level and logger, and which is not kamaki's HTTP
 * send/recv: a seam. Undefined for anything else, which it may still read.
 * Each check mirrors one of isoTimeAt, afterTimestamp, scanLevel and
 * scanLoggerName, taking only their plainest branch; no string is made.
 */
export function pythonSeamLevel(s: string): Level | undefined {
  if (s.length < 19) return undefined;
  for (let k = 0; k < 4; k++) {
    const d = s.charCodeAt(k) - 48;
    if (!(d >= 0 && d <= 9)) return undefined;
  }
  const sep = s.charCodeAt(10);
  if (
    s.charCodeAt(4) !== 45 ||
    twoDigits(s, 5, 1, 12) < 0 ||
    s.charCodeAt(7) !== 45 ||
    twoDigits(s, 8, 1, 31) < 0 ||
    (sep !== 32 && sep !== 84) ||
    twoDigits(s, 11, 0, 23) < 0 ||
    s.charCodeAt(13) !== 58 ||
    twoDigits(s, 14, 0, 59) < 0 ||
    s.charCodeAt(16) !== 58 ||
    twoDigits(s, 17, 0, 60) < 0
  )
    return undefined;
  let i = 19;
  const f = s.charCodeAt(i);
  if (f === 44 || f === 46) {
    let j = i + 1;
    while (s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
    if (j === i + 1) return undefined;
    i = j;
  }
  // Blank after the time: no zone, no `Z`; then the level word.
  let c = s.charCodeAt(i);
  if (c !== 32 && c !== 9) return undefined;
  i = skipSpaces(s, i);
  const n = commonLevelAt(s, i);
  if (n === 0) return undefined;
  const level = levelOfCommon;
  c = s.charCodeAt(i + n);
  if (c !== 32 && c !== 9) return undefined;
  const k = skipSpaces(s, i + n);
  const end = scanLoggerName(s, k);
  if (end < 0 || (end < s.length && s.charCodeAt(end) !== 32)) return undefined;
  if (end - k === SEND_LOGGER.length && (s.startsWith(SEND_LOGGER, k) || s.startsWith(RECV_LOGGER, k))) return undefined;
  return level;
}
