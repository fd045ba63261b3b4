import { Level } from '../model/level.js';
import type { Fields, FieldValue, LogRecord } from '../model/record.js';
import { formatLocalTime } from './format-time.js';
import { sanitize } from './sanitize.js';
import { LEVEL_LABELS, type Theme } from './theme.js';

/**
 * A record as coloured text lines for print mode: `time level logger message`,
 * then each body line indented by two spaces. Every piece taken from the log
 * is sanitised; columns a record lacks are left out.
 */
export function renderText(r: LogRecord, theme: Theme): string {
  let out = '';
  if (!Number.isNaN(r.time)) {
    const d = theme.dim;
    out += d.open + formatLocalTime(r.time) + d.close + ' ';
  }
  if (r.level !== Level.none) {
    const s = theme.level(r.level);
    out += s.open + LEVEL_LABELS[r.level] + s.close + ' ';
  }
  if (r.logger !== '') {
    const s = theme.logger(r.logger);
    out += s.open + sanitize(r.logger) + s.close + ' ';
  }
  out += sanitize(r.message);
  if (r.fields) {
    const f = formatFields(r.fields);
    if (f !== '') {
      const d = theme.dim;
      out += ' ' + d.open + sanitize(f) + d.close;
    }
  }
  out += '\n';
  for (const b of r.body) out += '  ' + sanitize(b) + '\n';
  return out;
}

/** `key=value` pairs, logfmt-style: values quoted when they hold spaces or quotes, objects as JSON. */
export function formatFields(fields: Fields): string {
  const parts: string[] = [];
  for (const key of Object.keys(fields)) parts.push(`${key}=${formatValue(fields[key]!)}`);
  return parts.join(' ');
}

function formatValue(v: FieldValue): string {
  if (typeof v === 'string') return v === '' || /[\s"=]/.test(v) ? JSON.stringify(v) : v;
  return JSON.stringify(v);
}
