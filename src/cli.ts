import { createRequire } from 'node:module';
import { InfoExit, parseOptions, UsageError, type Options } from './cli/options.js';
import { sanitize } from './render/sanitize.js';
import { FormatConfigError } from './parse/custom-formats.js';
import { traceStartup } from './app/startup-trace.js';
import { stdinWasClosed } from './cli/closed-stdin.js';
import { expandSources } from './cli/expand-sources.js';
import { fail } from './cli/fail.js';
import { prestartPrintWorkers } from './print/print-prestart.js';
import type { RemotePattern } from './source/ssh/remote-glob.js';

const require = createRequire(import.meta.url);
const VERSION = (require('../package.json') as { version: string }).version;

// For bin/logview.js: an error that escapes main() is one escaped line too.
export { sanitize };

/** Runs logview; resolves to the exit status. Never throws for user-facing errors. */
export async function main(argv: string[]): Promise<number> {
  traceStartup('main');
  let opts: Options;
  try {
    opts = parseOptions(argv, VERSION);
  } catch (err) {
    if (err instanceof InfoExit) {
      process.stdout.write(err.text);
      return 0;
    }
    if (err instanceof FormatConfigError) {
      fail(err.message);
      return 2;
    }
    if (err instanceof UsageError) {
      if (err.detail.length > 0) {
        fail(err.message);
        for (const line of err.detail) process.stderr.write(`${sanitize(line)}\n`);
      } else fail(`${err.message} (see logview --help)`);
      return 2;
    }
    throw err;
  }
  let demo: { path: string; stop(): void } | undefined;
  if (opts.demo) {
    const { startDemo } = await import('./demo/demo-writer.js');
    demo = await startDemo();
    opts.files = [demo.path];
  }
  try {
    return await run(opts);
  } finally {
    demo?.stop();
  }
}

async function run(opts: Options): Promise<number> {
  let files = opts.files.length > 0 ? opts.files : process.stdin.isTTY ? [] : ['-'];
  if (files.length === 0) {
    fail('no input: give a FILE, pipe a log into logview, or try logview --demo (see logview --help)');
    return 2;
  }
  // A closed stdin (`<&-`) read as a source is an unreadable one, as cat and
  // tail say it (`</dev/null` is an empty input, read as such).
  if (files.includes('-') && stdinWasClosed()) {
    fail('standard input: Bad file descriptor (it is closed)');
    return 1;
  }
  if (files.filter((f) => f === '-').length > 1) {
    fail('stdin ("-") can be given only once');
    return 2;
  }
  let unreadable = false;
  let patterns: RemotePattern[] = [];
  try {
    const expanded = await expandSources(files);
    for (const p of expanded.problems) fail(p);
    unreadable = expanded.problems.length > 0;
    files = expanded.names;
    patterns = expanded.patterns;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    fail(`${err.message} (see logview --help)`);
    return 2;
  }
  // Remote patterns that matched nothing (or whose host could not be reached), and nothing else.
  if (files.length === 0) return 1;
  // The TUI when a person watches (stdout is a terminal) and keys can be read;
  // otherwise print mode.
  const tui = !opts.print && process.stdout.isTTY;
  if (!tui) prestartPrintWorkers(opts, files);
  if (tui) {
    const { startTui } = await import('./app/start-tui.js');
    const code = await startTui(opts, files, patterns);
    if (code !== undefined) return code;
  }
  const { runPrint } = await import('./print/run-print.js');
  const status = await runPrint(opts, files, patterns);
  return status === 0 && unreadable ? 1 : status;
}
