import { RECV_LOGGER, SEND_LOGGER } from '../parse/kamaki-http.js';
import type { RecordStore } from '../store/record-store.js';
import { HttpIndex, mayBeExchange } from './http-index.js';
import { LoggerRules, ThresholdTable } from './logger-rules.js';
import { linesMatch, noRecordTests, passesRecordTests, testsHttp, textLines, type RecordTests } from './record-tests.js';
import type { ViewFilter } from './record-view.js';
import { StoreTarget } from './store-target.js';
import type { TimeRange } from './time-range.js';
import { RecordMemo } from './text-search.js';

export interface ViewFilterOptions {
  rules: LoggerRules;
  /** Epoch ms bounds; records with no time pass. */
  since?: number | undefined;
  until?: number | undefined;
  /** `--grep`: a line of the record's text matches (as in print mode). */
  grep?: RegExp | undefined;
  /** Source names by source id (a query's `source`). */
  sourceNames?: readonly string[] | undefined;
}

/** Does the text hold one of the (lower-case) ids? A record that carries an id shows it. */
function mentions(text: string, ids: ReadonlySet<string>): boolean {
  const lower = text.toLowerCase();
  for (const id of ids) if (lower.includes(id)) return true;
  return false;
}

/** Tests a record by store index. */
export interface RecordTest {
  test(i: number): boolean;
}

/**
 * The viewer's filters as a RecordView filter: the logger rules (as a
 * threshold table per logger id), the time bounds, --grep (memoised per
 * record), the record tests (field query, request correlation, HTTP status
 * and method: passesRecordTests, as print mode's; memoised, refused on the
 * bytes first where that is sure, the record parsed only when a test needs
 * more than its columns) and, when asked, only the search's matches.
 */
export class ViewFilters {
  readonly grep: RegExp | undefined;
  /** The store's HTTP exchanges: pairs for the HTTP tests, rows for the HTTP view. */
  readonly http: HttpIndex;
  private readonly thresholds: ThresholdTable;
  private readonly grepMatches: RecordMemo | undefined;
  private tests: RecordTests = {};
  private testMatches: RecordMemo | undefined;
  /** Kamaki requests answered while their response had not come yet (a followed log). */
  private readonly provisional = new Set<number>();
  /** The TUI's time range (`@`), within --since/--until. */
  range: TimeRange = {};
  private readonly target: StoreTarget;

  constructor(
    private readonly store: RecordStore,
    private readonly o: ViewFilterOptions,
  ) {
    this.thresholds = new ThresholdTable(o.rules, store.loggers);
    const grep = o.grep;
    this.grep = grep;
    if (grep) this.grepMatches = new RecordMemo((i) => linesMatch(grep, textLines(store.rawText(i))));
    this.http = new HttpIndex(store);
    this.target = new StoreTarget(store, o.sourceNames ?? [], {
      pairOf: (i) => this.pairOf(i),
      unanswered: (i) => {
        if (this.http.waiting(i)) this.provisional.add(i);
      },
    });
  }

  /** The field query, request ids and HTTP filters now (the caller refilters). */
  get recordTests(): RecordTests {
    return this.tests;
  }

  /** Bumped when the record tests change (a view of exchanges takes its rows again). */
  testsVersion = 0;

  /** Does store record i pass the record tests (field query, correlation, HTTP)? */
  passesRecordTests(i: number): boolean {
    return this.testMatches?.test(i) ?? true;
  }

  setRecordTests(t: RecordTests): void {
    this.testsVersion++;
    this.tests = { ...t };
    this.provisional.clear();
    this.testMatches = noRecordTests(t) ? undefined : new RecordMemo((i) => this.passes(i));
  }

  /**
   * True when a request tested before its response came has one now: its
   * answer may differ, so the view should be built again (`refresh` first).
   */
  get stale(): boolean {
    // pairOf reads on from where the index is: only records that arrived since.
    for (const i of this.provisional) if (this.http.pairOf(i) !== undefined || !this.http.waiting(i)) return true;
    return false;
  }

  /** Forget the answers for requests whose response has come. */
  refresh(): void {
    for (const i of [...this.provisional]) {
      if (this.http.waiting(i)) continue;
      this.provisional.delete(i);
      this.testMatches?.forget(i);
    }
  }

  /** The other half of record i's kamaki exchange, if it is one and paired. */
  pairOf(i: number): number | undefined {
    const l = this.store.logger(i);
    return l === SEND_LOGGER || l === RECV_LOGGER ? this.http.pairOf(i) : undefined;
  }

  private passes(i: number): boolean {
    const t = this.tests;
    const s = this.store;
    // Cheap refusals on the bytes first: most records are no exchange and carry none of the ids.
    if (testsHttp(t) && !mayBeExchange(s, i)) return false;
    if (t.requests && s.logger(i) !== SEND_LOGGER && !mentions(s.rawText(i), t.requests)) return false;
    return passesRecordTests(t, this.target.at(i));
  }

  /** The filter now; `only`: the search's matches alone. */
  build(only?: RecordTest): ViewFilter {
    const f: ViewFilter = { thresholds: () => this.thresholds.current() };
    const since = Math.max(this.o.since ?? -Infinity, this.range.since ?? -Infinity);
    const until = Math.min(this.o.until ?? Infinity, this.range.until ?? Infinity);
    if (since !== -Infinity) f.since = since;
    if (until !== Infinity) f.until = until;
    const tests = [this.grepMatches, this.testMatches, only].filter((x): x is RecordTest => x !== undefined);
    if (tests.length === 1) f.text = (i) => tests[0]!.test(i);
    else if (tests.length > 1) f.text = (i) => tests.every((x) => x.test(i));
    return f;
  }
}
