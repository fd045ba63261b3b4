import type { LogRecord } from '../model/record.js';
import { httpFacts, type HttpFacts } from './http-facts.js';
import { HttpPairer } from './http-pairs.js';
import { RECV_LOGGER, SEND_LOGGER } from '../parse/kamaki-http.js';

/** What the index reads of the store. */
export interface HttpRecordSource {
  readonly size: number;
  logger(i: number): string;
  rawText(i: number): string;
  get(i: number): LogRecord;
}

/** One exchange: a kamaki request and its response (either may be missing), or one line that says it all. */
export interface Exchange {
  /** Store index of the record the row opens with (the request, or the lone line). */
  first: number;
  /** Store index of the response, for a paired kamaki exchange. */
  second?: number;
  /** The two halves' facts merged (the request's method and URL, the response's status). */
  facts: HttpFacts;
  /** Epoch ms of the first record, NaN when unknown. */
  time: number;
  /** ms: the logged time, or from the request's time to the response's. */
  latencyMs?: number;
}

/**
 * Records that may be an exchange: kamaki's HTTP loggers, or text that names
 * an HTTP version or a status field (no record parsed to say no).
 */
export function mayBeExchange(src: Pick<HttpRecordSource, 'logger' | 'rawText'>, i: number): boolean {
  const l = src.logger(i);
  if (l === SEND_LOGGER || l === RECV_LOGGER) return true;
  const text = src.rawText(i);
  return text.indexOf('HTTP/') >= 0 || text.indexOf('"status"') >= 0;
}

/**
 * The store's HTTP exchanges, in store order, and which record pairs with
 * which: built in slices (a sliced job) and extended as the store grows.
 * Only records that can be an exchange are parsed again from their bytes.
 */
export class HttpIndex {
  readonly exchanges: Exchange[] = [];
  private readonly pairer = new HttpPairer<number>();
  private readonly pairs = new Map<number, number>();
  /** Exchange of a kamaki request still waiting, by store index. */
  private readonly open = new Map<number, Exchange>();
  private next = 0;
  /** Bumped when exchanges change (a view of them redraws). */
  version = 0;

  constructor(private readonly src: HttpRecordSource) {}

  pending(): boolean {
    return this.next < this.src.size;
  }

  /** How far the index has looked (store indices below this are indexed). */
  get scanned(): number {
    return this.next;
  }

  step(deadline: number): void {
    while (this.next < this.src.size) {
      const end = Math.min(this.src.size, this.next + 256);
      this.scan(end);
      if (performance.now() > deadline) return;
    }
  }

  /** Is record i a kamaki request still waiting for its response (as far as the index has read)? */
  waiting(i: number): boolean {
    return this.open.has(i);
  }

  /** The other half of record i's exchange, looking ahead as far as needed (up to `ahead` records). */
  pairOf(i: number, ahead = 10_000): number | undefined {
    if (this.next <= i || this.open.has(i)) this.scan(Math.min(this.src.size, Math.max(this.next, i + 1) + ahead));
    return this.pairs.get(i);
  }

  private scan(end: number): void {
    const src = this.src;
    for (let i = this.next; i < end; i++) {
      if (!mayBeExchange(src, i)) continue;
      const r = src.get(i);
      const facts = httpFacts(r);
      if (!facts) continue;
      if (facts.kind === 'exchange') {
        this.push({ first: i, facts, time: r.time, ...(facts.latencyMs !== undefined ? { latencyMs: facts.latencyMs } : {}) });
        continue;
      }
      const req = this.pairer.add(i, r);
      if (facts.kind === 'request') {
        const x: Exchange = { first: i, facts, time: r.time };
        this.open.set(i, x);
        this.push(x);
      } else if (req !== undefined) {
        this.pairs.set(req, i);
        this.pairs.set(i, req);
        const x = this.open.get(req)!;
        this.open.delete(req);
        x.second = i;
        x.facts = { ...x.facts, ...facts, kind: 'request' };
        if (!Number.isNaN(x.time) && !Number.isNaN(r.time)) x.latencyMs = r.time - x.time;
        this.version++;
      } else this.push({ first: i, facts, time: r.time });
    }
    this.next = Math.max(this.next, end);
  }

  private push(x: Exchange): void {
    this.exchanges.push(x);
    this.version++;
  }
}
