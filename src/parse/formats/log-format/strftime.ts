import { monthAt, localClockEpoch, yearlessEpoch } from '../../time.js';
import { numericZoneOffset, zoneOffset } from '../../time-zones.js';

/**
 * A strftime `datefmt` (as Python's `time.strftime` and `logging.Formatter`
 * take it) compiled into a regex fragment and a reader of what it captured.
 */
export interface DatePattern {
  /** Regex source with capturing groups, one per directive that carries a value. */
  source: string;
  /** How many capturing groups `source` has. */
  groups: number;
  /**
   * Epoch ms from the groups' texts (m[first .. first+groups-1]); NaN when
   * they name no time. `msecs` (Python's %(msecs), NaN if none) adds the
   * milliseconds when the date itself showed no fraction.
   */
  read(m: RegExpExecArray, first: number, msecs: number): number;
}

/** What one directive's capture sets. */
type Part = 'Y' | 'y' | 'm' | 'd' | 'b' | 'B' | 'H' | 'I' | 'M' | 'S' | 'f' | 'p' | 'z' | 'Z' | 's' | 'j' | 'mmm' | 'skip';

const DIRECTIVES: Record<string, [string, Part] | string> = {
  Y: ['(\\d{4})', 'Y'],
  y: ['(\\d{2})', 'y'],
  m: ['(\\d{1,2})', 'm'],
  d: ['(\\d{1,2})', 'd'],
  e: [' ?(\\d{1,2})', 'd'],
  H: ['(\\d{1,2})', 'H'],
  k: [' ?(\\d{1,2})', 'H'],
  I: ['(\\d{1,2})', 'I'],
  l: [' ?(\\d{1,2})', 'I'],
  M: ['(\\d{2})', 'M'],
  S: ['(\\d{2})', 'S'],
  f: ['(\\d{6})', 'f'],
  // Milliseconds, as Ruby's strftime writes them (log4js's SSS reads as this; Python has none).
  L: ['(\\d{3})', 'mmm'],
  p: ['(AM|PM|am|pm)', 'p'],
  b: ['([A-Z][a-z]{2})', 'b'],
  h: ['([A-Z][a-z]{2})', 'b'],
  B: ['([A-Z][a-z]+)', 'B'],
  a: ['([A-Z][a-z]{2})', 'skip'],
  A: ['([A-Z][a-z]+)', 'skip'],
  j: ['(\\d{3})', 'j'],
  z: ['([+-]\\d{2}:?\\d{2}|Z)', 'z'],
  Z: ['([A-Za-z]{1,5}|[+-]\\d{2,4})?', 'Z'],
  s: ['(\\d{1,12})', 's'],
  u: ['(\\d)', 'skip'],
  w: ['(\\d)', 'skip'],
  U: ['(\\d{2})', 'skip'],
  W: ['(\\d{2})', 'skip'],
  V: ['(\\d{2})', 'skip'],
  G: ['(\\d{4})', 'skip'],
  g: ['(\\d{2})', 'skip'],
  C: ['(\\d{2})', 'skip'],
  F: '%Y-%m-%d',
  T: '%H:%M:%S',
  D: '%m/%d/%y',
  R: '%H:%M',
  r: '%I:%M:%S %p',
  c: '%a %b %e %H:%M:%S %Y',
  x: '%m/%d/%y',
  X: '%H:%M:%S',
};

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Python's default asctime: `%Y-%m-%d %H:%M:%S` then `,%03d` of msecs. */
export const PYTHON_DEFAULT_DATEFMT = '%Y-%m-%d %H:%M:%S,mmm';

/** Raised for a datefmt that cannot be read; the message says why. */
export class DateFormatError extends Error {}

/**
 * Compile a datefmt. Besides strftime's directives, `mmm` right after `,` or
 * `.` stands for Python's milliseconds (as in the default shown by --help).
 * `optionalMillis`: the `mmm` may be absent (the default datefmt, which oslo.log
 * replaces with one ending at seconds, `%(asctime)s.%(msecs)03d`).
 */
