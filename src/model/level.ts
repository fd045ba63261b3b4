import { lookupTable } from './lookup-table.js';

/**
 * Normalised levels, ordered. 0 means "unknown": such a record passes every
 * threshold, because hiding what we could not classify would lose lines.
 */
export const Level = {
  none: 0,
  trace: 1,
  debug: 2,
  info: 3,
  notice: 4,
  warning: 5,
  error: 6,
  critical: 7,
} as const;
export type Level = (typeof Level)[keyof typeof Level];

export const LEVEL_NAMES = ['', 'trace', 'debug', 'info', 'notice', 'warning', 'error', 'critical'] as const;
export type LevelName = Exclude<(typeof LEVEL_NAMES)[number], ''>;

/** Level words as they appear in logs (upper-cased), mapped to normalised levels. */
const WORDS: Record<string, Level> = lookupTable({
  TRACE: Level.trace,
  TRC: Level.trace,
  FINEST: Level.trace,
  FINER: Level.trace,
  VERBOSE: Level.trace,
  SILLY: Level.trace, // winston's lowest
  DEBUG: Level.debug,
  DEBUGV: Level.debug, // kamaki's level 11
  DBG: Level.debug,
  FINE: Level.debug,
  INFO: Level.info,
  INF: Level.info,
  AUDIT: Level.info, // oslo.log's old AUDIT level sits at INFO
  INFORMATION: Level.info,
  NOTICE: Level.notice,
  WARNING: Level.warning,
  WARN: Level.warning,
  WRN: Level.warning,
  ERROR: Level.error,
  ERR: Level.error,
  EXCEPTION: Level.error,
  SEVERE: Level.error,
  CRITICAL: Level.critical,
  CRIT: Level.critical,
  FATAL: Level.critical,
  EMERG: Level.critical,
  EMERGENCY: Level.critical,
  ALERT: Level.critical,
  PANIC: Level.critical,
});

/**
 * Level names structured (JSON) loggers use besides the words above. Kept apart
 * because in free text they are ordinary words.
 */
const STRUCTURED_NAMES: Record<string, Level> = lookupTable({
  HTTP: Level.debug, // winston npm levels: below info, above verbose
  DPANIC: Level.critical, // zap's development panic
});

/** A level name from a structured log (any case); also slog's `INFO+2` / `DEBUG-4` offsets. */
export function levelFromName(word: string): Level {
  const l = levelFromWord(word);
  if (l !== Level.none) return l;
  const up = word.toUpperCase();
  const s = STRUCTURED_NAMES[up];
  if (s !== undefined) return s;
  const m = /^(DEBUG|INFO|WARN|ERROR)([+-]\d+)$/.exec(up);
  if (m) {
    const v = SLOG_BASE[m[1]!]! + Number(m[2]);
    return v < -4 ? Level.trace : v < 0 ? Level.debug : v < 4 ? Level.info : v < 8 ? Level.warning : Level.error;
  }
  return Level.none;
}

const SLOG_BASE: Record<string, number> = lookupTable({ DEBUG: -4, INFO: 0, WARN: 4, ERROR: 8 });

/** pino / bunyan numbers: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal. */
export function levelFromPinoNumber(n: number): Level {
  if (n >= 60) return Level.critical;
  if (n >= 50) return Level.error;
  if (n >= 40) return Level.warning;
  if (n >= 30) return Level.info;
  if (n >= 20) return Level.debug;
  return Level.trace;
}

/** Python `levelno`: 5 oslo TRACE, 10 DEBUG (11 kamaki DEBUGV), 20 INFO, 30 WARNING, 40 ERROR, 50 CRITICAL. */
export function levelFromPythonNumber(n: number): Level {
  if (n >= 50) return Level.critical;
  if (n >= 40) return Level.error;
  if (n >= 30) return Level.warning;
  if (n >= 20) return Level.info;
  if (n >= 10) return Level.debug;
  return n > 0 ? Level.trace : Level.none;
}

const SYSLOG: readonly Level[] = [
  Level.critical, Level.critical, Level.critical, Level.error, Level.warning, Level.notice, Level.info, Level.debug,
];

/** Syslog severity 0 (emerg) .. 7 (debug). */
export function levelFromSyslog(n: number): Level {
  return n >= 0 && n <= 7 ? SYSLOG[n]! : Level.none;
}

/** OpenTelemetry SeverityNumber 1-24: 1-4 trace, 5-8 debug, 9-12 info, 13-16 warn, 17-20 error, 21-24 fatal. */
export function levelFromOtelNumber(n: number): Level {
  if (n < 1 || n > 24) return Level.none;
  return ([Level.trace, Level.debug, Level.info, Level.warning, Level.error, Level.critical] as const)[Math.floor((n - 1) / 4)]!;
}

/** Map a level word from a log (any case) to a normalised level; none if unknown. */
export function levelFromWord(word: string): Level {
  return WORDS[word] ?? WORDS[word.toUpperCase()] ?? Level.none;
}

/** Parse a user-supplied level name (`-l warning`); undefined if it is not one. */
export function levelFromUserName(name: string): Level | undefined {
  const l = levelFromWord(name);
  return l === Level.none ? undefined : l;
}

export function levelName(level: Level): LevelName | undefined {
  return level === Level.none ? undefined : LEVEL_NAMES[level] as LevelName;
}
