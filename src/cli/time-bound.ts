import { parseTimePoint } from '../query/time-range.js';
import { UsageError } from './usage-error.js';

/**
 * `--since/--until`: ISO-8601 (naive = local time), a date, a time of day
 * (today), or relative to now (`10m`, `2h`, `1d`; `+1h` ahead). The grammar
 * is the TUI time prompt's (src/query/time-range.ts), with now as reference.
 */
export function parseTimeBound(value: string, now: number, name: string): number {
  const t = parseTimePoint(value, now);
  if (t !== undefined) return t;
  throw new UsageError(`invalid --${name} '${value}' (expected ISO-8601 like 2026-11-20T12:00:00, a time of day like 10:05, or relative like 10m, 2h, 1d)`);
}
