/**
 * Timestamp parsing on the hot path: hand-written, no Date parsing per line.
 * Naive times (Python's asctime) are local time; the zone offset is looked up
 * once per distinct hour and cached, since it only changes on DST hours.
 */

export interface ParsedTime {
  /** Epoch ms. */
  ms: number;
  /** Index just past the timestamp. */
  end: number;
}

const hourCache = new Map<number, number>();

/** Epoch ms of local y-m-d h:00:00. */
function localHourEpoch(y: number, mo: number, d: number, h: number): number {
  const key = ((y * 13 + mo) * 32 + d) * 25 + h;
  let v = hourCache.get(key);
  if (v === undefined) {
    v = new Date(y, mo - 1, d, h, 0, 0, 0).getTime();
    if (hourCache.size > 100_000) hourCache.clear();
    hourCache.set(key, v);
  }
  return v;
}

function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * ISO-like date-time at s[i]: `YYYY-MM-DD[ T]HH:MM:SS[(,|.)fraction][Z|+HH:MM|+HHMM]`.
 * Returns undefined if there is none there.
 */
// The last date-and-hour seen and its local epoch: consecutive lines of a log
// nearly always share it, so most lines skip the date arithmetic.
let lastHourText = '';
let lastHourMs = 0;

export function parseIsoLike(s: string, i = 0): ParsedTime | undefined {
  if (s.length < i + 19) return undefined;
  if (lastHourText !== '' && s.startsWith(lastHourText, i) && s.charCodeAt(i + 13) === 58) {
    const fast = parseMinutesOn(s, i, lastHourMs);
    if (fast) return fast;
  }
  const y = digits(s, i, 4);
  if (y < 0 || s.charCodeAt(i + 4) !== 45 /* - */) return undefined;
  const mo = digits(s, i + 5, 2);
  if (mo < 1 || mo > 12 || s.charCodeAt(i + 7) !== 45) return undefined;
  const d = digits(s, i + 8, 2);
  const sep = s.charCodeAt(i + 10);
  if (d < 1 || d > 31 || (sep !== 32 && sep !== 84 /* T */)) return undefined;
  const h = digits(s, i + 11, 2);
  if (h < 0 || h > 23 || s.charCodeAt(i + 13) !== 58 /* : */) return undefined;
  const mi = digits(s, i + 14, 2);
  if (mi < 0 || mi > 59 || s.charCodeAt(i + 16) !== 58) return undefined;
  const sec = digits(s, i + 17, 2);
  if (sec < 0 || sec > 60) return undefined;
  let j = i + 19;
  let frac = 0;
  const fc = s.charCodeAt(j);
  if (fc === 44 /* , */ || fc === 46 /* . */) {
    let scale = 100;
    j++;
    const start = j;
    for (;;) {
      const c = s.charCodeAt(j) - 48;
      if (!(c >= 0 && c <= 9)) break;
      frac += c * scale;
      scale /= 10;
      j++;
    }
    if (j === start) return undefined;
    frac = Math.floor(frac * 1000) / 1000;
  }
  const z = s.charCodeAt(j);
  if (z === 90 /* Z */) {
    return { ms: Date.UTC(y, mo - 1, d, h, mi, sec) + frac, end: j + 1 };
  }
  if ((z === 43 || z === 45) && j + 3 <= s.length) {
    // +HH:MM, +HHMM or +HH
    const oh = digits(s, j + 1, 2);
    if (oh >= 0) {
      let k = j + 3;
      let om = 0;
      if (s.charCodeAt(k) === 58) {
        om = digits(s, k + 1, 2);
        k += 3;
      } else {
        const m2 = digits(s, k, 2);
        if (m2 >= 0) {
          om = m2;
          k += 2;
        }
      }
      if (om >= 0) {
        const sign = z === 43 ? 1 : -1;
        return { ms: Date.UTC(y, mo - 1, d, h, mi, sec) + frac - sign * (oh * 60 + om) * 60000, end: k };
      }
    }
  }
  const hourMs = localHourEpoch(y, mo, d, h);
  lastHourText = s.slice(i, i + 13);
  lastHourMs = hourMs;
  return { ms: hourMs + (mi * 60 + sec) * 1000 + frac, end: j };
}

/** `:MM:SS[,fff]` after a known local date-hour; undefined if anything else follows (a zone). */
function parseMinutesOn(s: string, i: number, hourMs: number): ParsedTime | undefined {
  const mi = digits(s, i + 14, 2);
  if (mi < 0 || mi > 59 || s.charCodeAt(i + 16) !== 58) return undefined;
  const sec = digits(s, i + 17, 2);
  if (sec < 0 || sec > 60) return undefined;
  let j = i + 19;
  let frac = 0;
  const fc = s.charCodeAt(j);
  if (fc === 44 || fc === 46) {
    let scale = 100;
    j++;
    const start = j;
    for (;;) {
      const c = s.charCodeAt(j) - 48;
      if (!(c >= 0 && c <= 9)) break;
      frac += c * scale;
      scale /= 10;
      j++;
    }
    if (j === start) return undefined;
    frac = Math.floor(frac * 1000) / 1000;
  }
  const z = s.charCodeAt(j);
  if (z === 90 || z === 43 || z === 45) return undefined;
  return { ms: hourMs + (mi * 60 + sec) * 1000 + frac, end: j };
}

/** Forget cached zone offsets (tests that change TZ call this). */
export function resetTimeCache(): void {
  hourCache.clear();
  lastHourText = '';
}
