import { closeSync, openSync } from 'node:fs';

/**
 * New descriptors on the files `fds` have open, through /dev/fd/N (Linux:
 * the same inode even once renamed or deleted), opened for reading, or
 * reading and writing where `write` says so; each is the caller's to close.
 * Undefined, with none left open, when any cannot be opened.
 */
export function openAgain(fds: ReadonlyArray<{ fd: number; write?: boolean }>): number[] | undefined {
  const opened: number[] = [];
  try {
    for (const f of fds) opened.push(openSync(`/dev/fd/${f.fd}`, f.write ? 'r+' : 'r'));
    return opened;
  } catch {
    for (const fd of opened) closeSync(fd);
    return undefined;
  }
}
