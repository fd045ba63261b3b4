import { decodeEarlyKeys } from '../ui/keys.js';
import { frameLines } from '../ui/screen.js';
import { frameText } from '../ui/line-slots.js';
import type { Viewer } from '../ui/viewer.js';

/** What handles keys until Ink does: stop() hands the terminal's input over. */
export interface EarlyKeys {
  stop(): void;
}

/**
 * Keys typed between the first paint and Ink's first frame (Ink takes
 * 100-150 ms more to load and mount: a key pressed as the screen appeared
 * waited that long). Plain keys go to the viewer and the screen is drawn
 * again as the first paint draws it; from the first input Ink's parser must
 * read (an escape sequence, other text) on, everything waits for Ink, in
 * order, as before.
 */
export function handleEarlyKeys(keys: NodeJS.ReadStream, out: NodeJS.WriteStream, viewer: Viewer): EarlyKeys {
  let left: Buffer | undefined;
  let stopped = false;
  // Read as Ink reads (`readable`, then read()): a stream switched to
  // flowing ('data') and paused again answered Ink's reads 50-150 ms late.
  const onReadable = (): void => {
    let chunk: Buffer | string | null;
    while (!stopped && left === undefined && (chunk = keys.read() as Buffer | string | null) !== null) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
      const names = decodeEarlyKeys(bytes.toString('latin1'));
      // Ink reads this and what follows.
      if (names === undefined) left = bytes;
      else {
        viewer.keys(names);
        // A key that quit (q) restored the terminal: nothing more is drawn.
        if (!stopped) out.write(frameText(frameLines(viewer)));
      }
    }
  };
  keys.on('readable', onReadable);
  return {
    stop(): void {
      stopped = true;
      keys.off('readable', onReadable);
      if (left !== undefined) keys.unshift(left);
      left = undefined;
    },
  };
}
