import { CommandSyntaxError, splitCommand } from '../source/command/split-command.js';
import { parseSourceSpecs, withStderrTwins } from '../source/source-spec.js';
import type { RemotePattern } from '../source/ssh/remote-glob.js';
import { UsageError } from './usage-error.js';

/** Source arguments after remote patterns are expanded, and the one-line problems of those that could not be. */
export interface ExpandedSources {
  names: string[];
  problems: string[];
  /** The remote patterns that matched: followed, they are watched for new files. */
  patterns: RemotePattern[];
}

/**
 * The sources as logview reads them: a remote pattern (`host:/var/log/nova/*.log`)
 * becomes one source per file it matches on its host, and a `cmd:` source's
 * stderr gets a source of its own after it. Bad `cmd:` quoting is a UsageError.
 */
export async function expandSources(names: readonly string[]): Promise<ExpandedSources> {
  checkCommands(names);
  const specs = parseSourceSpecs(names);
  const problems: string[] = [];
  const patterns: RemotePattern[] = [];
  const expanded = await Promise.all(
    names.map(async (name, i) => {
      const spec = specs[i]!;
      if (spec.kind !== 'ssh') return [name];
      // ssh's code loads only for an ssh source (local files start without it).
      const { expandRemoteGlob, isRemoteGlob, remoteName } = await import('../source/ssh/remote-glob.js');
      if (!isRemoteGlob(spec.path)) return [name];
      try {
        const pattern = await expandRemoteGlob(name, spec);
        patterns.push(pattern);
        return pattern.paths.map((p) => remoteName(name, spec, p));
      } catch (err) {
        problems.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
        return [];
      }
    }),
  );
  return { names: withStderrTwins(expanded.flat()), problems, patterns };
}

function checkCommands(names: readonly string[]): void {
  parseSourceSpecs(names).forEach((spec, i) => {
    if (spec.kind !== 'cmd') return;
    try {
      splitCommand(spec.command);
    } catch (err) {
      if (err instanceof CommandSyntaxError) throw new UsageError(`${names[i]}: ${err.message}`);
      throw err;
    }
  });
}
