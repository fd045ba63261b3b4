import { parseIsoLike } from '../parse/time.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DURATION = /^([+-]?)(\d+(?:\.\d+)?)\s*(ms|[smhdw])$/;
const TIME_OF_DAY = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3}))?)?$/;

/** A time range in epoch ms; a missing end is open. */
export interface TimeRange {
  since?: number;
  until?: number;
}

/**
 * One point in time (the grammar of `--since/--until`): ISO-8601 (naive =
 * local time), a date, a time of day (`10:05`, `10:05:30.250`: on `ref`'s
 * local date), or a duration: `10m` and `-10m` before `ref`, `+10m` after.
 * `ref` is now on the command line and the selected record in the TUI.
 * Undefined when the text is none of these.
 */
export function parseTimePoint(text: string, ref: number): number | undefined {
  const v = text.trim();
  const rel = DURATION.exec(v);
  if (rel) return ref + (rel[1] === '+' ? 1 : -1) * Number(rel[2]) * UNITS[rel[3]!]!;
  const tod = TIME_OF_DAY.exec(v);
  if (tod) {
    const d = new Date(Number.isNaN(ref) ? Date.now() : ref);
    const [h, m, s, f] = [Number(tod[1]), Number(tod[2]), Number(tod[3] ?? 0), Number((tod[4] ?? '0').padEnd(3, '0'))];
    if (h > 23 || m > 59 || s > 59) return undefined;
    return new Date(d.getFullYear(), d.getMonth(), d.getDate(), h, m, s, f).getTime();
  }
  const full = /^\d{4}-\d{2}-\d{2}$/.test(v) ? v + ' 00:00:00' : /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}$/.test(v) ? v + ':00' : v;
  const t = parseIsoLike(full, 0);
  return t && t.end === full.length ? t.ms : undefined;
}

/** What the time prompt takes, for its error line. */
const TIME_RANGE_HELP = 'expected 10:00..10:05, 10:00, -15m or +5m';

/**
 * The TUI's time range prompt: `FROM..TO` (either end may be left out; a
 * duration after `..` counts from FROM), one point (from it on), or a signed
 * duration alone: `-15m` the 15 minutes up to `ref`, `+5m` the 5 after it.
 * Empty text: no range. An error message for anything else.
 */
export function parseTimeRange(text: string, ref: number): TimeRange | { error: string } {
  const v = text.trim();
  if (v === '') return {};
  const dots = v.indexOf('..');
  if (dots < 0) {
    const rel = DURATION.exec(v);
    if (rel && !Number.isNaN(ref)) {
      const at = parseTimePoint(v, ref)!;
      return rel[1] === '+' ? { since: ref, until: at } : { since: at, until: ref };
    }
    const p = parseTimePoint(v, ref);
    return p === undefined ? { error: `not a time: '${v}' (${TIME_RANGE_HELP})` } : { since: p };
  }
  const a = v.slice(0, dots).trim();
  const b = v.slice(dots + 2).trim();
  const out: TimeRange = {};
  if (a !== '') {
    const p = parseTimePoint(a, ref);
    if (p === undefined) return { error: `not a time: '${a}' (${TIME_RANGE_HELP})` };
    out.since = p;
  }
  if (b !== '') {
    const rel = DURATION.exec(b);
    // `10:00..+5m` and `10:00..5m`: a length from the start.
    const p = rel && out.since !== undefined ? out.since + (rel[1] === '-' ? -1 : 1) * Number(rel[2]) * UNITS[rel[3]!]! : parseTimePoint(b, ref);
    if (p === undefined) return { error: `not a time: '${b}' (${TIME_RANGE_HELP})` };
    out.until = p;
  }
  if (out.since !== undefined && out.until !== undefined && out.until < out.since) return { error: 'the range ends before it starts' };
  return out;
}
