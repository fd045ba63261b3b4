import { Level, levelFromName, levelFromPythonNumber, levelName as normalisedName } from '../../../model/level.js';
import type { Fields } from '../../../model/record.js';
import type { Format, Head } from '../../head.js';
import { compileDateFormat, escapeRegex, PYTHON_DEFAULT_DATEFMT, type DatePattern } from './strftime.js';
import { isLog4jsPattern, log4jsTemplate } from './log4js-pattern.js';
import { LogFormatError, tokenize, type FieldToken, type Style, type Token } from './tokens.js';

/**
 * Python `logging` format strings (and oslo.log's option values, which are
 * the same thing) compiled into a Format: one anchored regex per template,
 * lazy fields read left to right as the Formatter wrote them.
 *
 * A `--log-format` value plays one of three parts, told by its fields:
 *   record   it has %(message)s (or, without one, the rest of the line is the message)
 *   prefix   no message but a time or level: oslo's logging_exception_prefix; its lines
 *            fold into the record of the same call (same asctime, msecs, process)
 *   suffix   none of message, time, level: oslo's logging_debug_format_suffix, cut from
 *            the end of debug messages into fields
 */

const INT_ATTRS = new Set(['levelno', 'lineno', 'process', 'thread']);
const FLOAT_ATTRS = new Set(['created', 'relativeCreated', 'msecs']);
const WORD_ATTRS = new Set(['name', 'filename', 'processName', 'taskName', 'levelname']);
/** Python identifiers: never a dot, so `%(name)s.%(funcName)s` splits at the last one. */
const IDENT_ATTRS = new Set(['module', 'funcName']);
const SPACED_ATTRS = new Set(['threadName', 'pathname']);
const NIL = new Set(['', 'None', '-']);
const PYTHON_LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'];

interface Capture {
  attr: string;
  token: FieldToken;
  /** Index of the field's group in the match. */
  group: number;
}

/** One format string and what its lines imply that the text does not show. */
export interface TemplateSpec {
  fmt: string;
  style?: Style;
  /** The template already read into tokens (a log4js pattern); `fmt` is then only its text, for messages. */
  tokens?: readonly Token[];
  /** Overrides the format's dateFormat for this template. */
  dateFormat?: string;
  /** The logger of lines without %(name)s (gunicorn's error log is `gunicorn.error`). */
  logger?: string;
  /** The attribute that names the logger when there is no %(name)s (Flask's %(module)s, Celery's task name). */
  loggerFrom?: string;
  /** Level words of the library beyond the common ones (consola's `success`, log4js's `MARK`), lower case. */
  levels?: Record<string, Level>;
  /**
   * Level words that mark a line continuing the record before it (PostgreSQL's
   * DETAIL, HINT, STATEMENT, CONTEXT): such lines fold into the record with the
   * same time and process, as the rest of its body.
   */
  foldLevels?: readonly string[];
  /** The level of lines without one (Python warnings). */
  level?: Level;
  /** The message is an access line's `"METHOD path protocol" status size`: read those into fields. */
  request?: boolean;
  /** Level from an HTTP status field (>= 500 error, >= 400 warning, else info), as Django's server logger does. */
  levelFromStatus?: string;
}

interface Template {
  spec: TemplateSpec;
  re: RegExp;
  captures: Capture[];
  date: DatePattern | undefined;
  /** Group index of the date pattern's first group. */
  dateFirst: number;
  hasMessage: boolean;
  /** The template shows a level (levelname, levelno, levelprefix). */
  leveled: boolean;
  first: CharTest;
  /** The template's longest literal: a line without it cannot match (checked before the regex). */
  required: string | undefined;
  part: 'record' | 'prefix' | 'suffix';
}

function numberCore(t: FieldToken): string {
  switch (t.type) {
    case 'd':
      return '-?\\d+';
    case 'x':
    case 'X':
      return '[0-9a-fA-F]+';
    case 'o':
      return '[0-7]+';
    case 'b':
      return '[01]+';
    case 'c':
      return '.';
    case 'f':
    case 'F': {
      const p = t.precision < 0 ? 6 : t.precision;
      return p === 0 ? '-?\\d+' : `-?\\d+\\.\\d{${p}}`;
    }
    default:
      return '-?[\\d.]+(?:[eE][-+]?\\d+)?%?';
  }
}

/** Longest value of a field that may hold spaces (threadName, an `extra`): bounds backtracking on long lines. */
const MAX_SPACED = 200;

/**
 * Regex for one field's value (without padding). `next` is the literal after
 * the field, if one: a field that may hold anything stops at its first
 * character, so a long line that nearly matches costs linear time, not a
 * power of its length.
 */
