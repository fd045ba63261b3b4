import { Level, levelFromUserName } from '../../model/level.js';
import type { FieldValue, LogRecord } from '../../model/record.js';
import { foldCase } from '../case-fold.js';
import { safeRegExp } from '../guarded-regex.js';
import { httpFacts } from '../http-facts.js';
import { parseWhere, type CompareOp, type Expr, type Literal, type Path } from './parser.js';
import { QuerySyntaxError } from './syntax-error.js';

/**
 * What a query reads of one record: the columns the store keeps (level,
 * logger, time) at once, the record itself only when asked (it is parsed
 * again from its bytes).
 */
export interface QueryTarget {
  level(): Level;
  logger(): string;
  /** Epoch ms, NaN when unknown. */
  time(): number;
  record(): LogRecord;
  sourceName(): string;
  /** The other half of the record's kamaki exchange, when paired: a request's `status` is its response's. */
  pair?(): LogRecord | undefined;
}

/** A compiled `--where` expression. */
export interface WhereQuery {
  /** The expression as typed (the status bar shows it). */
  readonly text: string;
  /** A key may be answered by an HTTP exchange's other half (`status` of a kamaki request): pair first. */
  readonly usesExchange: boolean;
  test(t: QueryTarget): boolean;
}

/** What compiling found out about the expression. */
interface CompileNotes {
  usesExchange: boolean;
}

type Value = FieldValue | undefined;
type Test = (t: QueryTarget) => boolean;

/** The target over a record already in hand (print mode). */
export function recordTarget(r: LogRecord, sourceName: string, pair?: LogRecord): QueryTarget {
  return { level: () => r.level, logger: () => r.logger, time: () => r.time, record: () => r, sourceName: () => sourceName, pair: () => pair };
}

