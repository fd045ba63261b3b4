import type { Format, Head } from '../head.js';
import { clockAt, fractionAt, localClockEpoch, readDigits } from '../time.js';
import { guessPlainLevel } from './plain.js';

/**
 * Go's standard `log` package: `2009/11/10 23:00:00[.micro] [file.go:23: ]message`
 * (LstdFlags, Lmicroseconds, Lshortfile/Llongfile). It has no levels; an
 * unambiguous level word at the start of the message is taken as one.
 */

const FORMAT = 'golog';
const SOURCE = /^(\S+\.go:\d+): /;

export function parseGoLogHead(s: string): Head | undefined {
  if (s.charCodeAt(4) !== 47 || s.charCodeAt(7) !== 47 || s.charCodeAt(10) !== 32) return undefined;
  const y = readDigits(s, 0, 4);
  const mo = readDigits(s, 5, 2);
  const d = readDigits(s, 8, 2);
  const sec = clockAt(s, 11);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || sec < 0) return undefined;
  const [ms, end] = fractionAt(s, 19);
  if (end < s.length && s.charCodeAt(end) !== 32) return undefined;
  let message = s.slice(end + 1);
  const head: Head = { time: localClockEpoch(y, mo, d, sec, ms), level: 0, logger: '', message, format: FORMAT };
  const src = message.indexOf('.go:') > 0 ? SOURCE.exec(message) : null;
  if (src) {
    message = message.slice(src[0].length);
    head.message = message;
    head.fields = { source: src[1]! };
  }
  head.level = guessPlainLevel(message);
  return head;
}

export const goLogFormat: Format = {
  name: FORMAT,
  firstChar: (c) => c >= 48 && c <= 57,
  parse: parseGoLogHead,
};
