/**
 * Subsequence match of a lower-case query in a lower-case name, scored like
 * fzf: consecutive characters and characters right after a `.`/`_`/`-`
 * score more, a substring more still, a long name a little less. -1: no match.
 */
export function fuzzyScore(name: string, query: string): number {
  if (query === '') return 0;
  let qi = 0;
  let score = 0;
  let prev = -2;
  for (let i = 0; i < name.length && qi < query.length; i++) {
    if (name.charCodeAt(i) !== query.charCodeAt(qi)) continue;
    const c = i > 0 ? name.charCodeAt(i - 1) : 46;
    score += 1 + (prev === i - 1 ? 5 : 0) + (c === 46 || c === 95 || c === 45 ? 8 : 0);
    prev = i;
    qi++;
  }
  if (qi < query.length) return -1;
  if (name.includes(query)) score += 20;
  return score - name.length / 64;
}
