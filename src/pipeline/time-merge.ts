import type { LogRecord } from '../model/record.js';

interface Lane {
  batch: LogRecord[];
  pos: number;
  /** Resolves the producer's push() once its batch is used up. */
  release: (() => void) | undefined;
  /** Time of the lane's last record that had one: untimed records sort with it. */
  lastTime: number;
  ended: boolean;
}

/**
 * Several sources' records merged into one stream ordered by time, as lnav
 * shows several files. Each source pushes its batches in its own order; a
 * record is released only when every source still running has a record
 * waiting, so the smallest time is known. Producers wait until their batch is
 * used up, so at most one batch per source is held. Records without a time
 * keep their place after their source's previous record; ties go to the
 * source given first.
 */
export class TimeMerger {
  private readonly lanes: Lane[];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    count: number,
    private readonly deliver: (records: LogRecord[]) => void | Promise<void>,
  ) {
    this.lanes = Array.from({ length: count }, () => ({ batch: [], pos: 0, release: undefined, lastTime: -Infinity, ended: false }));
  }

  /** Source `id`'s next records; resolves when the merge has used them all. */
  push(id: number, records: LogRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    const lane = this.lanes[id]!;
    return new Promise<void>((resolve) => {
      lane.batch = records;
      lane.pos = 0;
      lane.release = resolve;
      this.schedulePump();
    });
  }

  /** Source `id` has no more records (its end, or it failed). */
  end(id: number): Promise<void> {
    this.lanes[id]!.ended = true;
    return this.schedulePump();
  }

  private schedulePump(): Promise<void> {
    this.queue = this.queue.then(() => this.pump());
    return this.queue;
  }

  /** Emit records in time order until a running source's lane runs dry. */
  private async pump(): Promise<void> {
    const out: LogRecord[] = [];
    for (;;) {
      let best: Lane | undefined;
      let bestKey = Infinity;
      for (const lane of this.lanes) {
        if (lane.pos < lane.batch.length) {
          const t = lane.batch[lane.pos]!.time;
          const key = Number.isNaN(t) ? lane.lastTime : t;
          if (best === undefined || key < bestKey) {
            best = lane;
            bestKey = key;
          }
        } else if (!lane.ended) {
          best = undefined;
          break; // its next record could be the earliest: wait for it
        }
      }
      if (best === undefined) break;
      const r = best.batch[best.pos++]!;
      if (!Number.isNaN(r.time)) best.lastTime = r.time;
      out.push(r);
      if (best.pos === best.batch.length) {
        // Used up: hand the batch back so its producer pushes the next one.
        best.batch = [];
        best.pos = 0;
        const release = best.release;
        best.release = undefined;
        await this.deliver(out);
        release?.();
        return;
      }
    }
    if (out.length > 0) await this.deliver(out);
  }
}

/**
 * Several sources opened together: what each holds (a file read to its end,
 * or what a followed file held at start) is merged by time (TimeMerger), then
 * records flow in arrival order. A source's lane ends when it has caught up
 * with its input; records that source produces
 * after that wait until every lane has ended, so nothing new is shown before
 * older records of the backlog.
 */
export class BacklogMerge {
  private readonly merger: TimeMerger;
  private readonly caught: boolean[];
  private open: number;
  private merged = false;
  private markMerged: () => void = () => {};
  /** Resolves once every lane has ended and the merge has delivered all of it. */
  private readonly allMerged = new Promise<void>((resolve) => (this.markMerged = resolve));

  constructor(
    count: number,
    private readonly deliver: (records: LogRecord[]) => void | Promise<void>,
  ) {
    this.merger = new TimeMerger(count, deliver);
    this.caught = new Array<boolean>(count).fill(false);
    this.open = count;
  }

  /** Where source `id` delivers its records. */
  sink(id: number): (records: LogRecord[]) => void | Promise<void> {
    return (records) => {
      if (!this.caught[id]) return this.merger.push(id, records);
      if (this.merged) return this.deliver(records);
      // Newer than the backlog still being merged: wait for it. The source
      // waits on this promise, so its own batches stay in order.
      return this.allMerged.then(() => this.deliver(records));
    };
  }

  /** Source `id` has delivered everything it held at start (call after its last push resolved). */
  async caughtUp(id: number): Promise<void> {
    if (this.caught[id]) return;
    this.caught[id] = true;
    await this.merger.end(id);
    if (--this.open > 0) return;
    this.merged = true;
    this.markMerged();
  }
}
