/** A source that cannot be read: reported as one `logview: ` line, never a stack trace. */
export class SourceError extends Error {
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  ELOOP: 'Too many levels of symbolic links',
  EMFILE: 'Too many open files',
  EIO: 'Input/output error',
  ENOSPC: 'No space left on device',
  ENXIO: 'No such device or address',
  ESPIPE: 'Illegal seek',
  ENODEV: 'No such device',
  EAGAIN: 'Resource temporarily unavailable',
  EBUSY: 'Device or resource busy',
  EINVAL: 'Invalid argument',
  ENAMETOOLONG: 'File name too long',
  EOPNOTSUPP: 'Operation not supported',
};

/** Node's `ECODE: reason, syscall 'path'`: the reason alone (the caller names the source). */
const NODE_FS_MESSAGE = /^[A-Z0-9_]+: ([^,]+), \w+/;

/** Turn a Node fs error into the one-line reason a user reads. */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code && REASONS[code]) return REASONS[code];
  const text = err instanceof Error ? err.message : String(err);
  const m = NODE_FS_MESSAGE.exec(text);
  return m ? m[1]!.charAt(0).toUpperCase() + m[1]!.slice(1) : text;
}

/** The one-line problem report for a source: `path: reason`. */
export function sourceProblem(source: string, err: unknown): string {
  return `${source}: ${describeFsError(err)}`;
}

export function sourceErrorFrom(source: string, err: unknown): SourceError {
  return new SourceError(source, sourceProblem(source, err));
}

/** What fs reports when a directory is opened for reading. */
export const IS_DIRECTORY = { code: 'EISDIR' };
