/** What a top-level member's value is. */
export const enum JsonKind {
  string = 1,
  number,
  object,
  array,
  literal,
  nil,
}

/** Deepest nesting read (json.ts MAX_JSON_DEPTH: deeper lines are not JSON records). */
const MAX_DEPTH = 64;

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_OBJ = 123;
const CLOSE_OBJ = 125;
const OPEN_ARR = 91;
const CLOSE_ARR = 93;

/** Where a scan is in the grammar. */
const enum At {
  value,
  firstKey, // after `{`: a key or `}`
  key, // after `,` in an object: a key
  colon,
  firstItem, // after `[`: a value or `]`
  after, // after a value: `,` or the container's close
}

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102);
}

/**
 * The top-level members of a one-line JSON object, read from its bytes: each
 * member's key and value spans, found while checking that the line is JSON
 * that `JSON.parse` takes, and no deeper than json.ts reads. Nothing is
 * decoded and nothing is allocated per line: the spans live in typed arrays
 * reused from line to line (level skim for JSON, level-skim.ts).
 */
export class JsonMembers {
  /** Members found by the last scan. */
  count = 0;
  /** Key bytes [keyStart, keyEnd) without the quotes. */
  keyStart: Int32Array = new Int32Array(64);
  keyEnd: Int32Array = new Int32Array(64);
  /** A hash of the key's bytes (keyHash), to find keys of interest without making strings. */
  keyHash: Int32Array = new Int32Array(64);
  /** Value bytes [valueStart, valueEnd); a string's without its quotes. */
  valueStart: Int32Array = new Int32Array(64);
  valueEnd: Int32Array = new Int32Array(64);
  kind: Uint8Array = new Uint8Array(64);
  /** The key or the value (a string) has a backslash escape: its bytes are not its text. */
  escaped: Uint8Array = new Uint8Array(64);

  /**
   * Scans b[start, end) (no line terminator) as one JSON object, as json.ts
   * reads a line: `{` first, `}` last but for spaces and tabs. False when the
   * line is not one (bad JSON, too deep, anything else).
   */
  scan(b: Uint8Array, start: number, end: number): boolean {
    this.count = 0;
    if (start >= end || b[start] !== OPEN_OBJ) return false;
    let i = skipWs(b, start + 1, end);
    if (i < end && b[i] === CLOSE_OBJ) return onlyBlanks(b, i + 1, end);
    for (;;) {
      if (i >= end || b[i] !== QUOTE) return false;
      const close = keyEnd(b, i + 1, end);
      if (close < 0) return false;
      const k = this.count;
      if (k === this.keyStart.length) this.grow();
      this.keyStart[k] = i + 1;
      this.keyEnd[k] = close;
      this.keyHash[k] = KEY_HASH;
      let escaped = ESCAPED_FOUND ? 1 : 0;
      i = skipWs(b, close + 1, end);
      if (i >= end || b[i] !== COLON) return false;
      i = skipWs(b, i + 1, end);
      if (i >= end) return false;
      const c = b[i]!;
      let from = i;
      let kind: JsonKind;
      if (c === QUOTE) {
        const to = stringEnd(b, i + 1, end);
        if (to < 0) return false;
        if (ESCAPED_FOUND) escaped |= 2;
        kind = JsonKind.string;
        from = i + 1;
        this.valueEnd[k] = to;
        i = to + 1;
      } else {
        if (c === 45 || (c >= 48 && c <= 57)) {
          i = numberEnd(b, i, end);
          kind = JsonKind.number;
        } else if (c === OPEN_OBJ || c === OPEN_ARR) {
          i = containerEnd(b, i, end);
          kind = c === OPEN_OBJ ? JsonKind.object : JsonKind.array;
        } else {
          i = literalEnd(b, i, end);
          kind = c === 110 ? JsonKind.nil : JsonKind.literal;
        }
        if (i < 0) return false;
        this.valueEnd[k] = i;
      }
      this.valueStart[k] = from;
      this.kind[k] = kind;
      this.escaped[k] = escaped;
      this.count = k + 1;
      i = skipWs(b, i, end);
      if (i >= end) return false;
      if (b[i] === COMMA) {
        i = skipWs(b, i + 1, end);
        continue;
      }
      return b[i] === CLOSE_OBJ && onlyBlanks(b, i + 1, end);
    }
  }

