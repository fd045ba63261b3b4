import { Text } from 'ink';
import React from 'react';

/** Mode, sources, position, filters, notices and the key hint, as one line. */
export function StatusBar({ line }: { line: string }): React.JSX.Element {
  return <Text wrap="truncate">{line}</Text>;
}
