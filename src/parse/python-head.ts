import { Level, LEVEL_NAMES, levelFromWord } from '../model/level.js';
import type { Head } from './head.js';
import { isoTimeAt, isoTimeEnd, parseIsoLike } from './time.js';
import { RECV_LOGGER, SEND_LOGGER } from './kamaki-http.js';
import { TRACEBACK_LINE } from './formats/stack-traces.js';

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
  // held by the traceback rule (formats/stack-traces.ts).
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

/** Two ASCII digits at b[i] as a number in [lo, hi], else -1. */
function twoDigits(b: Uint8Array, i: number, lo: number, hi: number): number {
  const x = b[i]! - 48;
  const y = b[i + 1]! - 48;
  if (!(x >= 0 && x <= 9 && y >= 0 && y <= 9)) return -1;
  const v = x * 10 + y;
  return v >= lo && v <= hi ? v : -1;
}

/** Whether the bytes at b[i..end) start with `word` (ASCII, as bytes). */
function bytesStartWith(b: Uint8Array, i: number, end: number, word: Uint8Array): boolean {
  const n = word.length;
  if (i + n > end) return false;
  for (let k = 0; k < n; k++) if (b[i + k] !== word[k]) return false;
  return true;
}

const ascii = (word: string): Uint8Array => Uint8Array.from(word, (c) => c.charCodeAt(0));
// The words after their first letter (the switch has read it).
const NFO = ascii('NFO');
const EBUG = ascii('EBUG');
const ARN = ascii('ARN');
const RROR = ascii('RROR');
const RITICAL = ascii('RITICAL');
const SEND_BYTES = ascii(SEND_LOGGER);
const RECV_BYTES = ascii(RECV_LOGGER);

/** commonLevelAt on bytes: the word's length (its level in levelOfCommon), 0 if none. */
function commonLevelBytes(b: Uint8Array, i: number, end: number): number {
  switch (b[i]) {
    case 73:
      levelOfCommon = Level.info;
      return bytesStartWith(b, i + 1, end, NFO) ? 4 : 0;
    case 68:
      levelOfCommon = Level.debug;
      if (!bytesStartWith(b, i + 1, end, EBUG)) return 0;
      return i + 5 < end && b[i + 5] === 86 /* V */ ? 6 : 5;
    case 87:
      levelOfCommon = Level.warning;
      if (!bytesStartWith(b, i + 1, end, ARN)) return 0;
      return i + 6 < end && b[i + 4] === 73 /* I */ && b[i + 5] === 78 /* N */ && b[i + 6] === 71 /* G */ ? 7 : 4;
    case 69:
      levelOfCommon = Level.error;
      return bytesStartWith(b, i + 1, end, RROR) ? 5 : 0;
    case 67:
      levelOfCommon = Level.critical;
      return bytesStartWith(b, i + 1, end, RITICAL) ? 8 : 0;
    default:
      return 0;
  }
}

