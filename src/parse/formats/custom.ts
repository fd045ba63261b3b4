import { Level, LEVEL_NAMES, levelFromName, type LevelName } from '../../model/level.js';
import type { Fields } from '../../model/record.js';
import type { Format, Head } from '../head.js';
import { epochMs, localClockEpoch, monthAt, timeFromValue, utcEpoch, yearlessEpoch } from '../time.js';

/**
 * A user's own format, from a JSON file:
 *   {"name": "myapp",
 *    "regex": "^(?<time>\\S+ \\S+) \\[(?<level>\\w)\\] (?<logger>[\\w.]+): (?<message>.*)$",
 *    "levels": {"E": "error", "W": "warning"},
 *    "timeFormat": "YYYY-MM-DD HH:mm:ss.SSS"}
 * Named groups time, level, logger, message fill the record; any other named
 * group becomes a field. `timeFormat` is `iso` (default), `epoch` (s/ms/µs/ns
 * guessed by size) or a pattern of YYYY YY MMM MM DD HH mm ss SSS Z. `samples`:
 * lines the regex must match, checked when the file loads (as built-ins' are).
 */

export interface CustomFormatSpec {
  name: string;
  regex: string;
  levels?: Record<string, string>;
  timeFormat?: string;
  description?: string;
  /** Lines the format must read (checked when it loads, as the built-ins' are). */
  samples?: string[];
}

const KEYS = ['name', 'regex', 'levels', 'timeFormat', 'description', 'samples'];
const NAME = /^[a-z][a-z0-9_-]*$/;
const ROLES = new Set(['time', 'level', 'logger', 'message']);

/** Raised for a definition that cannot be used; the message says what is wrong. */
export class CustomFormatError extends Error {}

type TimeParser = (v: string) => number;

const TOKENS: [string, string][] = [
  ['YYYY', '(?<Y>\\d{4})'],
  ['YY', '(?<y>\\d{2})'],
  ['MMM', '(?<b>[A-Z][a-z]{2})'],
  ['MM', '(?<M>\\d{1,2})'],
  ['DD', '(?<D>[ \\d]?\\d)'],
  ['HH', '(?<h>\\d{1,2})'],
  ['mm', '(?<m>\\d{2})'],
  ['ss', '(?<s>\\d{2})'],
  ['SSS', '(?<f>\\d{1,9})'],
  ['Z', '(?<z>Z|[+-]\\d{2}:?\\d{2})'],
];

function compileTimeFormat(pattern: string): TimeParser {
  if (pattern === 'iso') return timeFromValue;
  if (pattern === 'epoch') {
    return (v) => epochMs(Number(v));
  }
  let src = '^';
  const seen = new Set<string>();
  for (let i = 0; i < pattern.length; ) {
    const tok = TOKENS.find(([t]) => pattern.startsWith(t, i));
    if (tok) {
      if (seen.has(tok[0])) throw new CustomFormatError(`"timeFormat": ${tok[0]} appears twice`);
      seen.add(tok[0]);
      src += tok[1];
      i += tok[0].length;
    } else {
      src += pattern[i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i++;
    }
  }
  if (!seen.has('HH') || !seen.has('mm')) {
    throw new CustomFormatError(`"timeFormat" must be "iso", "epoch" or a pattern with at least HH and mm (got "${pattern}")`);
  }
  if (!seen.has('MM') && !seen.has('MMM') && (seen.has('DD') || seen.has('YYYY') || seen.has('YY'))) {
    throw new CustomFormatError(`"timeFormat" has a day or year but no month (MM or MMM)`);
  }
  const re = new RegExp(src);
  return (v) => {
    const g = re.exec(v)?.groups;
    if (g === undefined) return NaN;
    const mo = g.b !== undefined ? monthAt(g.b, 0) : g.M !== undefined ? Number(g.M) : -1;
    const secOfDay = Number(g.h) * 3600 + Number(g.m) * 60 + (g.s !== undefined ? Number(g.s) : 0);
    const ms = g.f !== undefined ? Math.floor(Number('0.' + g.f) * 1000) : 0;
    if (mo < 1) return NaN; // a time of day alone places nothing
    const d = Number(g.D ?? '1');
    const y = g.Y !== undefined ? Number(g.Y) : g.y !== undefined ? 2000 + Number(g.y) : -1;
    if (g.z !== undefined && y >= 0) {
      let off = 0;
      if (g.z !== 'Z') {
        const z = g.z.replace(':', '');
        off = (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5))) * 60000 * (z[0] === '+' ? 1 : -1);
      }
      return utcEpoch(y, mo, d) + secOfDay * 1000 + ms - off;
    }
    return y >= 0 ? localClockEpoch(y, mo, d, secOfDay, ms) : yearlessEpoch(mo, d, secOfDay, ms);
  };
}

