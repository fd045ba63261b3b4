import { Text } from 'ink';
import React from 'react';
import { useKeys } from './hooks/use-keys.js';
import { useViewer } from './hooks/use-viewer.js';
import type { LineSlots } from './line-slots.js';
import { Lines } from './Lines.js';
import { frameLines } from './screen.js';
import type { Viewer } from './viewer.js';

/**
 * The whole screen, one row shorter than the terminal (see Layout.frameHeight).
 * With `slots` (the TUI) Ink gets the frame as one placeholder (line-slots.ts);
 * without (tests, the bench's --no-slots) it draws the same lines itself.
 */
export function App({ viewer, keys = true, slots }: { viewer: Viewer; keys?: boolean; slots?: LineSlots }): React.JSX.Element {
  useViewer(viewer);
  useKeys(viewer, keys);
  const lines = frameLines(viewer);
  if (slots) return <Text>{slots.frame(lines)}</Text>;
  return <Lines lines={lines} width={viewer.layout.columns} height={viewer.layout.frameHeight} />;
}
