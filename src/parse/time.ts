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
/** localHourEpoch by its cache key, `((y * 13 + mo) * 32 + d) * 25 + h` (skim/python-seams.wat makes it). */
export function localHourEpochOfKey(key: number): number {
  const v = hourCache.get(key);
  if (v !== undefined) return v;
  const h = key % 25;
  const ymd = (key - h) / 25;
  const d = ymd % 32;
  const ym = (ymd - d) / 32;
  const mo = ym % 13;
  return localHourEpoch((ym - mo) / 13, mo, d, h);
}

function localHourEpoch(y: number, mo: number, d: number, h: number): number {
  const key = ((y * 13 + mo) * 32 + d) * 25 + h;
  let v = hourCache.get(key);
  if (v === undefined) {
    const t = new Date(y, mo - 1, d, h, 0, 0, 0);
    // Date maps years 0-99 to 1900-1999: year 1 is year 1.
    if (y < 100) t.setFullYear(y);
    v = t.getTime();
    if (hourCache.size > 100_000) hourCache.clear();
    hourCache.set(key, v);
  }
  return v;
}

/** Date.UTC, but years 0-99 are those years (Date.UTC reads them as 1900-1999). */
/**
 * isoTimeAt's reading of a zoneless `YYYY-MM-DD?HH:MM:SS[,.fff...]` in
 * b[i, end) (end: just past the fraction), from bytes whose shape is already
 * checked (pythonSeamLevel): the same epoch ms, with no string made.
 */
export function localIsoTimeBytes(b: Uint8Array, i: number, end: number): number {
  const two = (k: number): number => (b[k]! - 48) * 10 + (b[k + 1]! - 48);
  const y = two(i) * 100 + two(i + 2);
  const hourMs = localHourEpoch(y, two(i + 5), two(i + 8), two(i + 11));
  let frac = 0;
  if (end > i + 20) {
    // As fraction() adds the digits up, to the same float.
    let scale = 100;
    for (let j = i + 20; j < end; j++) {
      frac += (b[j]! - 48) * scale;
      scale /= 10;
    }
    frac = Math.floor(frac * 1000) / 1000;
  }
  return hourMs + (two(i + 14) * 60 + two(i + 17)) * 1000 + frac;
}

export function utcEpoch(y: number, mo: number, d: number, h = 0, mi = 0, sec = 0): number {
  if (y >= 100) return Date.UTC(y, mo - 1, d, h, mi, sec);
  const t = new Date(Date.UTC(2000, mo - 1, d, h, mi, sec));
  t.setUTCFullYear(y);
  return t.getTime();
}

/** Read n digits at s[i]; -1 if any is not a digit. */
export function readDigits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

// The last date-and-hour seen (`YYYY-MM-DD HH`) and its local epoch:
// consecutive lines of a log nearly always share it, so most lines skip the
// date arithmetic.
let lastHourText = '';
let lastHourMs = 0;
let lastYmdh: [number, number, number, number] = [0, 0, 0, 0];
// The last naive (local) time to the second, `YYYY-MM-DD HH:MM:SS`, and its epoch ms.
let lastSecText = '';
let lastSecMs = 0;

/** `+HH:MM`, `+HHMM` or `+HH` at s[j] -> [offset minutes east, end], or undefined. */
function zoneAt(s: string, j: number): [number, number] | undefined {
  const z = s.charCodeAt(j);
  if (z !== 43 && z !== 45) return undefined;
  const oh = readDigits(s, j + 1, 2);
  if (oh < 0 || oh > 23) return undefined;
  let k = j + 3;
  let om = 0;
  if (s.charCodeAt(k) === 58) {
    om = readDigits(s, k + 1, 2);
    if (om < 0 || om > 59) return undefined;
    k += 3;
  } else {
    const m2 = readDigits(s, k, 2);
    if (m2 > 59) return undefined;
    if (m2 >= 0) {
      om = m2;
      k += 2;
    }
  }
  return [(z === 43 ? 1 : -1) * (oh * 60 + om), k];
}

