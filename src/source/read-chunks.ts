import { open } from 'node:fs/promises';
import { IS_DIRECTORY, sourceErrorFrom } from './source-error.js';
import { isStreamPath, openStreamSource } from './stream-source.js';

export const CHUNK_SIZE = 1024 * 1024;

/**
 * A file's bytes in chunks, from start to EOF; never the whole file at once.
 * Each chunk is a fresh buffer: lines and records may keep slices of it.
 */
export async function* readFileChunks(path: string, chunkSize = CHUNK_SIZE): AsyncGenerator<Buffer> {
  // A FIFO, `<(cmd)` or a device: read as a stream (a blocking open of a
  // FIFO without a writer would hold every other source).
  if (isStreamPath(path)) {
    const stream = await openStreamSource(path, chunkSize);
    try {
      yield* stream.chunks;
    } finally {
      stream.close();
    }
    return;
  }
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    throw sourceErrorFrom(path, err);
  }
  try {
    const st = await fh.stat();
    if (st.isDirectory()) throw sourceErrorFrom(path, IS_DIRECTORY);
    for (;;) {
      const buf = Buffer.allocUnsafe(chunkSize);
      let n: number;
      try {
        ({ bytesRead: n } = await fh.read(buf, 0, chunkSize, null));
      } catch (err) {
        throw sourceErrorFrom(path, err);
      }
      if (n === 0) return;
      yield n < chunkSize ? buf.subarray(0, n) : buf;
    }
  } finally {
    await fh.close();
  }
}

/** A readable stream's bytes (stdin), as buffers. */
export async function* readStreamChunks(stream: NodeJS.ReadableStream): AsyncGenerator<Buffer> {
  for await (const chunk of stream) {
    yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
  }
}
