import { Level } from '../../../model/level.js';
import type { TemplateSpec } from './compile.js';
import { LogFormatError, type FieldToken, type Token } from './tokens.js';

/**
 * log4js's `pattern` layout (lib/layouts.js patternLayout, log4js 6) read
 * into the tokens the Python format-string compiler turns into a regex: a
 * `--log-format` value (or a config file's) starting `log4js:` is such a
 * pattern, e.g. `log4js:%d{yyyy-MM-dd hh:mm:ss.SSS} [%-5p] %c - %m%n`.
 *
 * Read as log4js reads it: `%[pad][.trunc]X[{spec}]`, a positive pad
 * right-aligns, a negative one left-aligns; `.N` keeps the first N
 * characters, `.-N` the last N; a `%` before anything else is dropped. The
 * line ends at the first `%n`. `%d{...}` takes the date-format package's
 * tokens (dd MM yy yyyy hh mm ss SSS O) or its names (ISO8601,
 * ISO8601_WITH_TZ_OFFSET, ABSOLUTETIME / ABSOLUTE, DATETIME / DATE); a time
 * of day alone (`%r`, ABSOLUTETIME) places no record in time, as elsewhere.
 */

export const LOG4JS_PREFIX = 'log4js:';

/** A `--log-format` value that is a log4js pattern. */
export function isLog4jsPattern(fmt: string): boolean {
  return fmt.startsWith(LOG4JS_PREFIX);
}

/** log4js's pattern when none is given (TTCC). */
const TTCC = '%r %p %c - %m%n';

/** date-format 4's named formats, as patternLayout's formatAsDate resolves them. */
const NAMED_DATES: Record<string, string> = {
  ISO8601: 'yyyy-MM-ddThh:mm:ss.SSS',
  ISO8601_FORMAT: 'yyyy-MM-ddThh:mm:ss.SSS',
  ISO8601_WITH_TZ_OFFSET: 'yyyy-MM-ddThh:mm:ss.SSSO',
  ISO8601_WITH_TZ_OFFSET_FORMAT: 'yyyy-MM-ddThh:mm:ss.SSSO',
  ABSOLUTE: 'hh:mm:ss.SSS',
  ABSOLUTETIME: 'hh:mm:ss.SSS',
  ABSOLUTETIME_FORMAT: 'hh:mm:ss.SSS',
  DATE: 'dd MM yyyy hh:mm:ss.SSS',
  DATETIME: 'dd MM yyyy hh:mm:ss.SSS',
  DATETIME_FORMAT: 'dd MM yyyy hh:mm:ss.SSS',
};

/** log4js's own levels; MARK sits above FATAL and is shown, not an error. */
const LOG4JS_LEVELS: Record<string, Level> = {
  TRACE: Level.trace,
  DEBUG: Level.debug,
  INFO: Level.info,
  WARN: Level.warning,
  ERROR: Level.error,
  FATAL: Level.critical,
  MARK: Level.notice,
};

/** date-format's asString tokens as strftime; a run of `y` is the 4-digit year when the format has `yyyy` anywhere. */
function strftimeOf(dateFormat: string): string {
  const longYear = dateFormat.includes('yyyy');
  let out = '';
  for (let i = 0; i < dateFormat.length; ) {
    const c = dateFormat[i]!;
    const two = dateFormat.startsWith(c + c, i);
    if (c === 'y') {
      let n = 1;
      while (n < 4 && dateFormat[i + n] === 'y') n++;
      out += longYear ? '%Y' : '%y';
      i += n;
    } else if (two && (c === 'd' || c === 'M' || c === 'h' || c === 'm' || c === 's')) {
      out += { d: '%d', M: '%m', h: '%H', m: '%M', s: '%S' }[c];
      i += 2;
    } else if (dateFormat.startsWith('SSS', i)) {
      out += '%L';
      i += 3;
    } else {
      out += c === 'O' ? '%z' : c === '%' ? '%%' : c;
      i++;
    }
  }
  return out;
}

/** Caller and context fields: attribute name and value regex ('' when the field may be empty). */
const FIELDS: Record<string, { attr: string; value?: string; numeric?: boolean }> = {
  h: { attr: 'hostname', value: '\\S+?' },
  z: { attr: 'pid', value: '\\d+', numeric: true },
  y: { attr: 'pid', value: '\\d+', numeric: true },
  // Paths (`node:internal/x:12`) may hold the literal after them (`%f:%l`), so lazy, and no
  // spaces: a long message before ` (%f:%l)` then costs each ` (` in it a few steps, not 200.
  f: { attr: 'file', value: '\\S*?' },
  l: { attr: 'line', value: '\\d*', numeric: true },
  o: { attr: 'column', value: '\\d*', numeric: true },
  s: { attr: 'callStack', value: '.{0,200}?' },
  C: { attr: 'class', value: '\\S*?' },
  M: { attr: 'function', value: '\\S*?' },
  A: { attr: 'alias', value: '\\S*?' },
  F: { attr: 'caller', value: '\\S*?' },
};

