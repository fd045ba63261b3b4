import type { Level } from './level.js';

/** What kamaki logs beside an exchange, that pairs a response with its request. */
interface HttpIds {
  /** The `CMT METHOD@endpoint` preamble's endpoint (requests). */
  endpoint?: string;
  /** The RequestManager / ResponseManager object id (`0x7f3a2c1d5e50`) kamaki's debug log shows. */
  id?: string;
  /** The response's `<-- [req: <RequestManager object at 0x...>]`: the id of its request. */
  request_id?: string;
}

export interface HttpRequest extends HttpIds {
  direction: 'request';
  method: string;
  url: string;
  headers: Record<string, string>;
  size?: number;
}

export interface HttpResponse extends HttpIds {
  direction: 'response';
  status: number;
  reason: string;
  headers: Record<string, string>;
  size?: number;
}

export type HttpInfo = HttpRequest | HttpResponse;

export type FieldValue = string | number | boolean | null | FieldValue[] | { [key: string]: FieldValue };
export type Fields = Record<string, FieldValue>;

/**
 * One log event, as the parser hands it on. Records are transient: print mode
 * writes and drops them, the store keeps only columns and raw bytes, and
 * rebuilds a record on demand by parsing its raw lines again.
 */
export interface LogRecord {
  /** Index of the source in the session's source list. */
  sourceId: number;
  /** 1-based number of the record's first line in its source. */
  line: number;
  /** Byte offset of the record's first line in its source. */
  offset: number;
  /** Epoch milliseconds, NaN when the record shows no time. */
  time: number;
  level: Level;
  /** The level as written, when it is not the normalised level's name (`DEBUGV`, `AUDIT`, `WARN`). */
  levelName?: string;
  /** Dotted logger name; "" is the root / unknown. */
  logger: string;
  message: string;
  body: string[];
  fields?: Fields;
  http?: HttpInfo;
  /** The record's original lines, bytes unchanged, each with its line terminator if it had one. */
  raw: Buffer[];
  /** Name of the format that recognised the record (e.g. "python", "plain"). */
  format: string;
}
