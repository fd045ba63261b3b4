import { open } from 'node:fs/promises';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { Level } from '../model/level.js';
import { RecordRenderer } from '../print/printer.js';
import { RecordFilter } from '../query/record-filter.js';
import { Theme } from '../render/theme.js';
import type { RecordStore } from '../store/record-store.js';
import type { SaveRequest } from '../ui/actions.js';

/** Records rendered per write: the event loop (keys, the screen) runs between writes. */
const BATCH = 2000;

/** `~/x` and relative paths as the user means them. */
export function savePath(path: string, cwd = process.cwd()): string {
  const p = path === '~' ? homedir() : path.startsWith('~/') ? homedir() + path.slice(1) : path;
  return resolve(cwd, p);
}

function problem(path: string, err: unknown): Error {
  const e = err as NodeJS.ErrnoException;
  const why = e.code === 'ENOENT' ? 'no such directory' : e.code === 'EACCES' ? 'permission denied' : e.code === 'EISDIR' ? 'is a directory' : e.code === 'ENOSPC' ? 'no space left on the device' : e.message;
  return new Error(`${path}: ${why}`);
}

/**
 * The TUI's `s`: write the given records of the store to a file, in print
 * mode's formats (raw: the original bytes; text: print mode's lines, without
 * colour; json: NDJSON as `-o json`). Resolves to the count written.
 */
export async function saveRecords(store: RecordStore, sourceNames: readonly string[], req: SaveRequest): Promise<number> {
  const file = savePath(req.path);
  const renderer = new RecordRenderer(new RecordFilter({ minLevel: Level.none, include: [], exclude: [] }), req.format, new Theme(0), sourceNames);
  let handle;
  try {
    handle = await open(file, 'w');
  } catch (err) {
    throw problem(req.path, err);
  }
  let written = 0;
  try {
    for (let k = 0; k < req.indices.length; k += BATCH) {
      const end = Math.min(req.indices.length, k + BATCH);
      const batch = [];
      for (let j = k; j < end; j++) batch.push(store.get(req.indices[j]!));
      const out = renderer.renderBatch(batch);
      if (typeof out === 'string') await handle.write(out);
      else if (out.length > 0) await handle.write(out);
      written = end;
    }
  } catch (err) {
    throw problem(req.path, err);
  } finally {
    await handle.close();
  }
  return written;
}
