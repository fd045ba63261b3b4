import { Level } from '../../model/level.js';
import type { Fields } from '../../model/record.js';
import type { Format, Head } from '../head.js';

/**
 * W3C extended log files (IIS, some CDNs): `#Software:`, `#Version:`,
 * `#Date:` and `#Fields: date time c-ip cs-method ...` directives, then one
 * space-separated line per request in the order `#Fields` gave. Times are
 * UTC (the W3C draft). The field list is kept from the last `#Fields` line
 * read, so data lines are read only after one.
 */
const FORMAT = 'w3c';
const DATE_TIME = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d+))?$/;

let fields: string[] | undefined;

function statusLevel(s: number): Level {
  return s >= 500 ? Level.error : s >= 400 ? Level.warning : Level.info;
}

function parse(text: string): Head | undefined {
  if (text.charCodeAt(0) === 35 /* # */) {
    if (text.startsWith('#Fields: ')) fields = text.slice(9).trim().split(/\s+/);
    else if (!/^#(Software|Version|Date|Remark|Start-Date|End-Date): /.test(text)) return undefined;
    return { time: NaN, level: Level.none, logger: '', message: text, format: FORMAT, single: true };
  }
  const names = fields;
  if (names === undefined) return undefined;
  const values = text.split(' ');
  if (values.length !== names.length) return undefined;
  const f: Fields = {};
  for (let k = 0; k < names.length; k++) if (values[k] !== '-') f[names[k]!] = values[k]!;
  const date = f.date, time = f.time;
  const m = typeof date === 'string' && typeof time === 'string' ? DATE_TIME.exec(`${date} ${time}`) : null;
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) + (m[7] ? Math.floor(Number('0.' + m[7]) * 1000) : 0);
  delete f.date;
  delete f.time;
  const status = Number(f['sc-status']);
  const uri = f['cs-uri-stem'] !== undefined ? `${f['cs-uri-stem']}${f['cs-uri-query'] !== undefined ? `?${f['cs-uri-query']}` : ''}` : undefined;
  const message = [f['cs-method'], uri, f['sc-status']].filter((x) => x !== undefined).join(' ');
  return { time: ms, level: Number.isFinite(status) && status > 0 ? statusLevel(status) : Level.none, logger: '', message, fields: f, format: FORMAT, single: true };
}

export const w3cFormat: Format & { samples: readonly string[]; reset(): void } = {
  name: FORMAT,
  /** Forget the field list (after the load-time sample check, which reads a #Fields line). */
  reset() {
    fields = undefined;
  },
  firstChar: (c) => c === 35 || (c >= 48 && c <= 57),
  parse,
  samples: [
    '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status time-taken',
    '2024-05-16 12:00:00 10.0.0.5 GET /index.html - 443 - 10.0.0.1 Mozilla/5.0 200 0 0 15',
  ],
};
