import { sanitize } from '../render/sanitize.js';

/** One `logview: ` line on stderr: a file name or option value in it is shown escaped, never obeyed. */
export function fail(message: string): void {
  process.stderr.write(`logview: ${sanitize(message)}\n`);
}
