import { Level, levelFromSyslog } from '../../model/level.js';
import type { FieldValue, Fields } from '../../model/record.js';
import type { Format, Head } from '../head.js';
import { haproxyLog } from './haproxy.js';
import { clockAt, fractionAt, monthAt, parseIsoLike, readDigits, yearlessEpoch } from '../time.js';

/**
 * syslog and the journal's text forms:
 *   RFC 3164   [<PRI>]Mmm dd HH:MM:SS host tag[pid]: message   (day space-padded, no year)
 *   journalctl short / short-precise: the same without PRI (fractional seconds allowed)
 *   journalctl short-iso, rsyslog RFC 3339:  2024-01-02T03:04:05+0100 host tag[pid]: message
 *   RFC 5424   <PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD] message
 * The logger is the program (the tag, e.g. `sshd(pam_unix)`); the level comes
 * from PRI's severity when there is one.
 */

const FORMAT = 'syslog';
const MAX_TAG = 48;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `<PRI>` at s[0] -> [severity level, facility, end], or undefined. */
function priAt(s: string): [Level, number, number] | undefined {
  let i = 1;
  let v = 0;
  while (isDigit(s.charCodeAt(i)) && i < 5) v = v * 10 + s.charCodeAt(i++) - 48;
  if (i === 1 || s.charCodeAt(i) !== 62 /* > */ || v > 191) return undefined;
  return [levelFromSyslog(v & 7), v >> 3, i + 1];
}

/** `host tag[pid]: message` from s[i]. */
function hostTagMessage(s: string, i: number, time: number, level: Level): Head | undefined {
  const hostEnd = s.indexOf(' ', i);
  if (hostEnd <= i) return undefined;
  const host = s.slice(i, hostEnd);
  let j = hostEnd;
  while (s.charCodeAt(j) === 32) j++;
  // The tag runs to `[pid]` or `:`; it may hold a space or two (`syslogd 1.4.1:`).
  const tagStart = j;
  let spaces = 0;
  let tagEnd = -1;
  let pid: number | undefined;
  let k = j;
  for (; k < s.length && k - tagStart <= MAX_TAG; k++) {
    const c = s.charCodeAt(k);
    if (c === 58 /* : */ && (k + 1 === s.length || s.charCodeAt(k + 1) === 32)) {
      tagEnd = k;
      break;
    }
    if (c === 91 /* [ */) {
      const close = s.indexOf(']', k);
      const p = close > k + 1 ? Number(s.slice(k + 1, close)) : NaN;
      if (Number.isInteger(p) && s.charCodeAt(close + 1) === 58) {
        tagEnd = k;
        pid = p;
        k = close + 1;
        break;
      }
    }
    if (c === 32 && ++spaces > 2) break;
  }
  const fields: Fields = { host };
  let logger = '';
  let message: string;
  if (tagEnd > tagStart) {
    logger = s.slice(tagStart, tagEnd).trim();
    if (pid !== undefined) fields.pid = pid;
    else k = tagEnd;
    message = s.slice(s.charCodeAt(k + 1) === 32 ? k + 2 : k + 1);
  } else {
    message = s.slice(tagStart);
  }
  // HAProxy logs through syslog: its request lines carry what the syslog head does not.
  if (logger === 'haproxy' && level === Level.none) level = haproxyLog(message, fields) ?? level;
  return { time, level, logger, message, fields, format: FORMAT };
}

function rfc3164(s: string, i: number, level: Level): Head | undefined {
  const mo = monthAt(s, i);
  if (mo < 0 || s.charCodeAt(i + 3) !== 32) return undefined;
  const d1 = s.charCodeAt(i + 4);
  const d = d1 === 32 ? readDigits(s, i + 5, 1) : readDigits(s, i + 4, 2);
  if (d < 1 || d > 31 || s.charCodeAt(i + 6) !== 32) return undefined;
  const sec = clockAt(s, i + 7);
  if (sec < 0) return undefined;
  const [ms, end] = fractionAt(s, i + 15);
  if (s.charCodeAt(end) !== 32) return undefined;
  return hostTagMessage(s, end + 1, yearlessEpoch(mo, d, sec, ms), level);
}

