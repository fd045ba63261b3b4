import { describe, expect, it } from 'vitest';
import { foldCase } from '../src/query/case-fold.js';
import { compileSearch } from '../src/query/text-search.js';
import { escapeJsonText, sanitize } from '../src/render/sanitize.js';
import { MAX_JSON_DEPTH, tooDeep } from '../src/parse/formats/json.js';
import { isoTimeAt, parseIsoLike, utcEpoch } from '../src/parse/time.js';

describe('foldCase: case-insensitive without the i flag', () => {
  const cases: Array<[string, string[], string[]]> = [
    ['boom', ['BOOM', 'Boom', 'boom'], ['bom']],
    ['b\\S+m', ['BOOM'], ['b m']],
    ['[a-c]x', ['Bx', 'cX'], ['dx']],
    ['(?<word>ab)\\k<word>', ['abab', 'ABAB'], ['abac']],
    ['a{2}', ['aA'], ['a']],
    ['\\d+s', ['10S'], ['s']],
    ['é', ['É'], ['e']],
    ['\\x41', ['A'], ['a']],
  ];
  it.each(cases)('%s', (pattern, yes, no) => {
    const re = new RegExp(foldCase(pattern));
    for (const s of yes) expect(re.test(s), `${pattern} ~ ${s}`).toBe(true);
    for (const s of no) expect(re.test(s), `${pattern} !~ ${s}`).toBe(false);
  });

  it('search regexes carry neither i nor u (the linear-time engine runs neither)', () => {
    const p = compileSearch('(a+)+$');
    expect(p.test!.flags).toBe('');
    expect(p.all!.flags).toBe('g');
    expect(compileSearch('\\p{L}').test!.flags).toBe('u');
  });
});

describe('sanitize', () => {
  it('escapes bidi controls, separators and private use, keeps tab and plain text', () => {
    expect(sanitize('a\u202Eb\u2066c\u2069d\u200Fe\u200Ef\u061Cg\u2028h\uE000i\tj')).toBe(
      'a\\u202eb\\u2066c\\u2069d\\u200fe\\u200ef\\u061cg\\u2028h\\ue000i\tj',
    );
    expect(sanitize('\x1b]2;x\x07\x9b')).toBe('\\x1b]2;x\\x07\\x9b');
    expect(sanitize('plain ümlaut 日本')).toBe('plain ümlaut 日本');
  });

  it('JSON text: escaped as \\u, same value once parsed', () => {
    const v = { m: 'x\u202Ey\u007f\u0085\uE123' };
    const s = escapeJsonText(JSON.stringify(v));
    expect(s).not.toMatch(/[\u007f-\u009f\u202e\ue123]/);
    expect(JSON.parse(s)).toEqual(v);
  });
});

describe('JSON depth limit', () => {
  it('counts nesting outside strings only', () => {
    expect(tooDeep('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBe(false);
    expect(tooDeep('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(tooDeep(`{"s":"${'{'.repeat(1000)}\\"{{"}`)).toBe(false);
  });
});

describe('dates', () => {
  it('years below 100 are those years', () => {
    expect(new Date(utcEpoch(1, 1, 1)).toISOString()).toBe('0001-01-01T00:00:00.000Z');
    expect(new Date(isoTimeAt('0099-12-31T23:59:59Z')).toISOString()).toBe('0099-12-31T23:59:59.000Z');
  });

  it('zone offsets past 23:59 are not read as a zone', () => {
    expect(parseIsoLike('2024-05-01T12:00:00+99:99')!.end).toBe(19);
    expect(parseIsoLike('2024-05-01T12:00:00+0575')!.end).toBe(19);
    expect(isoTimeAt('2024-05-01T12:00:00+05:30')).toBe(Date.UTC(2024, 4, 1, 6, 30));
  });
});