  private grow(): void {
    const n = this.keyStart.length * 2;
    const widen = (a: Int32Array): Int32Array => {
      const w = new Int32Array(n);
      w.set(a);
      return w;
    };
    this.keyStart = widen(this.keyStart);
    this.keyEnd = widen(this.keyEnd);
    this.keyHash = widen(this.keyHash);
    this.valueStart = widen(this.valueStart);
    this.valueEnd = widen(this.valueEnd);
    const k = new Uint8Array(n);
    k.set(this.kind);
    this.kind = k;
    const e = new Uint8Array(n);
    e.set(this.escaped);
    this.escaped = e;
  }

  /** Whether member k's key is exactly `key` (ASCII, no escapes). */
  keyIs(b: Uint8Array, k: number, key: string): boolean {
    const s = this.keyStart[k]!;
    if (this.keyEnd[k]! - s !== key.length) return false;
    for (let j = 0; j < key.length; j++) if (b[s + j] !== key.charCodeAt(j)) return false;
    return true;
  }
}

const STACK = new Uint8Array(MAX_DEPTH + 2);
/** Set by stringEnd: the string just scanned had a backslash escape. */
let ESCAPED_FOUND = false;

/** The hash JsonMembers gives a key's bytes; the same for a key of interest's string (ASCII). */
export function keyHash(b: Uint8Array | string, start: number, end: number): number {
  let h = 0;
  if (typeof b === 'string') for (let j = start; j < end; j++) h = (Math.imul(h, 31) + b.charCodeAt(j)) | 0;
  else for (let j = start; j < end; j++) h = (Math.imul(h, 31) + b[j]!) | 0;
  return h;
}

function skipWs(b: Uint8Array, i: number, end: number): number {
  while (i < end && b[i]! <= 32 && isWs(b[i]!)) i++;
  return i;
}

/**
 * End of the object or array at b[i] (a top-level member's value, depth 2),
 * or -1: not JSON, or nested deeper than MAX_DEPTH.
 */
function containerEnd(b: Uint8Array, i: number, end: number): number {
  // Containers open: 1 object, 2 array; the line's own object is depth 1.
  const stack = STACK;
  let depth = 1;
  let at = At.value;
  while (i < end) {
    const c = b[i]!;
    if (c <= 32 && isWs(c)) {
      i++;
      continue;
    }
    switch (at) {
      case At.value:
      case At.firstItem:
        if (c === CLOSE_ARR && at === At.firstItem) {
          i++;
          if (--depth === 1) return i;
          at = At.after;
        } else if (c === OPEN_OBJ || c === OPEN_ARR) {
          if (++depth > MAX_DEPTH) return -1;
          stack[depth] = c === OPEN_OBJ ? 1 : 2;
          at = c === OPEN_OBJ ? At.firstKey : At.firstItem;
          i++;
        } else {
          i = c === QUOTE ? stringEnd(b, i + 1, end) + 1 : c === 45 || (c >= 48 && c <= 57) ? numberEnd(b, i, end) : literalEnd(b, i, end);
          if (i <= 0) return -1;
          at = At.after;
        }
        break;
      case At.firstKey:
      case At.key:
        if (c === CLOSE_OBJ && at === At.firstKey) {
          i++;
          if (--depth === 1) return i;
          at = At.after;
          break;
        }
        if (c !== QUOTE) return -1;
        i = stringEnd(b, i + 1, end) + 1;
        if (i <= 0) return -1;
        at = At.colon;
        break;
      case At.colon:
        if (c !== COLON) return -1;
        i++;
        at = At.value;
        break;
      case At.after:
        if (c === COMMA) {
          i++;
          at = stack[depth] === 1 ? At.key : At.value;
          break;
        }
        if (c !== (stack[depth] === 1 ? CLOSE_OBJ : CLOSE_ARR)) return -1;
        i++;
        if (--depth === 1) return i;
        break;
    }
  }
  return -1;
}

