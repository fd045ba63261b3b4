import { describe, expect, it } from 'vitest';
import { compileWhere, recordTarget } from '../src/query/where/evaluate.js';
import { tokenize } from '../src/query/where/lexer.js';
import { parseWhere } from '../src/query/where/parser.js';
import { QuerySyntaxError } from '../src/query/where/syntax-error.js';
import { parseText } from './helpers/records.js';

const recs = parseText(
  [
    '2024-01-01 00:00:00,000 DEBUG kamaki.clients.send GET /a',
    '2024-01-01 00:00:01,000 INFO nova.compute.manager started',
    '2024-01-01 00:00:02,000 ERROR nova.compute.api Timeout waiting',
    '2024-01-01 00:00:03,000 WARNING nova.scheduler slow',
    '{"time":"2024-01-01T00:00:04Z","level":"info","msg":"login","user":"admin","status":503,"duration":"0.75","ctx":{"trace_id":"t-1"}}',
    '{"time":"2024-01-01T00:00:05Z","level":"error","msg":"login failed","user":"bob","status":200,"duration":0.2,"a.b":"dotted"}',
    'a line with no level',
    '',
  ].join('\n'),
);

function shown(expr: string): string[] {
  const q = compileWhere(expr);
  return recs.filter((r) => q.test(recordTarget(r, 'app.log'))).map((r) => r.message);
}

function syntaxError(expr: string): QuerySyntaxError {
  try {
    compileWhere(expr);
  } catch (err) {
    if (err instanceof QuerySyntaxError) return err;
    throw err;
  }
  throw new Error(`no error for ${expr}`);
}

describe('where: lexer', () => {
  it('cuts words, numbers, strings, regexes and operators with their offsets', () => {
    const t = tokenize('status >= 500 and msg ~ /a\\/b[/]/i or user == "a \\"b"');
    expect(t.map((x) => x.kind)).toEqual(['word', 'op', 'number', 'word', 'word', 'op', 'regex', 'word', 'word', 'op', 'string', 'end']);
    expect(t[6]).toMatchObject({ text: 'a\\/b[/]', flags: 'i', start: 24 });
    expect(t[10]!.text).toBe('a "b');
    expect(tokenize('x == -0.5')[2]).toMatchObject({ kind: 'number', text: '-0.5' });
    expect(tokenize('x == req-1f')[2]).toMatchObject({ kind: 'word', text: 'req-1f' });
  });
});

describe('where: parser', () => {
  it('binds not tighter than and, and tighter than or; parentheses group', () => {
    expect(parseWhere('a == 1 or b == 2 and not c == 3')).toMatchObject({
      kind: 'or',
      left: { kind: 'compare' },
      right: { kind: 'and', left: { kind: 'compare' }, right: { kind: 'not' } },
    });
    expect(parseWhere('(a == 1 or b == 2) and c == 3')).toMatchObject({ kind: 'and', left: { kind: 'or' } });
    expect(parseWhere('x not in (1, b)')).toMatchObject({ kind: 'in', negated: true, values: [{ kind: 'number' }, { kind: 'word' }] });
  });

  it('reports what it expected, where, with a caret under it', () => {
    const e = syntaxError('level >= ');
    expect(e.message).toBe('expected a value (a number, a word, "a string" or /a regex/), found the end');
    expect(e.caret('level >= ')).toEqual(['  level >= ', '           ^']);
    const u = syntaxError('level >= warnin and x == 1');
    expect(u.message).toMatch(/^expected a level/);
    expect(u.caret('level >= warnin and x == 1')[1]).toBe('           ^^^^^^');
    expect(syntaxError('status 500').message).toBe("expected an operator (==, !=, <, <=, >, >=, ~, !~, in), found '500'");
    expect(syntaxError('(a == 1').message).toBe("expected ')', found the end");
    expect(syntaxError('a == 1 b == 2').at).toBe(7);
    expect(syntaxError('msg ~ "open').message).toBe('unterminated string');
    expect(syntaxError('msg ~ /(/').message).toMatch(/^invalid regex/);
    expect(syntaxError('msg ~ /a/g').message).toBe("regex flag 'g' not supported (only i)");
    expect(syntaxError('msg == /a/').message).toBe('a regex goes with ~ or !~, not ==');
    expect(syntaxError('a == 1 # b').message).toBe("unexpected '#'");
    expect(syntaxError('').message).toBe('empty expression');
    expect(syntaxError('level ~ warn').message).toMatch(/^level compares with/);
    // Bounded, so compiling and evaluating never overflow the stack.
    expect(syntaxError('('.repeat(100_000) + 'a == 1' + ')'.repeat(100_000)).message).toBe('nested more than 64 deep');
    expect(syntaxError('not '.repeat(1000) + 'a == 1').message).toBe('nested more than 64 deep');
    expect(syntaxError(Array(100_000).fill('a == 1').join(' and ')).message).toBe('more than 512 terms');
    expect(() => compileWhere(Array(500).fill('a == 1').join(' or '))).not.toThrow();
  });
});

