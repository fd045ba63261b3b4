import { Level, levelFromWord, levelName as normalisedName } from '../../model/level.js';
import type { Fields } from '../../model/record.js';
import type { Format, Head } from '../head.js';
import { readShape, TIME_SHAPES, type TimeShape } from './time-shapes.js';

/**
 * A line template inferred from a source's first lines when no known format
 * reads them: per line, a timestamp at the start (TIME_SHAPES, optionally in
 * brackets), then up to four fields (level word, logger name, pid, bracketed
 * context) with their separators, then the message. The template most timed
 * lines agree on wins; a field kind is believed only if every line of the
 * winning template holds one there (precision over recall). Lines with the
 * time but not the rest are heads with the time alone; lines without the
 * time continue the record before them.
 */

type Kind = 'L' | 'N' | 'P' | 'C';

interface Token {
  kind: Kind;
  /** The separator before it: ' ', ' - ', ' | ', '|'. */
  sep: string;
  /** Bracketed (`[x]`, `(x)`, `<x>`), with `:` after it... as written around the value. */
  open: string;
  close: string;
}

interface LineShape {
  shape: TimeShape;
  bracket: string;
  tokens: Token[];
  /** Separator between the last field and the message. */
  tail: string;
}

const SHAPE_RES = TIME_SHAPES.map((s) => ({ shape: s, re: new RegExp('^(?:(\\[)|(\\())?' + s.source) }));
/** A logger: dotted, `::` or `/` path, with `[pid]` or loguru's `:function:line` after it. */
const LOGGER = /^[A-Za-z_$][\w$-]*(?:(?:\.|::|\/)[\w$-]+)*(?:\[\d+\]|:[\w<>]+:\d+)?$/;
const LOGGER_SUFFIX = /(?:\[(\d+)\]|:([\w<>]+):(\d+))$/;
const PID = /^(?:pid[=: ]?)?\d{1,8}$/i;
const LETTERS = new Set(['T', 'D', 'I', 'W', 'E', 'F', 'C', 'V', 'N']);
const LETTER_LEVEL: Record<string, Level> = { T: Level.trace, V: Level.trace, D: Level.debug, I: Level.info, N: Level.notice, W: Level.warning, E: Level.error, F: Level.critical, C: Level.critical };
/** Separators between fields; padding spaces before ` - ` or `|` belong to them. */
const SEP = /^(?: *- | *\| ?| *\||: |, +| +|\t)/;
const MAX_TOKENS = 4;

/** A level word as logs write it: any case, padded, `WARN`, `Information`, `debug2`, `INFO/MainProcess`. */
export function levelOfToken(t: string): Level {
  const word = t.replace(/[:/].*$/, '').replace(/\d$/, '');
  if (word.length < 3 || word.length > 11) return Level.none;
  return levelFromWord(word);
}

function closing(c: string): string {
  return c === '[' ? ']' : c === '(' ? ')' : '>';
}

