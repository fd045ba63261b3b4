import { useInput } from 'ink';
import { useCallback } from 'react';
import { decodeKeys } from '../keys.js';
import type { Viewer } from '../viewer.js';

/** Every key of every input event goes to the viewer, in order, with one redraw per event. */
export function useKeys(viewer: Viewer, isActive = true): void {
  const handler = useCallback<Parameters<typeof useInput>[0]>(
    (input, key) => {
      const keys = decodeKeys(input, key);
      if (keys.length > 0) viewer.keys(keys);
    },
    [viewer],
  );
  useInput(handler, { isActive });
}
