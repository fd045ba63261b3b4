import {
  Level,
  levelName,
  levelFromName,
  levelFromOtelNumber,
  levelFromPinoNumber,
  levelFromPythonNumber,
  levelFromSyslog,
} from '../../model/level.js';
import type { FieldValue, Fields } from '../../model/record.js';
import type { Format, Head } from '../head.js';
import { setOwn } from '../own-key.js';
import { makeJsonSeamLevel, type JsonKeyLists } from './json-seam.js';
import { timeFromValue } from '../time.js';

/**
 * JSON lines, one record each, from the common structured loggers. Keys are
 * looked up by role; what is not used for time, level, logger, message or the
 * stack stays in `fields`, nested objects kept nested.
 *
 *   pino / bunyan       time, level (10..60), name, msg, err.stack
 *   winston             timestamp, level (names), message, stack
 *   Go slog / zap / logrus   time|ts, level|lvl, msg, logger, stacktrace
 *   structlog           timestamp, level, logger, event, exception
 *   python-json-logger  asctime|timestamp, levelname, name, message, exc_info
 *   oslo.log JSON       asctime/created, levelname/levelno, name, message, traceback, context (-> fields)
 *   Serilog CLEF        @t, @l (absent = Information), @m or @mt (rendered), @x
 *   Elastic ECS         @timestamp, log.level, log.logger, message, error.stack_trace
 *   GELF                timestamp (s), level (syslog 0-7), short_message, full_message
 *   OpenTelemetry       timeUnixNano, severityNumber (1-24) / severityText, body, scope.name
 *   Rust tracing        timestamp, level, target, fields.message
 */

const FORMAT = 'json';

type Obj = { [key: string]: FieldValue };

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Value at a key, or at a dotted path (`log.level` written flat or nested, any depth). */
function lookup(o: Obj, key: string): FieldValue | undefined {
  const v = o[key];
  if (v !== undefined) return v;
  let dot = key.indexOf('.');
  while (dot > 0) {
    const parent = o[key.slice(0, dot)];
    if (isObj(parent)) {
      const found = lookup(parent, key.slice(dot + 1));
      if (found !== undefined) return found;
    }
    dot = key.indexOf('.', dot + 1);
  }
  return undefined;
}

/** Remove what lookup found; a nested parent left empty goes too. */
function remove(o: Obj, key: string): boolean {
  if (key in o) {
    delete o[key];
    return true;
  }
  let dot = key.indexOf('.');
  while (dot > 0) {
    const pk = key.slice(0, dot);
    const parent = o[pk];
    if (isObj(parent) && remove(parent, key.slice(dot + 1))) {
      for (const _ in parent) return true;
      delete o[pk];
      return true;
    }
    dot = key.indexOf('.', dot + 1);
  }
  return false;
}

let MESSAGE_KEYS = ['message', 'msg', 'MESSAGE', '@m', 'short_message', 'event', 'RenderedMessage', 'body', 'Body', 'log', 'text'];
let TIME_KEYS = [
  '@timestamp', 'timestamp', 'time', 'ts', '@t', 'Timestamp', 'timeUnixNano', 'time_unix_nano',
  'observedTimeUnixNano', 'datetime', 'date', 'created', 'asctime', 't.$date', 't', '__REALTIME_TIMESTAMP', '_logMeta.date', '_meta.date',
];
let LEVEL_KEYS = ['level', 'levelname', 'context.logLevel', 'LOGGER_LEVEL', 'PRIORITY', 'severity', 'log.level', '@l', 'Level', 'severityText', 'SeverityText', 'lvl', 'loglevel', 'log_level', 'levelno', 'severityNumber', 'SeverityNumber'];
let LOGGER_KEYS = ['logger', 'logger_name', 'loggerName', 'name', 'LOGGER_NAME', 'SYSLOG_IDENTIFIER', '_SYSTEMD_UNIT', 'context.namespace', '_logMeta.name', '_meta.name', 'log.logger', 'SourceContext', 'target', 'scope.name', 'instrumentationScope.name'];
const STACK_KEYS = [
  'err.stack', 'error.stack', 'stack', 'stacktrace', 'stack_trace', 'error.stack_trace', 'exception', 'exc_info',
  'exc_text', 'traceback', '@x', 'Exception', 'full_message',
];
/** Key paths a user's config adds (config.json "jsonKeys"), tried before the built-in ones. */
export interface JsonKeys {
  time?: string[];
  level?: string[];
  logger?: string[];
  message?: string[];
}