describe('where: evaluator', () => {
  it('compares levels by rank; a record without a level matches no comparison', () => {
    expect(shown('level >= warning')).toEqual(['Timeout waiting', 'slow', 'login failed']);
    expect(shown('level == info')).toEqual(['started', 'login']);
    expect(shown('level in (debug, error)')).toEqual(['GET /a', 'Timeout waiting', 'login failed']);
    expect(shown('not exists(level)')).toEqual(['a line with no level']);
  });

  it('~ is "contains" with a word or string, a regex test with /re/ (i folded into the pattern)', () => {
    expect(shown('level >= warning and logger ~ nova.compute')).toEqual(['Timeout waiting']);
    expect(shown('message ~ /timeout/i')).toEqual(['Timeout waiting']);
    expect(shown('message ~ /timeout/')).toEqual([]);
    expect(shown('msg !~ login and level >= info')).toEqual(['started', 'Timeout waiting', 'slow']);
  });

  it('reads fields by name or path, dotted keys and nested objects alike, numbers from strings', () => {
    expect(shown('fields.user == "admin"')).toEqual(['login']);
    expect(shown('user = bob')).toEqual(['login failed']);
    expect(shown('status >= 500')).toEqual(['login']);
    expect(shown('duration > 0.5')).toEqual(['login']);
    expect(shown('exists(fields.ctx.trace_id)')).toEqual(['login']);
    expect(shown('ctx.trace_id == t-1')).toEqual(['login']);
    expect(shown('fields.a.b == dotted')).toEqual(['login failed']);
    expect(shown('user != admin and exists(user)')).toEqual(['login failed']);
    expect(shown('user in (admin, bob)')).toEqual(['login', 'login failed']);
    expect(shown('user not in (admin)').length).toBe(recs.length - 1);
  });

  it('or, not, parentheses; time compared with ISO times', () => {
    expect(shown('(logger ~ kamaki or logger ~ scheduler) and not level == debug')).toEqual(['slow']);
    expect(shown('time >= "2024-01-01T00:00:04Z" and time < "2024-01-01T00:00:05Z"')).toEqual(['login']);
    expect(shown('source == app.log and line == 2')).toEqual(['started']);
  });

  it('a kamaki request answers status from its response; only such keys ask for the pair', () => {
    const [req, res] = parseText(
      ['kamaki.clients.send(DEBUGV) 2024-05-16 10:00:00,100', '  GET https://h/x', 'kamaki.clients.recv(DEBUGV) 2024-05-16 10:00:00,300', '  503 Service Unavailable', ''].join('\n'),
    );
    const q = compileWhere('status >= 500 and method == GET');
    expect(q.usesExchange).toBe(true);
    expect(q.test(recordTarget(req!, 'k.log'))).toBe(false);
    expect(q.test(recordTarget(req!, 'k.log', res))).toBe(true);
    expect(q.test(recordTarget(res!, 'k.log', req))).toBe(true);
    expect(compileWhere('level >= error and fields.status == 1 and user == x').usesExchange).toBe(false);
    expect(compileWhere('http.status == 1').usesExchange).toBe(true);
  });

  it('reads only the columns when the query needs no more', () => {
    const q = compileWhere('level >= error or logger ~ nova');
    let materialised = 0;
    const r = recs[0]!;
    q.test({ level: () => r.level, logger: () => r.logger, time: () => r.time, sourceName: () => 'x', record: () => (materialised++, r) });
    expect(materialised).toBe(0);
  });
});
