import { Level, LEVEL_NAMES, levelFromWord } from '../../model/level.js';
import type { Fields } from '../../model/record.js';
import type { Format, Head } from '../head.js';
import { scanLoggerName } from '../python-head.js';
import { parseIsoLike } from '../time.js';

/**
 * oslo.log text (oslo_log/_options.py, formatters.py ContextFormatter):
 *   default   TIME PID LEVEL name [-] [instance: uuid] message
 *   context   TIME PID LEVEL name [req-id user tenant domain user_domain project_domain] ...       (old)
 *             TIME PID LEVEL name [global_req request_id user project domain system_scope user_domain project_domain] ...
 *   exception TIME PID ERROR name [instance: uuid] <traceback line>   (logging_exception_prefix;
 *             TRACE instead of ERROR in old releases), one per line of the traceback
 *   debug     ... message funcName /path/file.py:lineno                 (logging_debug_format_suffix)
 * A prefix token before the time (loghub's source file name) is accepted and kept as `file`.
 */

const FORMAT = 'oslo';
const MAX_PREFIX = 200;
const DEBUG_SUFFIX = / (\S+) (\/\S+\.py):(\d+)$/;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isNil(v: string): boolean {
  return v === '-' || v === 'None' || v === '';
}

/** Context tokens -> fields (request_id, global_request_id, user, project). */
function contextFields(ctx: string, fields: Fields): void {
  const t = ctx.split(' ');
  // The new shape has eight tokens and starts with the global request id (`None` when unset).
  const withGlobal = t.length >= 8 || t[0] === 'None' || (t[1] !== undefined && t[1].startsWith('req-'));
  let k = 0;
  if (withGlobal) {
    const g = t[k++]!;
    const r = t[k++];
    if (r !== undefined && !isNil(r)) fields.request_id = r;
    if (!isNil(g)) fields.global_request_id = g;
  } else {
    const r = t[k++]!;
    if (!isNil(r)) fields.request_id = r;
  }
  const user = t[k++];
  const project = t[k++];
  if (user !== undefined && !isNil(user)) fields.user = user;
  if (project !== undefined && !isNil(project)) fields.project = project;
}

export function parseOsloHead(s: string): Head | undefined {
  let start = 0;
  let prefix: string | undefined;
  if (!isDigit(s.charCodeAt(0))) {
    const sp = s.indexOf(' ');
    if (sp <= 0 || sp > MAX_PREFIX || !isDigit(s.charCodeAt(sp + 1))) return undefined;
    prefix = s.slice(0, sp);
    start = sp + 1;
  }
  const t = parseIsoLike(s, start);
  if (t === undefined || s.charCodeAt(t.end) !== 32) return undefined;
  // %(process)d
  let i = t.end + 1;
  const pidStart = i;
  while (isDigit(s.charCodeAt(i))) i++;
  if (i === pidStart || s.charCodeAt(i) !== 32) return undefined;
  const pidEnd = i;
  i++;
  const levelStart = i;
  while (s.charCodeAt(i) >= 65 && s.charCodeAt(i) <= 90) i++;
  if (s.charCodeAt(i) !== 32) return undefined;
  const levelWord = s.slice(levelStart, i);
  const level = levelFromWord(levelWord);
  if (level === Level.none) return undefined;
  const nameStart = i + 1;
  const nameEnd = scanLoggerName(s, nameStart);
  if (nameEnd < 0 || (nameEnd < s.length && s.charCodeAt(nameEnd) !== 32)) return undefined;
  const logger = s.slice(nameStart, nameEnd);
  i = nameEnd + 1;

  const fields: Fields = {};
  let hasContext = false;
  if (s.charCodeAt(i) === 91 /* [ */ && !s.startsWith('[instance: ', i)) {
    const close = s.indexOf(']', i);
    if (close > 0) {
      hasContext = true;
      const ctx = s.slice(i + 1, close);
      if (ctx !== '-') contextFields(ctx, fields);
      i = close + 1;
      if (s.charCodeAt(i) === 32) i++;
    }
  }
  if (s.startsWith('[instance: ', i)) {
    const close = s.indexOf('] ', i);
    const end = close > 0 ? close : s.endsWith(']') ? s.length - 1 : -1;
    if (end > 0) {
      fields.instance = s.slice(i + 11, end);
      i = end + 2;
    }
  }
  let message = i < s.length ? s.slice(i) : '';
  if (level === Level.debug && message.indexOf('.py:') > 0) {
    const m = DEBUG_SUFFIX.exec(message);
    if (m) {
      message = message.slice(0, m.index);
      fields.funcName = m[1]!;
      fields.pathname = m[2]!;
      fields.lineno = Number(m[3]);
    }
  }
  if (prefix !== undefined) fields.file = prefix;
  const head: Head = {
    time: t.ms,
    level,
    ...(levelWord.length !== LEVEL_NAMES[level].length ? { levelName: levelWord } : {}),
    logger,
    message,
    format: FORMAT,
    // Lines of one logger call share asctime, pid and logger (the assembler compares loggers too).
    foldKey: s.slice(start, pidEnd),
  };
  for (const _ in fields) {
    head.fields = fields;
    break;
  }
  if (!hasContext && (levelWord === 'ERROR' || levelWord === 'TRACE')) head.fold = message;
  return head;
}

export const osloFormat: Format = {
  name: FORMAT,
  firstChar: (c) => c > 32,
  parse: parseOsloHead,
};
