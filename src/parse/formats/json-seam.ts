import type { Level } from '../../model/level.js';
import type { FieldValue } from '../../model/record.js';
import { JsonKind, JsonMembers, keyHash } from '../json-members.js';
import { timeFromValue } from '../time.js';

/** The key paths json.ts looks up, in its order (they change with config.json's jsonKeys). */
export interface JsonKeyLists {
  readonly message: readonly string[];
  readonly time: readonly string[];
  readonly level: readonly string[];
  readonly logger: readonly string[];
  /** Keys removed with the one used (json.ts TWINS). */
  readonly twins: Readonly<Record<string, readonly string[]>>;
}

/** The keys of interest, each with an id; per-line state is indexed by id. */
interface KeyTable {
  lists: JsonKeyLists;
  /** Hash buckets (keyHash & BUCKETS-1): the first key's id + 1, then `next`; 0 ends. */
  bucket: Int32Array;
  next: Int32Array;
  hash: Int32Array;
  keys: string[];
  message: number[];
  time: number[];
  level: number[];
  logger: number[];
  twins: number[][];
  /** Ids of keys a dotted key path goes through (`log` of `log.level`): nested lookups, not skimmed. */
  prefix: Uint8Array;
  fields: number;
  template: number;
}

const BUCKETS = 1024;

function buildTable(lists: JsonKeyLists): KeyTable {
  const keys: string[] = [];
  const ids = new Map<string, number>();
  const id = (key: string): number => {
    let n = ids.get(key);
    if (n !== undefined) return n;
    n = keys.length;
    keys.push(key);
    ids.set(key, n);
    return n;
  };
  const prefixes: number[] = [];
  const list = (paths: readonly string[]): number[] =>
    paths.map((p) => {
      for (let dot = p.indexOf('.'); dot > 0; dot = p.indexOf('.', dot + 1)) prefixes.push(id(p.slice(0, dot)));
      return id(p);
    });
  const table = {
    lists,
    bucket: new Int32Array(BUCKETS),
    next: new Int32Array(0),
    hash: new Int32Array(0),
    keys,
    message: list(lists.message),
    time: list(lists.time),
    level: list(lists.level),
    logger: list(lists.logger),
    twins: [] as number[][],
    prefix: new Uint8Array(0),
    // Rust tracing's `fields.message` and Serilog's `@mt`: json.ts reads them when no message key is there.
    fields: id('fields'),
    template: id('@mt'),
  };
  for (const [k, ts] of Object.entries(lists.twins)) if (ids.has(k)) table.twins[ids.get(k)!] = ts.map(id);
  table.prefix = new Uint8Array(keys.length);
  for (const p of prefixes) table.prefix[p] = 1;
  table.next = new Int32Array(keys.length);
  table.hash = new Int32Array(keys.length);
  keys.forEach((key, n) => {
    const h = keyHash(key, 0, key.length);
    table.hash[n] = h;
    table.next[n] = table.bucket[h & (BUCKETS - 1)]!;
    table.bucket[h & (BUCKETS - 1)] = n + 1;
  });
  return table;
}

/** Loggers whose records are HTTP calls (kamaki-http.ts), not seams: their lines are parsed. */
const KAMAKI = [107, 97, 109, 97, 107, 105]; // "kamaki"

/**
 * The level a JSON line surely has as a record that starts at it (seams.ts),
 * read from its bytes as json.ts's headFromObject would read the parsed
 * object, or undefined when unsure: not a JSON object (JSON.parse would
 * refuse it), no time, no level or no logger (another format may then read
 * the line), or keys json.ts reads in ways this does not follow (nested key
 * paths, escaped keys, Rust's `fields`, MongoDB's `t.$date`).
 */
