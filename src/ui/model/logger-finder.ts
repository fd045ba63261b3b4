import type { LoggerTree } from '../../store/logger-tree.js';
import { fuzzyScore } from './fuzzy.js';
import type { SlicedJob } from './scheduler.js';

/** Time a keystroke may spend scoring before the rest goes to the background (ms). */
const PER_KEY_MS = 8;
const now = (): number => performance.now();

/**
 * Fuzzy finder over logger node names (loggers and the prefixes between
 * them). The index grows with the tree and is never rebuilt; a query that
 * extends the previous one only rescans the previous matches; each keystroke
 * scores a bounded number of names and the rest runs as a sliced job.
 */
export class LoggerFinder implements SlicedJob {
  query = '';
  /** Best names first, at most `limit`. */
  results: string[] = [];
  cursor = 0;
  private names: string[] = [];
  private lower: string[] = [];
  private readonly seen = new Set<string>();
  private indexedIds = 0;
  /** Scan state: candidates from the previous query (undefined: every name), then names from `tail` on. */
  private candidates: number[] | undefined;
  private pos = 0;
  private tail = 0;
  private matched: number[] = [];
  private best: Array<{ i: number; score: number }> = [];
  private scanning = false;
  /** Names scored for the current query so far, and how many matched (what a narrower query rescans). */
  scored = 0;
  get matches(): number {
    return this.matched.length;
  }

  constructor(
    private readonly tree: LoggerTree,
    private readonly limit = 50,
  ) {}

  /** Names indexed so far (for tests and the status). */
  get indexed(): number {
    return this.names.length;
  }

  pending(): boolean {
    return this.scanning || this.indexedIds < this.tree.size;
  }

  setQuery(q: string): void {
    const narrowing = this.query !== '' && q.startsWith(this.query) && !this.scanning;
    this.query = q;
    this.cursor = 0;
    this.scored = 0;
    this.best = [];
    this.results = [];
    const prev = this.matched;
    this.matched = [];
    if (q === '') {
      this.scanning = false;
      return;
    }
    this.candidates = narrowing ? prev : undefined;
    this.pos = 0;
    // Narrowing: the previous matches among names[0, tail), then the names after.
    if (!narrowing) this.tail = 0;
    this.scanning = true;
    this.work(now() + PER_KEY_MS);
  }

  step(deadline: number): void {
    this.work(deadline);
  }

  /** Index new names, then score, until the deadline. */
  private work(deadline: number): void {
    let done = 0;
    const q = this.query.toLowerCase();
    while (this.indexedIds < this.tree.size) {
      this.index(this.tree.name(this.indexedIds++));
      if (++done % 256 === 0 && now() > deadline) return;
    }
    if (!this.scanning && this.query !== '' && this.tail < this.names.length) this.scanning = true;
    if (!this.scanning) return;
    const c = this.candidates;
    for (;;) {
      let i: number;
      if (c && this.pos < c.length) i = c[this.pos++]!;
      else if (this.tail < this.names.length) i = this.tail++;
      else {
        this.scanning = false;
        break;
      }
      this.scored++;
      const s = fuzzyScore(this.lower[i]!, q);
      if (s >= 0) {
        this.matched.push(i);
        this.offer(i, s);
      }
      if (++done % 256 === 0 && now() > deadline) break;
    }
    this.results = this.best.map((b) => this.names[b.i]!);
    this.cursor = Math.min(this.cursor, Math.max(0, this.results.length - 1));
  }

  private index(name: string): void {
    // The logger and each prefix above it (`kamaki.clients` of `kamaki.clients.send`).
    for (let end = name.length; end > 0; end = name.lastIndexOf('.', end - 1)) {
      const n = name.slice(0, end);
      if (this.seen.has(n)) break;
      this.seen.add(n);
      this.names.push(n);
      this.lower.push(n.toLowerCase());
    }
  }

  private offer(i: number, score: number): void {
    const b = this.best;
    const worse = (x: { i: number; score: number }): boolean => x.score < score || (x.score === score && this.names[x.i]! > this.names[i]!);
    if (b.length >= this.limit && !worse(b[b.length - 1]!)) return;
    let k = b.length;
    while (k > 0 && worse(b[k - 1]!)) k--;
    b.splice(k, 0, { i, score });
    if (b.length > this.limit) b.pop();
  }

  move(delta: number): void {
    if (this.results.length === 0) return;
    this.cursor = Math.max(0, Math.min(this.results.length - 1, this.cursor + delta));
  }

  selected(): string | undefined {
    return this.results[this.cursor];
  }
}