/** Set by keyEnd: keyHash of the key just scanned. */
let KEY_HASH = 0;

/** stringEnd for a key, hashing its bytes on the way (KEY_HASH): one pass over them. */
function keyEnd(b: Uint8Array, i: number, end: number): number {
  ESCAPED_FOUND = false;
  let h = 0;
  for (; i < end; i++) {
    const c = b[i]!;
    if (c === QUOTE) {
      KEY_HASH = h;
      return i;
    }
    if (c === BACKSLASH || c < 32) return escapedStringEnd(b, i, end);
    h = (Math.imul(h, 31) + c) | 0;
  }
  return -1;
}

/** Index of the quote that closes the string whose text starts at i, or -1 (bad escape, control byte, no close). */
function stringEnd(b: Uint8Array, i: number, end: number): number {
  ESCAPED_FOUND = false;
  for (; i < end; i++) {
    const c = b[i]!;
    if (c === QUOTE) return i;
    if (c === BACKSLASH || c < 32) return escapedStringEnd(b, i, end);
  }
  return -1;
}

/** stringEnd from a backslash or a control byte on. */
function escapedStringEnd(b: Uint8Array, i: number, end: number): number {
  while (i < end) {
    const c = b[i]!;
    if (c === QUOTE) return i;
    if (c < 32) return -1;
    if (c === BACKSLASH) {
      ESCAPED_FOUND = true;
      const e = b[i + 1];
      if (e === 117 /* u */) {
        if (i + 5 >= end || !isHex(b[i + 2]!) || !isHex(b[i + 3]!) || !isHex(b[i + 4]!) || !isHex(b[i + 5]!)) return -1;
        i += 6;
        continue;
      }
      // " \ / b f n r t
      if (e !== QUOTE && e !== BACKSLASH && e !== 47 && e !== 98 && e !== 102 && e !== 110 && e !== 114 && e !== 116) return -1;
      i += 2;
      continue;
    }
    i++;
  }
  return -1;
}

function digitsEnd(b: Uint8Array, i: number, end: number): number {
  const from = i;
  while (i < end && b[i]! >= 48 && b[i]! <= 57) i++;
  return i === from ? -1 : i;
}

/** End of the JSON number at i (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`), or -1. */
function numberEnd(b: Uint8Array, i: number, end: number): number {
  if (b[i] === 45) i++;
  if (i >= end) return -1;
  if (b[i] === 48) i++;
  else {
    i = digitsEnd(b, i, end);
    if (i < 0) return -1;
  }
  if (i < end && b[i] === 46) {
    i = digitsEnd(b, i + 1, end);
    if (i < 0) return -1;
  }
  if (i < end && (b[i] === 101 || b[i] === 69)) {
    i++;
    if (i < end && (b[i] === 43 || b[i] === 45)) i++;
    i = digitsEnd(b, i, end);
    if (i < 0) return -1;
  }
  return i;
}

/** End of `true`, `false` or `null` at i, or -1. */
function literalEnd(b: Uint8Array, i: number, end: number): number {
  for (const word of LITERALS) {
    if (b[i] !== word.charCodeAt(0) || i + word.length > end) continue;
    for (let j = 1; j < word.length; j++) if (b[i + j] !== word.charCodeAt(j)) return -1;
    return i + word.length;
  }
  return -1;
}

const LITERALS = ['true', 'false', 'null'] as const;

/** Only spaces and tabs from i to end (json.ts: the line's last other character is the object's `}`). */
function onlyBlanks(b: Uint8Array, i: number, end: number): boolean {
  for (; i < end; i++) if (b[i] !== 32 && b[i] !== 9) return false;
  return true;
}
