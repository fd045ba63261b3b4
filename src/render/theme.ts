import { Level, LEVEL_NAMES, type LevelName } from '../model/level.js';

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

/** The light theme's levels: darker shades that read on a white background (no bold yellow). */
const LEVEL_STYLES_LIGHT_256: Record<Level, Style> = {
  [Level.none]: NONE,
  [Level.trace]: sgr('38;5;90'),
  [Level.debug]: sgr('38;5;25'),
  [Level.info]: sgr('38;5;30'),
  [Level.notice]: sgr('1;38;5;30'),
  [Level.warning]: sgr('1;38;5;130'),
  [Level.error]: sgr('1;38;5;160'),
  [Level.critical]: sgr('1;38;5;160;7'),
};
const LEVEL_STYLES_LIGHT_16: Record<Level, Style> = { ...LEVEL_STYLES, [Level.notice]: sgr('1;34'), [Level.warning]: sgr('33'), [Level.info]: sgr('36') };

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
// On white: dark shades only (no pastel 147/150/180/216).
const LOGGER_256_LIGHT = [18, 19, 20, 24, 25, 26, 53, 54, 55, 57, 89, 90, 91, 22, 23, 28, 29, 30, 58, 94];
const SOURCE_256_LIGHT = [25, 94, 54, 22, 90, 30, 58, 91];
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

/** Built-in palettes: `dark` (light text on a dark terminal, the default) and `light` (for a white one). */
export type ThemeName = 'dark' | 'light';
export const THEME_NAMES: readonly ThemeName[] = ['dark', 'light'];

/** Parts of the screen a config may colour besides the levels. */
export const THEME_ELEMENTS = ['dim', 'match', 'mark', 'heading', 'error'] as const;
export type ThemeElement = (typeof THEME_ELEMENTS)[number];

/** The config's `theme`: a palette, and colour specs (see colorSpec) per level and element. */
export interface ThemeSpec {
  base?: ThemeName;
  levels?: Partial<Record<LevelName, string>>;
  elements?: Partial<Record<ThemeElement, string>>;
}

const WORDS: Record<string, string> = { bold: '1', dim: '2', italic: '3', underline: '4', inverse: '7' };
const COLOURS = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];

/**
 * A colour spec as SGR parameters: words separated by spaces: `bold`, `dim`,
 * `italic`, `underline`, `inverse`, a colour name (`red`, `bright-red`,
 * `gray`), `on-COLOUR` for a background, a 256-colour number (`208`), or
 * `#rrggbb` (as the nearest of the 256). An error message when a word is none of these.
 */
