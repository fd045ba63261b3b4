import { CommandSource } from './command/command-source.js';
import { splitCommand } from './command/split-command.js';
import { JournalSource } from './journal/journal-source.js';
import type { LiveOutputs, LiveSource } from './live-source.js';
import type { SourceSpec } from './source-spec.js';
import { SshSource } from './ssh/ssh-source.js';

export interface LiveSourceOptions {
  /** Keep reading after the end of what is there (journalctl -f, a remote file followed). */
  follow: boolean;
  /** `--restart`: run a command again when it exits. */
  restart: boolean;
}

/** The process-backed source for a `cmd:`, `journal:` or remote spec. Throws (one line) for what cannot be started. */
export function openLiveSource(name: string, spec: SourceSpec, out: LiveOutputs, opts: LiveSourceOptions): LiveSource {
  switch (spec.kind) {
    case 'cmd':
      return new CommandSource(name, splitCommand(spec.command), out, { restart: opts.restart });
    case 'journal': {
      const target = { ...(spec.unit !== undefined ? { unit: spec.unit } : {}), ...(spec.path !== undefined ? { path: spec.path } : {}) };
      return new JournalSource(name, target, out, { follow: opts.follow });
    }
    case 'ssh': {
      const target = { host: spec.host, ...(spec.user !== undefined ? { user: spec.user } : {}), ...(spec.port !== undefined ? { port: spec.port } : {}) };
      return new SshSource(name, target, spec.path, out, { follow: opts.follow });
    }
    default:
      throw new Error(`not a live source (${spec.kind})`);
  }
}
