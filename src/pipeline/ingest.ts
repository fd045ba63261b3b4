import type { LogRecord } from '../model/record.js';
import { streamRecords } from '../parse/record-stream.js';
import { readFileChunks, readStreamChunks } from '../source/read-chunks.js';
import { SourceError } from '../source/source-error.js';

export interface IngestOptions {
  /** Keep following files after EOF across rotation (tail -F). */
  follow: boolean;
  /** Where "-" reads from. */
  stdin?: NodeJS.ReadableStream;
  /** `--format`: auto (default) or a format name. */
  format?: string;
}

export interface IngestHandlers {
  /**
   * Records in order per source. May return a promise: the source waits for it
   * before reading on (print mode's output backpressure).
   */
  onRecords(records: LogRecord[]): void | Promise<void>;
  /** A one-line notice about a source: unreadable, waiting, closed. */
  onNotice(sourceId: number, message: string, kind: 'error' | 'info'): void;
}

export interface Ingest {
  /** Resolves when every source has ended (never, for followed files, until stop()). */
  done: Promise<void>;
  /** Stop reading; records already delivered stay delivered. */
  stop(): void;
  /** True if any source failed. */
  readonly failed: boolean;
}

/**
 * source -> lines -> records for every source given on the command line.
 * Sources are read one after the other in print mode; a source that fails is
 * reported and the others still go on.
 */
export function ingestSources(names: readonly string[], opts: IngestOptions, handlers: IngestHandlers): Ingest {
  let stopped = false;
  let failed = false;
  async function* guarded(chunks: AsyncGenerator<Buffer>): AsyncGenerator<Buffer> {
    for await (const c of chunks) {
      if (stopped) return;
      yield c;
    }
  }
  const done = (async () => {
    for (let id = 0; id < names.length && !stopped; id++) {
      const name = names[id]!;
      const chunks = name === '-' ? readStreamChunks(opts.stdin ?? process.stdin) : readFileChunks(name);
      try {
        await streamRecords(guarded(chunks), id, (batch) => handlers.onRecords(batch), { format: opts.format ?? 'auto' });
        if (name === '-') handlers.onNotice(id, 'stdin closed', 'info');
      } catch (err) {
        if (!(err instanceof SourceError)) throw err;
        failed = true;
        handlers.onNotice(id, err.message, 'error');
      }
    }
  })();
  return {
    done,
    stop() {
      stopped = true;
    },
    get failed() {
      return failed;
    },
  };
}