const BUILTIN_KEYS = { time: TIME_KEYS, level: LEVEL_KEYS, logger: LOGGER_KEYS, message: MESSAGE_KEYS };

/** Set the user's extra key paths (replacing any set before). */
export function setJsonKeys(keys: JsonKeys): void {
  TIME_KEYS = [...(keys.time ?? []), ...BUILTIN_KEYS.time];
  LEVEL_KEYS = [...(keys.level ?? []), ...BUILTIN_KEYS.level];
  LOGGER_KEYS = [...(keys.logger ?? []), ...BUILTIN_KEYS.logger];
  MESSAGE_KEYS = [...(keys.message ?? []), ...BUILTIN_KEYS.message];
  keyLists = undefined;
}

let keyLists: JsonKeyLists | undefined;

/** The key lists as they are now (a new object after setJsonKeys). */
function currentKeyLists(): JsonKeyLists {
  return (keyLists ??= { message: MESSAGE_KEYS, time: TIME_KEYS, level: LEVEL_KEYS, logger: LOGGER_KEYS, twins: TWINS });
}

/** Keys that say the same thing as the one used, dropped with it. */
const TWINS: Record<string, readonly string[]> = {
  levelname: ['levelno'],
  severityText: ['severityNumber'],
  SeverityText: ['SeverityNumber'],
  created: ['asctime', 'msecs'],
  '@m': ['@mt'],
  RenderedMessage: ['MessageTemplate'],
};

/** MongoDB's severities (`"s"`): F E W I, D1..D5. */
const MONGO_LEVELS: Record<string, Level> = { F: Level.critical, E: Level.error, W: Level.warning, I: Level.info };

function levelOf(key: string, v: FieldValue): Level {
  // journald writes the syslog severity as a string.
  if (key === 'PRIORITY' && typeof v === 'string' && /^[0-7]$/.test(v)) return levelFromSyslog(Number(v));
  if (typeof v === 'string') return levelFromName(v);
  if (typeof v !== 'number') return Level.none;
  if (key === 'levelno') return levelFromPythonNumber(v);
  if (key === 'severityNumber' || key === 'SeverityNumber') return levelFromOtelNumber(v);
  // A small number is a syslog severity (GELF); pino and bunyan count in tens.
  return v <= 7 ? levelFromSyslog(v) : levelFromPinoNumber(v);
}

/** Serilog message template: `{Name}`, `{@Name}`, `{$Name}`, `{Name:format}`; `{{` `}}` escape. */
function renderTemplate(t: string, o: Obj): string {
  return t.replace(/\{\{|\}\}|\{([@$]?)([A-Za-z0-9_]+)(?:[,:][^}]*)?\}/g, (m, _sigil: string, name: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const v = o[name!];
    if (v === undefined) return m;
    return typeof v === 'string' ? v : JSON.stringify(v);
  });
}

function lines(s: string): string[] {
  const out = s.split(/\r?\n/);
  while (out.length > 1 && out[out.length - 1] === '') out.pop();
  return out;
}

function dropTwins(o: Obj, key: string): void {
  const twins = TWINS[key];
  if (twins) for (const t of twins) remove(o, t);
}

