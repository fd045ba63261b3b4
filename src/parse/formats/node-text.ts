import { Level } from '../../model/level.js';
import type { Format, Head } from '../head.js';
import { familyFormat } from './family.js';

/**
 * Node loggers' text layouts, as the libraries write them (their JSON
 * output is the json format's): log4js's basic and coloured layouts, tslog's
 * pretty output, consola's basic reporter, the debug package.
 */

/** log4js lib/layouts.js basicLayout: `[%d] [%p] %c - %m` (time local, ISO without zone). */
const log4jsPlain = familyFormat({
  name: 'log4js',
  dateFormat: '%Y-%m-%dT%H:%M:%S.mmm',
  templates: [{ fmt: '[%(asctime)s] [%(levelname)s] %(name)s - %(message)s', levels: { mark: Level.notice } }],
  samples: ['[2024-05-16T12:00:00.123] [INFO] app.http - listening on 8080', '[2024-05-16T12:00:00.124] [MARK] default - marked'],
});

// SGR colour sequences (`\x1b[36m`): the coloured layout wraps the head in them.
const SGR = /\x1b\[[0-9;]*m/g;

/** log4js, plain or coloured (the colours are taken out before reading). */
export const log4jsFormat: Format & { samples: readonly string[] } = {
  name: 'log4js',
  firstChar: (c) => c === 91 || c === 27,
  parse(text: string): Head | undefined {
    return log4jsPlain.parse(text.charCodeAt(0) === 27 ? text.replace(SGR, '') : text);
  },
  samples: [...log4jsPlain.samples, '\x1b[36m[2024-05-16T12:00:00.125] [DEBUG] app.db - \x1b[39mquery'],
};

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