export function compileDateFormat(fmt: string, optionalMillis = false): DatePattern {
  const parts: Part[] = [];
  let source = '';
  const expand = (f: string, depth: number): void => {
    for (let i = 0; i < f.length; i++) {
      const ch = f[i]!;
      if (ch === '%') {
        const d = f[i + 1];
        i++;
        if (d === undefined) throw new DateFormatError(`date format '${fmt}' ends with a lone %`);
        if (d === '%') source += '%';
        else if (d === 'n') source += '\\n';
        else if (d === 't') source += '\\t';
        else {
          const def = DIRECTIVES[d];
          if (def === undefined) throw new DateFormatError(`date format '${fmt}': unknown directive %${d}`);
          if (typeof def === 'string') {
            if (depth > 2) throw new DateFormatError(`date format '${fmt}' nests too deep`);
            expand(def, depth + 1);
          } else {
            source += def[0];
            parts.push(def[1]);
          }
        }
      } else if ((ch === ',' || ch === '.') && f.startsWith('mmm', i + 1)) {
        source += optionalMillis ? `(?:${escapeRegex(ch)}(\\d{3}))?` : escapeRegex(ch) + '(\\d{3})';
        parts.push('mmm');
        i += 3;
      } else {
        source += ch === ' ' ? ' ' : escapeRegex(ch);
      }
    }
  };
  expand(fmt, 0);
  if (!parts.some((p) => p === 'H' || p === 'I' || p === 's')) {
    throw new DateFormatError(`date format '${fmt}' has no hour (%H, %I or %s)`);
  }
  return {
    source,
    groups: parts.length,
    read(m, first, msecs) {
      let y = -1, mo = -1, d = 1, h = 0, mi = 0, sec = 0, pm = -1, yday = -1;
      let ms = Number.isNaN(msecs) ? 0 : Math.floor(msecs);
      let zone: number | undefined;
      for (let k = 0; k < parts.length; k++) {
        const v = m[first + k];
        if (v === undefined) continue;
        switch (parts[k]) {
          case 'Y': y = Number(v); break;
          case 'y': y = 2000 + Number(v); if (y > 2068) y -= 100; break;
          case 'm': mo = Number(v); break;
          case 'd': d = Number(v); break;
          case 'b': mo = monthAt(v, 0); break;
          case 'B': mo = MONTH_NAMES.indexOf(v.toLowerCase()) + 1; break;
          case 'H': h = Number(v); break;
          case 'I': h = Number(v) % 12; if (pm < 0) pm = 0; break;
          case 'p': pm = v.toLowerCase() === 'pm' ? 1 : 0; break;
          case 'M': mi = Number(v); break;
          case 'S': sec = Number(v); break;
          case 'f': ms = Math.floor(Number(v) / 1000); break;
          case 'mmm': ms = Number(v); break;
          case 'j': yday = Number(v); break;
          case 'z': zone = numericZoneOffset(v); break;
          case 'Z': zone = zoneOffset(v.toUpperCase()) ?? numericZoneOffset(v); break;
          case 's': return Number(v) * 1000 + ms;
          default: break;
        }
      }
      if (pm === 1) h += 12;
      if (mo < 0 && yday > 0 && y >= 0) {
        const t = new Date(Date.UTC(y, 0, yday));
        mo = t.getUTCMonth() + 1;
        d = t.getUTCDate();
      }
      if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 61) return NaN;
      const secOfDay = h * 3600 + mi * 60 + sec;
      if (zone !== undefined && y >= 0) return Date.UTC(y, mo - 1, d) + secOfDay * 1000 + ms - zone * 60000;
      return y >= 0 ? localClockEpoch(y, mo, d, secOfDay, ms) : yearlessEpoch(mo, d, secOfDay, ms);
    },
  };
}
