import { LEVEL_NAMES, levelFromUserName, type LevelName } from '../model/level.js';
import { FormatConfigError } from '../parse/custom-formats.js';
import { colorSpec, THEME_ELEMENTS, THEME_NAMES, type ThemeElement, type ThemeName, type ThemeSpec } from '../render/theme.js';
import type { ColumnChoices } from '../render/row-format.js';
import { KEY_TABLE, type Command } from '../ui/key-table.js';

/** How `y` reaches the clipboard: `auto` (when the terminal is known to take OSC 52), `osc52` (always), `off`. */
export type ClipboardSetting = 'auto' | 'osc52' | 'off';


/** Filters that apply when the command line gives none of their kind. */
export interface DefaultFilters {
  level?: string;
  logger?: string[];
  exclude?: string[];
  grep?: string;
}

/** The config file's settings for the viewer (beside its per-path formats). */
export interface ViewConfig {
  theme: ThemeSpec;
  filters: DefaultFilters;
  /** Extra keys of the record list: key name -> command (as in the key table). */
  keys: Record<string, Command>;
  /** IANA time zone for naive timestamps and the times shown (TZ in the environment wins). */
  timeZone?: string;
  columns: ColumnChoices;
  clipboard: ClipboardSetting;
}

export const VIEW_KEYS = ['theme', 'filters', 'keys', 'timeZone', 'columns', 'clipboard'] as const;

export function defaultViewConfig(): ViewConfig {
  return { theme: {}, filters: {}, keys: {}, columns: {}, clipboard: 'auto' };
}

function bad(file: string, problem: string): never {
  throw new FormatConfigError(file, problem);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function readColours<K extends string>(file: string, where: string, v: unknown, names: readonly K[]): Partial<Record<K, string>> {
  if (!isObject(v)) bad(file, `${where} must be an object like {"${names[0]}": "bold red"}`);
  const out: Partial<Record<K, string>> = {};
  for (const [k, spec] of Object.entries(v)) {
    if (!(names as readonly string[]).includes(k)) bad(file, `${where}: unknown key "${k}" (expected ${names.join(', ')})`);
    if (typeof spec !== 'string') bad(file, `${where} > "${k}" must be a colour string`);
    const c = colorSpec(spec);
    if (typeof c !== 'string') bad(file, `${where} > "${k}": ${c.error}`);
    out[k as K] = spec;
  }
  return out;
}

function readTheme(file: string, v: unknown): ThemeSpec {
  if (typeof v === 'string') {
    if (!(THEME_NAMES as readonly string[]).includes(v)) bad(file, `"theme": unknown theme "${v}" (expected ${THEME_NAMES.join(', ')}, or an object)`);
    return { base: v as ThemeName };
  }
  if (!isObject(v)) bad(file, '"theme" must be "dark", "light" or an object like {"base": "light", "levels": {"error": "bold red"}}');
  const spec: ThemeSpec = {};
  for (const key of Object.keys(v)) if (!['base', 'levels', 'elements'].includes(key)) bad(file, `"theme": unknown key "${key}" (expected base, levels, elements)`);
  if (v.base !== undefined) {
    if (typeof v.base !== 'string' || !(THEME_NAMES as readonly string[]).includes(v.base)) bad(file, `"theme" > "base" must be ${THEME_NAMES.map((n) => `"${n}"`).join(' or ')}`);
    spec.base = v.base as ThemeName;
  }
  if (v.levels !== undefined) spec.levels = readColours(file, '"theme" > "levels"', v.levels, LEVEL_NAMES.slice(1) as LevelName[]);
  if (v.elements !== undefined) spec.elements = readColours<ThemeElement>(file, '"theme" > "elements"', v.elements, THEME_ELEMENTS);
  return spec;
}

function readFilters(file: string, v: unknown): DefaultFilters {
  if (!isObject(v)) bad(file, '"filters" must be an object like {"level": "info", "exclude": ["kamaki.clients"]}');
  const out: DefaultFilters = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'level') {
      if (typeof x !== 'string' || levelFromUserName(x) === undefined) bad(file, `"filters" > "level": invalid level ${JSON.stringify(x)} (expected ${LEVEL_NAMES.slice(1).join(', ')})`);
      out.level = x;
    } else if (k === 'logger' || k === 'exclude') {
      if (!isStrings(x)) bad(file, `"filters" > "${k}" must be a list of logger prefixes`);
      out[k] = x;
    } else if (k === 'grep') {
      if (typeof x !== 'string') bad(file, '"filters" > "grep" must be a regex string');
      try {
        new RegExp(x);
      } catch (err) {
        bad(file, `"filters" > "grep": ${(err as Error).message}`);
      }
      out.grep = x;
    } else bad(file, `"filters": unknown key "${k}" (expected level, logger, exclude, grep)`);
  }
  return out;
}

