import { tokenize, type Token } from './lexer.js';
import { QuerySyntaxError } from './syntax-error.js';

/** A literal on the right of a comparison; `word` is a bare word (`warning`, `nova.compute`). */
export type Literal =
  | { kind: 'string' | 'word'; value: string; start: number; end: number }
  | { kind: 'number'; value: number; start: number; end: number }
  | { kind: 'regex'; source: string; flags: string; start: number; end: number };

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | '~' | '!~';

/** A field path (`fields.user` is ['fields', 'user']) and where it was written. */
export interface Path {
  segments: string[];
  start: number;
  end: number;
}

export type Expr =
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr }
  | { kind: 'exists'; path: Path }
  | { kind: 'compare'; path: Path; op: CompareOp; value: Literal }
  | { kind: 'in'; path: Path; values: Literal[]; negated: boolean };

/** Limits on an expression's size: far beyond what anyone types. */
const MAX_DEPTH = 64;
const MAX_TERMS = 512;

const OP_ALIASES: Record<string, CompareOp> = { '=': '==', '==': '==', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=', '~': '~', '~=': '~', '!~': '!~' };

function keyword(t: Token, word: string): boolean {
  return t.kind === 'word' && t.text.toLowerCase() === word;
}

function describe(t: Token): string {
  if (t.kind === 'end') return 'the end';
  if (t.kind === 'string') return 'a string';
  if (t.kind === 'regex') return 'a regex';
  return `'${t.text}'`;
}

/**
 * `--where` / the `:` prompt's expressions, by recursive descent:
 *   or := and (('or' | '||') and)* ; and := unary (('and' | '&&') unary)*
 *   unary := ('not' | '!') unary | '(' or ')' | 'exists' '(' path ')' | path op literal
 *          | path ['not'] 'in' '(' literal (',' literal)* ')'
 */
export function parseWhere(src: string): Expr {
  const tokens = tokenize(src);
  let k = 0;
  // Compiling and evaluating recurse over the tree: bound it, so no expression overflows the stack.
  let depth = 0;
  let terms = 0;
  const peek = (): Token => tokens[k]!;
  const next = (): Token => tokens[k++]!;
  const fail = (t: Token, what: string): never => {
    throw new QuerySyntaxError(`expected ${what}, found ${describe(t)}`, t.start, Math.max(1, t.end - t.start));
  };
  const expect = (kind: Token['kind'], what: string): Token => (peek().kind === kind ? next() : fail(peek(), what));

  const path = (): Path => {
    const t = peek();
    if (t.kind !== 'word' || ['and', 'or', 'not', 'in'].some((w) => keyword(t, w))) return fail(t, 'a field name (level, logger, message, fields.user, ...)');
    next();
    const segments = t.text.split('.');
    if (segments.some((s) => s === '')) throw new QuerySyntaxError(`'${t.text}' is not a field name`, t.start, t.end - t.start);
    return { segments, start: t.start, end: t.end };
  };

  const literal = (): Literal => {
    const t = peek();
    if (t.kind === 'string' || t.kind === 'word') {
      next();
      return { kind: t.kind, value: t.text, start: t.start, end: t.end };
    }
    if (t.kind === 'number') {
      next();
      return { kind: 'number', value: Number(t.text), start: t.start, end: t.end };
    }
    if (t.kind === 'regex') {
      next();
      return { kind: 'regex', source: t.text, flags: t.flags ?? '', start: t.start, end: t.end };
    }
    return fail(t, 'a value (a number, a word, "a string" or /a regex/)');
  };

  const list = (): Literal[] => {
    expect('(', "'(' after in");
    const values = [literal()];
    while (peek().kind === ',') {
      next();
      values.push(literal());
    }
    expect(')', "',' or ')'");
    return values;
  };

  const unary = (): Expr => {
    const t = peek();
    if (++terms > MAX_TERMS) throw new QuerySyntaxError(`more than ${MAX_TERMS} terms`, t.start, Math.max(1, t.end - t.start));
    if (depth >= MAX_DEPTH) throw new QuerySyntaxError(`nested more than ${MAX_DEPTH} deep`, t.start, Math.max(1, t.end - t.start));
    depth++;
    try {
      return unaryAt(t);
    } finally {
      depth--;
    }
  };

  const unaryAt = (t: Token): Expr => {
    if (keyword(t, 'not') || (t.kind === 'op' && t.text === '!')) {
      next();
      return { kind: 'not', expr: unary() };
    }
    if (t.kind === '(') {
      next();
      const e = or();
      expect(')', "')'");
      return e;
    }
    if (keyword(t, 'exists') && tokens[k + 1]?.kind === '(') {
      next();
      next();
      const p = path();
      expect(')', "')'");
      return { kind: 'exists', path: p };
    }
    const p = path();
    const o = peek();
    if (keyword(o, 'in')) {
      next();
      return { kind: 'in', path: p, values: list(), negated: false };
    }
    if (keyword(o, 'not') && keyword(tokens[k + 1]!, 'in')) {
      k += 2;
      return { kind: 'in', path: p, values: list(), negated: true };
    }
    const op = o.kind === 'op' ? OP_ALIASES[o.text] : undefined;
    if (op === undefined) return fail(o, 'an operator (==, !=, <, <=, >, >=, ~, !~, in)');
    next();
    return { kind: 'compare', path: p, op, value: literal() };
  };

  const and = (): Expr => {
    let left = unary();
    while (keyword(peek(), 'and') || (peek().kind === 'op' && peek().text === '&&')) {
      next();
      left = { kind: 'and', left, right: unary() };
    }
    return left;
  };

  function or(): Expr {
    let left = and();
    while (keyword(peek(), 'or') || (peek().kind === 'op' && peek().text === '||')) {
      next();
      left = { kind: 'or', left, right: and() };
    }
    return left;
  }

  if (peek().kind === 'end') throw new QuerySyntaxError('empty expression', 0);
  const e = or();
  if (peek().kind !== 'end') fail(peek(), "'and', 'or' or the end");
  return e;
}