/**
 * ISO-like date-time at s[i]: `YYYY-MM-DD[ T]HH:MM:SS[(,|.)fraction][Z|+HH:MM|+HHMM]`.
 * Returns undefined if there is none there.
 */
export function parseIsoLike(s: string, i = 0): ParsedTime | undefined {
  const ms = isoTimeAt(s, i);
  return Number.isNaN(ms) ? undefined : { ms, end: isoEnd };
}

let isoEnd = 0;

/** Index just past the timestamp of the last isoTimeAt() that found one. */
export function isoTimeEnd(): number {
  return isoEnd;
}

/**
 * parseIsoLike without allocating, for the per-line hot path: epoch ms or NaN;
 * the end index is read with isoTimeEnd().
 */
export function isoTimeAt(s: string, i = 0): number {
  if (s.length < i + 19) return NaN;
  // Many lines share their second: then only the fraction is read.
  if (lastSecText !== '' && s.startsWith(lastSecText, i)) {
    const frac = fraction(s, i + 19);
    const j = fracEnd;
    const c = s.charCodeAt(j);
    if (c !== 90 && c !== 43 && c !== 45) {
      isoEnd = j;
      return lastSecMs + frac;
    }
  }
  let y: number, mo: number, d: number, h: number;
  let hourMs: number | undefined;
  if (lastHourText !== '' && s.startsWith(lastHourText, i)) {
    y = lastYmdh[0];
    mo = lastYmdh[1];
    d = lastYmdh[2];
    h = lastYmdh[3];
    hourMs = lastHourMs;
  } else {
    y = readDigits(s, i, 4);
    if (y < 0 || s.charCodeAt(i + 4) !== 45 /* - */) return NaN;
    mo = readDigits(s, i + 5, 2);
    if (mo < 1 || mo > 12 || s.charCodeAt(i + 7) !== 45) return NaN;
    d = readDigits(s, i + 8, 2);
    const sep = s.charCodeAt(i + 10);
    if (d < 1 || d > 31 || (sep !== 32 && sep !== 84 /* T */)) return NaN;
    h = readDigits(s, i + 11, 2);
    if (h < 0 || h > 23) return NaN;
  }
  if (s.charCodeAt(i + 13) !== 58 /* : */) return NaN;
  const mi = readDigits(s, i + 14, 2);
  if (mi < 0 || mi > 59 || s.charCodeAt(i + 16) !== 58) return NaN;
  const sec = readDigits(s, i + 17, 2);
  if (sec < 0 || sec > 60) return NaN;
  const frac = fraction(s, i + 19);
  const j = fracEnd;
  if (s.charCodeAt(j) === 90 /* Z */) {
    isoEnd = j + 1;
    return utcEpoch(y, mo, d, h, mi, sec) + frac;
  }
  const zone = zoneAt(s, j);
  if (zone) {
    isoEnd = zone[1];
    return utcEpoch(y, mo, d, h, mi, sec) + frac - zone[0] * 60000;
  }
  if (hourMs === undefined) {
    hourMs = localHourEpoch(y, mo, d, h);
    lastHourText = s.slice(i, i + 13);
    lastHourMs = hourMs;
    lastYmdh = [y, mo, d, h];
  }
  isoEnd = j;
  lastSecText = s.slice(i, i + 19);
  lastSecMs = hourMs + (mi * 60 + sec) * 1000;
  return lastSecMs + frac;
}

const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/** Month number 1-12 of a three-letter English month name at s[i], or -1. */
export function monthAt(s: string, i: number): number {
  const k = MONTHS.indexOf(s.slice(i, i + 3));
  return k >= 0 && k % 3 === 0 ? k / 3 + 1 : -1;
}

