import { Level } from '../../model/level.js';
import type { Format, Head } from '../head.js';
import { clockAt, fractionAt, readDigits, yearlessEpoch } from '../time.js';

/**
 * glog / klog (C++, Go, Kubernetes): `Lmmdd hh:mm:ss.uuuuuu threadid file:line] message`
 * with L one of I W E F. No year: the current one (or last, if that is in the future).
 */

const FORMAT = 'glog';
const LEVELS: Record<number, Level> = { 73: Level.info, 87: Level.warning, 69: Level.error, 70: Level.critical };

export function parseGlogHead(s: string): Head | undefined {
  const level = LEVELS[s.charCodeAt(0)];
  if (level === undefined || s.charCodeAt(5) !== 32) return undefined;
  const mo = readDigits(s, 1, 2);
  const d = readDigits(s, 3, 2);
  const sec = clockAt(s, 6);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || sec < 0) return undefined;
  const [ms, end] = fractionAt(s, 14);
  let i = end;
  while (s.charCodeAt(i) === 32) i++;
  const ts = i;
  while (s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  if (i === ts || s.charCodeAt(i) !== 32) return undefined;
  const thread = Number(s.slice(ts, i));
  const close = s.indexOf('] ', i);
  const src = close > 0 ? s.slice(i + 1, close) : '';
  if (src.indexOf(':') < 0 || src.indexOf(' ') >= 0) return undefined;
  return {
    time: yearlessEpoch(mo, d, sec, ms),
    level,
    logger: '',
    message: s.slice(close + 2),
    fields: { thread, source: src },
    format: FORMAT,
  };
}

export const glogFormat: Format = {
  name: FORMAT,
  firstChar: (c) => LEVELS[c] !== undefined,
  parse: parseGlogHead,
};
