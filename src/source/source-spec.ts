import { existsSync } from 'node:fs';

/**
 * What a source argument names. A local path wins over every other reading
 * when a file of that name exists (`./host:/x` also forces a local path).
 */
export type SourceSpec =
  | { kind: 'stdin' }
  | { kind: 'file'; path: string }
  /** `cmd:COMMAND`: the command line as typed after `cmd:`. */
  | { kind: 'cmd'; command: string }
  /** The stderr of the `cmd:` source just before it (see stderrTwin). */
  | { kind: 'cmd-stderr'; command: string }
  /** `journal:` (unit and path absent), `journal:UNIT`, `journal:/path` (a file or a directory). */
  | { kind: 'journal'; unit?: string; path?: string }
  /** `[user@]host:/path` or `ssh://[user@]host[:port]/path`. */
  | { kind: 'ssh'; host: string; user?: string; port?: number; path: string };

/** Appended to a `cmd:` source's name for the source its stderr is read into. */
export const STDERR_SUFFIX = ' [stderr]';

const SCP_LIKE = /^(?:([^@/:\s]+)@)?([A-Za-z0-9][A-Za-z0-9._-]*|\[[0-9A-Fa-f:.]+\]):(\/.*)$/;
const SSH_URL = /^ssh:\/\/(?:([^@/:\s]+)@)?([A-Za-z0-9][A-Za-z0-9._-]*|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?(\/.*)$/;

/** Read a source argument. `previous` is the argument before it (a `cmd:` source's stderr twin follows it). */
export function parseSourceSpec(name: string, previous?: string): SourceSpec {
  if (name === '-') return { kind: 'stdin' };
  if (previous !== undefined && previous.startsWith('cmd:') && name === previous + STDERR_SUFFIX) return { kind: 'cmd-stderr', command: previous.slice(4) };
  if (name.startsWith('cmd:')) return { kind: 'cmd', command: name.slice(4) };
  if (name.startsWith('journal:')) {
    const rest = name.slice(8);
    if (rest === '') return { kind: 'journal' };
    return rest.startsWith('/') ? { kind: 'journal', path: rest } : { kind: 'journal', unit: rest };
  }
  const url = SSH_URL.exec(name);
  if (url) {
    const spec: SourceSpec = { kind: 'ssh', host: unbracket(url[2]!), path: url[4]! };
    if (url[1] !== undefined) spec.user = url[1];
    if (url[3] !== undefined) spec.port = Number(url[3]);
    return spec;
  }
  const scp = SCP_LIKE.exec(name);
  if (scp && !existsSync(name)) {
    const spec: SourceSpec = { kind: 'ssh', host: unbracket(scp[2]!), path: scp[3]! };
    if (scp[1] !== undefined) spec.user = scp[1];
    return spec;
  }
  return { kind: 'file', path: name };
}

function unbracket(host: string): string {
  return host.startsWith('[') ? host.slice(1, -1) : host;
}

/** Specs of a whole source list, each read with the argument before it. */
export function parseSourceSpecs(names: readonly string[]): SourceSpec[] {
  return names.map((n, i) => parseSourceSpec(n, i > 0 ? names[i - 1] : undefined));
}

/** True for sources that are a local path (read, stat'ed and followed as files). */
export function isLocalPath(spec: SourceSpec): spec is { kind: 'file'; path: string } {
  return spec.kind === 'file';
}

/**
 * The source list logview reads: each `cmd:` source is followed by its
 * stderr twin, so stderr lines are told apart by their source.
 */
export function withStderrTwins(names: readonly string[]): string[] {
  const out: string[] = [];
  names.forEach((n, i) => {
    out.push(n);
    if (parseSourceSpec(n, i > 0 ? names[i - 1] : undefined).kind === 'cmd') out.push(n + STDERR_SUFFIX);
  });
  return out;
}

/**
 * A short name for a source, for row tags: a file's base name without its
 * extension, a remote file's host, a command's program, a journal's unit.
 */
export function sourceLabel(spec: SourceSpec): string {
  switch (spec.kind) {
    case 'stdin':
      return 'stdin';
    case 'file':
      return baseName(spec.path);
    case 'cmd':
      return commandLabel(spec.command);
    case 'cmd-stderr':
      return commandLabel(spec.command) + ':err';
    case 'journal':
      return spec.unit !== undefined ? baseName(spec.unit) : spec.path !== undefined ? baseName(spec.path) : 'journal';
    case 'ssh':
      return spec.host;
  }
}

function commandLabel(command: string): string {
  const first = command.trim().split(/\s+/)[0] ?? '';
  return baseName(first) || 'cmd';
}

function baseName(n: string): string {
  const b = n.slice(n.lastIndexOf('/') + 1) || n;
  const dot = b.indexOf('.');
  return dot > 0 ? b.slice(0, dot) : b;
}
