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
const WORDS: Record<string, Level> = {
  TRACE: Level.trace,
  TRC: Level.trace,
  FINEST: Level.trace,
  FINER: Level.trace,
  VERBOSE: Level.trace,
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
};

/** Map a level word from a log (any case) to a normalised level; none if unknown. */
export function levelFromWord(word: string): Level {
  return WORDS[word] ?? WORDS[word.toUpperCase()] ?? Level.none;
}

/** Parse a user-supplied level name (`-l warning`); undefined if it is not one. */
export function levelFromUserName(name: string): Level | undefined {
  const i = LEVEL_NAMES.indexOf(name.toLowerCase() as LevelName);
  if (i > 0) return i as Level;
  const w = WORDS[name.toUpperCase()];
  return w === undefined ? undefined : w;
}

export function levelName(level: Level): LevelName | undefined {
  return level === Level.none ? undefined : LEVEL_NAMES[level] as LevelName;
}
