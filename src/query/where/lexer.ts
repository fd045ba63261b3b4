import { QuerySyntaxError } from './syntax-error.js';

export type TokenKind = 'word' | 'number' | 'string' | 'regex' | 'op' | '(' | ')' | ',' | 'end';

export interface Token {
  kind: TokenKind;
  /** A word's or string's text, an operator, a regex's source; a number as written. */
  text: string;
  /** A regex's flags. */
  flags?: string;
  /** Character offsets in the expression: [start, end). */
  start: number;
  end: number;
}

const OPS = ['==', '!=', '<=', '>=', '!~', '~=', '&&', '||', '=', '<', '>', '~', '!'] as const;

/** Characters of a bare word: paths (`fields.user`), logger names, ids (`req-1`), times (`10:00`). */
function isWordChar(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || c === '.' || c === '-' || c === ':' || c === '/' || c === '@' || c === '$' || c > '\x7f';
}

const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * The expression as tokens. A hand-written scanner (each character looked at
 * once), so no input makes it slow.
 */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (c === '(' || c === ')' || c === ',') {
      out.push({ kind: c, text: c, start, end: ++i });
      continue;
    }
    if (c === '"' || c === "'") {
      let text = '';
      i++;
      for (;;) {
        if (i >= n) throw new QuerySyntaxError('unterminated string', start, n - start);
        const d = src[i]!;
        if (d === c) break;
        if (d === '\\' && i + 1 < n) {
          const e = src[++i]!;
          text += e === 'n' ? '\n' : e === 't' ? '\t' : e;
        } else text += d;
        i++;
      }
      out.push({ kind: 'string', text, start, end: ++i });
      continue;
    }
    if (c === '/') {
      let body = '';
      let inClass = false;
      i++;
      for (;;) {
        if (i >= n) throw new QuerySyntaxError('unterminated regex (close it with /)', start, n - start);
        const d = src[i]!;
        if (d === '\\' && i + 1 < n) {
          body += d + src[i + 1]!;
          i += 2;
          continue;
        }
        if (d === '[') inClass = true;
        else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) break;
        body += d;
        i++;
      }
      i++;
      let flags = '';
      while (i < n && /[a-z]/i.test(src[i]!)) flags += src[i++]!;
      out.push({ kind: 'regex', text: body, flags, start, end: i });
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) {
      i += op.length;
      out.push({ kind: 'op', text: op, start, end: i });
      continue;
    }
    if (isWordChar(c)) {
      while (i < n && isWordChar(src[i]!)) i++;
      const text = src.slice(start, i);
      out.push({ kind: NUMBER.test(text) ? 'number' : 'word', text, start, end: i });
      continue;
    }
    throw new QuerySyntaxError(`unexpected '${c}'`, start);
  }
  out.push({ kind: 'end', text: '', start: n, end: n });
  return out;
}
