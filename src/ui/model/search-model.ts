import { compileSearch, MatchIndex, type SearchPattern, type TextSource } from '../../query/text-search.js';
import type { SlicedJob } from './scheduler.js';

/** The list searched: view positions -> store indices. */
export interface SearchList {
  readonly length: number;
  readonly complete: boolean;
  at(pos: number): number;
}

/** Where a find ends: on a match, or nowhere (back to `fallback` if given). */
export interface FindOutcome {
  found(pos: number): void;
  notFound(message: string, fallback?: number): void;
}

interface FindRange {
  pos: number;
  /** Exclusive bound going forward (undefined: the list's end, which may grow); inclusive going back. */
  end: number | undefined;
  dir: 1 | -1;
}

interface FindJob {
  ranges: FindRange[];
  fallback?: number;
  notFound: string;
}

/** What the prompt restores on Esc. */
interface Session {
  origin: number;
  originTop: number;
  previous: SearchPattern | undefined;
  previousOnly: boolean;
}

const now = (): number => performance.now();

/**
 * The search: its pattern and match memo, matches-only, the session of an
 * open prompt (search as you type from where it started, Esc restores),
 * finding the next match and counting matches, both in slices.
 */
export class SearchModel {
  pattern: SearchPattern | undefined;
  matches: MatchIndex | undefined;
  matchesOnly = false;
  /** Matches among list positions [0, countedTo). */
  matchCount = 0;
  countedTo = 0;
  private session: Session | undefined;
  private find: FindJob | undefined;

  readonly findJob: SlicedJob = { pending: () => this.find !== undefined, step: (d) => this.stepFind(d) };
  readonly countJob: SlicedJob = { pending: () => this.matches !== undefined && !this.countComplete, step: (d) => this.stepCount(d) };

  constructor(
    private readonly text: TextSource,
    private readonly list: SearchList,
    private readonly outcome: FindOutcome,
  ) {}

  get countComplete(): boolean {
    return this.matches !== undefined && this.countedTo >= this.list.length && this.list.complete;
  }

  /** The list changed under the search: count again, forget a pending find. */
  listReset(): void {
    this.matchCount = 0;
    this.countedTo = 0;
    this.find = undefined;
  }

  /** Change the pattern; true when the list's filter must change (matches-only before or after). */
  private set(p: SearchPattern | undefined, only: boolean): boolean {
    const wasOnly = this.matchesOnly;
    this.pattern = p;
    this.matches = p?.test ? new MatchIndex(p, this.text) : undefined;
    this.matchesOnly = only && this.matches !== undefined;
    this.matchCount = 0;
    this.countedTo = 0;
    return wasOnly || this.matchesOnly;
  }

  begin(origin: number, originTop: number): void {
    this.session = { origin, originTop, previous: this.pattern, previousOnly: this.matchesOnly };
  }

  /** The prompt's text changed: the regex error if any, and whether to refilter. */
  typed(text: string): { error?: string; refilter: boolean } {
    const s = this.session;
    const p = compileSearch(text);
    // Keep the last good pattern while the text is not a regex yet.
    if (p.error !== undefined || !s) return { ...(p.error !== undefined ? { error: p.error } : {}), refilter: false };
    const refilter = this.set(p.test ? p : undefined, s.previousOnly || this.matchesOnly);
    if (this.matches && !this.matchesOnly) {
      this.start([{ pos: s.origin, end: undefined, dir: 1 }, { pos: 0, end: s.origin, dir: 1 }], 'no match', s.origin);
    }
    return { refilter };
  }

  /** The prompt closed; on cancel, where to go back to and whether to refilter. */
  end(commit: boolean): { restore?: { sel: number; top: number }; refilter: boolean } {
    const s = this.session;
    this.session = undefined;
    if (!s || commit) return { refilter: false };
    this.find = undefined;
    const refilter = this.set(s.previous, s.previousOnly);
    return { refilter, ...(this.matchesOnly ? {} : { restore: { sel: s.origin, top: s.originTop } }) };
  }

  /** Toggle matches-only; undefined when there is no search. */
  toggleOnly(): boolean | undefined {
    if (!this.matches) return undefined;
    this.matchesOnly = !this.matchesOnly;
    return this.matchesOnly;
  }

  /** Find the next match from `from` in direction `dir`; false when there is no search. */
  next(from: number, dir: 1 | -1): boolean {
    if (!this.matches) return false;
    if (this.list.length === 0) return true;
    this.start(
      [dir > 0 ? { pos: from + 1, end: undefined, dir: 1 } : { pos: from - 1, end: 0, dir: -1 }],
      dir > 0 ? 'no more matches below' : 'no more matches above',
    );
    return true;
  }

  private start(ranges: FindRange[], notFound: string, fallback?: number): void {
    this.find = { ranges, notFound, ...(fallback !== undefined ? { fallback } : {}) };
    this.stepFind(now() + 8);
  }

  private stepFind(deadline: number): void {
    const job = this.find;
    const m = this.matches;
    if (!job || !m) {
      this.find = undefined;
      return;
    }
    let checked = 0;
    while (job.ranges.length > 0) {
      const r = job.ranges[0]!;
      const end = r.end ?? this.list.length;
      while (r.dir > 0 ? r.pos < end : r.pos >= end) {
        if (m.test(this.list.at(r.pos))) {
          this.find = undefined;
          this.outcome.found(r.pos);
          return;
        }
        r.pos += r.dir;
        if (++checked % 256 === 0 && now() > deadline) return;
      }
      job.ranges.shift();
    }
    this.find = undefined;
    this.outcome.notFound(job.notFound, job.fallback);
  }

  private stepCount(deadline: number): void {
    const m = this.matches;
    if (!m) return;
    const len = this.list.length;
    let k = 0;
    while (this.countedTo < len) {
      if (m.test(this.list.at(this.countedTo))) this.matchCount++;
      this.countedTo++;
      if (++k % 256 === 0 && now() > deadline) return;
    }
  }
}
