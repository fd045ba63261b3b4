import type { Format, Head } from './head.js';
import { inferFormat } from './infer/infer-format.js';
import { keepInferred } from './registry.js';

/** Lines of a source's start used to choose its format. */
export const SAMPLE_LINES = 64;

function isBlankStart(c: number): boolean {
  return c === 32 || c === 9 || Number.isNaN(c);
}

/**
 * How much a head says about its format: a loose shape little; otherwise more
 * for each of level and logger it found, so a format that reads a line fully
 * beats Python's catch-all for time-stamped lines.
 */
function headWeight(h: Head): number {
  if (h.weak === true) return 0.25;
  return 0.5 + (h.level !== 0 ? 0.25 : 0) + (h.logger !== '' ? 0.25 : 0);
}

/**
 * Which format reads a source's lines. Settled per source on its first lines
 * (the candidate recognising most of them; earlier candidates win ties), then
 * per line: the last winning format is tried first, then the source's own,
 * then the others, so mixed files work and a steady file pays one parse per
 * line. A loose shape (Head.weak) is believed only from the source's own
 * format. A forced format (`--format NAME`) is the only one tried.
 */
export class FormatDetector {
  /** The format settled for the source: its loose shapes are believed. */
  private home: Format | undefined;
  /** The format that recognised the last head. */
  private current: Format | undefined;

  constructor(
    private readonly candidates: readonly Format[],
    private readonly forced?: Format,
    /** Where an inferred format is kept (by name, for re-parsing); undefined: no inference. */
    private readonly keep: ((f: Format) => Format) | undefined = keepInferred,
  ) {
    this.home = forced;
    this.current = forced;
  }

  get format(): Format | undefined {
    return this.home;
  }

  /** The format that recognised the last head (tried first on the next line). */
  get currentFormat(): Format | undefined {
    return this.current;
  }

  /**
   * Settle on a format known from elsewhere (the file's first lines, read by
   * another reader of the same file): as if settle() had chosen it.
   */
  preset(home: Format): void {
    if (this.forced) return;
    this.home = home;
    this.current = home;
  }

  settle(sample: readonly string[]): void {
    if (this.forced) return;
    let best: Format | undefined;
    let bestScore = 0;
    let bestHits = 0;
    let bestFull = 0;
    let candidates = 0;
    for (const text of sample) if (!isBlankStart(text.charCodeAt(0))) candidates++;
    for (const f of this.candidates) {
      let score = 0;
      let hits = 0;
      let full = 0;
      for (const text of sample) {
        const h = f.firstChar(text.charCodeAt(0)) ? f.parse(text) : undefined;
        if (h === undefined) continue;
        hits++;
        score += headWeight(h);
        if (h.weak !== true && (h.level !== 0 || h.logger !== '')) full++;
      }
      if (score > bestScore) {
        best = f;
        bestScore = score;
        bestHits = hits;
        bestFull = full;
      }
    }
    // No format reads the lines, or only as time and text (a catch-all):
    // infer their template, and take it if it finds more.
    if (this.keep !== undefined && (best === undefined || bestFull * 2 < bestHits)) {
      const inferred = this.inferred(sample, bestHits, bestFull);
      if (inferred !== undefined) {
        this.home = inferred;
        this.current = inferred;
        return;
      }
    }
    // One loose match among plain text (`warning: deprecated`) does not make a Python file.
    if (bestScore >= 1 || bestHits * 2 >= candidates) {
      this.home = best;
      this.current = best;
    }
  }

  private inferred(sample: readonly string[], hits: number, full: number): Format | undefined {
    const f = inferFormat(sample);
    if (f === undefined) return undefined;
    let n = 0;
    let nFull = 0;
    for (const text of sample) {
      const h = f.firstChar(text.charCodeAt(0)) ? f.parse(text) : undefined;
      if (h === undefined) continue;
      n++;
      if (h.level !== 0 || h.logger !== '') nFull++;
    }
    if (nFull <= full || n * 2 < hits) return undefined;
    return this.keep!(f);
  }

  /**
   * No format this detector tries reads `text` as a head: parse(text) gives
   * undefined and changes nothing (each format's reading of a line is its
   * own; W3C's field list, the one state a format keeps, reads `#` and
   * digit-led lines only).
   */
  readsNoHead(text: string): boolean {
    const c0 = text.charCodeAt(0);
    const tried = this.forced ? [this.forced] : [...this.candidates, this.home, this.current];
    return tried.every((f) => f === undefined || !f.firstChar(c0) || f.parse(text) === undefined);
  }

  readonly parse = (text: string): Head | undefined => {
    const cur = this.current;
    const home = this.home;
    const c0 = text.charCodeAt(0);
    // A timed head with no logger is a format's catch-all reading (Python's
    // `time anything`): another format may read the line fully, and wins then.
    let partial: Head | undefined;
    if (cur !== undefined && cur.firstChar(c0)) {
      const h = cur.parse(text);
      if (h !== undefined && (h.weak !== true || cur === home)) {
        if (this.forced || h.logger !== '' || Number.isNaN(h.time)) return h;
        partial = h;
      }
    }
    if (this.forced) return undefined;
    // No format's head starts with white space: continuation lines end here.
    if (isBlankStart(c0)) return partial;
    if (home !== undefined && home !== cur && home.firstChar(c0)) {
      const h = home.parse(text);
      if (h !== undefined && (partial === undefined || h.logger !== '')) {
        this.current = home;
        return h;
      }
    }
    for (const f of this.candidates) {
      if (f === cur || f === home || !f.firstChar(c0)) continue;
      const h = f.parse(text);
      if (h !== undefined && h.weak !== true && (partial === undefined || h.logger !== '')) {
        this.current = f;
        return h;
      }
    }
    return partial;
  };

}
