import { parseIsoLike } from '../parse/time.js';
import { UsageError } from './usage-error.js';

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `--since/--until`: ISO-8601 (naive = local time), a date, or relative to now (`10m`, `2h`, `1d`). */
export function parseTimeBound(value: string, now: number, name: string): number {
  const rel = /^(\d+(?:\.\d+)?)\s*([smhdw])$/.exec(value.trim());
  if (rel) return now - Number(rel[1]) * UNITS[rel[2]!]!;
  const v = value.trim();
  const full = /^\d{4}-\d{2}-\d{2}$/.test(v) ? v + ' 00:00:00' : /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}$/.test(v) ? v + ':00' : v;
  const t = parseIsoLike(full, 0);
  if (t && t.end === full.length) return t.ms;
  throw new UsageError(`invalid --${name} '${value}' (expected ISO-8601 like 2026-11-20T12:00:00, or relative like 10m, 2h, 1d)`);
}
