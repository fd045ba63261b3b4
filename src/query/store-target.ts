import type { Level } from '../model/level.js';
import type { LogRecord } from '../model/record.js';
import type { RecordStore } from '../store/record-store.js';
import type { QueryTarget } from './where/evaluate.js';

/** Where a StoreTarget finds the other half of a record's exchange. */
export interface PairLookup {
  /** The store index of record i's paired half, if any. */
  pairOf(i: number): number | undefined;
  /** Record i was asked for its pair and has none yet, but may get one (a request whose response has not come). */
  unanswered(i: number): void;
}

/**
 * A QueryTarget over a store index (the TUI), set to each record in turn:
 * level, logger and time come from the store's columns; the record and its
 * exchange's other half are parsed again from the spool only when a test
 * asks, and at most once per record. One object for every record tested.
 */
export class StoreTarget implements QueryTarget {
  private i = -1;
  private rec: LogRecord | undefined;
  private other: LogRecord | undefined;
  private pairAsked = false;

  constructor(
    private readonly store: RecordStore,
    private readonly sourceNames: readonly string[],
    private readonly pairs: PairLookup,
  ) {}

  /** Target store record i. */
  at(i: number): this {
    this.i = i;
    this.rec = undefined;
    this.other = undefined;
    this.pairAsked = false;
    return this;
  }

  level(): Level {
    return this.store.level(this.i);
  }

  logger(): string {
    return this.store.logger(this.i);
  }

  time(): number {
    return this.store.time(this.i);
  }

  record(): LogRecord {
    return (this.rec ??= this.store.get(this.i));
  }

  sourceName(): string {
    return this.sourceNames[this.store.sourceId(this.i)] ?? '';
  }

  pair(): LogRecord | undefined {
    if (this.pairAsked) return this.other;
    this.pairAsked = true;
    const j = this.pairs.pairOf(this.i);
    if (j === undefined) this.pairs.unanswered(this.i);
    else this.other = this.store.get(j);
    return this.other;
  }
}
