import { Level, levelFromWord } from '../../model/level.js';
import type { Fields } from '../../model/record.js';
import type { Format, Head } from '../head.js';
import { clockAt, fractionAt, localClockEpoch, parseIsoLike, readDigits } from '../time.js';

/**
 * log4j / logback / java.util.logging-style text, in the shapes the big Java
 * projects print:
 *   Hadoop       2015-10-18 18:01:47,978 INFO [main] org.apache.Foo: message
 *   Spark        17/06/09 20:10:40 INFO executor.Backend: message
 *   Zookeeper    2015-07-29 17:41:44,747 - INFO  [thread:Class@774] - message
 *   Spring Boot  2024-01-15 10:30:00.123  INFO 12345 --- [app] [  main] c.e.App   : message
 *   logback      10:30:00.123 [main] INFO  com.example.App - message
 *   log4j        2024-01-15 10:30:00,123 INFO  [main] App:42 - message
 * A thread in brackets (or Spark's yy/MM/dd date) is required: without one the
 * line is a Python one. Stack traces (`\tat`, `Caused by:`) continue the record.
 */

const FORMAT = 'log4j';

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Index of the `]` closing the `[` at s[i], brackets nested; -1 if none. */
function closeBracket(s: string, i: number): number {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 91) depth++;
    else if (c === 93 && --depth === 0) return j;
  }
  return -1;
}

export function parseLog4jHead(s: string): Head | undefined {
  if (!isDigit(s.charCodeAt(0))) return undefined;
  let time: number;
  let i: number;
  let spark = false;
  if (s.charCodeAt(4) === 45) {
    const t = parseIsoLike(s, 0);
    if (t === undefined) return undefined;
    time = t.ms;
    i = t.end;
  } else if (s.charCodeAt(2) === 47 && s.charCodeAt(5) === 47 && s.charCodeAt(8) === 32) {
    const yy = readDigits(s, 0, 2);
    const mo = readDigits(s, 3, 2);
    const d = readDigits(s, 6, 2);
    const sec = clockAt(s, 9);
    if (yy < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || sec < 0) return undefined;
    const [ms, end] = fractionAt(s, 17);
    time = localClockEpoch(2000 + yy, mo, d, sec, ms);
    i = end;
    spark = true;
  } else if (s.charCodeAt(2) === 58 && s.charCodeAt(5) === 58) {
    // logback's default pattern shows the time of day only: no date to place it on.
    if (clockAt(s, 0) < 0) return undefined;
    time = NaN;
    i = fractionAt(s, 8)[1];
  } else {
    return undefined;
  }
  if (s.charCodeAt(i) !== 32) return undefined;

  let level: Level = Level.none;
  let pid = -1;
  const brackets: string[] = [];
  for (let n = 0; n < 8; n++) {
    while (s.charCodeAt(i) === 32) i++;
    const c = s.charCodeAt(i);
    if (c === 91) {
      const close = closeBracket(s, i);
      if (close < 0) return undefined;
      brackets.push(s.slice(i + 1, close));
      i = close + 1;
    } else if (c === 45 /* - */ && s.startsWith('--- ', i)) {
      i += 3;
    } else if (c === 45 && s.charCodeAt(i + 1) === 32 && level === Level.none && brackets.length === 0) {
      i += 1; // Zookeeper: `time - LEVEL`
    } else if (level === Level.none && c >= 65 && c <= 90) {
      const ws = i;
      while (s.charCodeAt(i) >= 65 && s.charCodeAt(i) <= 90) i++;
      level = s.charCodeAt(i) === 32 ? levelFromWord(s.slice(ws, i)) : Level.none;
      if (level === Level.none) return undefined;
    } else if (level !== Level.none && pid < 0 && brackets.length === 0 && isDigit(c)) {
      const ds = i;
      while (isDigit(s.charCodeAt(i))) i++;
      if (s.charCodeAt(i) !== 32) return undefined;
      pid = Number(s.slice(ds, i));
    } else {
      break;
    }
  }
  if (level === Level.none || (brackets.length === 0 && !spark)) return undefined;

  const fields: Fields = {};
  let logger = '';
  let message: string;
  if (s.charCodeAt(i) === 45 && (s.charCodeAt(i + 1) === 32 || i + 1 === s.length)) {
    // Zookeeper: the class is in the bracket, `thread:Class@line`.
    message = s.slice(i + 2);
    const last = brackets[brackets.length - 1];
    if (last === undefined) return undefined;
    const at = last.lastIndexOf('@');
    const colon = at > 0 ? last.lastIndexOf(':', at) : -1;
    if (colon >= 0) {
      logger = last.slice(colon + 1, at);
      fields.thread = last.slice(0, colon);
      const line = Number(last.slice(at + 1));
      if (Number.isInteger(line)) fields.line = line;
    } else {
      fields.thread = last.trim();
    }
  } else {
    let tokEnd = s.indexOf(' ', i);
    if (tokEnd < 0) tokEnd = s.length;
    const tok = s.slice(i, tokEnd);
    if (tok.length > 1 && tok.endsWith(':')) {
      logger = tok.slice(0, -1);
      message = s.slice(tokEnd + 1);
    } else {
      let j = tokEnd;
      while (s.charCodeAt(j) === 32) j++;
      const c = s.charCodeAt(j);
      if ((c === 58 || c === 45) && (s.charCodeAt(j + 1) === 32 || j + 1 === s.length)) {
        logger = tok;
        message = s.slice(j + 2);
      } else {
        return undefined;
      }
    }
    if (logger === '') return undefined;
    const lc = logger.lastIndexOf(':');
    if (lc > 0 && isDigit(logger.charCodeAt(lc + 1))) {
      const line = Number(logger.slice(lc + 1));
      if (Number.isInteger(line)) {
        fields.line = line;
        logger = logger.slice(0, lc);
      }
    }
    const thread = brackets[brackets.length - 1];
    if (thread !== undefined) fields.thread = thread.trim();
    if (brackets.length > 1) fields.app = brackets[0]!.trim();
  }
  if (pid >= 0) fields.pid = pid;
  const head: Head = { time, level, logger, message, format: FORMAT };
  for (const _ in fields) {
    head.fields = fields;
    break;
  }
  return head;
}

export const log4jFormat: Format = {
  name: FORMAT,
  firstChar: isDigit,
  parse: parseLog4jHead,
};
