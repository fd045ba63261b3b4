import { Level } from '../model/level.js';
import type { Exchange } from '../query/http-index.js';
import { shortRequestId } from '../query/request-ids.js';
import { formatLocalTime } from './format-time.js';
import { cleanText, fitSegments, type Seg } from './text-fit.js';
import type { Theme } from './theme.js';

export interface HttpLinesInput {
  rows: readonly Exchange[];
  cursor: number;
  top: number;
  width: number;
  height: number;
  /** The index is still reading the store. */
  busy: boolean;
  theme: Theme;
}

/** A status class in the level colours: 2xx info, 3xx notice, 4xx warning, 5xx error. */
export function statusLevel(status: number): Level {
  return status >= 500 ? Level.error : status >= 400 ? Level.warning : status >= 300 ? Level.notice : Level.info;
}

function size(n: number | undefined): string {
  if (n === undefined) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

function latency(ms: number | undefined): string {
  if (ms === undefined) return '';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** The URL with its path first (what differs between rows), the scheme and host after it. */
export function pathFirst(url: string | undefined): { path: string; host: string } {
  if (url === undefined) return { path: '', host: '' };
  const scheme = url.indexOf('://');
  if (scheme < 0) return { path: url, host: '' };
  const slash = url.indexOf('/', scheme + 3);
  return slash < 0 ? { path: '/', host: url.slice(scheme + 3) } : { path: url.slice(slash), host: url.slice(scheme + 3, slash) };
}

const COLS = '  time          method  status  size      latency   request id      path';

function rowSegs(x: Exchange, theme: Theme): Seg[] {
  const f = x.facts;
  const { path, host } = pathFirst(f.url);
  const time = Number.isNaN(x.time) ? ''.padEnd(12) : formatLocalTime(x.time).slice(-12);
  const status = f.status === undefined ? '—'.padEnd(6) : String(f.status).padEnd(6);
  return [
    { text: `  ${time}  `, open: theme.dim.open },
    { text: cleanText(f.method ?? '').padEnd(6) + '  ' },
    { text: status, ...(f.status !== undefined ? { open: theme.level(statusLevel(f.status)).open } : {}) },
    { text: '  ' + size(f.size).padEnd(8) + '  ' + latency(x.latencyMs).padEnd(8) + '  ' },
    { text: (f.requestId ? shortRequestId(cleanText(f.requestId)) : '').padEnd(14) + '  ', open: theme.dim.open },
    { text: cleanText(path) },
    ...(host ? [{ text: `  ${cleanText(host)}`, open: theme.dim.open }] : []),
  ];
}

/** The HTTP view: a title bar, the column names, one row per exchange (the cursor's inverse). */
export function httpLines(i: HttpLinesInput): string[] {
  const { theme, width } = i;
  const n = i.rows.length;
  const title = `HTTP exchanges  ${n === 0 ? 0 : i.cursor + 1}/${n}${i.busy ? '…' : ''}  (j/k move, Enter both records, Esc close)`;
  const out = [fitSegments([{ text: title }], width, { base: theme.inverse.open, pad: true }), fitSegments([{ text: COLS, open: theme.heading.open }], width)];
  if (n === 0) out.push(fitSegments([{ text: i.busy ? '  reading…' : '  no HTTP exchanges', open: theme.dim.open }], width));
  for (let k = i.top; k < n && out.length < i.height; k++) {
    const segs = rowSegs(i.rows[k]!, theme);
    out.push(k === i.cursor ? fitSegments(segs, width, { base: theme.inverse.open, pad: true }) : fitSegments(segs, width));
  }
  return out;
}
