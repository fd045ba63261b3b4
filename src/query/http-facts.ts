import type { LogRecord } from '../model/record.js';

/**
 * What one record says about an HTTP exchange, whatever wrote it: kamaki's
 * send/recv records (`http`), access logs (fields method/path/status/size),
 * and oslo's wsgi lines (`"GET /v2.1/... HTTP/1.1" status: 200 len: 1893 time: 0.25`).
 */
export interface HttpFacts {
  /** `request` / `response`: one half of a kamaki exchange; `exchange`: one line says it all. */
  kind: 'request' | 'response' | 'exchange';
  method?: string;
  /** The URL as logged (a path alone for access logs). */
  url?: string;
  /** The URL's path (and query). */
  path?: string;
  status?: number;
  /** Response body size in bytes. */
  size?: number;
  /** The time the server logged for the exchange, in ms. */
  latencyMs?: number;
  /** A response header's request id (`x-openstack-request-id`, `x-compute-request-id`). */
  requestId?: string;
}

/** Response headers that carry the service's request id, in the order tried. */
export const REQUEST_ID_HEADERS = ['x-openstack-request-id', 'x-compute-request-id', 'x-request-id'] as const;

const WSGI = /"([A-Z]+) (\S+) HTTP\/[\d.]+" status: (\d{3})(?: len: (\d+))?(?: time: (\d+(?:\.\d+)?))?/;

/** The path (and query) of a URL; a path is its own. */
export function urlPath(url: string): string {
  const scheme = url.indexOf('://');
  if (scheme < 0) return url;
  const slash = url.indexOf('/', scheme + 3);
  return slash < 0 ? '/' : url.slice(slash);
}

function num(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function headerRequestId(headers: Record<string, string>): string | undefined {
  for (const want of REQUEST_ID_HEADERS) {
    for (const k of Object.keys(headers)) if (k.toLowerCase() === want) return headers[k]!.trim();
  }
  return undefined;
}

export function httpFacts(r: LogRecord): HttpFacts | undefined {
  const h = r.http;
  if (h) {
    if (h.direction === 'request') return { kind: 'request', method: h.method, url: h.url, path: urlPath(h.url), ...(h.size !== undefined ? { size: h.size } : {}) };
    const id = headerRequestId(h.headers);
    return { kind: 'response', status: h.status, ...(h.size !== undefined ? { size: h.size } : {}), ...(id ? { requestId: id } : {}) };
  }
  const f = r.fields;
  const status = num(f?.status);
  if (f && status !== undefined && status >= 100 && status < 600 && (typeof f.method === 'string' || typeof f.path === 'string' || typeof f.request === 'string')) {
    const out: HttpFacts = { kind: 'exchange', status };
    if (typeof f.method === 'string') out.method = f.method;
    const path = typeof f.path === 'string' ? f.path : typeof f.url === 'string' ? f.url : undefined;
    if (path !== undefined) {
      out.url = path;
      out.path = urlPath(path);
    }
    const size = num(f.size ?? f.bytes ?? f.body_bytes_sent);
    if (size !== undefined) out.size = size;
    const secs = num(f.request_time ?? f.duration);
    if (secs !== undefined) out.latencyMs = secs * 1000;
    return out;
  }
  if (r.message.indexOf('" status: ') >= 0) {
    const m = WSGI.exec(r.message);
    if (m) {
      const out: HttpFacts = { kind: 'exchange', method: m[1]!, url: m[2]!, path: m[2]!, status: Number(m[3]) };
      if (m[4] !== undefined) out.size = Number(m[4]);
      if (m[5] !== undefined) out.latencyMs = Number(m[5]) * 1000;
      return out;
    }
  }
  return undefined;
}

/** `--http-status`: `5xx`, `404`, `4xx,5xx`, `500-599` (`,` or `|` between). Undefined: not a spec. */
export function parseStatusSpec(spec: string): ((status: number) => boolean) | undefined {
  const tests: Array<(s: number) => boolean> = [];
  for (const raw of spec.split(/[,|]/)) {
    const p = raw.trim().toLowerCase();
    let m: RegExpExecArray | null;
    if ((m = /^([1-5])xx$/.exec(p))) {
      const c = Number(m[1]);
      tests.push((s) => Math.floor(s / 100) === c);
    } else if ((m = /^([1-5]\d\d)-([1-5]\d\d)$/.exec(p))) {
      const lo = Number(m[1]);
      const hi = Number(m[2]);
      tests.push((s) => s >= lo && s <= hi);
    } else if (/^[1-5]\d\d$/.test(p)) {
      const v = Number(p);
      tests.push((s) => s === v);
    } else return undefined;
  }
  return (s) => tests.some((t) => t(s));
}
