import { groupDigits } from './group-digits.js';
import { Level, levelName } from '../model/level.js';
import type { FieldValue, LogRecord } from '../model/record.js';
import { formatLocalTime } from './format-time.js';
import type { Theme } from './theme.js';
import { cleanText, type Seg } from './text-fit.js';
import { httpPayload } from '../parse/kamaki-http.js';

const MAX_PRETTY = 64 * 1024;
/** Beyond this a message is cut in the details pane (a 10 MB line would be 50,000 screen lines). */
const MAX_DETAIL = 64 * 1024;
/** Body lines beyond these are cut too. */
const MAX_BODY_LINE = 16 * 1024;
const MAX_BODY_LINES = 5000;
const MAX_BODY_CHARS = 256 * 1024;

function cut(line: string, max: number): string {
  return line.length > max ? `${line.slice(0, max)} … (${groupDigits(line.length - max)} more characters)` : line;
}

function label(theme: Theme, text: string): Seg {
  return { text: text.padEnd(8), open: theme.dim.open };
}

/** JSON text pretty-printed, or undefined if the text is not a JSON object/array. */
function prettyJson(text: string): string[] | undefined {
  const t = text.trim();
  if (t.length > MAX_PRETTY || !((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']')))) return undefined;
  try {
    return JSON.stringify(JSON.parse(t) as FieldValue, null, 2).split('\n');
  } catch {
    return undefined;
  }
}

function heading(theme: Theme, text: string): Seg[] {
  return [{ text, open: theme.heading.open }];
}

/**
 * Everything about one record, as lines for the details pane: header
 * fields, the message, the HTTP request/status line and headers, the body
 * (tracebacks) and fields, JSON pretty-printed. All log text is sanitised.
 */
export function detailLines(r: LogRecord, sourceName: string, theme: Theme): Seg[][] {
  const lines: Seg[][] = [];
  if (!Number.isNaN(r.time)) {
    lines.push([label(theme, 'time'), { text: `${formatLocalTime(r.time)}  (${new Date(r.time).toISOString()})`, open: theme.dim.open }]);
  }
  if (r.level !== Level.none) {
    // The level as the log wrote it (DEBUGV, AUDIT, Information) beside the normalised one.
    const written = r.levelName !== undefined && r.levelName.toUpperCase() !== levelName(r.level)!.toUpperCase() ? ` (${cleanText(r.levelName)})` : '';
    lines.push([label(theme, 'level'), { text: levelName(r.level)!.toUpperCase() + written, open: theme.level(r.level).open }]);
  }
  if (r.logger !== '') lines.push([label(theme, 'logger'), { text: cleanText(r.logger), open: theme.logger(r.logger).open }]);
  lines.push([label(theme, 'source'), { text: `${cleanText(sourceName)}:${r.line}` }]);
  lines.push([]);

  const pretty = prettyJson(r.message);
  if (r.http) {
    // The HTTP block below starts with the message (request or status line).
  } else if (pretty) {
    lines.push(heading(theme, 'message (JSON)'));
    for (const l of pretty) lines.push([{ text: '  ' + cleanText(l) }]);
  } else {
    lines.push([{ text: cleanText(cut(r.message, MAX_DETAIL)) }]);
  }

  if (r.http) {
    const h = r.http;
    if (lines[lines.length - 1]!.length > 0) lines.push([]);
    lines.push(heading(theme, h.direction === 'request' ? 'HTTP request' : 'HTTP response'));
    const first = h.direction === 'request' ? `${h.method} ${h.url}` : `${h.status} ${h.reason}`;
    const open = h.direction === 'response' && h.status >= 400 ? theme.level(Level.error).open : '';
    lines.push([{ text: '  ' + cleanText(first), open }]);
    for (const [k, v] of Object.entries(h.headers)) {
      lines.push([{ text: '  ' + cleanText(k), open: theme.dim.open }, { text: ': ' + cleanText(v) }]);
    }
    if (h.size !== undefined) lines.push([{ text: `  data size: ${h.size}`, open: theme.dim.open }]);
  }

  // For HTTP, the body lines left once headers and size are shown: the payload.
  const body = r.http ? httpPayload(r.body) : r.body;
  if (body.length > 0) {
    lines.push([], heading(theme, 'body'));
    const joined = body.length <= MAX_BODY_LINES ? body.join('\n') : '';
    const shown = prettyJson(joined) ?? body;
    let chars = 0;
    let k = 0;
    for (; k < shown.length && k < MAX_BODY_LINES && chars < MAX_BODY_CHARS; k++) {
      const l = cut(shown[k]!, MAX_BODY_LINE);
      chars += l.length;
      lines.push([{ text: '  ' + cleanText(l) }]);
    }
    if (k < shown.length) lines.push([{ text: `  … ${groupDigits(shown.length - k)} more lines`, open: theme.dim.open }]);
  }

  if (r.fields && Object.keys(r.fields).length > 0) {
    lines.push([], heading(theme, 'fields'));
    for (const l of JSON.stringify(r.fields, null, 2).split('\n')) lines.push([{ text: '  ' + cleanText(l) }]);
  }
  return lines;
}
