import type { RecordStore } from '../store/record-store.js';
import { LoggerRules, ThresholdTable } from './logger-rules.js';
import { linesMatch } from './record-filter.js';
import type { ViewFilter } from './record-view.js';
import type { TimeRange } from './time-range.js';
import { RecordMemo } from './text-search.js';

export interface ViewFilterOptions {
  rules: LoggerRules;
  /** Epoch ms bounds; records with no time pass. */
  since?: number | undefined;
  until?: number | undefined;
  /** `--grep`: a line of the record's text matches (as in print mode). */
  grep?: RegExp | undefined;
}

/** Tests a record by store index. */
export interface RecordTest {
  test(i: number): boolean;
}

/**
 * The viewer's filters as a RecordView filter: the logger rules (as a
 * threshold table per logger id), the time bounds, --grep (memoised per
 * record) and, when asked, only the search's matches.
 */
export class ViewFilters {
  readonly grep: RegExp | undefined;
  private readonly thresholds: ThresholdTable;
  private readonly grepMatches: RecordMemo | undefined;
  /** The TUI's time range (`@`), within --since/--until. */
  range: TimeRange = {};

  constructor(
    store: RecordStore,
    private readonly o: ViewFilterOptions,
  ) {
    this.thresholds = new ThresholdTable(o.rules, store.loggers);
    const grep = o.grep;
    this.grep = grep;
    if (grep) this.grepMatches = new RecordMemo((i) => linesMatch(grep, store.rawText(i).split(/\r?\n/)));
  }

  /** The filter now; `only`: the search's matches alone. */
  build(only?: RecordTest): ViewFilter {
    const f: ViewFilter = { thresholds: () => this.thresholds.current() };
    const since = Math.max(this.o.since ?? -Infinity, this.range.since ?? -Infinity);
    const until = Math.min(this.o.until ?? Infinity, this.range.until ?? Infinity);
    if (since !== -Infinity) f.since = since;
    if (until !== Infinity) f.until = until;
    const g = this.grepMatches;
    if (only && g) f.text = (i) => g.test(i) && only.test(i);
    else if (only || g) f.text = (i) => (only ?? g)!.test(i);
    return f;
  }
}
