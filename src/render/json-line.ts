import { levelName } from '../model/level.js';
import type { LogRecord } from '../model/record.js';

// JSON.stringify escapes C0 but not DEL and C1, which some terminals obey.
const DEL_C1 = /[\u007f-\u009f]/;
const DEL_C1_G = /[\u007f-\u009f]/g;

/**
 * A record as one NDJSON line, keys in the documented order (DESIGN.md
 * section 4) and absent when empty.
 */
export function renderJson(r: LogRecord, sourceName: string): string {
  const o: Record<string, unknown> = { source: sourceName, line: r.line };
  if (!Number.isNaN(r.time)) o.time = new Date(r.time).toISOString();
  const level = levelName(r.level);
  if (level) o.level = level;
  if (r.levelName !== undefined) o.levelName = r.levelName;
  if (r.logger !== '') o.logger = r.logger;
  o.message = r.message;
  if (r.body.length > 0) o.body = r.body;
  if (r.fields && Object.keys(r.fields).length > 0) o.fields = r.fields;
  if (r.http) o.http = r.http;
  const s = JSON.stringify(o);
  return (DEL_C1.test(s) ? s.replace(DEL_C1_G, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) : s) + '\n';
}
