import type { Level } from '../model/level.js';
import type { LogRecord } from '../model/record.js';
import { httpFacts } from './http-facts.js';
import { sharesRequest } from './request-ids.js';
import type { QueryTarget, WhereQuery } from './where/evaluate.js';

/**
 * The record tests beyond columns and text: field query, request ids, HTTP
 * status and method. Print mode's RecordFilter and the TUI's ViewFilters
 * evaluate them with passesRecordTests, each over its own QueryTarget.
 */
export interface RecordTests {
  where?: WhereQuery | undefined;
  requests?: ReadonlySet<string> | undefined;
  httpStatus?: ((status: number) => boolean) | undefined;
  httpMethods?: ReadonlySet<string> | undefined;
}

/** True when no record test is set (nothing needs the record itself). */
export function noRecordTests(t: RecordTests): boolean {
  return !t.where && !t.requests && !t.httpStatus && !t.httpMethods;
}

/** True when `--http-status` or `--http-method` is set. */
export function testsHttp(t: RecordTests): boolean {
  return t.httpStatus !== undefined || t.httpMethods !== undefined;
}

/**
 * The record tests on one record, in one order for both modes: request ids
 * (the record's, else its exchange's other half), HTTP status and method,
 * then the field query. The target is asked for the record, and for the
 * other half of its exchange, only when a test needs them: the TUI parses
 * both again from the store's bytes, and a request whose answer needed a
 * response not yet come is asked again once it comes (ViewFilters.stale).
 */
export function passesRecordTests(t: RecordTests, target: QueryTarget): boolean {
  if (t.requests !== undefined && !sharesRequest(target.record(), t.requests)) {
    const pair = target.pair?.();
    if (pair === undefined || !sharesRequest(pair, t.requests)) return false;
  }
  if (testsHttp(t) && !httpMatches(target.record(), t, target)) return false;
  return t.where === undefined || t.where.test(target);
}

/**
 * `--http-status` / `--http-method` on one record. A kamaki request shows no
 * status and a response no method: each half is tested on what it says, and
 * its other half (`target.pair`, when the exchange is paired) answers the rest.
 */
function httpMatches(r: LogRecord, t: RecordTests, target: QueryTarget): boolean {
  const f = httpFacts(r);
  if (!f) return false;
  if (t.httpStatus) {
    const status = f.status ?? otherFacts(target)?.status;
    if (status === undefined || !t.httpStatus(status)) return false;
  }
  if (t.httpMethods) {
    const method = f.method ?? otherFacts(target)?.method;
    if (method === undefined || !t.httpMethods.has(method.toUpperCase())) return false;
  }
  return true;
}

function otherFacts(target: QueryTarget): ReturnType<typeof httpFacts> {
  const pair = target.pair?.();
  return pair === undefined ? undefined : httpFacts(pair);
}

/**
 * A QueryTarget over a record in hand (print mode), set to each record in
 * turn: one object for the whole run, not closures per record.
 */
export class HeldRecordTarget implements QueryTarget {
  private r!: LogRecord;
  private other: LogRecord | undefined;
  private name = '';

  /** Target `r` (from source `sourceName`), with `pair` the other half of its exchange. */
  at(r: LogRecord, sourceName: string, pair: LogRecord | undefined): this {
    this.r = r;
    this.name = sourceName;
    this.other = pair;
    return this;
  }

  level(): Level {
    return this.r.level;
  }

  logger(): string {
    return this.r.logger;
  }

  time(): number {
    return this.r.time;
  }

  record(): LogRecord {
    return this.r;
  }

  sourceName(): string {
    return this.name;
  }

  pair(): LogRecord | undefined {
    return this.other;
  }
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

/**
 * A record's text as lines without their line ends, as --grep reads them:
 * the newline that ends the last line starts no empty line after it.
 */
export function textLines(text: string): string[] {
  return text.replace(/\r?\n$/, '').split(/\r?\n/);
}

/** A record's original bytes as lines (textLines). */
export function rawLines(raw: readonly Buffer[]): string[] {
  return textLines(Buffer.concat(raw as Buffer[]).toString('utf8'));
}
