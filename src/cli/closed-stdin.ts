import { fstatSync, readFileSync } from 'node:fs';

/** /dev/null is character device 1:3 on Linux. */
const DEV_NULL = 0x103;
const O_ACCMODE = 0o3;
const O_RDWR = 0o2;

/**
 * Was standard input closed when logview started (`logview <&-`)? Node's
 * startup opens /dev/null on a closed fd 0, read-write; a shell's
 * `</dev/null` opens it read-only, and that is an empty input, not an error.
 * The open mode shows in /proc/self/fdinfo/0 (Linux); without it, no guess.
 */
export function stdinWasClosed(): boolean {
  try {
    const st = fstatSync(0);
    if (!st.isCharacterDevice() || st.rdev !== DEV_NULL) return false;
  } catch {
    return true; // still closed: nothing reopened it
  }
  try {
    const flags = /^flags:\s*([0-7]+)$/m.exec(readFileSync('/proc/self/fdinfo/0', 'utf8'));
    return flags !== null && (parseInt(flags[1]!, 8) & O_ACCMODE) === O_RDWR;
  } catch {
    return false;
  }
}
