import { levelName } from '../model/level.js';
import type { LogRecord } from '../model/record.js';
import { escapeJsonText } from './sanitize.js';

/**
 * A record as one NDJSON line, keys in the documented order (DESIGN.md
 * section 4) and absent when empty.
 */
/** What pairing adds to a kamaki HTTP record's `http` (DESIGN.md section 3). */
export interface HttpPairInfo {
  /** The other half of the exchange. */
  pair: { source: string; line: number };
  /** From the request's time to the response's, in ms. */
  latency_ms?: number;
}

export function renderJson(r: LogRecord, sourceName: string, paired?: HttpPairInfo): string {
  const o: Record<string, unknown> = { source: sourceName, line: r.line };
  if (!Number.isNaN(r.time)) o.time = new Date(r.time).toISOString();
  const level = levelName(r.level);
  if (level) o.level = level;
  if (r.levelName !== undefined) o.levelName = r.levelName;
  if (r.logger !== '') o.logger = r.logger;
  o.message = r.message;
  if (r.body.length > 0) o.body = r.body;
  if (r.fields && Object.keys(r.fields).length > 0) o.fields = r.fields;
  if (r.http) o.http = paired ? { ...r.http, ...paired } : r.http;
  return escapeJsonText(JSON.stringify(o)) + '\n';
}
