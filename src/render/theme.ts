import { Level } from '../model/level.js';

/** Colour depth: 0 none, 1 = 16 colours, 2 = 256, 3 = truecolor (treated as 256). */
export type ColorDepth = 0 | 1 | 2 | 3;

export interface Style {
  open: string;
  close: string;
}

const NONE: Style = { open: '', close: '' };
const sgr = (open: string): Style => ({ open: `\x1b[${open}m`, close: '\x1b[0m' });
const DIM = sgr('2');

/** Level colours in the spirit of oslo.log's ColorHandler. */
const LEVEL_STYLES: Record<Level, Style> = {
  [Level.none]: NONE,
  [Level.trace]: sgr('35'),
  [Level.debug]: sgr('32'),
  [Level.info]: sgr('36'),
  [Level.notice]: sgr('1;36'),
  [Level.warning]: sgr('1;33'),
  [Level.error]: sgr('1;31'),
  [Level.critical]: sgr('1;31;7'),
};

/** Short, fixed-width level labels. */
export const LEVEL_LABELS: Record<Level, string> = {
  [Level.none]: '     ',
  [Level.trace]: 'TRACE',
  [Level.debug]: 'DEBUG',
  [Level.info]: 'INFO ',
  [Level.notice]: 'NOTE ',
  [Level.warning]: 'WARN ',
  [Level.error]: 'ERROR',
  [Level.critical]: 'CRIT ',
};

// Readable on dark and light backgrounds; level colours (red, yellow) left out
// so a logger never looks like an error.
const LOGGER_256 = [33, 39, 69, 75, 105, 111, 141, 147, 171, 177, 207, 213, 37, 43, 79, 115, 150, 180, 216, 174];
const LOGGER_16 = ['34', '35', '36', '94', '95', '96', '32', '92'];

/** FNV-1a: a stable hash, so a logger keeps its colour across runs and machines. */
export function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Theme {
  private readonly loggerCache = new Map<string, Style>();

  constructor(readonly depth: ColorDepth) {}

  get enabled(): boolean {
    return this.depth > 0;
  }

  level(level: Level): Style {
    return this.depth === 0 ? NONE : LEVEL_STYLES[level];
  }

  logger(name: string): Style {
    if (this.depth === 0 || name === '') return NONE;
    let s = this.loggerCache.get(name);
    if (!s) {
      const h = hashName(name);
      s = this.depth >= 2 ? sgr(`38;5;${LOGGER_256[h % LOGGER_256.length]}`) : sgr(LOGGER_16[h % LOGGER_16.length]!);
      this.loggerCache.set(name, s);
    }
    return s;
  }

  get dim(): Style {
    return this.depth === 0 ? NONE : DIM;
  }
}
