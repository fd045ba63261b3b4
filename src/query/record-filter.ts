import { Level } from '../model/level.js';
import type { LogRecord } from '../model/record.js';
import { isUnder } from './logger-match.js';

export interface QueryOptions {
  /** Minimum level; records with no level always pass. */
  minLevel: Level;
  /** Logger prefixes to show (union); empty shows all. */
  include: readonly string[];
  /** Logger prefixes to hide; wins over include. */
  exclude: readonly string[];
  /** Regex tested against the message and each body line. */
  grep?: RegExp;
  /** Epoch ms bounds; records with no time pass. */
  since?: number;
  until?: number;
}

/** `--grep`: the regex matches the message or any body line (each tested on its own). */
export function textMatches(re: RegExp, message: string, body: readonly string[]): boolean {
  if (re.test(message)) return true;
  for (const line of body) if (re.test(line)) return true;
  return false;
}

/**
 * Which records show. Logger decisions are cached per name, since a log has
 * few distinct loggers and many records.
 */
export class RecordFilter {
  private readonly loggerCache = new Map<string, boolean>();
  private readonly trivialLoggers: boolean;

  constructor(readonly query: QueryOptions) {
    this.trivialLoggers = query.include.length === 0 && query.exclude.length === 0;
  }

  loggerShown(logger: string): boolean {
    if (this.trivialLoggers) return true;
    let v = this.loggerCache.get(logger);
    if (v === undefined) {
      const q = this.query;
      v = !q.exclude.some((p) => isUnder(logger, p)) && (q.include.length === 0 || q.include.some((p) => isUnder(logger, p)));
      this.loggerCache.set(logger, v);
    }
    return v;
  }

  /** The checks that need no text: level, logger, time. */
  passesColumns(level: Level, logger: string, time: number): boolean {
    const q = this.query;
    if (level !== Level.none && level < q.minLevel) return false;
    if (!this.loggerShown(logger)) return false;
    if (!Number.isNaN(time)) {
      if (q.since !== undefined && time < q.since) return false;
      if (q.until !== undefined && time > q.until) return false;
    }
    return true;
  }

  matchesText(message: string, body: readonly string[]): boolean {
    const re = this.query.grep;
    return !re || textMatches(re, message, body);
  }

  matches(r: LogRecord): boolean {
    return this.passesColumns(r.level, r.logger, r.time) && this.matchesText(r.message, r.body);
  }
}