function isoStamped(s: string, i: number, level: Level): Head | undefined {
  if (s.charCodeAt(i + 10) !== 84 /* T */) return undefined;
  const t = parseIsoLike(s, i);
  if (t === undefined || s.charCodeAt(t.end) !== 32) return undefined;
  // A zone is what tells short-iso apart from application logs with ISO times.
  let k = i + 19;
  if (s.charCodeAt(k) === 46 || s.charCodeAt(k) === 44) {
    k++;
    while (isDigit(s.charCodeAt(k))) k++;
  }
  const z = s.charCodeAt(k);
  if (z !== 90 && z !== 43 && z !== 45) return undefined;
  return hostTagMessage(s, t.end + 1, t.ms, level);
}

function nil(v: string): string | undefined {
  return v === '-' ? undefined : v;
}

/** RFC 5424 structured data `[id k="v" ...]...` -> fields keyed by SD-ID; returns the end index. */
function structuredData(s: string, i: number, fields: Fields): number {
  while (s.charCodeAt(i) === 91) {
    const idEnd = s.slice(i + 1).search(/[ \]]/) + i + 1;
    if (idEnd <= i) return i;
    const id = s.slice(i + 1, idEnd);
    const params: { [k: string]: FieldValue } = {};
    let j = idEnd;
    for (;;) {
      while (s.charCodeAt(j) === 32) j++;
      if (s.charCodeAt(j) === 93) {
        j++;
        break;
      }
      const eq = s.indexOf('="', j);
      if (eq < 0) return s.length;
      const name = s.slice(j, eq);
      let k = eq + 2;
      let v = '';
      while (k < s.length && s.charCodeAt(k) !== 34) {
        if (s.charCodeAt(k) === 92) k++;
        v += s[k] ?? '';
        k++;
      }
      params[name] = v;
      j = k + 1;
    }
    fields[id] = params;
    i = j;
  }
  return i;
}

function rfc5424(s: string, i: number, level: Level): Head | undefined {
  const parts: string[] = [];
  let j = i;
  for (let n = 0; n < 5; n++) {
    const sp = s.indexOf(' ', j);
    if (sp < 0) return undefined;
    parts.push(s.slice(j, sp));
    j = sp + 1;
  }
  const [ts, host, app, procid, msgid] = parts as [string, string, string, string, string];
  let time = NaN;
  if (ts !== '-') {
    const t = parseIsoLike(ts, 0);
    if (t === undefined) return undefined;
    time = t.ms;
  }
  const fields: Fields = {};
  if (nil(host)) fields.host = host;
  if (nil(procid)) fields.pid = isDigit(procid.charCodeAt(0)) ? Number(procid) : procid;
  if (nil(msgid)) fields.msgid = msgid;
  if (s.charCodeAt(j) === 45 /* - */) j += 1;
  else j = structuredData(s, j, fields);
  if (s.charCodeAt(j) === 32) j++;
  let message = s.slice(j);
  if (message.charCodeAt(0) === 0xfeff) message = message.slice(1);
  const head: Head = { time, level, logger: nil(app) ?? '', message, format: FORMAT };
  for (const _ in fields) {
    head.fields = fields;
    break;
  }
  return head;
}

export function parseSyslogHead(s: string): Head | undefined {
  let i = 0;
  let level: Level = Level.none;
  if (s.charCodeAt(0) === 60 /* < */) {
    const p = priAt(s);
    if (p === undefined) return undefined;
    level = p[0];
    i = p[2];
    if (s.charCodeAt(i) === 49 /* 1 */ && s.charCodeAt(i + 1) === 32) return rfc5424(s, i + 2, level);
  }
  const c = s.charCodeAt(i);
  if (c >= 65 && c <= 90) return rfc3164(s, i, level);
  if (isDigit(c)) return isoStamped(s, i, level);
  return undefined;
}

export const syslogFormat: Format = {
  name: FORMAT,
  firstChar: (c) => c === 60 || (c >= 65 && c <= 90) || isDigit(c),
  parse: parseSyslogHead,
};
