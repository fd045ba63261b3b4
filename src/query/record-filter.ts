import { Level } from '../model/level.js';
import type { LogRecord } from '../model/record.js';
import { LoggerRules, type LoggerLevel } from './logger-rules.js';
import { passesColumns } from './passes-columns.js';
import { HeldRecordTarget, linesMatch, noRecordTests, passesRecordTests, rawLines, testsHttp } from './record-tests.js';
import type { WhereQuery } from './where/evaluate.js';

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
  /** `-l LOGGER=LEVEL`: per-subtree thresholds (nearest configured ancestor wins). */
  loggerLevels?: readonly LoggerLevel[];
  /** `-q/--where`: a field query. */
  where?: WhereQuery;
  /** `--request`: records carrying one of these request/trace ids (lower case). */
  requests?: ReadonlySet<string>;
  /** `--http-status`: the status classes or codes an HTTP record must have. */
  httpStatus?: (status: number) => boolean;
  /** `--http-method`: the methods (upper case) an HTTP record must have. */
  httpMethods?: ReadonlySet<string>;
}

/**
 * Which records show. The logger and level options are the same LoggerRules
 * the viewer starts from (one definition of -L/-x/-l); the threshold is
 * cached per logger name, since a log has few loggers and many records.
 */
export class RecordFilter {
  private readonly rules: LoggerRules;
  private readonly thresholds = new Map<string, number>();

  /** The filter the command line's -l/-L/-x/-g/--since/--until/-q/--request/--http-* make. */
  static fromOptions(o: QueryOptions, sourceNames: readonly string[] = []): RecordFilter {
    const q: QueryOptions = { minLevel: o.minLevel, include: o.include, exclude: o.exclude };
    for (const k of ['grep', 'since', 'until', 'loggerLevels', 'where', 'requests', 'httpStatus', 'httpMethods'] as const) {
      if (o[k] !== undefined) (q as unknown as Record<string, unknown>)[k] = o[k];
    }
    return new RecordFilter(q, sourceNames);
  }

  private readonly subtreeLevels: boolean;
  private readonly http: boolean;
  /** No --where, --request or --http-*: matchesRecord is true without looking. */
  private readonly noRecordTests: boolean;
  private readonly target = new HeldRecordTarget();

  constructor(
    readonly query: QueryOptions,
    private readonly sourceNames: readonly string[] = [],
  ) {
    this.rules = LoggerRules.fromOptions(query.minLevel, query.include, query.exclude, query.loggerLevels);
    this.subtreeLevels = (query.loggerLevels?.length ?? 0) > 0;
    this.http = testsHttp(query);
    this.noRecordTests = noRecordTests(query);
  }

  /** True when a record's test needs its exchange's other half (print mode pairs exchanges first). */
  get needsPairs(): boolean {
    return this.http || this.query.requests !== undefined || this.query.where?.usesExchange === true;
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
   * lowest of -l's root level and its subtree levels (a logger's threshold
   * is one of them). Print mode drops such records before parsing them
   * (ParseOptions.levelFloor).
   */
  levelFloor(): Level {
    let floor: Level = this.query.minLevel;
    for (const { level } of this.query.loggerLevels ?? []) if (level < floor) floor = level;
    return floor;
  }

  /** True when a record's level alone decides whether it passes (at or above levelFloor): no other option is set. */
  levelOnly(): boolean {
    const q = this.query;
    return !this.subtreeLevels && q.include.length === 0 && q.exclude.length === 0 && q.grep === undefined && q.since === undefined && q.until === undefined && noRecordTests(q);
  }

  /** True when every record passes: nothing is filtered out. */
  passesAll(): boolean {
    return this.levelOnly() && this.levelFloor() <= Level.trace;
  }

  /** The checks that need no text: level, logger, time. */
  passesColumns(level: Level, logger: string, time: number): boolean {
    // Without subtree levels, below -l a record fails whatever its logger:
    // most records of a `-l error` run stop here.
    if (!this.subtreeLevels && level !== Level.none && level < this.query.minLevel) return false;
    return passesColumns(level, this.threshold(logger), time, this.query.since, this.query.until);
  }

  matchesText(raw: readonly Buffer[]): boolean {
    const re = this.query.grep;
    return !re || linesMatch(re, rawLines(raw));
  }

  /** The tests that need the record (passesRecordTests): --where, --request, --http-*; `pair` is an exchange's other half. */
  matchesRecord(r: LogRecord, pair?: LogRecord): boolean {
    return this.noRecordTests || passesRecordTests(this.query, this.target.at(r, this.sourceNames[r.sourceId] ?? '', pair));
  }

  matches(r: LogRecord, pair?: LogRecord): boolean {
    return this.passesColumns(r.level, r.logger, r.time) && this.matchesText(r.raw) && this.matchesRecord(r, pair);
  }
}
