import { Level, levelFromWord } from '../../model/level.js';
import type { Fields } from '../../model/record.js';
import type { Format, Head } from '../head.js';
import { clockAt, fractionAt, localClockEpoch, monthAt, readDigits, utcEpoch } from '../time.js';

/**
 * Apache httpd's two logs:
 *   error log   [Sun Dec 04 04:47:44 2005] [error] message                       (2.2)
 *               [Wed Oct 11 14:32:52.123456 2000] [core:error] [pid 35708:tid 43] [client 1.2.3.4:5] message   (2.4)
 *   access log  host ident user [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 2326 ["referer" "agent"]
 * Access lines get their level from the status: >= 500 error, >= 400 warning, else info.
 */

const FORMAT = 'apache';

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function errorLog(s: string): Head | undefined {
  // [Www Mmm dd HH:MM:SS[.usec] yyyy]
  if (s.charCodeAt(4) !== 32 || s.charCodeAt(8) !== 32) return undefined;
  const mo = monthAt(s, 5);
  const d = s.charCodeAt(9) === 32 ? readDigits(s, 10, 1) : readDigits(s, 9, 2);
  if (mo < 0 || d < 1 || s.charCodeAt(11) !== 32) return undefined;
  const sec = clockAt(s, 12);
  if (sec < 0) return undefined;
  const [ms, fe] = fractionAt(s, 20);
  if (s.charCodeAt(fe) !== 32) return undefined;
  const y = readDigits(s, fe + 1, 4);
  if (y < 0 || s.charCodeAt(fe + 5) !== 93 || s.charCodeAt(fe + 6) !== 32 || s.charCodeAt(fe + 7) !== 91) return undefined;
  const time = localClockEpoch(y, mo, d, sec, ms);
  const lvClose = s.indexOf(']', fe + 8);
  if (lvClose < 0) return undefined;
  const tag = s.slice(fe + 8, lvClose);
  const colon = tag.indexOf(':');
  const word = colon >= 0 ? tag.slice(colon + 1) : tag;
  // trace1..trace8 are all trace.
  const level = word.startsWith('trace') ? Level.trace : levelFromWord(word);
  if (level === Level.none) return undefined;
  const logger = colon >= 0 ? tag.slice(0, colon) : '';
  let i = lvClose + 1;
  const fields: Fields = {};
  for (;;) {
    if (s.charCodeAt(i) === 32 && s.charCodeAt(i + 1) === 91) {
      const close = s.indexOf(']', i + 2);
      if (close < 0) break;
      const part = s.slice(i + 2, close);
      if (part.startsWith('pid ')) {
        const [pid, tid] = part.slice(4).split(':tid ');
        fields.pid = Number(pid);
        if (tid !== undefined) fields.tid = Number(tid);
      } else if (part.startsWith('client ') || part.startsWith('remote ')) {
        fields[part.slice(0, 6)] = part.slice(7);
      } else {
        break;
      }
      i = close + 1;
    } else {
      break;
    }
  }
  const message = s.slice(s.charCodeAt(i) === 32 ? i + 1 : i);
  const head: Head = { time, level, logger, message, format: FORMAT };
  for (const _ in fields) {
    head.fields = fields;
    break;
  }
  return head;
}

const ACCESS = /^(\S+) (\S+) (\S+) \[(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}:\d{2}:\d{2}) ([+-])(\d{2})(\d{2})\] "((?:[^"\\]|\\.)*)" (\d{3}) (\d+|-)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?/;

function accessLog(s: string): Head | undefined {
  const br = s.indexOf(' [');
  if (br < 0 || br > 300 || s.indexOf('] "', br) < 0) return undefined;
  const m = ACCESS.exec(s);
  if (m === null) return undefined;
  const mo = monthAt(m[5]!, 0);
  if (mo < 0) return undefined;
  const sec = clockAt(m[7]!, 0);
  const off = (Number(m[9]) * 60 + Number(m[10])) * 60000 * (m[8] === '+' ? 1 : -1);
  const time = utcEpoch(Number(m[6]), mo, Number(m[4])) + sec * 1000 - off;
  const status = Number(m[12]);
  const level = status >= 500 ? Level.error : status >= 400 ? Level.warning : Level.info;
  const fields: Fields = { client: m[1]! };
  if (m[3] !== '-') fields.user = m[3]!;
  const req = m[11]!.split(' ');
  if (req.length === 3) {
    fields.method = req[0]!;
    fields.path = req[1]!;
    fields.protocol = req[2]!;
  }
  fields.status = status;
  if (m[13] !== '-') fields.size = Number(m[13]);
  if (m[14] !== undefined && m[14] !== '-') fields.referer = m[14];
  if (m[15] !== undefined && m[15] !== '-') fields.user_agent = m[15];
  return { time, level, logger: '', message: s.slice(s.indexOf('] "', br) + 2), fields, format: FORMAT };
}

export function parseApacheHead(s: string): Head | undefined {
  const c = s.charCodeAt(0);
  if (c === 91 /* [ */) return errorLog(s);
  return accessLog(s);
}

export const apacheFormat: Format = {
  name: FORMAT,
  firstChar: (c) => c === 91 || isDigit(c) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 58,
  parse: parseApacheHead,
};
