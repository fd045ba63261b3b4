import { openSync, statSync } from 'node:fs';
import { ReadStream } from 'node:tty';
import type { Options } from '../cli/options.js';
import { sourceProblem } from '../source/source-error.js';
import { withoutCi } from './without-ci.js';
import { traceStartup } from './startup-trace.js';
import { parseSourceSpecs } from '../source/source-spec.js';
import type { RemotePattern } from '../source/ssh/remote-glob.js';

/**
 * Where keys come from: the terminal on stdin, or /dev/tty when stdin carries
 * the log (`kamaki ... 2>&1 | logview`). Undefined when there is no terminal.
 */
export function openKeyInput(files: readonly string[]): NodeJS.ReadStream | undefined {
  if (process.stdin.isTTY && !files.includes('-')) return process.stdin;
  try {
    const fd = openSync('/dev/tty', 'r');
    return new ReadStream(fd) as unknown as NodeJS.ReadStream;
  } catch {
    return undefined;
  }
}

/**
 * Run the TUI; resolves to the exit status, or undefined when there is no
 * terminal to read keys from (the caller falls back to print mode).
 */
export async function startTui(opts: Options, files: string[], remotePatterns: readonly RemotePattern[] = []): Promise<number | undefined> {
  // Without -f/-F a mistyped name is an error at once, as in print mode;
  // with it, the viewer waits for the file like tail -F.
  if (!opts.follow) {
    const problems = missingFiles(files);
    if (problems.length > 0) {
      for (const p of problems) process.stderr.write(`logview: ${p}\n`);
      return 1;
    }
  }
  const keys = openKeyInput(files);
  if (!keys) return undefined;
  // React's development build checks every render; a viewer wants the fast one.
  process.env.NODE_ENV ??= 'production';
  const { runTui } = await withoutCi(() => import('./run-tui.js'));
  traceStartup('tui-loaded');
  return runTui({ opts, files, keys, out: process.stdout, remotePatterns });
}

/** `path: reason` for each named file that cannot be found at start. */
export function missingFiles(files: readonly string[]): string[] {
  const out: string[] = [];
  const specs = parseSourceSpecs(files);
  for (const [i, f] of files.entries()) {
    if (specs[i]!.kind !== 'file') continue;
    try {
      statSync(f);
    } catch (err) {
      out.push(sourceProblem(f, err));
    }
  }
  return out;
}
