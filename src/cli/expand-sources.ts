import { CommandSyntaxError, splitCommand } from '../source/command/split-command.js';
import { parseSourceSpecs, withStderrTwins } from '../source/source-spec.js';
import { UsageError } from './usage-error.js';

/** The sources as logview reads them: a `cmd:` source's stderr gets a source of its own after it. */
export function expandSources(names: readonly string[]): string[] {
  parseSourceSpecs(names).forEach((spec, i) => {
    if (spec.kind !== 'cmd') return;
    try {
      splitCommand(spec.command);
    } catch (err) {
      if (err instanceof CommandSyntaxError) throw new UsageError(`${names[i]}: ${err.message}`);
      throw err;
    }
  });
  return withStderrTwins(names);
}
