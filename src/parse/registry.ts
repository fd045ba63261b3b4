import type { Format } from './head.js';
import { apacheFormat } from './formats/apache.js';
import { glogFormat } from './formats/glog.js';
import { goLogFormat } from './formats/golog.js';
import { jsonFormat } from './formats/json.js';
import { journalFormat } from './formats/journal.js';
import { log4jFormat } from './formats/log4j.js';
import { logcatFormat } from './formats/logcat.js';
import { logfmtFormat } from './formats/logfmt.js';
import { osloFormat } from './formats/oslo.js';
import { plainFormat } from './formats/plain.js';
import { pythonFormat } from './formats/python.js';
import { rustFormat } from './formats/rust.js';
import { syslogFormat } from './formats/syslog.js';
import { celeryFormat, djangoFormat, flaskFormat, gunicornFormat, pyWarningsFormat, uvicornFormat } from './formats/python-web.js';
import { BUILTIN_SAMPLES } from './format-samples.js';
import { monologFormat, mysqlFormat, nginxErrorFormat, postgresFormat, vhostAccessFormat } from './formats/servers.js';
import { composeFormat } from './formats/compose.js';
import { kubectlFormat } from './formats/kubectl.js';
import { logcliFormat } from './formats/logcli.js';
import { w3cFormat } from './formats/w3c.js';
import { consolaFormat, debugFormat, log4jsFormat, tslogFormat } from './formats/node-text.js';
import { FormatSampleError } from './formats/family.js';
import type { Grouping } from './grouping.js';
import { pythonGrouping } from './formats/python-grouping.js';

/**
 * Built-in formats in the order auto-detection tries them. Specific shapes
 * come before general ones: oslo, log4j, rust, logcat and syslog lines all
 * start with a time Python's parser would also take. The Python web stack's
 * bracketed layouts come before Python's; those starting with a level word
 * or a path (uvicorn, Django's verbose, warnings) come last.
 */
const READERS: readonly Format[] = [
  jsonFormat,
  osloFormat,
  log4jFormat,
  rustFormat,
  logcatFormat,
  w3cFormat,
  debugFormat,
  syslogFormat,
  gunicornFormat,
  monologFormat,
  postgresFormat,
  mysqlFormat,
  log4jsFormat,
  tslogFormat,
  celeryFormat,
  flaskFormat,
  djangoFormat,
  pythonFormat,
  apacheFormat,
  vhostAccessFormat,
  nginxErrorFormat,
  glogFormat,
  goLogFormat,
  logfmtFormat,
  uvicornFormat,
  consolaFormat,
  pyWarningsFormat,
];

/**
 * Loki's logcli JSON lines first (a `labels` and a `line` key: it wins ties
 * with JSON, and its line is read by the others); kubectl's `[pod/x/c] ` and
 * `--timestamps` prefixes and docker compose's `svc-1  | ` before any of the
 * others: last, as prefixes are loose shapes.
 */
const BUILTIN: readonly Format[] = [logcliFormat(() => READERS), ...READERS, kubectlFormat(() => READERS), composeFormat(() => READERS)];

/** Sample lines per built-in format (format-samples.ts, and the families' own). */
export function builtinSamples(): ReadonlyMap<Format, readonly string[]> {
  const m = new Map<Format, readonly string[]>();
  for (const f of BUILTIN) {
    const own = (f as Format & { samples?: readonly string[] }).samples ?? BUILTIN_SAMPLES[f.name];
    if (own !== undefined) m.set(f, own);
  }
  return m;
}

/**
 * A built-in format that does not read its own samples is a bug: fail before
 * it reads a line of the user's. Each checks its samples on its first parse,
 * on whichever thread: checked all at start, print mode spent 20 ms on
 * formats most logs never use before it read (the TUI 25-30 ms before its
 * first screen).
 */
export function checkOnFirstParse(f: Format, lines: readonly string[]): void {
  const parse = f.parse;
  let checked = false;
  f.parse = (text) => {
    if (!checked) {
      for (const line of lines) if (!f.firstChar(line.charCodeAt(0)) || parse(line) === undefined) throw new FormatSampleError(`format ${f.name} does not read its sample ${JSON.stringify(line)}`);
      // Formats that keep what a header line said (W3C's #Fields) forget the samples'.
      (f as Format & { reset?: () => void }).reset?.();
      // Later calls go straight to the format's own (one who copied the format first keeps this one).
      checked = true;
      f.parse = parse;
    }
    return parse(text);
  };
}

