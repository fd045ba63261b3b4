import type { FieldValue } from '../../model/record.js';
import type { Format, Head } from '../head.js';
import { headFromObject, tooDeep } from './json.js';

/**
 * `journalctl -o json` entries, one per line. The JSON format's key roles
 * already know journald's (MESSAGE, __REALTIME_TIMESTAMP in µs, LOGGER_LEVEL
 * then PRIORITY, LOGGER_NAME then SYSLOG_IDENTIFIER then _SYSTEMD_UNIT); this
 * adds what only journalctl writes: a value that is not valid UTF-8 comes as
 * an array of byte values, a field seen twice in an entry as an array of
 * values, and the reader's bookkeeping (cursor, monotonic time, sequence
 * numbers) is dropped.
 */

const FORMAT = 'journal';

const BOOKKEEPING = ['__CURSOR', '__MONOTONIC_TIMESTAMP', '__SEQNUM', '__SEQNUM_ID'];

type Obj = { [key: string]: FieldValue };

function isBytes(v: FieldValue): v is number[] {
  return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 255);
}

/** A journal value as text: bytes decoded (invalid UTF-8 replaced), a repeated field's values joined by lines. */
function journalValue(v: FieldValue): FieldValue {
  if (isBytes(v)) return Buffer.from(v).toString('utf8');
  if (Array.isArray(v) && v.length > 0) return v.map(journalValue).map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('\n');
  return v;
}

export function parseJournalHead(text: string): Head | undefined {
  if (text.charCodeAt(0) !== 123 /* { */ || tooDeep(text)) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const o = v as Obj;
  for (const k of BOOKKEEPING) delete o[k];
  for (const k in o) o[k] = journalValue(o[k]!);
  const named = typeof o.LOGGER_LEVEL === 'string';
  const head: Head = { ...headFromObject(o), format: FORMAT, single: true };
  // oslo.log's LOGGER_LEVEL was read as the level: PRIORITY says the same in syslog numbers.
  if (named && head.fields && head.fields.LOGGER_LEVEL === undefined) delete head.fields.PRIORITY;
  return head;
}

export const journalFormat: Format = {
  name: FORMAT,
  firstChar: (c) => c === 123,
  parse: parseJournalHead,
};