/** A key path in nested fields; a dotted key (`"a.b": 1`, as some JSON loggers write) is found too. */
function lookup(v: Value, segs: readonly string[], i: number): Value {
  if (i >= segs.length) return v;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, FieldValue>;
  for (let j = segs.length; j > i; j--) {
    const key = j === i + 1 ? segs[i]! : segs.slice(i, j).join('.');
    if (Object.hasOwn(o, key)) {
      const found = lookup(o[key], segs, j);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The keys an exchange answers (factsValue). */
const EXCHANGE_KEYS = new Set(['method', 'url', 'path', 'status', 'size', 'latency', 'latency_ms', 'request_id']);

/** What the record (else its exchange's other half) says of its HTTP exchange. */
function exchangeValue(t: QueryTarget, name: string): Value {
  const own = factsValue(t.record(), name);
  if (own !== undefined) return own;
  const pair = t.record().http ? t.pair?.() : undefined;
  return pair ? factsValue(pair, name) : undefined;
}

function factsValue(r: LogRecord, name: string): Value {
  const f = httpFacts(r);
  if (!f) return undefined;
  switch (name) {
    case 'method':
      return f.method;
    case 'url':
      return f.url;
    case 'path':
      return f.path;
    case 'status':
      return f.status;
    case 'size':
      return f.size;
    case 'latency':
    case 'latency_ms':
      return f.latencyMs;
    case 'request_id':
      return f.requestId;
    default:
      return undefined;
  }
}

/** How a path reads its value; `level` is compared as a level, not a value. */
function accessor(p: Path, notes: CompileNotes): (t: QueryTarget) => Value {
  const [head, ...rest] = p.segments;
  const name = head!.toLowerCase();
  if (rest.length === 0) {
    switch (name) {
      case 'logger':
        return (t) => t.logger();
      case 'message':
      case 'msg':
        return (t) => t.record().message;
      case 'body':
        return (t) => t.record().body.join('\n');
      case 'text':
        return (t) => {
          const r = t.record();
          return [r.message, ...r.body].join('\n');
        };
      case 'time':
        return (t) => (Number.isNaN(t.time()) ? undefined : t.time());
      case 'line':
        return (t) => t.record().line;
      case 'source':
        return (t) => t.sourceName();
      case 'format':
        return (t) => t.record().format;
    }
  }
  if (name === 'fields') return (t) => lookup(t.record().fields ?? {}, rest, 0);
  if ((name === 'http' && rest.length === 1) || (rest.length === 0 && EXCHANGE_KEYS.has(name))) notes.usesExchange = true;
  if (name === 'http' && rest.length > 0) {
    return (t) => {
      const r = t.record();
      return lookup((r.http ?? {}) as unknown as FieldValue, rest, 0) ?? (rest.length === 1 ? exchangeValue(t, rest[0]!) : undefined);
    };
  }
  // A bare name: the record's own field first, then what its HTTP exchange says (status, method, ...).
  return (t) => {
    const r = t.record();
    return lookup(r.fields ?? {}, p.segments, 0) ?? (rest.length === 0 ? exchangeValue(t, name) : undefined);
  };
}

/**
 * A regex of the query, for V8's linear-time fallback: `i` is written into
 * the pattern (case-fold.ts), since that engine runs no regex with the flag.
 */
function compileRegex(l: Extract<Literal, { kind: 'regex' }>): RegExp {
  for (const f of l.flags) if (f !== 'i') throw new QuerySyntaxError(`regex flag '${f}' not supported (only i)`, l.start, l.end - l.start);
  try {
    new RegExp(l.source);
    return safeRegExp(l.flags.includes('i') ? foldCase(l.source) : l.source, '', l.source);
  } catch (err) {
    throw new QuerySyntaxError(`invalid regex: ${(err as Error).message.replace(/^Invalid regular expression: (\/.*\/[a-z]*: )?/, '')}`, l.start, l.end - l.start);
  }
}

function asText(v: FieldValue): string {
  return typeof v === 'string' ? v : v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function asNumber(v: FieldValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return NaN;
}

function ordered(op: CompareOp, c: number): boolean {
  return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
}

/** One comparison of a value with a literal; a missing value only differs (`!=`, `!~`). */
function comparison(op: CompareOp, lit: Literal, timeField: boolean): (v: Value) => boolean {
  const negated = op === '!=' || op === '!~';
  let test: (v: FieldValue) => boolean;
  if (op === '~' || op === '!~') {
    if (lit.kind === 'regex') {
      const re = compileRegex(lit);
      test = (v) => re.test(asText(v));
    } else {
      const needle = String(lit.value);
      test = (v) => asText(v).includes(needle);
    }
  } else if (lit.kind === 'regex') {
    throw new QuerySyntaxError(`a regex goes with ~ or !~, not ${op}`, lit.start, lit.end - lit.start);
  } else {
    let want: number | string = lit.value;
    if (timeField && typeof want === 'string') {
      const ms = Date.parse(want);
      if (Number.isNaN(ms)) throw new QuerySyntaxError(`'${want}' is not a time (ISO-8601: 2026-11-20T10:00:00Z)`, lit.start, lit.end - lit.start);
      want = ms;
    }
    if (typeof want === 'number') {
      const w = want;
      test = op === '==' || op === '!=' ? (v) => asNumber(v) === w : (v) => {
        const n = asNumber(v);
        return !Number.isNaN(n) && ordered(op, n - w);
      };
    } else {
      const w = want;
      test = op === '==' || op === '!=' ? (v) => asText(v) === w : (v) => {
        const s = asText(v);
        return ordered(op, s < w ? -1 : s > w ? 1 : 0);
      };
    }
  }
  return negated ? (v) => v === undefined || !test(v) : (v) => v !== undefined && test(v);
}

function levelLiteral(lit: Literal): Level {
  const l = lit.kind === 'string' || lit.kind === 'word' ? levelFromUserName(lit.value) : undefined;
  if (l === undefined || l === Level.none) {
    throw new QuerySyntaxError('expected a level: trace, debug, info, notice, warning, error, critical', lit.start, lit.end - lit.start);
  }
  return l;
}

/** `level`: compared by rank; a record without a level matches only `!=` (it has no level to compare). */
function levelTest(op: CompareOp, lit: Literal, p: Path): Test {
  if (op === '~' || op === '!~') throw new QuerySyntaxError('level compares with ==, !=, <, <=, >, >= or in', p.start, p.end - p.start);
  const want = levelLiteral(lit);
  return (t) => {
    const l = t.level();
    if (l === Level.none) return op === '!=';
    return op === '==' ? l === want : op === '!=' ? l !== want : ordered(op, l - want);
  };
}

function isLevel(p: Path): boolean {
  return p.segments.length === 1 && p.segments[0]!.toLowerCase() === 'level';
}

function isTime(p: Path): boolean {
  return p.segments.length === 1 && p.segments[0]!.toLowerCase() === 'time';
}

function compile(e: Expr, notes: CompileNotes): Test {
  switch (e.kind) {
    case 'and': {
      const a = compile(e.left, notes);
      const b = compile(e.right, notes);
      return (t) => a(t) && b(t);
    }
    case 'or': {
      const a = compile(e.left, notes);
      const b = compile(e.right, notes);
      return (t) => a(t) || b(t);
    }
    case 'not': {
      const a = compile(e.expr, notes);
      return (t) => !a(t);
    }
    case 'exists': {
      if (isLevel(e.path)) return (t) => t.level() !== Level.none;
      const get = accessor(e.path, notes);
      return (t) => {
        const v = get(t);
        return v !== undefined && v !== null;
      };
    }
    case 'compare': {
      if (isLevel(e.path)) return levelTest(e.op, e.value, e.path);
      const get = accessor(e.path, notes);
      const test = comparison(e.op, e.value, isTime(e.path));
      return (t) => test(get(t));
    }
    case 'in': {
      const tests = isLevel(e.path) ? e.values.map((v) => levelTest('==', v, e.path)) : e.values.map((v) => {
        const get = accessor(e.path, notes);
        const c = comparison('==', v, isTime(e.path));
        return (t: QueryTarget) => c(get(t));
      });
      const any: Test = (t) => tests.some((x) => x(t));
      return e.negated ? (t) => !any(t) : any;
    }
  }
}

/** Parse and compile an expression; throws QuerySyntaxError (with where) when it is not one. */
export function compileWhere(text: string): WhereQuery {
  const notes: CompileNotes = { usesExchange: false };
  const test = compile(parseWhere(text), notes);
  return { text, usesExchange: notes.usesExchange, test };
}