/** `HH:MM:SS` at s[i] -> seconds of the day, or -1. */
export function clockAt(s: string, i: number): number {
  const h = readDigits(s, i, 2);
  if (h < 0 || h > 23 || s.charCodeAt(i + 2) !== 58) return -1;
  const mi = readDigits(s, i + 3, 2);
  if (mi < 0 || mi > 59 || s.charCodeAt(i + 5) !== 58) return -1;
  const sec = readDigits(s, i + 6, 2);
  if (sec < 0 || sec > 60) return -1;
  return h * 3600 + mi * 60 + sec;
}

let fracEnd = 0;

/** Milliseconds of a `.fff...`/`,fff...` fraction at s[i] (0 if none); its end goes to fracEnd. */
function fraction(s: string, i: number): number {
  fracEnd = i;
  const c = s.charCodeAt(i);
  if (c !== 46 && c !== 44) return 0;
  let j = i + 1;
  let frac = 0;
  let scale = 100;
  for (;;) {
    const d = s.charCodeAt(j) - 48;
    if (!(d >= 0 && d <= 9)) break;
    frac += d * scale;
    scale /= 10;
    j++;
  }
  if (j === i + 1) return 0;
  fracEnd = j;
  return Math.floor(frac * 1000) / 1000;
}

/** `.fff...` or `,fff...` at s[i] -> [milliseconds, end]; [0, i] when there is no fraction. */
export function fractionAt(s: string, i: number): [number, number] {
  const ms = fraction(s, i);
  return [ms, fracEnd];
}

let yearCache = { year: 0, until: 0 };

/**
 * Epoch ms of a local time whose log shows no year (syslog, glog, logcat):
 * the current year, or last year if that would put it in the future (a
 * December line read in January). A day of slack covers clock and zone skew.
 */
export function yearlessEpoch(mo: number, d: number, secOfDay: number, ms: number): number {
  const now = Date.now();
  if (now >= yearCache.until) {
    const t = new Date(now);
    yearCache = { year: t.getFullYear(), until: now + 60_000 };
  }
  const h = Math.floor(secOfDay / 3600);
  const rest = secOfDay - h * 3600;
  let v = localHourEpoch(yearCache.year, mo, d, h) + rest * 1000 + ms;
  if (v > now + 86_400_000) v = localHourEpoch(yearCache.year - 1, mo, d, h) + rest * 1000 + ms;
  return v;
}

/** Epoch ms from a number whose unit is guessed from its size: s, ms, µs or ns. */
export function epochFromNumber(n: number): number {
  const a = Math.abs(n);
  if (a < 1e11) return n * 1000;
  if (a < 1e14) return n;
  if (a < 1e17) return n / 1000;
  return n / 1e6;
}

/** The largest |epoch ms| a JavaScript Date holds. */
const MAX_EPOCH_MS = 8.64e15;

/** Whole epoch ms from a number in any unit (epochFromNumber); NaN when it is no time a Date can hold. */
export function epochMs(n: number): number {
  if (!Number.isFinite(n)) return NaN;
  const ms = Math.floor(epochFromNumber(n));
  return Math.abs(ms) <= MAX_EPOCH_MS ? ms : NaN;
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** A time as JSON loggers write it: ISO string, epoch number or numeric string, else anything Date.parse reads. */
export function timeFromValue(v: unknown): number {
  if (typeof v === 'number') return epochMs(v);
  if (typeof v !== 'string' || v.length === 0) return NaN;
  const c = v.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    const t = parseIsoLike(v, 0);
    if (t) return t.ms;
    if (NUMERIC.test(v)) return epochMs(Number(v));
  }
  const p = Date.parse(v);
  return Number.isNaN(p) ? NaN : p;
}

/** Epoch ms of local y-m-d plus seconds of the day (and ms). */
export function localClockEpoch(y: number, mo: number, d: number, secOfDay: number, ms = 0): number {
  const h = Math.floor(secOfDay / 3600);
  return localHourEpoch(y, mo, d, h) + (secOfDay - h * 3600) * 1000 + ms;
}
