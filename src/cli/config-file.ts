import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { FormatConfigError } from '../parse/custom-formats.js';
import { compileLogFormat } from '../parse/formats/log-format/compile.js';
import { DateFormatError } from '../parse/formats/log-format/strftime.js';
import { LogFormatError, type Style } from '../parse/formats/log-format/tokens.js';
import type { Format } from '../parse/head.js';
import type { JsonKeys } from '../parse/formats/json.js';
import { compileGlob } from './path-glob.js';
import { defaultViewConfig, readViewConfig, VIEW_KEYS, type ViewConfig } from './view-config.js';

/**
 * `$XDG_CONFIG_HOME/logview/config.json`: which format reads which files.
 *   {"sources": {
 *      "/var/log/nova/*.log": "%(asctime)s.%(msecs)03d %(process)d %(levelname)s %(name)s [%(request_id)s] %(message)s",
 *      "*.access.log": "apache",
 *      "~/app/*.log": {"logFormat": ["{asctime} {levelname} {message}"], "dateFormat": "%H:%M:%S", "style": "{"}}}
 * A value is a format name, a Python logging format string, or an object as
 * the last; the first glob (in file order) that matches a path wins.
 * `"jsonKeys": {"level": ["meta.severity"], "logger": ["meta.component"]}` adds key
 * paths (dotted, any depth) JSON lines are read by, before the built-in ones.
 */

export interface SourceRule {
  matches(path: string): boolean;
  /** A format name (built-in, custom, or the compiled log format registered under it). */
  format: string;
}

export interface LoadedConfig {
  rules: SourceRule[];
  /** Formats compiled from format strings; register them so records re-parse by name. */
  formats: Format[];
  /** Extra JSON key paths per role. */
  jsonKeys: JsonKeys;
  /** Theme, default filters, keys, time zone, columns, clipboard (src/cli/view-config.ts). */
  view: ViewConfig;
}

/** The default config path: `$XDG_CONFIG_HOME/logview/config.json` (`~/.config/...` without it). */
export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME !== undefined && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : join(env.HOME ?? homedir(), '.config');
  return join(base, 'logview', 'config.json');
}

const ENTRY_KEYS = ['logFormat', 'dateFormat', 'style', 'format'];

function bad(file: string, problem: string): never {
  throw new FormatConfigError(file, problem);
}

function compileEntry(file: string, glob: string, value: unknown, names: readonly string[], k: number): { format: string; compiled?: Format } {
  const where = `"sources" > "${glob}"`;
  if (typeof value === 'string') {
    if (names.includes(value)) return { format: value };
    value = { logFormat: value };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) bad(file, `${where}: expected a format name, a format string or an object`);
  const o = value as Record<string, unknown>;
  for (const key of Object.keys(o)) if (!ENTRY_KEYS.includes(key)) bad(file, `${where}: unknown key "${key}" (expected ${ENTRY_KEYS.join(', ')})`);
  if (o.format !== undefined) {
    if (o.logFormat !== undefined) bad(file, `${where}: give "format" or "logFormat", not both`);
    if (typeof o.format !== 'string' || !names.includes(o.format)) bad(file, `${where}: unknown format ${JSON.stringify(o.format)} (expected ${names.join(', ')})`);
    return { format: o.format };
  }
  const lf = o.logFormat;
  const list = typeof lf === 'string' ? [lf] : Array.isArray(lf) && lf.length > 0 && lf.every((x) => typeof x === 'string') ? (lf as string[]) : undefined;
  if (list === undefined) bad(file, `${where}: "logFormat" must be a format string or a list of them`);
  if (o.dateFormat !== undefined && typeof o.dateFormat !== 'string') bad(file, `${where}: "dateFormat" must be a string`);
  if (o.style !== undefined && o.style !== '%' && o.style !== '{' && o.style !== '$') bad(file, `${where}: "style" must be "%", "{" or "$"`);
  const name = `log-format-${k + 1}`;
  try {
    const compiled = compileLogFormat(list, {
      name,
      ...(o.dateFormat !== undefined ? { dateFormat: o.dateFormat as string } : {}),
      ...(o.style !== undefined ? { style: o.style as Style } : {}),
    });
    return { format: name, compiled };
  } catch (err) {
    if (err instanceof LogFormatError || err instanceof DateFormatError) bad(file, `${where}: ${err.message}`);
    throw err;
  }
}

/**
 * Read and check a config file. A missing file at the default path is no
 * configuration (`required` false); anything unreadable or invalid throws
 * FormatConfigError (`file: problem`, exit 2).
 */
export function loadConfig(file: string, required: boolean, formatNames: readonly string[]): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (!required && (e.code === 'ENOENT' || e.code === 'ENOTDIR' || e.code === 'EACCES')) return { rules: [], formats: [], jsonKeys: {}, view: defaultViewConfig() };
    bad(file, e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory' : e.code === 'EACCES' ? 'permission denied' : e.message);
  }
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch (err) {
    bad(file, `not valid JSON: ${(err as Error).message}`);
  }
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) bad(file, 'expected a JSON object');
  const top = spec as Record<string, unknown>;
  const known = ['sources', 'jsonKeys', ...VIEW_KEYS];
  for (const key of Object.keys(top)) if (!known.includes(key)) bad(file, `unknown key "${key}" (expected ${known.join(', ')})`);
  const jsonKeys = readJsonKeys(file, top.jsonKeys);
  const sources = top.sources ?? {};
  if (typeof sources !== 'object' || sources === null || Array.isArray(sources)) bad(file, '"sources" must be an object mapping path globs to formats');
  const rules: SourceRule[] = [];
  const formats: Format[] = [];
  Object.entries(sources as Record<string, unknown>).forEach(([glob, value], k) => {
    let matches: (path: string) => boolean;
    try {
      matches = compileGlob(glob);
    } catch (err) {
      bad(file, `"sources": ${(err as Error).message}`);
    }
    const entry = compileEntry(file, glob, value, formatNames, k);
    if (entry.compiled) formats.push(entry.compiled);
    rules.push({ matches, format: entry.format });
  });
  return { rules, formats, jsonKeys, view: readViewConfig(file, top) };
}

const JSON_ROLES = ['time', 'level', 'logger', 'message'] as const;

/** `"jsonKeys": {"level": ["meta.severity.name"], ...}`: key paths for JSON lines. */
function readJsonKeys(file: string, v: unknown): JsonKeys {
  if (v === undefined) return {};
  if (typeof v !== 'object' || v === null || Array.isArray(v)) bad(file, '"jsonKeys" must be an object like {"level": ["meta.level"]}');
  const out: JsonKeys = {};
  for (const [role, paths] of Object.entries(v as Record<string, unknown>)) {
    if (!(JSON_ROLES as readonly string[]).includes(role)) bad(file, `"jsonKeys": unknown role "${role}" (expected ${JSON_ROLES.join(', ')})`);
    if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string' && p !== '')) bad(file, `"jsonKeys" > "${role}" must be a list of key paths`);
    out[role as (typeof JSON_ROLES)[number]] = paths as string[];
  }
  return out;
}
