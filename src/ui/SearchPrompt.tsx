import { Text } from 'ink';
import React from 'react';
import { promptLine } from './screen-lines.js';
import type { Viewer } from './viewer.js';

/** `/pattern` while searching, `logger: name` while finding a logger. */
export function SearchPrompt({ viewer }: { viewer: Viewer }): React.JSX.Element {
  return <Text wrap="truncate">{promptLine(viewer)}</Text>;
}
