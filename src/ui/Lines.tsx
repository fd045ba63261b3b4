import { Box, Text } from 'ink';
import React from 'react';

/** Pre-cut screen lines in a fixed-size column; Ink only places them. */
export function Lines({ lines, width, height }: { lines: readonly string[]; width: number; height: number }): React.JSX.Element {
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate">
          {l === '' ? ' ' : l}
        </Text>
      ))}
    </Box>
  );
}
