import { useSyncExternalStore } from 'react';
import type { Viewer } from '../viewer.js';

/** Re-render when the viewer changes; records stay outside React. */
export function useViewer(viewer: Viewer): number {
  return useSyncExternalStore(viewer.subscribe, viewer.getVersion, viewer.getVersion);
}
