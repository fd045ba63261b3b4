import { Level, levelFromWord } from '../../model/level.js';
import type { Format, Head } from '../head.js';
import { parseIsoLike } from '../time.js';

/**
 * Rust's two common text loggers:
 *   env_logger      [2024-01-15T10:30:00Z INFO  my_crate::db] message
 *   tracing fmt     2024-01-15T10:30:00.123456Z  INFO span{a=1}:inner: my_crate::db: message k=v
 * The target's `::` path separators become dots, so the logger tree nests modules.
 */

const FORMAT = 'rust';

function rustLevel(s: string, i: number): [Level, number] | undefined {
  let j = i;
  while (s.charCodeAt(j) >= 65 && s.charCodeAt(j) <= 90) j++;
  const w = s.slice(i, j);
  if (w !== 'TRACE' && w !== 'DEBUG' && w !== 'INFO' && w !== 'WARN' && w !== 'ERROR') return undefined;
  return [levelFromWord(w), j];
}

function isTargetChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 58 || c === 45;
}

function envLogger(s: string): Head | undefined {
  const t = parseIsoLike(s, 1);
  if (t === undefined || s.charCodeAt(t.end) !== 32) return undefined;
  const lv = rustLevel(s, t.end + 1);
  if (lv === undefined) return undefined;
  let i = lv[1];
  while (s.charCodeAt(i) === 32) i++;
  const close = s.indexOf(']', i);
  if (close < 0) return undefined;
  const target = s.slice(i, close);
  for (let k = 0; k < target.length; k++) if (!isTargetChar(target.charCodeAt(k))) return undefined;
  const message = s.slice(s.charCodeAt(close + 1) === 32 ? close + 2 : close + 1);
  return { time: t.ms, level: lv[0], logger: target.replaceAll('::', '.'), message, format: FORMAT };
}

function tracingFmt(s: string): Head | undefined {
  if (s.charCodeAt(10) !== 84 /* T */) return undefined;
  const t = parseIsoLike(s, 0);
  if (t === undefined || s.charCodeAt(t.end) !== 32) return undefined;
  let i = t.end;
  while (s.charCodeAt(i) === 32) i++;
  const lv = rustLevel(s, i);
  if (lv === undefined || s.charCodeAt(lv[1]) !== 32) return undefined;
  i = lv[1] + 1;
  // Optional span chain `a{x=1}:b:` ends with `: `; the target is the next token ending in `: `.
  let spans: string | undefined;
  let tokEnd = s.indexOf(': ', i);
  if (tokEnd < 0) return undefined;
  let tok = s.slice(i, tokEnd);
  if (tok.indexOf('{') >= 0 || tok.indexOf(' ') >= 0) {
    spans = tok;
    i = tokEnd + 2;
    tokEnd = s.indexOf(': ', i);
    if (tokEnd < 0) return undefined;
    tok = s.slice(i, tokEnd);
  }
  if (tok === '') return undefined;
  for (let k = 0; k < tok.length; k++) if (!isTargetChar(tok.charCodeAt(k))) return undefined;
  const head: Head = { time: t.ms, level: lv[0], logger: tok.replaceAll('::', '.'), message: s.slice(tokEnd + 2), format: FORMAT };
  if (spans !== undefined) head.fields = { spans };
  return head;
}

export function parseRustHead(s: string): Head | undefined {
  const c = s.charCodeAt(0);
  if (c === 91 /* [ */) return envLogger(s);
  if (c >= 48 && c <= 57) return tracingFmt(s);
  return undefined;
}

export const rustFormat: Format = {
  name: FORMAT,
  firstChar: (c) => c === 91 || (c >= 48 && c <= 57),
  parse: parseRustHead,
};