export function makeJsonSeamLevel(
  lists: () => JsonKeyLists,
  levelOf: (key: string, v: FieldValue) => Level,
): (bytes: Uint8Array, start: number, end: number) => Level | undefined {
  const members = new JsonMembers();
  let table = buildTable(lists());
  /** Per key id: the member that has it in this line, or -1; `removed`: json.ts deleted it before this lookup. */
  let at = new Int32Array(table.keys.length).fill(-1);
  let removed = new Uint8Array(table.keys.length);
  /** Ids set in `at` this line, to reset after it (each once: at most one per key). */
  let touched = new Int32Array(table.keys.length);
  let nTouched = 0;

  const remove = (id: number): void => {
    removed[id] = 1;
    const twins = table.twins[id];
    if (twins) for (const t of twins) removed[t] = 1;
  };

  const read = (b: Uint8Array, start: number, end: number): Level | undefined => {
    if (!members.scan(b, start, end)) return undefined;
    const n = members.count;
    for (let k = 0; k < n; k++) {
      // An escaped key may spell any key.
      if ((members.escaped[k]! & 1) !== 0) return undefined;
      const h = members.keyHash[k]!;
      for (let id = table.bucket[h & (BUCKETS - 1)]! - 1; id >= 0; id = table.next[id]! - 1) {
        if (table.hash[id] !== h || !members.keyIs(b, k, table.keys[id]!)) continue;
        if (table.prefix[id] === 1 && members.kind[k] === JsonKind.object) return undefined;
        // JSON.parse keeps the last of repeated keys.
        if (at[id]! < 0) touched[nTouched++] = id;
        at[id] = k;
      }
    }

    let message = false;
    for (const id of table.message) {
      const k = at[id]!;
      if (k < 0) continue;
      const kind = members.kind[k];
      if (kind === JsonKind.nil || kind === JsonKind.object || kind === JsonKind.array) continue;
      remove(id);
      message = true;
      break;
    }
    if (!message) {
      const t = at[table.template]!;
      if (t >= 0 && members.kind[t] === JsonKind.string) remove(table.template);
      else {
        const f = at[table.fields]!;
        if (f >= 0 && members.kind[f] === JsonKind.object) return undefined;
      }
    }

    let timed = false;
    for (const id of table.time) {
      const k = at[id]!;
      if (k < 0 || removed[id] === 1) continue;
      const v = value(b, members, k);
      if (v === UNSURE) return undefined;
      const ms = timeFromValue(v);
      if (Number.isNaN(ms) || ms === 0) continue;
      if (table.keys[id] === 't.$date') return undefined;
      remove(id);
      timed = true;
      break;
    }
    if (!timed) return undefined;

    let level: Level | undefined;
    for (const id of table.level) {
      const k = at[id]!;
      if (k < 0 || removed[id] === 1) continue;
      const v = value(b, members, k);
      if (v === UNSURE) return undefined;
      const l = levelOf(table.keys[id]!, v);
      if (l === 0) continue;
      remove(id);
      level = l;
      break;
    }
    if (level === undefined) return undefined;

    for (const id of table.logger) {
      const k = at[id]!;
      if (k < 0 || removed[id] === 1 || members.kind[k] !== JsonKind.string) continue;
      const s = members.valueStart[k]!;
      const e = members.valueEnd[k]!;
      if ((members.escaped[k]! & 2) !== 0 || e === s || startsWith(b, s, e, KAMAKI)) return undefined;
      return level;
    }
    return undefined;
  };

  return (b, start, end) => {
    const now = lists();
    if (now !== table.lists) {
      table = buildTable(now);
      at = new Int32Array(table.keys.length).fill(-1);
      removed = new Uint8Array(table.keys.length);
      touched = new Int32Array(table.keys.length);
      nTouched = 0;
    }
    const level = read(b, start, end);
    for (let j = 0; j < nTouched; j++) {
      const id = touched[j]!;
      at[id] = -1;
      removed[id] = 0;
      const twins = table.twins[id];
      if (twins) for (const t of twins) removed[t] = 0;
    }
    nTouched = 0;
    return level;
  };
}

function startsWith(b: Uint8Array, s: number, e: number, prefix: readonly number[]): boolean {
  if (e - s < prefix.length) return false;
  for (let j = 0; j < prefix.length; j++) if (b[s + j] !== prefix[j]) return false;
  return true;
}

/** What value() gives for an object or an array: json.ts's lookups skip any container alike. */
const CONTAINER: FieldValue = Object.freeze({});

/** value() could not read the member's value without decoding it the long way. */
const UNSURE = Symbol('unsure');

/** Member k's value as JSON.parse gives it, for a scalar; a container is an empty object (lookups skip it). */
function value(b: Uint8Array, m: JsonMembers, k: number): FieldValue | typeof UNSURE {
  const s = m.valueStart[k]!;
  const e = m.valueEnd[k]!;
  switch (m.kind[k]) {
    case JsonKind.string:
      // Unescaped, a JSON string's text is its bytes decoded.
      return (m.escaped[k]! & 2) !== 0 ? UNSURE : Buffer.from(b.buffer, b.byteOffset + s, e - s).toString('utf8');
    case JsonKind.number: {
      let v = 0;
      let j = s;
      const neg = b[j] === 45;
      if (neg) j++;
      if (e - j <= 15) {
        for (; j < e; j++) {
          const c = b[j]!;
          if (c < 48 || c > 57) break;
          v = v * 10 + (c - 48);
        }
        if (j === e) return neg ? -v : v;
      }
      return Number(Buffer.from(b.buffer, b.byteOffset + s, e - s).toString('latin1'));
    }
    case JsonKind.literal:
      return b[s] === 116;
    case JsonKind.nil:
      return null;
    default:
      return CONTAINER;
  }
}
