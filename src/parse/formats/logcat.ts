import { Level } from '../../model/level.js';
import type { Format, Head } from '../head.js';
import { clockAt, fractionAt, localClockEpoch, readDigits, yearlessEpoch } from '../time.js';
import { lookupTable } from '../../model/lookup-table.js';

/**
 * Android `logcat -v threadtime`: `MM-DD HH:MM:SS.mmm  PID  TID L Tag: message`
 * (with `-v year`, a leading `YYYY-`). The tag is the logger.
 */

const FORMAT = 'logcat';
const LEVELS: Record<string, Level> = lookupTable({
  V: Level.trace,
  D: Level.debug,
  I: Level.info,
  W: Level.warning,
  E: Level.error,
  F: Level.critical,
  A: Level.critical,
});

function number(s: string, i: number): [number, number] | undefined {
  while (s.charCodeAt(i) === 32) i++;
  const st = i;
  while (s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  if (i === st || s.charCodeAt(i) !== 32) return undefined;
  return [Number(s.slice(st, i)), i];
}

export function parseLogcatHead(s: string): Head | undefined {
  let i = 0;
  let year = -1;
  if (s.charCodeAt(4) === 45) {
    year = readDigits(s, 0, 4);
    if (year < 0) return undefined;
    i = 5;
  }
  if (s.charCodeAt(i + 2) !== 45 || s.charCodeAt(i + 5) !== 32) return undefined;
  const mo = readDigits(s, i, 2);
  const d = readDigits(s, i + 3, 2);
  const sec = clockAt(s, i + 6);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || sec < 0) return undefined;
  const [ms, end] = fractionAt(s, i + 14);
  const pid = number(s, end);
  if (pid === undefined) return undefined;
  const tid = number(s, pid[1]);
  if (tid === undefined) return undefined;
  const lv = LEVELS[s[tid[1] + 1] ?? ''];
  if (lv === undefined || s.charCodeAt(tid[1] + 2) !== 32) return undefined;
  const colon = s.indexOf(': ', tid[1] + 3);
  const tagEnd = colon >= 0 ? colon : s.endsWith(':') ? s.length - 1 : -1;
  if (tagEnd < 0) return undefined;
  const time = year >= 0 ? localClockEpoch(year, mo, d, sec, ms) : yearlessEpoch(mo, d, sec, ms);
  return {
    time,
    level: lv,
    logger: s.slice(tid[1] + 3, tagEnd).trim(),
    message: s.slice(tagEnd + 2),
    fields: { pid: pid[0], tid: tid[0] },
    format: FORMAT,
  };
}

export const logcatFormat: Format = {
  name: FORMAT,
  firstChar: (c) => c >= 48 && c <= 57,
  parse: parseLogcatHead,
};
