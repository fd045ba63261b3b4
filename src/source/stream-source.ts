import { closeSync, constants, openSync, statSync, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Socket } from 'node:net';
import { sourceErrorFrom } from './source-error.js';

/**
 * What has no positions to read at or seek to: a FIFO, a pipe (`<(cmd)` is
 * /dev/fd/N), a character device (/dev/zero, /dev/urandom). Read in order to
 * its end, like stdin; never stat'ed for rotation or truncation.
 */
export function isStreamStat(st: Pick<Stats, 'isFIFO' | 'isCharacterDevice'>): boolean {
  return st.isFIFO() || st.isCharacterDevice();
}

/** isStreamStat of the file at path; false when it cannot be stat'ed (the caller reports that). */
export function isStreamPath(path: string): boolean {
  try {
    return isStreamStat(statSync(path));
  } catch {
    return false;
  }
}

/** A stream source being read: its bytes, and a way to stop reading at once. */
export interface StreamReader {
  chunks: AsyncGenerator<Buffer>;
  /** End the read now (a FIFO still waiting for its writer, a device that never ends). */
  close(): void;
}

/**
 * Read a stream source without ever blocking the process. A FIFO is opened
 * O_NONBLOCK (a blocking open waits for a writer, holding a thread and every
 * other source, and signals) and read through libuv's event loop: with no
 * writer yet it simply waits; EOF comes when the last writer closes.
 */
export async function openStreamSource(path: string, chunkSize: number): Promise<StreamReader> {
  let st: Stats;
  try {
    st = await stat(path);
  } catch (err) {
    throw sourceErrorFrom(path, err);
  }
  if (st.isFIFO()) {
    let fd: number;
    try {
      fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (err) {
      throw sourceErrorFrom(path, err);
    }
    let sock: Socket;
    try {
      sock = new Socket({ fd, readable: true, writable: false });
    } catch (err) {
      closeSync(fd);
      throw sourceErrorFrom(path, err);
    }
    let closed = false;
    async function* chunks(): AsyncGenerator<Buffer> {
      try {
        for await (const c of sock) yield c as Buffer;
      } catch (err) {
        if (!closed) throw sourceErrorFrom(path, err);
      }
    }
    return {
      chunks: chunks(),
      close: () => {
        closed = true;
        sock.destroy();
      },
    };
  }
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    throw sourceErrorFrom(path, err);
  }
  let closed = false;
  const handle = fh;
  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      while (!closed) {
        const buf = Buffer.allocUnsafe(chunkSize);
        let n: number;
        try {
          // Position null: read on from where the device is, never at an offset.
          ({ bytesRead: n } = await handle.read(buf, 0, chunkSize, null));
        } catch (err) {
          throw sourceErrorFrom(path, err);
        }
        if (n === 0) return;
        yield n < chunkSize ? buf.subarray(0, n) : buf;
      }
    } finally {
      await handle.close().catch(() => {});
    }
  }
  return {
    chunks: chunks(),
    close: () => {
      closed = true;
    },
  };
}
