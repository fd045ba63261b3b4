import { localClockEpoch, monthAt, yearlessEpoch } from '../time.js';
import { numericZoneOffset, ZONE_NAMES, zoneOffset } from '../time-zones.js';

/**
 * Timestamp shapes found at the start of lines of unknown formats, each a
 * regex with named parts: Y (year), y (two-digit year), M (month number),
 * b (month name), D (day), h m s (clock), f (fraction), z (numeric zone),
 * Z (zone abbreviation), e (epoch seconds or ms).
 */
export interface TimeShape {
  name: string;
  /** Source of a regex to use anchored (^) or inside a larger one; named groups as above. */
  source: string;
}

const CLOCK = '(?<h>\\d\\d):(?<m>\\d\\d):(?<s>\\d\\d)(?:[.,](?<f>\\d{1,9}))?';
const ZONE = `(?:(?<z>Z|[+-]\\d\\d:?\\d\\d)|\\s(?<Z>${ZONE_NAMES.join('|')})(?![A-Za-z]))?`;
const MON = '(?<b>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const DOW = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? ';

export const TIME_SHAPES: readonly TimeShape[] = [
  { name: 'iso', source: `(?<Y>\\d{4})-(?<M>\\d\\d)-(?<D>\\d\\d)[T ]${CLOCK}${ZONE}` },
  { name: 'slash', source: `(?<Y>\\d{4})/(?<M>\\d\\d)/(?<D>\\d\\d)[T ]${CLOCK}${ZONE}` },
  { name: 'dotted-ymd', source: `(?<Y>\\d{4})\\.(?<M>\\d\\d)\\.(?<D>\\d\\d)[T ]${CLOCK}${ZONE}` },
  { name: 'dotted-dmy', source: `(?<D>\\d\\d)\\.(?<M>\\d\\d)\\.(?<Y>\\d{4})[T ]${CLOCK}${ZONE}` },
  { name: 'apache', source: `(?<D>\\d\\d)/${MON}/(?<Y>\\d{4}):${CLOCK}(?: (?<z>[+-]\\d{4}))?` },
  { name: 'dmy-name', source: `(?<D>\\d\\d)[- ]${MON}[- ](?<Y>\\d{4})[ :]${CLOCK}${ZONE}` },
  { name: 'ctime', source: `${DOW}${MON} +(?<D>\\d{1,2}) ${CLOCK}${ZONE} (?<Y>\\d{4})` },
  { name: 'syslog', source: `(?:${DOW})?${MON} +(?<D>\\d{1,2}) ${CLOCK}(?: (?<Y>\\d{4})(?!\\d))?${ZONE}` },
  { name: 'compact', source: `(?<Y>20\\d\\d)(?<M>[01]\\d)(?<D>[0-3]\\d)[T ]?(?<h>[0-2]\\d)(?<m>[0-5]\\d)(?<s>[0-6]\\d)(?:[.,](?<f>\\d{1,9}))?${ZONE}` },
  { name: 'yymmdd', source: '(?<y>\\d\\d)(?<M>[01]\\d)(?<D>[0-3]\\d) (?<h>[0-2]\\d):?(?<m>[0-5]\\d):?(?<s>[0-6]\\d)' },
  // 2001-09-09 .. 2038: ten-digit seconds or thirteen-digit milliseconds.
  { name: 'epoch', source: '(?<e>1\\d{9}(?:\\.\\d{1,9})?|1\\d{12})(?![\\d.])' },
];

const MIN_EPOCH_MS = Date.UTC(2001, 0, 1);
const MAX_EPOCH_MS = Date.UTC(2040, 0, 1);

/** Epoch ms from a TIME_SHAPES match's groups; NaN when they are no plausible time. */
export function readShape(g: Record<string, string | undefined>): number {
  if (g.e !== undefined) {
    const n = Number(g.e);
    const ms = g.e.length === 13 ? n : Math.floor(n * 1000);
    return ms >= MIN_EPOCH_MS && ms < MAX_EPOCH_MS ? ms : NaN;
  }
  const mo = g.b !== undefined ? monthAt(g.b, 0) : Number(g.M);
  const d = Number(g.D);
  const h = Number(g.h), mi = Number(g.m), s = Number(g.s);
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && s <= 60)) return NaN;
  const ms = g.f !== undefined ? Math.floor(Number('0.' + g.f) * 1000) : 0;
  const secOfDay = h * 3600 + mi * 60 + s;
  let y = g.Y !== undefined ? Number(g.Y) : g.y !== undefined ? 2000 + Number(g.y) : -1;
  const zone = g.z !== undefined ? numericZoneOffset(g.z) : g.Z !== undefined ? zoneOffset(g.Z) : undefined;
  if (y < 0) {
    const local = yearlessEpoch(mo, d, secOfDay, ms);
    if (zone === undefined) return local;
    y = new Date(local).getFullYear();
  }
  if (zone !== undefined) return Date.UTC(y, mo - 1, d) + secOfDay * 1000 + ms - zone * 60000;
  return localClockEpoch(y, mo, d, secOfDay, ms);
}