/** Attributes the compiler reads specially: a `%x{}` / `%X{}` token of that name is kept as `log4js_NAME`. */
const RESERVED = new Set(['asctime', 'created', 'msecs', 'relativeCreated', 'levelname', 'levelno', 'levelprefix', 'name', 'message', 'category', 'namespace', 'instance', 'process', 'thread', 'lineno', 'module', 'funcName', 'filename', 'processName', 'taskName', 'threadName', 'pathname', 'date', ...Object.values(FIELDS).map((f) => f.attr)]);

// log4js's SGR codes are one number each (`\x1b[36m`, `\x1b[39m`); a plain line has none.
const COLOUR = '(?:\\x1b\\[\\d+m)?';

// patternLayout's own regex: a conversion, or text up to the next `%`.
const PART = /%(-?[0-9]+)?(\.?-?[0-9]+)?([[\]cdhmnprzxXyflosCMAF%])(\{([^}]+)\})?|([^%]+)/;

/** Compile a log4js pattern (with or without the `log4js:` prefix) into a template; throws LogFormatError. */
export function log4jsTemplate(fmt: string): TemplateSpec {
  const pattern = (isLog4jsPattern(fmt) ? fmt.slice(LOG4JS_PREFIX.length) : fmt) || TTCC;
  const tokens: Token[] = [];
  const levels: Record<string, Level> = { mark: Level.notice };
  let dateFormat: string | undefined;
  let ended = false;
  const text = (t: string): void => {
    const last = tokens[tokens.length - 1];
    if (last?.kind === 'literal') last.text += t;
    else tokens.push({ kind: 'literal', text: t });
  };
  for (let rest = pattern, m = PART.exec(rest); m !== null; rest = rest.slice(m.index + m[0].length), m = PART.exec(rest)) {
    if (m[6] !== undefined) {
      if (!ended) text(m[6]);
      continue;
    }
    const conv = m[3]!;
    const spec = m[5];
    if (conv === 'n') {
      ended = true;
      continue;
    }
    if (ended) {
      if (conv === 'm') throw new LogFormatError(`log4js pattern '${pattern}': %m after %n (logview reads a record's first line by the pattern)`);
      continue;
    }
    if (conv === '%') {
      text('%');
      continue;
    }
    if (conv === '[' || conv === ']') {
      tokens.push({ kind: 'pattern', source: COLOUR, starts: [27] });
      continue;
    }
    const pad = m[1] !== undefined ? parseInt(m[1], 10) : 0;
    const cut = m[2] !== undefined ? parseInt(m[2].slice(1), 10) : 0;
    const field = (attr: string, more: Partial<FieldToken> = {}): FieldToken => ({
      kind: 'field',
      attr,
      align: pad < 0 ? '<' : '>',
      fill: ' ',
      width: Math.abs(pad),
      precision: cut > 0 || cut < 0 ? Math.abs(cut) : -1,
      type: 's',
      ...more,
    });
    if (conv === 'd' || conv === 'r') {
      const strftime = strftimeOf(conv === 'r' ? 'hh:mm:ss' : spec === undefined ? NAMED_DATES.ISO8601! : NAMED_DATES[spec] ?? spec);
      // One date pattern per template (compile.ts); another date, a cut one or one without an hour is text.
      if (cut === 0 && strftime.includes('%H') && (dateFormat === undefined || dateFormat === strftime)) {
        dateFormat = strftime;
        tokens.push(field('asctime'));
      } else {
        tokens.push(field('date'));
      }
    } else if (conv === 'p') {
      tokens.push(field('levelname'));
      if (cut !== 0) addCutLevels(levels, cut);
    } else if (conv === 'c') {
      tokens.push(field('name'));
    } else if (conv === 'm') {
      tokens.push(field('message'));
    } else if (conv === 'x' || conv === 'X') {
      const name = spec ?? conv;
      tokens.push(field(RESERVED.has(name) ? `log4js_${name}` : name));
    } else {
      const f = FIELDS[conv]!;
      tokens.push(field(f.attr, { ...(f.value !== undefined ? { value: f.value } : {}), ...(f.numeric === true ? { numeric: true } : {}) }));
    }
  }
  if (!tokens.some((t) => t.kind === 'field' && t.attr === 'message')) throw new LogFormatError(`log4js pattern '${pattern}' has no %m before any %n`);
  return { fmt, tokens, levels, ...(dateFormat !== undefined ? { dateFormat } : {}) };
}

/** `%.1p` / `%.-3p`: the cut spellings of log4js's levels that name one level only. */
function addCutLevels(levels: Record<string, Level>, cut: number): void {
  const seen = new Map<string, Level | undefined>();
  for (const [name, level] of Object.entries(LOG4JS_LEVELS)) {
    const s = (cut > 0 ? name.slice(0, cut) : name.slice(cut)).toLowerCase();
    seen.set(s, seen.has(s) && seen.get(s) !== level ? undefined : level);
  }
  for (const [s, level] of seen) if (level !== undefined) levels[s] = level;
}
