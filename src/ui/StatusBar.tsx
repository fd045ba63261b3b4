import { Text } from 'ink';
import React from 'react';
import { statusLine } from './screen-lines.js';
import type { Viewer } from './viewer.js';

export function StatusBar({ viewer }: { viewer: Viewer }): React.JSX.Element {
  return <Text wrap="truncate">{statusLine(viewer)}</Text>;
}