/** The shape of one line, or undefined when it starts with no timestamp. */
function lineShape(s: string): { ls: LineShape; values: string[] } | undefined {
  for (const { shape, re } of SHAPE_RES) {
    const m = re.exec(s);
    if (!m || Number.isNaN(readShape(m.groups!))) continue;
    const bracket = m[1] ?? m[2] ?? '';
    let i = m[0].length;
    if (bracket !== '') {
      if (s[i] !== closing(bracket)) continue;
      i++;
    }
    const tokens: Token[] = [];
    const values: string[] = [];
    let tail = '';
    while (tokens.length < MAX_TOKENS) {
      const sm = SEP.exec(s.slice(i, i + 64));
      if (!sm) break;
      const sep = normalSep(sm[0]);
      const j = i + sm[0].length;
      const c = s[j];
      let open = '', close = '', value: string, end: number;
      if (c === '[' || c === '(' || c === '<') {
        const k = s.indexOf(closing(c), j + 1);
        if (k < 0 || k - j > 80) break;
        open = c;
        close = closing(c);
        value = s.slice(j + 1, k).trim();
        end = k + 1;
        if (s[end] === ':') {
          close += ':';
          end++;
        }
      } else {
        const w = /^[^\s[\]()<>|]+(?:\[\d+\]:?)?/.exec(s.slice(j, j + 120));
        if (!w) break;
        value = w[0];
        end = j + value.length;
        if (value.endsWith(':') && value.length > 1) {
          value = value.slice(0, -1);
          close = ':';
        }
      }
      // Set apart: bracketed, `name:`, before ` - ` or `|`, or padded as a column (two spaces or more).
      const kind = classify(value, open !== '' || close !== '' || / - | \| |\||^ {2}/.test(s.slice(end, end + 3)));
      if (kind === undefined) {
        tail = sep;
        break;
      }
      tokens.push({ kind, sep, open, close });
      values.push(value);
      i = end;
      if (close.endsWith(':')) break;
    }
    // Of several name-like fields the last is the logger (`[main] I com.x.Svc:`): the others are context.
    const lastN = tokens.map((t) => t.kind).lastIndexOf('N');
    tokens.forEach((t, k) => {
      if (t.kind === 'N' && k < lastN) t.kind = 'C';
    });
    const sm = SEP.exec(s.slice(i, i + 64));
    if (tokens.length > 0 || sm) tail = sm ? normalSep(sm[0]) : tail;
    return { ls: { shape, bracket, tokens, tail }, values };
  }
  return undefined;
}

function normalSep(sep: string): string {
  const t = sep.trim();
  return t === '' ? ' ' : t === '-' ? ' - ' : t === '|' ? ' | ' : t === ',' ? ', ' : sep;
}

function classify(v: string, delimited: boolean): Kind | undefined {
  if (levelOfToken(v) !== Level.none || (v.length === 1 && LETTERS.has(v))) return 'L';
  if (PID.test(v)) return 'P';
  // A word is a logger only when the layout sets it apart (brackets, `name:`,
  // ` - `) or it is a dotted path; else it is the message's first word.
  if (LOGGER.test(v) && (delimited || /[.:/]/.test(v.replace(LOGGER_SUFFIX, '')))) return 'N';
  if (delimited && v.length > 0) return 'C';
  return undefined;
}

