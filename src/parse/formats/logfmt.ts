import { Level, levelFromName } from '../../model/level.js';
import type { FieldValue, Fields } from '../../model/record.js';
import type { Format, Head } from '../head.js';
import { setOwn } from '../own-key.js';
import { timeFromValue } from '../time.js';

/**
 * logfmt (`time=2024-01-02T03:04:05Z level=info msg="hello world" k=v`), as
 * Go slog's TextHandler, logrus's text formatter, go-kit and Heroku write it.
 * Values stay strings. A line counts as logfmt only when every token is a
 * pair; without a time, level or message key it is too loose to switch on.
 */

const FORMAT = 'logfmt';
const MESSAGE_KEYS = ['msg', 'message'];
const TIME_KEYS = ['time', 'ts', 'timestamp', 't', 'date'];
const LEVEL_KEYS = ['level', 'lvl', 'severity', 'loglevel'];
const LOGGER_KEYS = ['logger', 'component'];

function isKeyChar(c: number): boolean {
  return c > 32 && c !== 61 /* = */ && c !== 34 /* " */ && c < 127;
}

/** Pairs of a logfmt line, or undefined if some token is not `key=value` / `key`. */
export function scanLogfmt(s: string): Map<string, string> | undefined {
  const out = new Map<string, string>();
  const n = s.length;
  let i = 0;
  let pairs = 0;
  while (i < n) {
    while (i < n && s.charCodeAt(i) === 32) i++;
    if (i >= n) break;
    const ks = i;
    while (i < n && isKeyChar(s.charCodeAt(i))) i++;
    if (i === ks) return undefined;
    const key = s.slice(ks, i);
    if (i >= n || s.charCodeAt(i) === 32) {
      out.set(key, 'true');
      continue;
    }
    if (s.charCodeAt(i) !== 61) return undefined;
    i++;
    let value: string;
    if (s.charCodeAt(i) === 34) {
      i++;
      let v = '';
      let from = i;
      for (;;) {
        if (i >= n) return undefined;
        const c = s.charCodeAt(i);
        if (c === 34) break;
        if (c === 92 /* \ */) {
          v += s.slice(from, i);
          const e = s[i + 1];
          v += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : (e ?? '');
          i += 2;
          from = i;
          continue;
        }
        i++;
      }
      value = v + s.slice(from, i);
      i++;
      if (i < n && s.charCodeAt(i) !== 32) return undefined;
    } else {
      const vs = i;
      while (i < n && s.charCodeAt(i) !== 32) i++;
      value = s.slice(vs, i);
    }
    out.set(key, value);
    pairs++;
  }
  return pairs >= 2 ? out : undefined;
}

function take(m: Map<string, string>, keys: readonly string[]): [string, string] | undefined {
  for (const k of keys) {
    const v = m.get(k);
    if (v !== undefined) return [k, v];
  }
  return undefined;
}

export function parseLogfmtHead(s: string): Head | undefined {
  // Cheap rejection: the first token must be a key=value pair.
  const eq = s.indexOf('=');
  if (eq <= 0) return undefined;
  const sp = s.indexOf(' ');
  if (sp >= 0 && sp < eq) return undefined;
  const m = scanLogfmt(s);
  if (m === undefined) return undefined;
  let known = false;
  let time = NaN;
  const t = take(m, TIME_KEYS);
  if (t) {
    const ms = timeFromValue(t[1]);
    if (!Number.isNaN(ms)) {
      time = ms;
      m.delete(t[0]);
      known = true;
    }
  }
  let level: Level = Level.none;
  const l = take(m, LEVEL_KEYS);
  if (l) {
    level = levelFromName(l[1]);
    if (level !== Level.none) {
      m.delete(l[0]);
      known = true;
    }
  }
  let message = '';
  let body: string[] | undefined;
  const msg = take(m, MESSAGE_KEYS);
  if (msg) {
    m.delete(msg[0]);
    known = true;
    const ls = msg[1].split(/\r?\n/);
    message = ls[0]!;
    if (ls.length > 1) body = ls.slice(1);
  }
  let logger = '';
  const lg = take(m, LOGGER_KEYS);
  if (lg) {
    logger = lg[1];
    m.delete(lg[0]);
  }
  const head: Head = { time, level, logger, message, format: FORMAT };
  if (body) head.body = body;
  if (m.size > 0) {
    const fields: Fields = {};
    for (const [k, v] of m) setOwn<FieldValue>(fields, k, v);
    head.fields = fields;
  }
  if (!known) head.weak = true;
  return head;
}

export const logfmtFormat: Format = {
  name: FORMAT,
  firstChar: (c) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 64,
  parse: parseLogfmtHead,
};