/** Bytes of a Python identifier: 1 may start one (letters, `_`), 2 only continue one (digits, `-`). */
export const IDENT = new Uint8Array(256);
for (let c = 0; c < 256; c++) IDENT[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 ? 1 : (c >= 48 && c <= 57) || c === 45 ? 2 : 0;

function isIdentStartByte(c: number): boolean {
  return IDENT[c] === 1;
}
function isIdentByte(c: number): boolean {
  return IDENT[c] !== 0;
}

/** scanLoggerName on bytes: where the dotted name whose first byte (an identifier start) is b[k] ends, before `end`. */
function loggerNameEnd(b: Uint8Array, k: number, end: number): number {
  let e = k + 1;
  for (;;) {
    if (e >= end) return e;
    const x = b[e]!;
    if (isIdentByte(x)) e++;
    else if (x === 46 && e + 1 < end && isIdentStartByte(b[e + 1]!)) e += 2;
    else return e;
  }
}

/**
 * The level of the line in b[start, end) (its text, without the newline)
 * when it is `YYYY-MM-DD HH:MM:SS[,fff] LEVEL dotted.name[ message]` with a
 * common level word, the most usual layout: parsePythonHead reads it as a
 * timed head with that level and logger, not kamaki's HTTP send/recv, so it
 * is a seam. Undefined for anything else, which it may still read. Each
 * check mirrors one of isoTimeAt, afterTimestamp, scanLevel and
 * scanLoggerName, taking only their plainest branch, on bytes: the prefix it
 * accepts is ASCII, where bytes and the decoded text agree; nothing is decoded.
 */
const TRACEBACK_BYTES = ascii(TRACEBACK_LINE);

/**
 * Format.tracebackStep for Python: the traceback's opening line (true), or,
 * in a traceback, an exception line whose type is a lower-case dotted name
 * (`requests.exceptions.ConnectionError: boom`, false): parsePythonHead reads
 * that as an untimed `name: message` head, and the assembler lets only a
 * timed head end a traceback. CamelCase types (`KeyError: 'x'`) are no head
 * of Python's, so other formats are tried on them: unsure. Mirrors
 * $traceback in skim/python-seams.wat.
 */
export function pythonTracebackStep(b: Uint8Array, start: number, end: number, inTraceback: boolean): boolean | undefined {
  if (end - start === TRACEBACK_BYTES.length && bytesStartWith(b, start, end, TRACEBACK_BYTES)) return true;
  if (!inTraceback) return undefined;
  const c = b[start]!;
  if (!((c >= 97 && c <= 122) || c === 95)) return undefined;
  const j = loggerNameEnd(b, start, end);
  if (j >= end || b[j] !== 58 || (j + 1 < end && b[j + 1] !== 32)) return undefined;
  return false;
}

/** Where the last line pythonSeamLevel answered for has its time's end and its logger (byte offsets). */
export const pythonSeamSpans = { timeEnd: 0, loggerStart: 0, loggerEnd: 0 };

export function pythonSeamLevel(b: Uint8Array, start: number, end: number): Level | undefined {
  if (end - start < 19) return undefined;
  const s0 = start;
  for (let k = 0; k < 4; k++) {
    const d = b[s0 + k]! - 48;
    if (!(d >= 0 && d <= 9)) return undefined;
  }
  const sep = b[s0 + 10];
  if (
    b[s0 + 4] !== 45 ||
    twoDigits(b, s0 + 5, 1, 12) < 0 ||
    b[s0 + 7] !== 45 ||
    twoDigits(b, s0 + 8, 1, 31) < 0 ||
    (sep !== 32 && sep !== 84) ||
    twoDigits(b, s0 + 11, 0, 23) < 0 ||
    b[s0 + 13] !== 58 ||
    twoDigits(b, s0 + 14, 0, 59) < 0 ||
    b[s0 + 16] !== 58 ||
    twoDigits(b, s0 + 17, 0, 60) < 0
  )
    return undefined;
  let i = s0 + 19;
  const f = b[i];
  if (i < end && (f === 44 || f === 46)) {
    let j = i + 1;
    while (j < end && b[j]! >= 48 && b[j]! <= 57) j++;
    if (j === i + 1) return undefined;
    i = j;
  }
  const timeEnd = i;
  // Blank after the time: no zone, no `Z`; then the level word.
  let c = i < end ? b[i] : -1;
  if (c !== 32 && c !== 9) return undefined;
  while (i < end && (b[i] === 32 || b[i] === 9)) i++;
  const n = commonLevelBytes(b, i, end);
  if (n === 0) return undefined;
  const level = levelOfCommon;
  c = i + n < end ? b[i + n] : -1;
  if (c !== 32 && c !== 9) return undefined;
  let k = i + n;
  while (k < end && (b[k] === 32 || b[k] === 9)) k++;
  // scanLoggerName: identifiers joined by single dots.
  if (k >= end || !isIdentStartByte(b[k]!)) return undefined;
  const e = loggerNameEnd(b, k, end);
  if (e < end && b[e] !== 32) return undefined;
  if (e - k === SEND_LOGGER.length && (bytesStartWith(b, k, e, SEND_BYTES) || bytesStartWith(b, k, e, RECV_BYTES))) return undefined;
  pythonSeamSpans.timeEnd = timeEnd;
  pythonSeamSpans.loggerStart = k;
  pythonSeamSpans.loggerEnd = e;
  return level;
}
