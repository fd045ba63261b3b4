import { Command, CommanderError, Option } from 'commander';
import { Level, levelFromUserName } from '../model/level.js';
import { customFormatsDir, loadCustomFormats } from '../parse/custom-formats.js';
import { BUILTIN_FORMAT_NAMES, formatNames, setCustomFormats } from '../parse/registry.js';
import type { OutputFormat } from '../print/printer.js';
import type { LoggerLevel } from '../query/logger-rules.js';
import { safeRegExp } from '../query/guarded-regex.js';
import { parseStatusSpec } from '../query/http-facts.js';
import { compileWhere, type WhereQuery } from '../query/where/evaluate.js';
import { QuerySyntaxError } from '../query/where/syntax-error.js';
import { setupFormats } from './format-setup.js';
import { parseTimeBound } from './time-bound.js';
import { UsageError } from './usage-error.js';
import type { ViewConfig } from './view-config.js';

export { UsageError };

export type ColorWhen = 'auto' | 'always' | 'never';

export interface Options {
  files: string[];
  print: boolean;
  follow: boolean;
  minLevel: Level;
  include: string[];
  exclude: string[];
  grep?: RegExp;
  /** `-l LOGGER=LEVEL` (repeatable): per-subtree thresholds; a bare `-l LEVEL` is the root's (minLevel). */
  loggerLevels: LoggerLevel[];
  /** `-q/--where EXPR`. */
  where?: WhereQuery;
  /** `--request ID` (repeatable, union), lower case. */
  requests?: ReadonlySet<string>;
  /** `--http-status SPEC`. */
  httpStatus?: (status: number) => boolean;
  /** `--http-method METHOD` (repeatable, or comma-separated), upper case. */
  httpMethods?: ReadonlySet<string>;
  format: string;
  output: OutputFormat;
  since?: number;
  until?: number;
  color: ColorWhen;
  demo: boolean;
  /** The config file's viewer settings (theme, keys, columns, clipboard); its default filters are applied above. */
  view: ViewConfig;
  /** `--restart`: run `cmd:` sources again when they exit. */
  restart: boolean;
  /** The command line as given: worker threads parse it again to set formats and filters up alike. */
  argv: readonly string[];
}


/** --help / --version printed: exit 0 with this text. */
export class InfoExit extends Error {
  constructor(readonly text: string) {
    super(text);
  }
}

/** Built-in `--format` values; custom formats from the config directory add theirs. */
export const FORMATS = BUILTIN_FORMAT_NAMES;
const OUTPUTS = ['text', 'json', 'raw'] as const;
const COLORS = ['auto', 'always', 'never'] as const;

