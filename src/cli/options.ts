import { Command, CommanderError, Option } from 'commander';
import { Level, levelFromUserName } from '../model/level.js';
import { customFormatsDir, loadCustomFormats } from '../parse/custom-formats.js';
import { BUILTIN_FORMAT_NAMES, formatNames, setCustomFormats } from '../parse/registry.js';
import type { OutputFormat } from '../print/printer.js';
import { setupFormats } from './format-setup.js';
import { parseTimeBound } from './time-bound.js';
import { UsageError } from './usage-error.js';

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
  format: string;
  output: OutputFormat;
  since?: number;
  until?: number;
  color: ColorWhen;
  demo: boolean;
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
    .option('-l, --level <LEVEL>', 'minimum level: trace, debug, info, notice, warning, error, critical')
    .option('-L, --logger <PREFIX>', 'only loggers under PREFIX (repeatable)', collect, [])
    .option('-x, --exclude <PREFIX>', 'hide loggers under PREFIX (repeatable; wins over --logger)', collect, [])
    .option('-g, --grep <PATTERN>', 'only records whose message or body matches the regex PATTERN')
    .option('--format <NAME>', `input format: ${FORMATS.join(' | ')}`, 'auto')
    .option('--log-format <FMT>', 'a Python logging format string (%, { or $ style) or an oslo.log option value (repeatable)', collect, [])
    .option('--date-format <FMT>', "the format's strftime datefmt (default %Y-%m-%d %H:%M:%S,mmm)")
    .option('--config <PATH>', 'config file (default $XDG_CONFIG_HOME/logview/config.json)')
    .option('--no-config', 'read no config file')
    .option('-o, --output <FORMAT>', 'print output: text | json | raw', 'text')
    .option('--since <TIME>', 'only records at or after TIME (ISO-8601, or relative: 10m, 2h, 1d)')
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

export function parseOptions(argv: string[], version: string, now = Date.now(), env: NodeJS.ProcessEnv = process.env): Options {
  const program = buildCommand(version);
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.help') throw new InfoExit(program.helpInformation());
      if (err.code === 'commander.version') throw new InfoExit(version + '\n');
      throw new UsageError(err.message.replace(/^error: /, ''));
    }
    throw err;
  }
  const o = program.opts<{
    print?: boolean;
    follow?: boolean;
    F?: boolean;
    level?: string;
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
  const format = setupFormats({ format: oneOf('format', o.format, formatNames()), logFormat: o.logFormat, ...(o.dateFormat !== undefined ? { dateFormat: o.dateFormat } : {}), ...(o.config !== undefined ? { config: o.config } : {}) }, env);
  let minLevel: Level = Level.none;
  if (o.level !== undefined) {
    const l = levelFromUserName(o.level);
    if (l === undefined) throw new UsageError(`invalid level '${o.level}' (expected trace, debug, info, notice, warning, error, critical)`);
    minLevel = l;
  }
  let grep: RegExp | undefined;
  if (o.grep !== undefined) {
    try {
      grep = new RegExp(o.grep);
    } catch (err) {
      throw new UsageError(`invalid regex '${o.grep}': ${(err as Error).message.replace(/^Invalid regular expression: /, '')}`);
    }
  }
  const opts: Options = {
    files: [...program.args, ...o.cmd.map((c) => `cmd:${c}`)],
    print: o.print === true,
    follow: o.follow === true || o.F === true,
    minLevel,
    include: o.logger,
    exclude: o.exclude,
    format,
    output: oneOf('output', o.output, OUTPUTS),
    color: oneOf('color', o.color, COLORS),
    demo: o.demo === true,
    restart: o.restart === true,
    argv: [...argv],
  };
  if (grep) opts.grep = grep;
  if (o.since !== undefined) opts.since = parseTimeBound(o.since, now, 'since');
  if (o.until !== undefined) opts.until = parseTimeBound(o.until, now, 'until');
  return opts;
}
