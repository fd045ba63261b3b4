/**
 * Case-insensitive matching written into the pattern itself (`a` -> `[aA]`),
 * so a search regex needs neither the `i` nor the `u` flag: V8's linear-time
 * engine, which takes over from a regex that backtracks too much (`(a+)+$`),
 * runs only regexes without them. Letters are folded where they are literals:
 * outside escapes (`\d`, `\k<name>`, `\p{L}`, `\u0041`), group names and
 * quantifier braces. A range folds when both ends are ASCII letters.
 */
export function foldCase(pattern: string): string {
  let out = '';
  let inClass = false;
  let i = 0;
  const n = pattern.length;
  while (i < n) {
    const c = pattern[i]!;
    if (c === '\\') {
      const end = escapeEnd(pattern, i);
      out += pattern.slice(i, end);
      i = end;
      continue;
    }
    if (!inClass && c === '(' && pattern.startsWith('(?<', i) && pattern[i + 3] !== '=' && pattern[i + 3] !== '!') {
      const close = pattern.indexOf('>', i);
      const end = close < 0 ? n : close + 1;
      out += pattern.slice(i, end);
      i = end;
      continue;
    }
    if (!inClass && c === '{') {
      const close = pattern.indexOf('}', i);
      if (close > 0 && /^\{\d*,?\d*\}$/.test(pattern.slice(i, close + 1))) {
        out += pattern.slice(i, close + 1);
        i = close + 1;
        continue;
      }
    }
    if (!inClass && c === '[') {
      inClass = true;
      out += c;
      i++;
      if (pattern[i] === '^') out += pattern[i++];
      continue;
    }
    if (inClass && c === ']') {
      inClass = false;
      out += c;
      i++;
      continue;
    }
    const other = otherCase(c);
    if (other === undefined) {
      out += c;
      i++;
    } else if (!inClass) {
      out += `[${c}${other}]`;
      i++;
    } else if (pattern[i + 1] === '-' && i + 2 < n && pattern[i + 2] !== ']' && isAsciiLetter(c) && isAsciiLetter(pattern[i + 2]!)) {
      const to = pattern[i + 2]!;
      out += `${c}-${to}${otherCase(c)!}-${otherCase(to) ?? to}`;
      i += 3;
    } else {
      out += c + other;
      i++;
    }
  }
  return out;
}

function isAsciiLetter(c: string): boolean {
  return /^[a-zA-Z]$/.test(c);
}

/** The other case of a single code unit that has one of the same length; else undefined. */
function otherCase(c: string): string | undefined {
  const u = c.toUpperCase();
  const l = c.toLowerCase();
  const o = u !== c ? u : l !== c ? l : undefined;
  return o !== undefined && o.length === 1 && o.toLowerCase() === c.toLowerCase() ? o : undefined;
}

/** Index just past the escape starting at `i` (a backslash). */
function escapeEnd(p: string, i: number): number {
  const k = p[i + 1];
  if (k === undefined) return i + 1;
  if (k === 'k' && p[i + 2] === '<') return closeAfter(p, i + 2, '>');
  if ((k === 'p' || k === 'P' || k === 'u') && p[i + 2] === '{') return closeAfter(p, i + 2, '}');
  if (k === 'u') return Math.min(p.length, i + 6);
  if (k === 'x') return Math.min(p.length, i + 4);
  if (k === 'c') return Math.min(p.length, i + 3);
  return i + 2;
}

function closeAfter(p: string, from: number, ch: string): number {
  const j = p.indexOf(ch, from);
  return j < 0 ? p.length : j + 1;
}
