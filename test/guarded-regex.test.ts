import { describe, expect, it } from 'vitest';
import { GuardedRegExp, limitPerTurn, linearCapable, onRegexAbandoned, safeRegExp } from '../src/query/guarded-regex.js';
import { compileSearch, matchRanges, MatchIndex } from '../src/query/text-search.js';

/** Every match of a global regex as [index, ...captures]. */
const all = (re: RegExp, s: string): unknown[] => [...s.matchAll(re)].map((m) => [m.index, ...m]);

describe('guarded regexes (issue 11 item 12)', () => {
  it('tells the patterns the linear-time engine can take from those it cannot', () => {
    for (const p of ['(a+)+$', '\\bword\\b', '^  404 Not Found', 'x{2,5}']) expect(linearCapable(p, '')).toBe(true);
    for (const p of ['(a*)*\\1b', '(\\w+) \\1', 'foo(?=bar)', '(?<!x)y', '(?<n>a)\\k<n>']) expect(linearCapable(p, '')).toBe(false);
    expect(linearCapable('\\p{L}+', 'u')).toBe(false);
    expect(safeRegExp('(a+)+$')).not.toBeInstanceOf(GuardedRegExp);
    expect(safeRegExp('(\\w+) \\1')).toBeInstanceOf(GuardedRegExp);
  });

  it('matches as the RegExp it stands for: test, exec and lastIndex, captures, matchAll, replace, split', () => {
    const texts = ['the the cat', 'no repeat here', 'foobar foobaz', 'xy y xyy', '', 'aa bb aa bb'];
    for (const [p, f] of [['(\\w+) \\1', ''], ['foo(?=bar)', ''], ['(?<=x)(y+)', ''], ['(a)|(b)', ''], ['(\\w)\\1', 'g'], ['\\p{Lu}(\\w)\\1', 'u']] as const) {
      const guarded = new GuardedRegExp(p, f);
      const plain = new RegExp(p, f);
      const gAll = new GuardedRegExp(p, f.includes('g') ? f : f + 'g');
      const pAll = new RegExp(p, f.includes('g') ? f : f + 'g');
      for (const s of texts) {
        expect(guarded.test(s), `${p} on ${s}`).toBe(plain.test(s));
        guarded.lastIndex = plain.lastIndex = 0;
        expect(all(gAll, s), `${p} on ${s}`).toEqual(all(pAll, s));
        expect(matchRanges(s, gAll)).toEqual(matchRanges(s, pAll));
        expect(s.replace(gAll, '<$&>')).toBe(s.replace(pAll, '<$&>'));
        expect(s.split(guarded)).toEqual(s.split(plain));
      }
    }
  });

  it('gives up a pattern that backtracks without bound: returns, says so once, matches nothing after', () => {
    const heard: string[] = [];
    const off = onRegexAbandoned((m) => heard.push(m));
    try {
      const re = new GuardedRegExp('(a*)*\\1b');
      expect(re.test('aab')).toBe(true);
      expect(re.test('a'.repeat(40))).toBe(false); // runs for ever without the deadline
      expect(re.abandoned).toMatch(/^regex \/\(a\*\)\*\\1b\/ stopped: over 500 ms without an answer/);
      expect(heard).toEqual([re.abandoned]);
      expect(re.test('aab')).toBe(false);
      // Its highlighting twin (same pattern, g) is given up with it; no second notice.
      expect(matchRanges('aab', new GuardedRegExp('(a*)*\\1b', 'g'))).toEqual([]);
      expect(heard).toHaveLength(1);
      // Other patterns go on in a new worker.
      expect(new GuardedRegExp('(\\w+) \\1').test('the the')).toBe(true);
    } finally {
      off();
    }
  }, 30000);

  it('with a limit per turn of the event loop (the TUI), many slow lines in one turn give up too', async () => {
    limitPerTurn(500);
    try {
      // Each line takes a few to tens of ms (exponential in its length), far under the per-line deadline.
      const re = new GuardedRegExp('(a*)*\\1c');
      let calls = 0;
      while (re.abandoned === undefined && calls < 2000) {
        re.test('a'.repeat(16));
        calls++;
      }
      expect(re.abandoned).toMatch(/stopped: over 500 ms without an answer/);
      expect(calls).toBeGreaterThan(1);
      // The next turn starts afresh for another pattern.
      await new Promise((r) => setImmediate(r));
      const other = new GuardedRegExp('(b*)*\\1c');
      expect(other.test('b'.repeat(12))).toBe(false);
      expect(other.abandoned).toBeUndefined();
    } finally {
      limitPerTurn(undefined);
    }
  }, 60000);

  it('the search prompt: a backreference pattern searches, and one that hangs stops the search', () => {
    const lines = ['ok ok', 'a'.repeat(40), 'aab'];
    const p = compileSearch('(a*)*\\1c');
    expect(p.error).toBeUndefined();
    expect(p.test).toBeInstanceOf(GuardedRegExp);
    const m = new MatchIndex(p, { size: lines.length, rawText: (i) => lines[i]! });
    expect([m.test(0), m.test(1), m.test(2)]).toEqual([false, false, false]);
    expect((p.test as GuardedRegExp).abandoned).toBeDefined();
    const words = compileSearch('(\\w+) \\1');
    expect(new MatchIndex(words, { size: lines.length, rawText: (i) => lines[i]! }).test(0)).toBe(true);
  }, 30000);
});
