import { readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Format } from './head.js';
import { compileCustomFormat, CustomFormatError } from './formats/custom.js';

/** A custom format file that cannot be used: `file: problem`. */
export class FormatConfigError extends Error {
  constructor(readonly file: string, problem: string) {
    super(`${file}: ${problem}`);
  }
}

/** `$XDG_CONFIG_HOME/logview/formats` (default `~/.config/logview/formats`). */
export function customFormatsDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME !== undefined && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : join(env.HOME ?? homedir(), '.config');
  return join(base, 'logview', 'formats');
}

/**
 * Every `*.json` in dir, in name order, as formats. A missing or unreadable
 * directory means none; any file that cannot be read or used throws FormatConfigError: it is
 * configuration, and silently skipping it would hide why lines look wrong.
 */
export function loadCustomFormats(dir: string, builtins: readonly string[]): Format[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Someone else's HOME (sudo without -H) is not configuration of ours.
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES' || code === 'EPERM') return [];
    throw new FormatConfigError(dir, (err as Error).message);
  }
  const out: Format[] = [];
  const taken = new Map<string, string>();
  for (const n of names) {
    const file = join(dir, n);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      throw new FormatConfigError(file, e.code === 'EISDIR' ? 'is a directory' : e.code === 'EACCES' ? 'permission denied' : e.message);
    }
    let spec: unknown;
    try {
      spec = JSON.parse(text);
    } catch (err) {
      throw new FormatConfigError(file, `not valid JSON: ${(err as Error).message}`);
    }
    let f: Format;
    try {
      f = compileCustomFormat(spec, builtins);
    } catch (err) {
      if (err instanceof CustomFormatError) throw new FormatConfigError(file, err.message);
      throw err;
    }
    const other = taken.get(f.name);
    if (other !== undefined) throw new FormatConfigError(file, `"name": "${f.name}" is already defined in ${other}`);
    taken.set(f.name, file);
    out.push(f);
  }
  return out;
}