const HELP_AFTER = '\nIn the viewer, ? lists the keys: / search, t logger tree, T timeline, m marks,\n@ time range (10:00..10:05, -15m), s save, y copy (OSC 52).\n';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function buildCommand(version: string): Command {
  const program = new Command('logview')
    .description('Interactive terminal log viewer: follows, parses and filters logs by logger tree and level.')
    .usage('[options] [SOURCE ...]')
    .argument(
      '[sources...]',
      'a log file; "-" or none with piped stdin reads stdin; [user@]host:/path or ssh://[user@]host[:port]/path (a remote file over ssh, globs expand remotely; LOGVIEW_SSH replaces the ssh command); journal: | journal:UNIT | journal:/path (the systemd journal); cmd:COMMAND (a command\'s stdout and stderr)',
    )
    .option('-p, --print', 'print records instead of the TUI (default when stdout is not a terminal)')
    .option('-f, --follow', 'keep following files after EOF, across rotation (like tail -F)')
    .addOption(new Option('-F', 'same as --follow').hideHelp())
    .option('-l, --level <[LOGGER=]LEVEL>', 'minimum level: trace, debug, info, notice, warning, error, critical; LOGGER=LEVEL sets a subtree\'s (repeatable; the nearest configured ancestor wins)', collect, [])
    .option('-L, --logger <PREFIX>', 'only loggers under PREFIX (repeatable)', collect, [])
    .option('-x, --exclude <PREFIX>', 'hide loggers under PREFIX (repeatable; wins over --logger)', collect, [])
    .option('-g, --grep <PATTERN>', 'only records whose message or body matches the regex PATTERN')
    .option('-q, --where <EXPR>', 'field query: level >= warning and logger ~ nova.compute, status >= 500, fields.user == "admin", message ~ /timeout/i, exists(trace_id), not, or, ( ), in (...)')
    .option('--request <ID>', 'only records sharing this request/trace id, across sources (repeatable: union)', collect, [])
    .option('--http-status <SPEC>', 'only HTTP exchanges with this status: 5xx | 404 | 4xx,5xx | 500-599')
    .option('--http-method <METHOD>', 'only HTTP exchanges with this method (repeatable, or GET,POST)', collect, [])
    .option('--format <NAME>', `input format: ${FORMATS.join(' | ')}`, 'auto')
    .option('--log-format <FMT>', 'a Python logging format string (%, { or $ style), an oslo.log option value, or log4js:PATTERN (a log4js pattern layout) (repeatable)', collect, [])
    .option('--date-format <FMT>', "the Python format's strftime datefmt (default %Y-%m-%d %H:%M:%S,mmm; a log4js pattern has its own in %d{...})")
    .option('--config <PATH>', 'config file (default $XDG_CONFIG_HOME/logview/config.json): sources, jsonKeys, theme, filters, keys, timeZone, columns, clipboard')
    .option('--no-config', 'read no config file')
    .option('-o, --output <FORMAT>', 'print output: text | json | raw', 'text')
    .option('--since <TIME>', 'only records at or after TIME (ISO-8601, a time of day like 10:05, or relative: 10m, 2h, 1d)')
    .option('--until <TIME>', 'only records at or before TIME')
    .option('--color <WHEN>', 'auto | always | never (honours NO_COLOR and FORCE_COLOR)', 'auto')
    .option('--cmd <COMMAND>', 'read a command\'s stdout and stderr, like cmd:COMMAND (repeatable)', collect, [])
    .option('--restart', 'run cmd: sources again when they exit')
    .option('--demo', 'open the viewer on a live demo log')
    .version(version, '-V, --version')
    .helpOption('-h, --help', 'show this help')
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} })
    .allowExcessArguments(false);
  return program;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`invalid ${name} '${value}' (expected ${allowed.join(', ')})`);
}

/** `-q`, `--request`, `--http-status`, `--http-method`: checked here, so a bad one is exit 2. */
function recordOptions(o: { where?: string; request: string[]; httpStatus?: string; httpMethod: string[] }): Pick<Options, 'where' | 'requests' | 'httpStatus' | 'httpMethods'> {
  const out: Pick<Options, 'where' | 'requests' | 'httpStatus' | 'httpMethods'> = {};
  if (o.where !== undefined) {
    try {
      out.where = compileWhere(o.where);
    } catch (err) {
      if (err instanceof QuerySyntaxError) throw new UsageError(`invalid --where: ${err.message}`, err.caret(o.where));
      throw err;
    }
  }
  if (o.request.length > 0) out.requests = new Set(o.request.map((id) => id.trim().toLowerCase()).filter((id) => id !== ''));
  if (o.httpStatus !== undefined) {
    const t = parseStatusSpec(o.httpStatus);
    if (!t) throw new UsageError(`invalid --http-status '${o.httpStatus}' (expected 5xx, 404, 4xx,5xx or 500-599)`);
    out.httpStatus = t;
  }
  const methods = o.httpMethod.flatMap((m) => m.split(',')).map((m) => m.trim().toUpperCase()).filter((m) => m !== '');
  for (const m of methods) if (!/^[A-Z]+$/.test(m)) throw new UsageError(`invalid --http-method '${m}' (expected a method like GET or POST)`);
  if (methods.length > 0) out.httpMethods = new Set(methods);
  return out;
}