function signature(ls: LineShape): string {
  return [ls.shape.name, ls.bracket, ...ls.tokens.map((t) => `${t.sep}${t.open}${t.kind}${t.close}`), ls.tail].join('\u0000');
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function sepRegex(sep: string): string {
  return sep === ' ' ? ' +' : sep === ' - ' ? ' *- ' : sep === ' | ' ? ' *\\| ?' : sep === ', ' ? ', +' : escape(sep);
}

/** A compiled template: the regex for full lines and for the time alone. */
function compile(ls: LineShape, letterLevels: boolean, name: string): Format {
  const open = ls.bracket === '' ? '' : escape(ls.bracket);
  const close = ls.bracket === '' ? '' : escape(closing(ls.bracket));
  const timeOnly = new RegExp(`^${open}${ls.shape.source}${close}`);
  let src = timeOnly.source;
  for (const t of ls.tokens) {
    const inner = t.kind === 'L' ? '\\S+?' : t.kind === 'P' ? '(?:pid[=: ]?)?\\d{1,8}' : t.kind === 'N' ? '[A-Za-z_$][^\\s\\])]*?(?:\\[\\d+\\])?' : '[^\\]):>]*?';
    src += `${sepRegex(t.sep)}${escape(t.open)}\\s*(${inner})\\s*${escape(t.close)}`;
  }
  src += ls.tokens.length > 0 ? `(?:${sepRegex(ls.tail || ' ')}|$)` : '';
  const full = new RegExp(src);
  const digitStart = ls.bracket === '' && /^\(\?<[A-Za-z]>\\d/.test(ls.shape.source);
  return {
    name,
    firstChar: ls.bracket !== '' ? (c) => c === ls.bracket.charCodeAt(0) : digitStart ? (c) => c >= 48 && c <= 57 : (c) => c > 32,
    parse(text: string): Head | undefined {
      const m = full.exec(text);
      const t = m ?? timeOnly.exec(text);
      if (!t) return undefined;
      const time = readShape(t.groups!);
      if (Number.isNaN(time)) return undefined;
      const head: Head = { time, level: Level.none, logger: '', message: '', format: name };
      if (m) {
        const fields: Fields = {};
        let ok = true;
        ls.tokens.forEach((tok, k) => {
          const v = m[m.length - ls.tokens.length + k]!;
          if (tok.kind === 'L') {
            const lv = letterLevels && v.length === 1 ? (LETTER_LEVEL[v] ?? Level.none) : levelOfToken(v);
            if (lv === Level.none) ok = false;
            head.level = lv;
            if (v.toLowerCase() !== normalisedName(lv)) head.levelName = v;
          } else if (tok.kind === 'N') {
            if (!LOGGER.test(v)) ok = false;
            const sfx = LOGGER_SUFFIX.exec(v);
            head.logger = sfx ? v.slice(0, sfx.index) : v;
            if (sfx?.[1] !== undefined) fields.pid = Number(sfx[1]);
            if (sfx?.[2] !== undefined) {
              fields.function = sfx[2];
              fields.line = Number(sfx[3]);
            }
          } else if (tok.kind === 'P') fields.pid = Number(v.replace(/\D/g, ''));
          else fields.context = v;
        });
        if (ok) {
          head.message = text.slice(m[0].length);
          for (const _ in fields) {
            head.fields = fields;
            break;
          }
          return head;
        }
        head.level = Level.none;
        head.logger = '';
        delete head.levelName;
      }
      const only = m ? timeOnly.exec(text)! : t;
      head.message = text.slice(only[0].length).replace(/^\s+/, '');
      return head;
    },
  };
}

/**
 * The template most of the sample's timed lines share, as a Format
 * (`inferred-<hash of the template>`); undefined unless at least two lines and most timed lines agree and
 * timed lines are a fair share of the sample.
 */
export function inferFormat(sample: readonly string[]): Format | undefined {
  const votes = new Map<string, { ls: LineShape; n: number; values: string[][] }>();
  let timed = 0;
  let candidates = 0;
  for (const s of sample) {
    const c = s.charCodeAt(0);
    if (Number.isNaN(c) || c === 32 || c === 9) continue;
    candidates++;
    const r = lineShape(s);
    if (!r) continue;
    timed++;
    const key = signature(r.ls);
    const v = votes.get(key);
    if (v) {
      v.n++;
      v.values.push(r.values);
    } else votes.set(key, { ls: r.ls, n: 1, values: [r.values] });
  }
  if (timed < 2 || timed * 10 < candidates * 3) return undefined;
  let best: { ls: LineShape; n: number; values: string[][] } | undefined;
  for (const v of votes.values()) if (!best || v.n > best.n) best = v;
  if (!best) return undefined;
  // Fields are believed when three in four timed lines agree on them; else
  // only the time is (every timed line starts a record).
  let ls = best.ls;
  if (best.n * 4 < timed * 3 || best.n < 2) {
    const shapes = [...votes.values()].filter((v) => v.ls.shape === best.ls.shape && v.ls.bracket === best.ls.bracket);
    if (shapes.reduce((n, v) => n + v.n, 0) * 4 < timed * 3) return undefined;
    ls = { shape: best.ls.shape, bracket: best.ls.bracket, tokens: [], tail: ' ' };
  }
  // Single letters are levels only if that column never holds anything else.
  const li = ls.tokens.findIndex((t) => t.kind === 'L');
  const letterLevels = li >= 0 && best.values.every((vals) => vals[li]!.length === 1);
  if (li >= 0 && !letterLevels && best.values.some((vals) => vals[li]!.length === 1)) return undefined;
  // Named by its template, so equal templates share one format (the store re-parses by name).
  let hash = 5381;
  const sig = signature(ls) + (letterLevels ? 'l' : '');
  for (let k = 0; k < sig.length; k++) hash = ((hash * 33) ^ sig.charCodeAt(k)) >>> 0;
  return compile(ls, letterLevels, `inferred-${hash.toString(36)}`);
}
