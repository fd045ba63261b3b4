import { Level } from '../model/level.js';
import type { LogRecord } from '../model/record.js';
import { HIDDEN, LoggerRules } from './logger-rules.js';

export interface QueryOptions {
  /** Minimum level; records with no level always pass. */
  minLevel: Level;
  /** Logger prefixes to show (union); empty shows all. */
  include: readonly string[];
  /** Logger prefixes to hide; wins over include. */
  exclude: readonly string[];
  /** Regex tested against each line of the record's text, as grep would. */
  grep?: RegExp;
  /** Epoch ms bounds; records with no time pass. */
  since?: number;
  until?: number;
}

/**
 * `--grep`, in print mode and the TUI alike: the regex matches one line of
 * the record's whole text (level word, logger, context, message, body), each
 * line tested on its own, as grep does.
 */
export function linesMatch(re: RegExp, lines: Iterable<string>): boolean {
  for (const line of lines) if (re.test(line)) return true;
  return false;
}

/** A record's original text as lines (without their line ends). */
export function rawLines(raw: readonly Buffer[]): string[] {
  return Buffer.concat(raw as Buffer[]).toString('utf8').replace(/\r?\n$/, '').split(/\r?\n/);
}

/**
 * Which records show. The logger and level options are the same LoggerRules
 * the viewer starts from (one definition of -L/-x/-l); the threshold is
 * cached per logger name, since a log has few loggers and many records.
 */
export class RecordFilter {
  private readonly rules: LoggerRules;
  private readonly thresholds = new Map<string, number>();

  /** The filter the command line's -l/-L/-x/-g/--since/--until make. */
  static fromOptions(o: QueryOptions): RecordFilter {
    return new RecordFilter({
      minLevel: o.minLevel,
      include: o.include,
      exclude: o.exclude,
      ...(o.grep ? { grep: o.grep } : {}),
      ...(o.since !== undefined ? { since: o.since } : {}),
      ...(o.until !== undefined ? { until: o.until } : {}),
    });
  }

  constructor(readonly query: QueryOptions) {
    this.rules = LoggerRules.fromOptions(query.minLevel, query.include, query.exclude);
  }

  private threshold(logger: string): number {
    let t = this.thresholds.get(logger);
    if (t === undefined) {
      t = this.rules.threshold(logger);
      this.thresholds.set(logger, t);
    }
    return t;
  }

  /**
   * No record with a level below this passes, whatever its logger: the
   * command line sets no subtree level under -l. Print mode drops such
   * records before parsing them (ParseOptions.levelFloor).
   */
  levelFloor(): Level {
    return this.query.minLevel;
  }

  /** The checks that need no text: level, logger, time. */
  passesColumns(level: Level, logger: string, time: number): boolean {
    // Most records of a `-l error` run stop here.
    if (level !== Level.none && level < this.levelFloor()) return false;
    const t = this.threshold(logger);
    if (t === HIDDEN || (level !== Level.none && level < t)) return false;
    if (!Number.isNaN(time)) {
      const q = this.query;
      if (q.since !== undefined && time < q.since) return false;
      if (q.until !== undefined && time > q.until) return false;
    }
    return true;
  }

  matchesText(raw: readonly Buffer[]): boolean {
    const re = this.query.grep;
    return !re || linesMatch(re, rawLines(raw));
  }

  matches(r: LogRecord): boolean {
    return this.passesColumns(r.level, r.logger, r.time) && this.matchesText(r.raw);
  }
}