export function parseOptions(argv: string[], version: string, now = Date.now(), env: NodeJS.ProcessEnv = process.env): Options {
  const program = buildCommand(version);
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.help') throw new InfoExit(program.helpInformation() + HELP_AFTER);
      if (err.code === 'commander.version') throw new InfoExit(version + '\n');
      throw new UsageError(err.message.replace(/^error: /, ''));
    }
    throw err;
  }
  const o = program.opts<{
    print?: boolean;
    follow?: boolean;
    F?: boolean;
    level: string[];
    where?: string;
    request: string[];
    httpStatus?: string;
    httpMethod: string[];
    logger: string[];
    exclude: string[];
    grep?: string;
    format: string;
    logFormat: string[];
    dateFormat?: string;
    config?: string | false;
    output: string;
    since?: string;
    until?: string;
    color: string;
    demo?: boolean;
    cmd: string[];
    restart?: boolean;
  }>();
  // Custom formats are configuration: a broken file stops here (FormatConfigError, exit 2).
  setCustomFormats(loadCustomFormats(customFormatsDir(env), BUILTIN_FORMAT_NAMES));
  const { format, view } = setupFormats({ format: oneOf('format', o.format, formatNames()), logFormat: o.logFormat, ...(o.dateFormat !== undefined ? { dateFormat: o.dateFormat } : {}), ...(o.config !== undefined ? { config: o.config } : {}) }, env);
  // The config's default filters, where the command line gives none of the kind.
  const d = view.filters;
  if (o.level.length === 0 && d.level !== undefined) o.level = [d.level];
  if (o.logger.length === 0 && d.logger) o.logger = d.logger;
  if (o.exclude.length === 0 && d.exclude) o.exclude = d.exclude;
  if (o.grep === undefined && d.grep !== undefined) o.grep = d.grep;
  // Naive timestamps are local time: the config's zone, unless TZ says otherwise.
  if (view.timeZone !== undefined && (env.TZ === undefined || env.TZ === '')) env.TZ = view.timeZone;
  let minLevel: Level = Level.none;
  const loggerLevels: LoggerLevel[] = [];
  for (const spec of o.level) {
    const eq = spec.lastIndexOf('=');
    const name = eq < 0 ? spec : spec.slice(eq + 1);
    const l = levelFromUserName(name);
    if (l === undefined) throw new UsageError(`invalid level '${name}' (expected trace, debug, info, notice, warning, error, critical)`);
    const logger = eq < 0 ? '' : spec.slice(0, eq).trim();
    if (logger === '' || logger === 'root') minLevel = l;
    else loggerLevels.push({ logger, level: l });
  }
  const extra = recordOptions(o);
  let grep: RegExp | undefined;
  if (o.grep !== undefined) {
    try {
      grep = safeRegExp(o.grep);
    } catch (err) {
      throw new UsageError(`invalid regex '${o.grep}': ${(err as Error).message.replace(/^Invalid regular expression: /, '')}`);
    }
  }
  const opts: Options = {
    files: [...program.args, ...o.cmd.map((c) => `cmd:${c}`)],
    print: o.print === true,
    follow: o.follow === true || o.F === true,
    minLevel,
    loggerLevels,
    ...extra,
    include: o.logger,
    exclude: o.exclude,
    format,
    output: oneOf('output', o.output, OUTPUTS),
    color: oneOf('color', o.color, COLORS),
    demo: o.demo === true,
    view,
    restart: o.restart === true,
    argv: [...argv],
  };
  if (grep) opts.grep = grep;
  if (o.since !== undefined) opts.since = parseTimeBound(o.since, now, 'since');
  if (o.until !== undefined) opts.until = parseTimeBound(o.until, now, 'until');
  return opts;
}
