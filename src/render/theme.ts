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
/** Attributes shown even without colour: the selection and the bars must show. */
const INVERSE = sgr('7');
const BOLD = sgr('1');
const UNDERLINE = sgr('4');

/** Level colours in the spirit of oslo.log's ColorHandler. */
const LEVEL_STYLES: Record<Level, Style> = {
  [Level.none]: NONE,
  [Level.trace]: sgr('35'),
  // Blue, not green: a debug line is not an OK.
  [Level.debug]: sgr('34'),
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
/** Source tags: few sources, so distinct base colours. */
const SOURCE_256 = [75, 178, 141, 43, 209, 111, 150, 213];
const SOURCE_16 = ['36', '33', '35', '32', '34', '96', '93', '95'];

/** The message of an ERROR/CRITICAL row is tinted too, not only its level word. */
const MESSAGE_TINT: Partial<Record<Level, Style>> = {
  [Level.error]: sgr('31'),
  [Level.critical]: sgr('1;31'),
};

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

  /** The message text of a row of this level. */
  message(level: Level): Style {
    return this.depth === 0 ? NONE : (MESSAGE_TINT[level] ?? NONE);
  }

  /** A source's tag, by source id. */
  source(id: number): Style {
    if (this.depth === 0) return NONE;
    return this.depth >= 2 ? sgr(`38;5;${SOURCE_256[id % SOURCE_256.length]}`) : sgr(SOURCE_16[id % SOURCE_16.length]!);
  }

  /** The selected row (and the bars): inverse video, with or without colour. */
  get inverse(): Style {
    return INVERSE;
  }

  get bold(): Style {
    return BOLD;
  }

  /** The tree pane's cursor when the keys are in the list. */
  get underline(): Style {
    return UNDERLINE;
  }

  /** Section titles (details, help): bold when colours are on. */
  get heading(): Style {
    return this.depth === 0 ? NONE : BOLD;
  }

  /** A search match; without colour, bold underline (inverse off the selected row). */
  match(selected: boolean): Style {
    if (this.depth > 0) return sgr('30;43');
    return selected ? sgr('1;4') : sgr('1;4;7');
  }

  /** The status bar's mode label: FOLLOW green, PAUSED yellow. */
  mode(follow: boolean): Style {
    if (this.depth === 0) return BOLD;
    return follow ? sgr('1;42;30') : sgr('1;43;30');
  }

  /** Status bar text: plain, strong, or an error. */
  bar(kind: 'plain' | 'strong' | 'error' = 'plain'): Style {
    if (kind === 'plain') return INVERSE;
    return kind === 'error' && this.depth > 0 ? sgr('1;31;7') : sgr('1;7');
  }

  /** An error message outside the bar (an invalid regex in the prompt). */
  get error(): Style {
    return this.depth === 0 ? BOLD : sgr('1;31');
  }
}

/** Ends every style. */
export const RESET = '\x1b[0m';
