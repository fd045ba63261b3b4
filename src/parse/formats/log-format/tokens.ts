/**
 * Python `logging` format strings (`logging.Formatter(fmt, style=...)`) read
 * into literal text and fields: %-style `%(name)-8s`, {-style `{name:<8}` and
 * $-style `$name` / `${name}`, as logging's own validation accepts them.
 */

export type Style = '%' | '{' | '$';

export interface FieldToken {
  kind: 'field';
  /** The LogRecord attribute (or an `extra` key). */
  attr: string;
  /** `<` value then fill, `>` fill then value, `^` fill both sides, `=` sign then fill then digits. */
  align: '<' | '>' | '^' | '=';
  fill: string;
  /** Minimum width, 0 when none. */
  width: number;
  /** Maximum characters of a string, digits after the point of a float; -1 when none. */
  precision: number;
  /** Conversion type: `s`, `d`, `f`, `x`... (`s` when none). */
  type: string;
  /** Regex source of the value, instead of the one its attribute implies (log4js's fields). */
  value?: string;
  /** The value is read as a number when it is one (log4js's pid, line, column). */
  numeric?: boolean;
}

export interface LiteralToken {
  kind: 'literal';
  text: string;
}

/** Text a line may show or leave out that is no field: log4js's `%[` `%]` colour codes. */
export interface PatternToken {
  kind: 'pattern';
  /** Regex source; it matches the empty string too. */
  source: string;
  /** The characters (UTF-16 codes) the text starts with when present. */
  starts: readonly number[];
}

export type Token = FieldToken | LiteralToken | PatternToken;

/** Raised for a format string logging would reject; the message says why. */
export class LogFormatError extends Error {}

const NUMERIC_TYPES = 'bcdeEfFgGnoxX%';

function literal(out: Token[], text: string): void {
  if (text === '') return;
  const last = out[out.length - 1];
  if (last?.kind === 'literal') last.text += text;
  else out.push({ kind: 'literal', text });
}

const PERCENT = /^%\((\w+)\)([#0+ -]*)(\d+)?(?:\.(\d+))?([diouxXeEfFgGcrsa])/;

function percentTokens(fmt: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let lit = '';
  while (i < fmt.length) {
    const p = fmt.indexOf('%', i);
    if (p < 0) {
      lit += fmt.slice(i);
      break;
    }
    lit += fmt.slice(i, p);
    if (fmt[p + 1] === '%') {
      lit += '%';
      i = p + 2;
      continue;
    }
    const m = PERCENT.exec(fmt.slice(p));
    if (!m) throw new LogFormatError(`invalid %-style field at '${fmt.slice(p, p + 20)}'`);
    literal(out, lit);
    lit = '';
    const flags = m[2]!;
    const type = m[5]!;
    out.push({
      kind: 'field',
      attr: m[1]!,
      align: flags.includes('-') ? '<' : flags.includes('0') && type !== 's' ? '=' : '>',
      fill: flags.includes('0') && !flags.includes('-') && type !== 's' ? '0' : ' ',
      width: m[3] !== undefined ? Number(m[3]) : 0,
      precision: m[4] !== undefined ? Number(m[4]) : -1,
      type: type === 'i' || type === 'u' ? 'd' : type,
    });
    i = p + m[0].length;
  }
  literal(out, lit);
  return out;
}

const SPEC = /^(?:(.)?([<>=^]))?([+\- ]?)(#?)(0?)(\d+)?([_,]?)(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/s;

function braceTokens(fmt: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let lit = '';
  while (i < fmt.length) {
    const c = fmt[i]!;
    if (c === '{' && fmt[i + 1] === '{') {
      lit += '{';
      i += 2;
    } else if (c === '}' && fmt[i + 1] === '}') {
      lit += '}';
      i += 2;
    } else if (c === '}') {
      throw new LogFormatError("single '}' in {-style format");
    } else if (c === '{') {
      const close = fmt.indexOf('}', i);
      if (close < 0) throw new LogFormatError("unclosed '{' in {-style format");
      const inner = fmt.slice(i + 1, close);
      const m = /^(\w+)(?:!([rsa]))?(?::(.*))?$/s.exec(inner);
      if (!m) throw new LogFormatError(`invalid {-style field '{${inner}}'`);
      const spec = SPEC.exec(m[3] ?? '');
      if (!spec) throw new LogFormatError(`invalid format spec in '{${inner}}'`);
      const type = spec[9] ?? 's';
      const numeric = NUMERIC_TYPES.includes(type);
      const zero = spec[5] === '0';
      literal(out, lit);
      lit = '';
      out.push({
        kind: 'field',
        attr: m[1]!,
        align: (spec[2] as FieldToken['align'] | undefined) ?? (zero ? '=' : numeric ? '>' : '<'),
        fill: spec[1] ?? (zero && spec[2] === undefined ? '0' : ' '),
        width: spec[6] !== undefined ? Number(spec[6]) : 0,
        precision: spec[8] !== undefined ? Number(spec[8]) : -1,
        type,
      });
      i = close + 1;
    } else {
      lit += c;
      i++;
    }
  }
  literal(out, lit);
  return out;
}

function dollarTokens(fmt: string): Token[] {
  const out: Token[] = [];
  const re = /\$(?:(\$)|(\w+)|\{(\w+)\})/g;
  let last = 0;
  for (let m = re.exec(fmt); m; m = re.exec(fmt)) {
    literal(out, fmt.slice(last, m.index));
    last = re.lastIndex;
    if (m[1]) literal(out, '$');
    else out.push({ kind: 'field', attr: (m[2] ?? m[3])!, align: '<', fill: ' ', width: 0, precision: -1, type: 's' });
  }
  literal(out, fmt.slice(last));
  return out;
}

/**
 * The style a format string is written in, as a config shows it without a
 * `style=` argument: %-style if it has `%(`, else {-style if it has `{word`,
 * else $-style if it has `$word`.
 */
export function guessStyle(fmt: string): Style {
  if (/%\(\w+\)/.test(fmt)) return '%';
  if (/\{\w+(?:![rsa])?(?::[^{}]*)?\}/.test(fmt)) return '{';
  if (/\$(?:\w|\{\w+\})/.test(fmt)) return '$';
  return '%';
}

export function tokenize(fmt: string, style: Style = guessStyle(fmt)): Token[] {
  const tokens = style === '%' ? percentTokens(fmt) : style === '{' ? braceTokens(fmt) : dollarTokens(fmt);
  if (!tokens.some((t) => t.kind === 'field')) throw new LogFormatError(`no fields in format '${fmt}'`);
  return tokens;
}