function valueCore(t: FieldToken, last: boolean, next: string | undefined): string {
  if (t.value !== undefined) return t.value;
  if (t.type !== 's' && t.type !== 'r' && t.type !== 'a') return numberCore(t);
  const a = t.attr;
  const p = t.precision;
  if (INT_ATTRS.has(a)) return p >= 0 ? `(?:-?\\d|None){0,${p}}` : '(?:-?\\d+|None)';
  if (FLOAT_ATTRS.has(a)) return p >= 0 ? `[-\\d.e]{0,${p}}` : '-?\\d+\\.\\d+(?:e[-+]\\d+)?';
  if (a === 'message') return p >= 0 ? `.{0,${p}}` : last ? '.*' : '.*?';
  if (a === 'levelname' && p < 0) return '(?:Level \\d+|\\S+?)';
  // uvicorn's `levelname:` padded to nine (exactly: `ERROR: x` is not uvicorn's); warnings.formatwarning's category.
  if (a === 'levelprefix') return '(?:TRACE: {3}|DEBUG: {3}|INFO: {4}|WARNING: |ERROR: {3}|CRITICAL:)';
  if (a === 'category') return '\\w*Warning';
  // The debug package's namespaces: `app:http`, `express:router:route`.
  if (a === 'namespace') return '[\\w.$-]+(?::[\\w.$*-]+)+';
  if (a === 'instance') return '(?:\\[instance: [^\\]]*\\] ?)?';
  if (IDENT_ATTRS.has(a)) return p >= 0 ? `[^\\s.]{1,${p}}?` : '[^\\s.]+?';
  if (WORD_ATTRS.has(a)) return p >= 0 ? `\\S{1,${p}}?` : '\\S+?';
  if (SPACED_ATTRS.has(a)) return p >= 0 ? `.{1,${Math.min(p, MAX_SPACED)}}?` : `.{1,${MAX_SPACED}}?`;
  if (p >= 0) return `.{0,${p}}?`;
  if (last) return '.*';
  return next !== undefined ? `[^${escapeClass(next[0]!)}]*?` : `.{0,${MAX_SPACED}}?`;
}

function escapeClass(c: string): string {
  return c.replace(/[\\\]^-]/g, '\\$&');
}

function padded(t: FieldToken, core: string): string {
  if (t.width <= 1 || t.align === '=') return core;
  const f = escapeRegex(t.fill);
  const pad = `${f}{0,${t.width - 1}}`;
  if (t.align === '<') return core + pad;
  if (t.align === '>') return pad + core;
  return pad + core + pad;
}

function compileTemplate(spec: TemplateSpec, datefmt: string | undefined): Template {
  const fmt = spec.fmt;
  const tokens: readonly Token[] = spec.tokens ?? tokenize(fmt, spec.style);
  const attrs = new Set(tokens.flatMap((t) => (t.kind === 'field' ? [t.attr] : [])));
  const hasMessage = attrs.has('message');
  const timed = ['asctime', 'created', 'levelname', 'levelno', 'levelprefix'].some((a) => attrs.has(a));
  const part = hasMessage ? 'record' : timed ? 'prefix' : 'suffix';
  let src = '';
  // A suffix's regex starts with a greedy group for the message before it.
  let group = part === 'suffix' ? 2 : 1;
  const captures: Capture[] = [];
  let date: DatePattern | undefined;
  let dateFirst = 0;
  const lastField = [...tokens].reverse().find((t) => t.kind === 'field');
  tokens.forEach((t, k) => {
    if (t.kind === 'literal') {
      src += escapeRegex(t.text);
      return;
    }
    if (t.kind === 'pattern') {
      src += t.source;
      return;
    }
    const last = t === lastField && k === tokens.length - 1 && part !== 'prefix';
    if (t.attr === 'asctime' && t.type === 's') {
      // One date pattern serves every asctime in the template.
      date ??= compileDateFormat(datefmt ?? PYTHON_DEFAULT_DATEFMT, datefmt === undefined);
      captures.push({ attr: t.attr, token: t, group });
      dateFirst = group + 1;
      src += padded(t, `(${date.source})`);
      group += 1 + date.groups;
      // A second asctime would repeat the groups; read only the first.
      return;
    }
    captures.push({ attr: t.attr, token: t, group });
    const after = tokens[k + 1];
    src += padded(t, `(${valueCore(t, last, after?.kind === 'literal' ? after.text : undefined)})`);
    group++;
  });
  // No message: the rest of the line is the message (a prefix), or the suffix ends the line.
  const re = new RegExp(part === 'suffix' ? `^(?:(.*) )?${src}$` : part === 'prefix' ? `^${src}(.*)$` : `^${src}$`);
  const leveled = attrs.has('levelname') || attrs.has('levelno') || attrs.has('levelprefix');
  let required: string | undefined;
  for (const t of tokens) if (t.kind === 'literal' && t.text.length >= 2 && t.text.length > (required?.length ?? 0)) required = t.text;
  return { spec, re, captures, date, dateFirst, hasMessage, leveled, part, first: firstOf(tokens, date), required };
}