for (const [f, lines] of builtinSamples()) checkOnFirstParse(f, lines);

/** `--format` values besides custom ones. */
export const BUILTIN_FORMAT_NAMES: readonly string[] = ['auto', ...BUILTIN.map((f) => f.name), 'plain', 'journal'];

let custom: readonly Format[] = [];
let auto: readonly Format[] = BUILTIN;
/** groupingOf's answers by format name (formatByName walks the lists), forgotten when the lists change. */
const groupings = new Map<string, Grouping>();
/** The last answer, for callers that ask per line (seams.ts). */
let lastName: string | undefined;
let lastGrouping: Grouping = pythonGrouping;

function forgetGroupings(): void {
  groupings.clear();
  lastName = undefined;
}

/** Add the user's formats (custom-formats.ts); they are tried before the built-ins. */
export function setCustomFormats(formats: readonly Format[]): void {
  custom = formats;
  auto = [...custom, ...BUILTIN];
  forgetGroupings();
}

/** Formats auto-detection tries, in order. */
export function autoFormats(): readonly Format[] {
  return auto;
}

/** Every valid `--format` value. */
export function formatNames(): string[] {
  return [...BUILTIN_FORMAT_NAMES, ...custom.map((f) => f.name)];
}

/** Formats compiled from `--log-format` and the config file: used where assigned, never auto-detected. */
let assigned: readonly Format[] = [];
/** Which format the config file assigns a path, if any. */
let sourceRule: (path: string) => string | undefined = () => undefined;

export function setAssignedFormats(formats: readonly Format[], rule: (path: string) => string | undefined): void {
  assigned = formats;
  sourceRule = rule;
  forgetGroupings();
}

/**
 * The format a source is read with: the command line's (`--format`,
 * `--log-format`) when it names one, else the config file's for its path, else auto.
 */
export function formatForSource(path: string, requested: string): string {
  if (requested !== 'auto' || path === '-') return requested;
  return sourceRule(path) ?? 'auto';
}

/** Formats inferred from sources' samples (infer/infer-format.ts), by name, so records re-parse alike. */
const inferred = new Map<string, Format>();

/** Keep an inferred format; one already kept under that name (the same template) is returned instead. */
export function keepInferred(f: Format): Format {
  const had = inferred.get(f.name);
  if (had) return had;
  inferred.set(f.name, f);
  forgetGroupings();
  return f;
}

/**
 * True when a worker thread that parses the same command line knows this
 * format by name: built-in, custom and assigned ones; not one inferred from
 * a sample here.
 */
export function knownEverywhere(f: Format): boolean {
  return inferred.get(f.name) !== f || auto.includes(f) || assigned.includes(f);
}

/**
 * Forget what formats learned from lines read so far (a W3C log's #Fields
 * directive): the next source starts as the first did.
 */
export function resetFormatState(): void {
  w3cFormat.reset();
}

/** The format of that name; undefined for `auto` or an unknown name. */
export function formatByName(name: string): Format | undefined {
  if (name === 'plain') return plainFormat;
  // journalctl's JSON: chosen by `journal:` sources, never detected (the JSON format reads it as well).
  if (name === 'journal') return journalFormat;
  return auto.find((f) => f.name === name) ?? assigned.find((f) => f.name === name) ?? inferred.get(name);
}

/**
 * How records of the format of that name (Head.format) group (Format.grouping).
 * A format that declares none groups as Python's does: Python's heads come
 * through other formats (a container's prefix: compose, kubectl), and
 * kamaki's HTTP calls are known by their loggers in any layout (a
 * `--log-format`, an inferred template, JSON); stack traces are in logs of
 * every kind. Unknown names too.
 */
export function groupingOf(name: string): Grouping {
  if (name === lastName) return lastGrouping;
  let g = groupings.get(name);
  if (g === undefined) {
    g = formatByName(name)?.grouping ?? pythonGrouping;
    groupings.set(name, g);
  }
  lastName = name;
  lastGrouping = g;
  return g;
}