/** A parsed JSON object -> head. */
export function headFromObject(o: Obj): Head {
  let known = false;

  let message: string | undefined;
  for (const k of MESSAGE_KEYS) {
    const v = lookup(o, k);
    if (v === undefined || v === null || typeof v === 'object') continue;
    message = typeof v === 'string' ? v : String(v);
    remove(o, k);
    dropTwins(o, k);
    break;
  }
  if (message === undefined) {
    const mt = o['@mt'];
    if (typeof mt === 'string') {
      message = renderTemplate(mt, o);
      delete o['@mt'];
    } else {
      // Rust tracing puts the message among the event's fields.
      const f = o.fields;
      if (isObj(f) && typeof f.message === 'string') {
        message = f.message;
        delete f.message;
        delete o.fields;
        for (const k in f) if (!Object.hasOwn(o, k)) setOwn(o, k, f[k]!);
      }
    }
  }
  if (message !== undefined) known = true;

  let time = NaN;
  let timeKey = '';
  for (const k of TIME_KEYS) {
    const v = lookup(o, k);
    if (v === undefined) continue;
    const ms = timeFromValue(v);
    // OTLP writes 0 for an unset time; some loggers write epoch 0 likewise.
    if (Number.isNaN(ms) || ms === 0) continue;
    time = ms;
    timeKey = k;
    remove(o, k);
    dropTwins(o, k);
    known = true;
    break;
  }

  let level: Level = Level.none;
  let levelWord: string | undefined;
  for (const k of LEVEL_KEYS) {
    const v = lookup(o, k);
    if (v === undefined) continue;
    const l = levelOf(k, v);
    if (l === Level.none) continue;
    level = l;
    if (typeof v === 'string' && k !== 'PRIORITY') levelWord = v;
    remove(o, k);
    dropTwins(o, k);
    known = true;
    break;
  }
  // Serilog CLEF leaves @l out at Information.
  if (level === Level.none && timeKey === '@t') level = Level.info;
  // MongoDB: {"t":{"$date":...},"s":"I","c":"NETWORK",...}: severity and component.
  let mongoComponent: string | undefined;
  if (timeKey === 't.$date' && typeof o.s === 'string') {
    const s = o.s;
    const l = MONGO_LEVELS[s] ?? (/^D[1-5]$/.test(s) ? Level.debug : Level.none);
    if (l !== Level.none) {
      level = l;
      levelWord = s;
      delete o.s;
      if (typeof o.c === 'string') {
        mongoComponent = o.c === '-' ? '' : o.c.trim();
        delete o.c;
      }
    }
  }

  let logger = mongoComponent ?? '';
  if (mongoComponent === undefined) for (const k of LOGGER_KEYS) {
    const v = lookup(o, k);
    if (typeof v !== 'string') continue;
    logger = k === 'target' ? v.replaceAll('::', '.') : v;
    remove(o, k);
    break;
  }

  let body: string[] | undefined;
  if (message !== undefined && (message.indexOf('\n') >= 0 || message.indexOf('\r') >= 0)) {
    const ls = lines(message);
    message = ls[0]!;
    body = ls.slice(1);
  }
  for (const k of STACK_KEYS) {
    const v = lookup(o, k);
    if (v === null) {
      remove(o, k); // `"traceback": null`: no exception, nothing to keep
      continue;
    }
    let add: string[] | undefined;
    if (typeof v === 'string' && v !== '') add = lines(v);
    else if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) {
      add = [];
      for (const x of v as string[]) add.push(...lines(x));
    }
    if (add === undefined) continue;
    (body ??= []).push(...add);
    remove(o, k);
  }

  // oslo.log's request context reads best as plain fields, like its text form.
  const ctx = o.context;
  if (isObj(ctx) && ('levelno' in o || 'levelname' in o || 'funcname' in o || 'funcName' in o)) {
    delete o.context;
    for (const k in ctx) {
      const v = ctx[k]!;
      if (v !== null && !Object.hasOwn(o, k)) setOwn(o, k, v);
    }
  }

  const head: Head = { time, level, logger, message: message ?? '', format: FORMAT, single: true };
  // The level as written, when it is not the normalised name (`SILLY`, `WARN`, `Information`).
  if (levelWord !== undefined && levelWord.toLowerCase() !== levelName(level)) head.levelName = levelWord;
  if (body !== undefined && body.length > 0) head.body = body;
  for (const _ in o) {
    head.fields = o as Fields;
    break;
  }
  if (!known) head.weak = true;
  return head;
}

/**
 * Deepest nesting a JSON line may have to be parsed as JSON. Deeper (an
 * attack, or a bug) it is shown as plain text: every walk over fields below
 * (JSON.stringify when rendering, the details pane) recurses per level.
 */
export const MAX_JSON_DEPTH = 64;

/** True when objects and arrays nest deeper than MAX_JSON_DEPTH (brackets inside strings don't count). */
export function tooDeep(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91 /* { [ */) {
      if (++depth > MAX_JSON_DEPTH) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

export function parseJsonHead(text: string): Head | undefined {
  if (text.charCodeAt(0) !== 123 /* { */) return undefined;
  let end = text.length - 1;
  while (end > 0 && (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 9)) end--;
  if (text.charCodeAt(end) !== 125 /* } */) return undefined;
  if (tooDeep(text)) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isObj(v) ? headFromObject(v) : undefined;
}

export const jsonFormat: Format = {
  name: FORMAT,
  firstChar: (c) => c === 123,
  parse: parseJsonHead,
  sureSeamLevel: makeJsonSeamLevel(currentKeyLists, levelOf),
  seamIsRecord: true,
};