function readKeys(file: string, v: unknown): Record<string, Command> {
  if (!isObject(v)) bad(file, '"keys" must be an object like {"ctrl-t": "timeline"}');
  const commands = [...new Set(KEY_TABLE.filter((b) => b.mode === 'list').map((b) => b.command))];
  const out: Record<string, Command> = {};
  for (const [key, cmd] of Object.entries(v)) {
    if (!/^(ctrl-[a-z]|.)$/u.test(key) && !['tab', 'backspace', 'home', 'end', 'pageup', 'pagedown', 'left', 'right', 'up', 'down', 'enter'].includes(key)) bad(file, `"keys": "${key}" is not a key (expected one character, ctrl-x, or a name like pagedown)`);
    if (typeof cmd !== 'string' || !(commands as string[]).includes(cmd)) bad(file, `"keys" > "${key}": unknown command ${JSON.stringify(cmd)} (expected one of ${commands.join(', ')})`);
    out[key] = cmd as Command;
  }
  return out;
}

function readColumns(file: string, v: unknown): ColumnChoices {
  if (!isObject(v)) bad(file, '"columns" must be an object like {"time": "full", "source": "hide"}');
  const out: ColumnChoices = {};
  const choices = ['auto', 'show', 'hide'];
  for (const [k, x] of Object.entries(v)) {
    if (k !== 'time' && k !== 'logger' && k !== 'source') bad(file, `"columns": unknown key "${k}" (expected time, logger, source)`);
    const allowed = k === 'time' ? [...choices, 'full'] : choices;
    if (typeof x !== 'string' || !allowed.includes(x)) bad(file, `"columns" > "${k}" must be ${allowed.map((a) => `"${a}"`).join(', ')}`);
    (out as Record<string, string>)[k] = x;
  }
  return out;
}

/** The viewer's part of a config object (its other keys are checked by the caller). */
export function readViewConfig(file: string, top: Record<string, unknown>): ViewConfig {
  const view = defaultViewConfig();
  if (top.theme !== undefined) view.theme = readTheme(file, top.theme);
  if (top.filters !== undefined) view.filters = readFilters(file, top.filters);
  if (top.keys !== undefined) view.keys = readKeys(file, top.keys);
  if (top.columns !== undefined) view.columns = readColumns(file, top.columns);
  if (top.timeZone !== undefined) {
    const tz = top.timeZone;
    let ok = typeof tz === 'string' && tz !== '';
    try {
      if (ok) new Intl.DateTimeFormat('en-US', { timeZone: tz as string });
    } catch {
      ok = false;
    }
    if (!ok) bad(file, `"timeZone": unknown time zone ${JSON.stringify(tz)} (expected an IANA name like "UTC" or "Europe/Athens")`);
    view.timeZone = tz as string;
  }
  if (top.clipboard !== undefined) {
    if (top.clipboard !== 'auto' && top.clipboard !== 'osc52' && top.clipboard !== 'off') bad(file, '"clipboard" must be "auto", "osc52" or "off"');
    view.clipboard = top.clipboard;
  }
  return view;
}