/** Check a parsed JSON definition and build its format; throws CustomFormatError. */
export function compileCustomFormat(spec: unknown, builtins: readonly string[]): Format {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw new CustomFormatError('expected a JSON object');
  const o = spec as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!KEYS.includes(k)) throw new CustomFormatError(`unknown key "${k}" (expected ${KEYS.join(', ')})`);
  }
  const name = o.name;
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new CustomFormatError('"name" must be a string of lower-case letters, digits, "-" or "_", starting with a letter');
  }
  if (builtins.includes(name)) throw new CustomFormatError(`"name": "${name}" is a built-in format`);
  if (typeof o.regex !== 'string' || o.regex === '') throw new CustomFormatError('"regex" must be a non-empty string');
  let re: RegExp;
  try {
    re = new RegExp(o.regex);
  } catch (err) {
    throw new CustomFormatError(`"regex" is not a valid regular expression: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
  const groups = [...o.regex.matchAll(/\(\?<([A-Za-z_$][\w$]*)>/g)].map((m) => m[1]!);
  if (!groups.includes('message')) throw new CustomFormatError('"regex" has no named group "message" (use (?<message>...))');

  const levels = new Map<string, Level>();
  if (o.levels !== undefined) {
    if (typeof o.levels !== 'object' || o.levels === null || Array.isArray(o.levels)) {
      throw new CustomFormatError('"levels" must be an object mapping level words to level names');
    }
    for (const [word, target] of Object.entries(o.levels as Record<string, unknown>)) {
      const i = typeof target === 'string' ? LEVEL_NAMES.indexOf(target.toLowerCase() as LevelName) : -1;
      if (i <= 0) {
        throw new CustomFormatError(`"levels": "${word}" maps to ${JSON.stringify(target)}, expected one of ${LEVEL_NAMES.slice(1).join(', ')}`);
      }
      levels.set(word.toLowerCase(), i as Level);
    }
  }
  if (o.timeFormat !== undefined && typeof o.timeFormat !== 'string') throw new CustomFormatError('"timeFormat" must be a string');
  if (o.description !== undefined && typeof o.description !== 'string') throw new CustomFormatError('"description" must be a string');
  if (o.samples !== undefined && (!Array.isArray(o.samples) || !o.samples.every((x) => typeof x === 'string'))) {
    throw new CustomFormatError('"samples" must be a list of lines');
  }
  const parseTime = compileTimeFormat((o.timeFormat as string | undefined) ?? 'iso');
  const extra = groups.filter((g) => !ROLES.has(g));

  const format: Format = {
    name,
    firstChar: () => true,
    parse(text: string): Head | undefined {
      const m = re.exec(text);
      const g = m?.groups;
      if (g === undefined) return undefined;
      const lv = g.level;
      const level = lv === undefined ? Level.none : levels.get(lv.toLowerCase()) ?? levelFromName(lv);
      const head: Head = {
        time: g.time === undefined ? NaN : parseTime(g.time),
        level,
        logger: g.logger ?? '',
        message: g.message ?? '',
        format: name,
      };
      if (extra.length > 0) {
        const fields: Fields = {};
        for (const k of extra) if (g[k] !== undefined) fields[k] = g[k];
        head.fields = fields;
      }
      return head;
    },
  };
  for (const line of (o.samples as string[] | undefined) ?? []) {
    if (format.parse(line) === undefined) throw new CustomFormatError(`"samples": the regex does not match ${JSON.stringify(line)}`);
  }
  return format;
}
