import { recordListLines, statusBarLine } from '../ui/screen.js';
import { mapStringWrites } from '../ui/line-slots.js';
import type { Viewer } from '../ui/viewer.js';
import { traceStartup } from './startup-trace.js';

/** How long the first paint waits for the sources to catch up before it draws what there is. */
const WAIT_MS = 250;

/**
 * The first screen, drawn before Ink and React have loaded (they take a few
 * hundred ms to import; the tail of a big file is read in tens): the record
 * list and the status bar as the viewer's own render functions make them,
 * written straight to the terminal. The cursor goes back home, so Ink's
 * first frame draws over it.
 */
export async function firstPaint(out: NodeJS.WriteStream, viewer: Viewer, caughtUp: () => boolean): Promise<void> {
  const start = Date.now();
  while (!caughtUp() && Date.now() - start < WAIT_MS) await new Promise((r) => setTimeout(r, 3));
  traceStartup('caught-up');
  viewer.catchUp();
  // The list as tall as its pane (it returns only the rows it has), then the status bar.
  const list = recordListLines(viewer);
  while (list.length < viewer.layout.bodyHeight) list.push('');
  const lines = [...list, statusBarLine(viewer)];
  out.write('\x1b[H' + lines.map((l) => l + '\x1b[K').join('\r\n') + '\x1b[H');
  traceStartup('first-paint');
}

/**
 * `out` for Ink: its first frame clears the first paint in the same write
 * (Ink's lines are not erased to their end, and a clear of its own would
 * leave the screen blank until Ink's first frame).
 */
export function clearedByFirstFrame(out: NodeJS.WriteStream): NodeJS.WriteStream {
  let first = true;
  return mapStringWrites(out, (s) => {
    const c = first ? '\x1b[H\x1b[2J' + s : s;
    first = false;
    return c;
  });
}

