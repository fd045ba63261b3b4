import type { LogRecord } from '../model/record.js';

/** A request waiting for its response. */
interface Pending<K> {
  key: K;
  /** kamaki's RequestManager id, when its debug log shows it. */
  id: string | undefined;
}

/**
 * Pairs kamaki's request records with their responses, one source at a time:
 * by the manager ids kamaki logs (a response's `[req: <RequestManager at
 * 0x..>]` names its request) when present, else in order (the oldest request
 * still waiting in that source). `K` is whatever names a record to the
 * caller: a store index, or the record itself.
 */
export class HttpPairer<K> {
  private readonly pending = new Map<number, Array<Pending<K>>>();

  /**
   * Note one record; a response returns the key of the request it answers.
   * Records that are no kamaki HTTP half are ignored.
   */
  add(key: K, r: LogRecord): K | undefined {
    const h = r.http;
    if (!h) return undefined;
    let q = this.pending.get(r.sourceId);
    if (h.direction === 'request') {
      if (!q) this.pending.set(r.sourceId, (q = []));
      q.push({ key, id: h.id });
      return undefined;
    }
    if (!q || q.length === 0) return undefined;
    let at = h.request_id !== undefined ? q.findIndex((p) => p.id === h.request_id) : -1;
    if (at < 0) at = h.request_id !== undefined && q.some((p) => p.id !== undefined) ? -1 : 0;
    if (at < 0) return undefined;
    return q.splice(at, 1)[0]!.key;
  }

  /** Is this request still waiting for its response? */
  waiting(key: K): boolean {
    for (const q of this.pending.values()) if (q.some((p) => p.key === key)) return true;
    return false;
  }

  /** Give up on a request (its response never came, or too long ago). */
  drop(key: K): void {
    for (const q of this.pending.values()) {
      const i = q.findIndex((p) => p.key === key);
      if (i >= 0) q.splice(i, 1);
    }
  }
}

/** The two halves' times apart, in ms (undefined when either has no time). */
export function latencyMs(request: LogRecord, response: LogRecord): number | undefined {
  if (Number.isNaN(request.time) || Number.isNaN(response.time)) return undefined;
  return response.time - request.time;
}

/** A record on its way out of print mode, with the other half of its exchange once known. */
export interface PairedRecord {
  record: LogRecord;
  pair?: LogRecord;
}

/**
 * Print mode's pairing stage: records go out in order, each with its other
 * half; the records from an unanswered request on are held until its response
 * comes (kamaki logs it right after), or `maxHeld` records have passed (then
 * the request goes out alone).
 */
export class PairingQueue {
  private readonly pairer = new HttpPairer<PairedRecord>();
  private readonly queue: PairedRecord[] = [];
  private head = 0;

  constructor(private readonly maxHeld = 10_000) {}

  /** Take records; returns those ready to go out, in order. */
  push(records: readonly LogRecord[]): PairedRecord[] {
    for (const record of records) {
      const p: PairedRecord = { record };
      const req = this.pairer.add(p, record);
      if (req) {
        req.pair = record;
        p.pair = req.record;
      }
      this.queue.push(p);
    }
    return this.release(false);
  }

  /** Everything held (the input ended). */
  flush(): PairedRecord[] {
    return this.release(true);
  }

  private release(all: boolean): PairedRecord[] {
    const q = this.queue;
    while (this.head < q.length) {
      const p = q[this.head]!;
      if (!all && this.pairer.waiting(p) && q.length - this.head <= this.maxHeld) break;
      this.pairer.drop(p);
      this.head++;
    }
    const out = q.splice(0, this.head);
    this.head = 0;
    return out;
  }
}