export function colorSpec(spec: string): string | { error: string } {
  const out: string[] = [];
  for (const w of spec.trim().toLowerCase().split(/\s+/)) {
    const bg = w.startsWith('on-');
    const c = bg ? w.slice(3) : w;
    const base = bg ? 40 : 30;
    if (!bg && WORDS[c]) out.push(WORDS[c]);
    else if (COLOURS.includes(c)) out.push(String(base + COLOURS.indexOf(c)));
    else if (c.startsWith('bright-') && COLOURS.includes(c.slice(7))) out.push(String(base + 60 + COLOURS.indexOf(c.slice(7))));
    else if (c === 'gray' || c === 'grey') out.push(String(base + 60));
    else if (/^\d{1,3}$/.test(c) && Number(c) < 256) out.push(`${bg ? 48 : 38};5;${c}`);
    else if (/^#[0-9a-f]{6}$/.test(c)) out.push(`${bg ? 48 : 38};5;${rgbTo256(c)}`);
    else return { error: `not a colour: "${w}" (expected words like "bold red", "on-blue", "208" or "#ff8800")` };
  }
  return out.length === 0 ? { error: 'empty colour' } : out.join(';');
}

/** `#rrggbb` -> the nearest colour of xterm's 6x6x6 cube. */
function rgbTo256(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((k) => Math.round((parseInt(hex.slice(k, k + 2), 16) / 255) * 5));
  return 16 + 36 * r! + 6 * g! + b!;
}

export class Theme {
  private readonly loggerCache = new Map<string, Style>();
  private readonly levels: Record<Level, Style>;
  private readonly charts: Record<Level, Style>;
  private readonly elements: Partial<Record<ThemeElement, Style>> = {};
  private readonly light: boolean;

  constructor(
    readonly depth: ColorDepth,
    spec: ThemeSpec = {},
  ) {
    this.light = spec.base === 'light';
    this.levels = { ...(this.light ? (depth >= 2 ? LEVEL_STYLES_LIGHT_256 : LEVEL_STYLES_LIGHT_16) : LEVEL_STYLES) };
    this.charts = { ...CHART_STYLES };
    // A 256-colour spec on a 16-colour terminal would not show: the palette's colour stays.
    const usable = (s: string): boolean => depth >= 2 || !s.includes(';5;');
    for (const [name, v] of Object.entries(spec.levels ?? {})) {
      const sgrs = colorSpec(v);
      const l = LEVEL_NAMES.indexOf(name as LevelName) as Level;
      if (typeof sgrs === 'string' && l > 0 && usable(sgrs)) this.levels[l] = this.charts[l] = sgr(sgrs);
    }
    for (const [name, v] of Object.entries(spec.elements ?? {})) {
      const sgrs = colorSpec(v);
      if (typeof sgrs === 'string' && usable(sgrs)) this.elements[name as ThemeElement] = sgr(sgrs);
    }
  }

  get enabled(): boolean {
    return this.depth > 0;
  }

  level(level: Level): Style {
    return this.depth === 0 ? NONE : this.levels[level];
  }

  logger(name: string): Style {
    if (this.depth === 0 || name === '') return NONE;
    let s = this.loggerCache.get(name);
    if (!s) {
      const h = hashName(name);
      const palette = this.light ? LOGGER_256_LIGHT : LOGGER_256;
      s = this.depth >= 2 ? sgr(`38;5;${palette[h % palette.length]}`) : sgr(LOGGER_16[h % LOGGER_16.length]!);
      this.loggerCache.set(name, s);
    }
    return s;
  }

  get dim(): Style {
    return this.depth === 0 ? NONE : (this.elements.dim ?? DIM);
  }

  /** The message text of a row of this level. */
  message(level: Level): Style {
    return this.depth === 0 ? NONE : (MESSAGE_TINT[level] ?? NONE);
  }

  /** A source's tag, by source id. */
  source(id: number): Style {
    if (this.depth === 0) return NONE;
    const palette = this.light ? SOURCE_256_LIGHT : SOURCE_256;
    return this.depth >= 2 ? sgr(`38;5;${palette[id % palette.length]}`) : sgr(SOURCE_16[id % SOURCE_16.length]!);
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
    return this.depth === 0 ? NONE : (this.elements.heading ?? BOLD);
  }

  /** A search match; without colour, bold underline (inverse off the selected row). */
  match(selected: boolean): Style {
    if (this.depth > 0) return this.elements.match ?? sgr('30;43');
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

  /** A level's part of a timeline bar. */
  chart(level: Level): Style {
    return this.depth === 0 ? NONE : this.charts[level];
  }

  /** The glyph of a level's part of a timeline bar (full blocks when colours tell levels apart). */
  chartGlyph(level: Level): string {
    return this.depth === 0 ? CHART_GLYPHS[level] : '█';
  }

  /** The mark of a marked record (`m`). */
  get mark(): Style {
    return this.depth === 0 ? BOLD : (this.elements.mark ?? sgr('1;35'));
  }

  /** An error message outside the bar (an invalid regex in the prompt). */
  get error(): Style {
    return this.depth === 0 ? BOLD : (this.elements.error ?? sgr('1;31'));
  }
}

/** Timeline bars: the level's colour as a plain foreground (a block in inverse video would show the background). */
const CHART_STYLES: Record<Level, Style> = {
  [Level.none]: DIM,
  [Level.trace]: sgr('35'),
  [Level.debug]: sgr('34'),
  [Level.info]: sgr('36'),
  [Level.notice]: sgr('96'),
  [Level.warning]: sgr('33'),
  [Level.error]: sgr('31'),
  [Level.critical]: sgr('91'),
};

/** Without colour the timeline's levels differ by shade: the worse, the darker. */
export const CHART_GLYPHS: Record<Level, string> = {
  [Level.none]: '·',
  [Level.trace]: '░',
  [Level.debug]: '░',
  [Level.info]: '▒',
  [Level.notice]: '▒',
  [Level.warning]: '▓',
  [Level.error]: '█',
  [Level.critical]: '█',
};

/** Ends every style. */
export const RESET = '\x1b[0m';