/** Levels from a level name as written, truncated (`%(levelname).1s`) or numbered (`Level 5`). */
function levelOfName(word: string, truncated: boolean): Level {
  const l = levelFromName(word);
  if (l !== Level.none || word === '') return l;
  if (word.startsWith('Level ')) return levelFromPythonNumber(Number(word.slice(6)));
  if (truncated) {
    const up = word.toUpperCase();
    const full = PYTHON_LEVELS.find((n) => n.startsWith(up));
    if (full !== undefined) return levelFromName(full);
  }
  return Level.none;
}

const REQUEST = /^"(\S+) (\S+) (HTTP\/[\d.]+)" (\d{3})(?: (\d+|-))?/;

/** `"GET / HTTP/1.1" 200 5` -> the apache format's field names. */
function requestFields(message: string, fields: Fields): void {
  const m = REQUEST.exec(message);
  if (!m) return;
  fields.method = m[1]!;
  fields.path = m[2]!;
  fields.protocol = m[3]!;
  fields.status = Number(m[4]);
  if (m[5] !== undefined && m[5] !== '-') fields.size = Number(m[5]);
}

/** Fields of families' templates that hold numbers (HTTP status and size). */
const NUMBER_FIELDS = new Set(['status', 'status_code', 'size']);

function fieldValue(token: FieldToken, text: string): string | number {
  const attr = token.attr;
  if ((token.numeric === true || INT_ATTRS.has(attr) || FLOAT_ATTRS.has(attr) || NUMBER_FIELDS.has(attr)) && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

type CharTest = (c: number) => boolean;
const ANY: CharTest = () => true;
const DIGIT: CharTest = (c) => c >= 48 && c <= 57;
const UPPER: CharTest = (c) => c >= 65 && c <= 90;
const LETTER: CharTest = (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** What a template's first character can be, from its first token (detection's cheap check). */
function firstOf(tokens: readonly Token[], date: DatePattern | undefined): CharTest {
  const t = tokens[0]!;
  if (t.kind === 'literal') {
    const code = t.text.charCodeAt(0);
    return (c) => c === code;
  }
  if (t.kind === 'pattern') {
    // Optional text: its own first character, or the first of what follows it.
    const rest = tokens.length > 1 ? firstOf(tokens.slice(1), date) : ANY;
    return (c) => t.starts.includes(c) || rest(c);
  }
  if (t.width > 1 && t.align !== '<') return ANY;
  if (t.attr === 'asctime' && date !== undefined) {
    const src = date.source.replace(/^\(+/, '');
    return src.startsWith('\\d') ? DIGIT : src.startsWith('[A-Z]') ? UPPER : ANY;
  }
  if (t.attr === 'levelprefix') return UPPER;
  if (t.attr === 'levelname') return LETTER;
  if (INT_ATTRS.has(t.attr) || FLOAT_ATTRS.has(t.attr) || t.type === 'd' || t.type === 'f') return (c) => DIGIT(c) || c === 45;
  return ANY;
}

function firstCharTest(templates: readonly Template[]): CharTest {
  const tests = templates.filter((t) => t.part !== 'suffix').map((t) => t.first);
  if (tests.includes(ANY)) return ANY;
  if (tests.length === 1) return tests[0]!;
  // Several templates: one table lookup for ASCII (detection asks this of every line).
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) table[c] = tests.some((f) => f(c)) ? 1 : 0;
  return (c) => (c < 128 ? table[c] === 1 : tests.some((f) => f(c)));
}

export interface LogFormatOptions {
  /** The format's name (stored with each record, so the store can re-parse alike). */
  name: string;
  /** strftime datefmt; Python's default when undefined. */
  dateFormat?: string;
  /** The style when known (`logging.Formatter(style=...)`); guessed from the text otherwise. */
  style?: Style;
  /**
   * A line whose level field holds no level word is not this format's
   * (built-in families, tried on every source); a user's --log-format takes any.
   */
  strictLevel?: boolean;
}

/** Compile one or more format strings (tried in order) into a Format; throws LogFormatError / DateFormatError. */
export function compileLogFormat(formats: readonly (string | TemplateSpec)[], opts: LogFormatOptions): Format {
  if (formats.length === 0) throw new LogFormatError('no format string');
  const templates = formats.map((f) => {
    const spec: TemplateSpec = typeof f !== 'string' ? f : isLog4jsPattern(f) ? log4jsTemplate(f) : { fmt: f, ...(opts.style ? { style: opts.style } : {}) };
    return compileTemplate(spec, spec.dateFormat ?? opts.dateFormat);
  });
  const records = templates.filter((t) => t.part !== 'suffix');
  const suffixes = templates.filter((t) => t.part === 'suffix');
  if (records.length === 0) throw new LogFormatError(`format '${templates[0]!.spec.fmt}' has neither message, time nor level`);
  const name = opts.name;

  function read(t: Template, m: RegExpExecArray, head: Head, fields: Fields): void {
    let msecs = NaN;
    for (const c of t.captures) {
      let v = m[c.group];
      if (v === undefined) continue;
      switch (c.attr) {
        case 'asctime':
          break;
        case 'created':
          head.time = Number(v) * 1000;
          break;
        case 'msecs':
          msecs = Number(v);
          break;
        case 'levelprefix':
        case 'levelname': {
          if (c.attr === 'levelprefix') v = v.slice(0, v.indexOf(':'));
          if (t.spec.foldLevels?.includes(v) === true) {
            head.fold = v;
            break;
          }
          const lv = t.spec.levels?.[v.toLowerCase()] ?? levelOfName(v, c.token.precision >= 0);
          if (lv !== Level.none) {
            head.level = lv;
            if (v.toLowerCase() !== normalisedName(lv)) head.levelName = v;
          }
          break;
        }
        case 'levelno':
          if (head.level === Level.none && /^\d+$/.test(v)) head.level = levelFromPythonNumber(Number(v));
          break;
        case 'name':
          head.logger = v;
          break;
        case 'message':
          head.message = v;
          break;
        default:
          if (!NIL.has(v)) fields[c.attr] = fieldValue(c.token, c.attr === 'instance' ? v.replace(/^\[instance: |\] ?$/g, '') : v);
      }
    }
    if (Number.isNaN(head.time) && t.date !== undefined) head.time = t.date.read(m, t.dateFirst, msecs);
    const spec = t.spec;
    if (spec.request === true) requestFields(head.message ?? '', fields);
    if (head.logger === '') {
      const from = spec.loggerFrom !== undefined ? fields[spec.loggerFrom] : undefined;
      if (typeof from === 'string') {
        // debug's `app:db:pool` reads as the dotted logger app.db.pool (a tree, as Python's).
        head.logger = spec.loggerFrom === 'namespace' ? from.replaceAll(':', '.') : from;
        delete fields[spec.loggerFrom!];
      } else if (spec.logger !== undefined) head.logger = spec.logger;
    }
    if (head.level === Level.none) {
      const status = spec.levelFromStatus !== undefined ? fields[spec.levelFromStatus] : undefined;
      if (typeof status === 'number') head.level = status >= 500 ? Level.error : status >= 400 ? Level.warning : Level.info;
      else if (spec.level !== undefined) head.level = spec.level;
    }
  }

  function foldKey(t: Template, m: RegExpExecArray): string {
    let k = '';
    for (const c of t.captures) if (c.attr === 'asctime' || c.attr === 'msecs' || c.attr === 'process' || c.attr === 'created') k += m[c.group] + ' ';
    return k;
  }

  function stripSuffix(head: Head, fields: Fields): void {
    for (const s of suffixes) {
      if (s.required !== undefined && (head.message ?? '').indexOf(s.required) < 0) continue;
      const m = s.re.exec(head.message ?? '');
      if (!m) continue;
      const sh: Head = { time: NaN, level: Level.none, logger: '', message: '', format: name };
      read(s, m, sh, fields);
      head.message = m[1] ?? '';
      return;
    }
  }

  return {
    name,
    firstChar: firstCharTest(records),
    parse(text: string): Head | undefined {
      const c0 = text.charCodeAt(0);
      for (let k = 0; k < records.length; k++) {
        const t = records[k]!;
        if (!t.first(c0)) continue;
        if (t.required !== undefined && text.indexOf(t.required) < 0) continue;
        const m = t.re.exec(text);
        if (!m) continue;
        const head: Head = { time: NaN, level: Level.none, logger: '', message: '', format: name };
        const fields: Fields = {};
        read(t, m, head, fields);
        if (opts.strictLevel === true && head.level === Level.none && t.leveled && head.fold === undefined) continue;
        // A fold line's body text is the line after the time and process: `DETAIL:  Key (id)=(1) ...`.
        if (head.fold !== undefined && t.part === 'record') head.fold = `${head.fold}:  ${head.message ?? ''}`;
        if (t.part === 'prefix') {
          head.message = m[m.length - 1] ?? '';
          head.fold = head.message;
        } else if (!t.hasMessage) {
          head.message = '';
        }
        if (suffixes.length > 0 && head.level === Level.debug) stripSuffix(head, fields);
        const key = foldKey(t, m);
        if (key !== '') head.foldKey = key;
        for (const _ in fields) {
          head.fields = fields;
          break;
        }
        return head;
      }
      return undefined;
    },
  };
}
