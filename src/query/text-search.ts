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

export function compileSearch(text: string): SearchPattern {
  if (text === '') return { text };
  const flags = hasUpper(text) ? 'u' : 'iu';
  try {
    return { text, test: new RegExp(text, flags), all: new RegExp(text, flags + 'g') };
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
 * Which records match one search pattern, remembered per record. A plain scan
 * of each record's raw text (fuzzy matching is far too slow for messages);
 * `scan` works in slices against a deadline so keys stay responsive.
 */
export class MatchIndex {
  private states = new Uint8Array(0);
  /** Records below this index all have a known state. */
  scanned = 0;
  /** Matches among the scanned records. */
  count = 0;

  constructor(
    readonly pattern: SearchPattern,
    private readonly source: TextSource,
  ) {}

  get complete(): boolean {
    return this.scanned >= this.source.size;
  }

  private grow(): void {
    const n = this.source.size;
    if (n <= this.states.length) return;
    const s = new Uint8Array(Math.max(n, this.states.length * 2, 1024));
    s.set(this.states);
    this.states = s;
  }

  /** Does record i match (computed and remembered on first ask). */
  test(i: number): boolean {
    const re = this.pattern.test;
    if (!re) return false;
    if (i >= this.states.length) this.grow();
    const s = this.states[i]!;
    if (s !== UNKNOWN) return s === YES;
    const yes = re.test(this.source.rawText(i));
    this.states[i] = yes ? YES : NO;
    return yes;
  }

  /** State without computing: true, false, or undefined when not known yet. */
  known(i: number): boolean | undefined {
    const s = i < this.states.length ? this.states[i]! : UNKNOWN;
    return s === UNKNOWN ? undefined : s === YES;
  }

  /** Scan on in record order until done or past the deadline (performance.now()). */
  scan(deadline: number): boolean {
    this.grow();
    const n = this.source.size;
    while (this.scanned < n) {
      const end = Math.min(n, this.scanned + 512);
      for (let i = this.scanned; i < end; i++) if (this.test(i)) this.count++;
      this.scanned = end;
      if (performance.now() > deadline) break;
    }
    return this.scanned >= n;
  }
}
