import type { LogRecord } from '../model/record.js';
import { httpFacts } from './http-facts.js';

/** Fields that carry a request or trace id (oslo context, JSON loggers, tracing). */
export const REQUEST_ID_FIELDS = ['request_id', 'global_request_id', 'req_id', 'requestId', 'reqId', 'trace_id', 'traceId', 'span_id', 'spanId'] as const;

/** Every request/trace id a record carries (fields, and a kamaki response's request id headers). */
export function requestIds(r: LogRecord): string[] {
  const out: string[] = [];
  const f = r.fields;
  // oslo's JSONFormatter nests the request context under `context`.
  const ctx = f?.context;
  for (const o of [f, ctx !== null && typeof ctx === 'object' && !Array.isArray(ctx) ? ctx : undefined]) {
    if (!o) continue;
    for (const k of REQUEST_ID_FIELDS) {
      const v = o[k];
      if (((typeof v === 'string' && v !== '' && v !== '-') || typeof v === 'number') && !out.includes(String(v))) out.push(String(v));
    }
  }
  const id = r.http?.direction === 'response' ? httpFacts(r)?.requestId : undefined;
  if (id) out.push(id);
  return out;
}

/** Does the record carry one of the ids (compared without case, as ids are hex)? */
export function sharesRequest(r: LogRecord, ids: ReadonlySet<string>): boolean {
  for (const id of requestIds(r)) if (ids.has(id.toLowerCase())) return true;
  return false;
}

/** `req-1f2e...` as the status bar and rows show it: the first 8 characters of the id proper. */
export function shortRequestId(id: string): string {
  const body = id.startsWith('req-') ? id.slice(4) : id;
  return body.length > 8 ? `${id.startsWith('req-') ? 'req-' : ''}${body.slice(0, 8)}…` : id;
}
