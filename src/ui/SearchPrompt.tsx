import { Text } from 'ink';
import React from 'react';

/** `/pattern` while searching, `logger: name` while finding a logger. */
export function SearchPrompt({ line }: { line: string }): React.JSX.Element {
  return <Text wrap="truncate">{line}</Text>;
}
