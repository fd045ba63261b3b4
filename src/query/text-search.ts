import { foldCase } from './case-fold.js';
import { safeRegExp } from './guarded-regex.js';

/** A search pattern as typed, compiled; `error` set when the regex is invalid. */
export interface SearchPattern {
  text: string;
  /** For testing a record (no `g`: no lastIndex state). */
  test?: RegExp;
  /** For highlighting every match in a line. */
  all?: RegExp;
  error?: string;
}

/** Smart case, as in vim and less -i: a pattern with a capital letter is case-sensitive. */
function hasUpper(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      i++; // \S, \W, \D are classes, not capitals
      continue;
    }
    if (c !== c.toLowerCase()) return true;
  }
  return false;
}

/** Escapes that need the `u` flag (Unicode properties, code points): only these pay for it. */
const NEEDS_UNICODE = /\\[pP]\{|\\u\{/;

export function compileSearch(text: string): SearchPattern {
  if (text === '') return { text };
  // No `i`, and `u` only when the pattern needs it: see foldCase.
  const source = hasUpper(text) ? text : foldCase(text);
  const flags = NEEDS_UNICODE.test(text) ? 'u' : '';
  try {
    new RegExp(text, 'u'); // what the user typed must be valid as written
    // A pattern only the backtracking engine can run matches in a worker with a deadline (see safeRegExp).
    return { text, test: safeRegExp(source, flags, text), all: safeRegExp(source, flags + 'g', text) };
  } catch (err) {
    const message = (err as Error).message.replace(/^Invalid regular expression: (\/.*\/[a-z]*: )?/, '');
    return { text, error: message };
  }
}

/** [start, end) ranges of every non-empty match of `re` (global) in `s`. */
export function matchRanges(s: string, re: RegExp): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  re.lastIndex = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      if (re.lastIndex > s.length) break;
      continue;
    }
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

export interface TextSource {
  readonly size: number;
  rawText(i: number): string;
}

const UNKNOWN = 0;
const YES = 1;
const NO = 2;

/**
 * A yes/no per record, computed on first ask and remembered: stored records
 * never change, so a filter over a million of them tests each one once.
 */
export class RecordMemo {
  private states = new Uint8Array(0);

  constructor(private readonly compute: (i: number) => boolean) {}

  test(i: number): boolean {
    if (i >= this.states.length) {
      const s = new Uint8Array(Math.max(i + 1, this.states.length * 2, 1024));
      s.set(this.states);
      this.states = s;
    }
    const s = this.states[i]!;
    if (s !== UNKNOWN) return s === YES;
    const yes = this.compute(i);
    this.states[i] = yes ? YES : NO;
    return yes;
  }

  /** Ask again next time (the answer may change: a request's response has come). */
  forget(i: number): void {
    if (i < this.states.length) this.states[i] = UNKNOWN;
  }
}

/**
 * Which records match one search pattern: a plain scan of each record's raw
 * text (fuzzy matching is far too slow for messages), remembered per record.
 */
export class MatchIndex extends RecordMemo {
  constructor(
    readonly pattern: SearchPattern,
    source: TextSource,
  ) {
    const re = pattern.test;
    super((i) => re !== undefined && re.test(source.rawText(i)));
  }
}
