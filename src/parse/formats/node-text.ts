import { Level } from '../../model/level.js';
import { familyFormat } from './family.js';
import { log4jsTemplate } from './log-format/log4js-pattern.js';

/**
 * Node loggers' text layouts, as the libraries write them (their JSON
 * output is the json format's): log4js's basic and coloured layouts, tslog's
 * pretty output, consola's basic reporter, the debug package.
 */

/**
 * log4js: the basic and coloured layouts (lib/layouts.js: `[%d] [%p] %c - %m`,
 * the coloured one with the head in the level's colour) and the pattern
 * layouts configs most often give, written as log4js patterns
 * (log-format/log4js-pattern.ts): ISO dates local or with the zone, the
 * level padded (`%-5p`) or not, the category before ` - `. Each demands an
 * ISO date with milliseconds (`T`, which Python's asctime never has), a level
 * word (strict) and ` - ` after a one-word category; format-samples checks
 * that no other format's samples pass for these.
 */
export const log4jsFormat = familyFormat({
  name: 'log4js',
  templates: [
    '%[[%d] [%-5p] %c - %]%m',
    '%[[%d{ISO8601_WITH_TZ_OFFSET}] [%-5p] %c - %]%m',
    '%d %-5p %c - %m',
    '%d{ISO8601_WITH_TZ_OFFSET} %-5p %c - %m',
    '%d [%-5p] %c - %m',
    '%d{ISO8601_WITH_TZ_OFFSET} [%-5p] %c - %m',
    '%d{ISO8601_WITH_TZ_OFFSET} %-5p %c %z - %m',
  ].map((p) => log4jsTemplate(p)),
  samples: [
    '[2024-05-16T12:00:00.123] [INFO] app.http - listening on 8080',
    '[2024-05-16T12:00:00.124] [MARK] default - marked',
    '\x1b[36m[2024-05-16T12:00:00.125] [DEBUG] app.db - \x1b[39mquery',
    '[2024-05-16T12:00:00.126] [WARN ] app.http - slow',
    '[2024-05-16T12:00:00.127+02:00] [ERROR] app.http - failed',
    '2024-05-16T12:00:00.128 INFO  app.http - listening',
    '2024-05-16T12:00:00.129Z WARN app.db - slow query',
    '2024-05-16T12:00:00.130 [DEBUG] worker - polling',
    '2024-05-16T12:00:00.131-05:00 [FATAL] worker - down',
    '2024-05-16T12:00:00.132Z DEBUG worker.queue 6235 - polling',
  ],
});

/** tslog pretty (v4/v5 default template): time, level, file:line, name (when set), message, tab-separated. */
export const tslogFormat = familyFormat({
  name: 'tslog',
  dateFormat: '%Y-%m-%d %H:%M:%S.mmm',
  templates: [
    { fmt: '%(asctime)s\t%(levelname)s\t%(pathname)s\t%(name)s\t%(message)s' },
    { fmt: '%(asctime)s\t%(levelname)s\t%(pathname)s\t%(message)s' },
  ],
  samples: ['2024-05-16 12:00:00.123\tSILLY\t/src/index.ts:4\tapi\tsilly'],
});

/** consola's basic reporter (no TTY): `[type] [tag] message`, the tag standing for the logger. */
export const consolaFormat = familyFormat({
  name: 'consola',
  weak: true,
  templates: [
    { fmt: '[%(levelname)s] [%(name)s] %(message)s', levels: CONSOLA_LEVELS() },
    { fmt: '[%(levelname)s] %(message)s', levels: CONSOLA_LEVELS() },
  ],
  samples: ['[success] ok', '[info] [db] tagged'],
});

function CONSOLA_LEVELS(): Record<string, Level> {
  return { start: Level.info, success: Level.info, ready: Level.info, box: Level.info, log: Level.info, fail: Level.error, silent: Level.none };
}

/** The debug package without a TTY: `ISO-time namespace message` (namespaces as loggers). */
export const debugFormat = familyFormat({
  name: 'debug',
  dateFormat: '%Y-%m-%dT%H:%M:%S.mmm%z',
  templates: [{ fmt: '%(asctime)s %(namespace)s %(message)s', loggerFrom: 'namespace', level: Level.debug }],
  samples: ['2024-05-16T12:00:00.123Z app:db:pool acquired { id: 3 }'],
});
