import { execFileSync } from 'node:child_process';

export interface PythonLogOptions {
  /** Records to write. */
  count: number;
  /** Every n-th record (i % n == 5) is logger.exception() with its traceback. */
  tracebackEvery: number;
  /** The message: a %-format taking the record number (and the padding, if `pad`). */
  message?: string;
  /** Characters of padding passed as the second argument. */
  pad?: number;
  /** Every n-th record gets an indented continuation line. */
  continuationEvery?: number;
  /** Record `at` is an ERROR whose message has `lines` more lines (` x` each): a record of millions of lines. */
  huge?: { at: number; lines: number };
}

/**
 * A log written by Python's logging (`%(asctime)s %(levelname)s %(name)s
 * %(message)s`, four loggers, DEBUG to WARNING and tracebacks) to `path`.
 */
export function writePythonLog(path: string, o: PythonLogOptions): void {
  const script = `
import logging, sys
count, every, message, pad, cont = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
huge_at, huge_lines = int(sys.argv[7]), int(sys.argv[8])
h = logging.FileHandler(sys.argv[1])
h.setFormatter(logging.Formatter('%(asctime)s %(levelname)s %(name)s %(message)s'))
root = logging.getLogger(); root.addHandler(h); root.setLevel(logging.DEBUG)
names = ['kamaki.cli', 'kamaki.clients.compute', 'nova.compute.manager', 'app.worker']
padding = 'y' * pad
for i in range(count):
    log = logging.getLogger(names[i % 4])
    if i == huge_at:
        log.error('huge record%s', '\\n x' * huge_lines)
        continue
    if i % every == 5:
        try:
            {}['missing-%d' % i]
        except KeyError:
            log.exception('lookup failed %d', i)
        continue
    text = message + ('\\n  continued on an indented line' if cont and i % cont == 0 else '')
    args = (i, padding) if pad else (i,)
    log.log([10, 20, 20, 30][i % 4], text, *args)
`;
  execFileSync('python3', ['-c', script, path, String(o.count), String(o.tracebackEvery), o.message ?? 'message number %d', String(o.pad ?? 0), String(o.continuationEvery ?? 0), String(o.huge?.at ?? -1), String(o.huge?.lines ?? 0)]);
}
