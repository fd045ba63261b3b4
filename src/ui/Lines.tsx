import { Box, Text } from 'ink';
import React, { createContext, useContext } from 'react';
import type { LineSlots } from './line-slots.js';

/** Set by the TUI so full-width lines pass Ink as placeholders (see line-slots.ts). */
export const SlotsContext = createContext<LineSlots | undefined>(undefined);

/**
 * Pre-cut screen lines in a fixed-size column; Ink only places them. `last`:
 * nothing is to the right of these lines, so they may go as placeholders.
 */
export function Lines({ lines, width, height, last = false }: { lines: readonly string[]; width: number; height: number; last?: boolean }): React.JSX.Element {
  const slots = useContext(SlotsContext);
  const put = last && slots ? (l: string) => slots.token(l) : (l: string) => l;
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate">
          {l === '' ? ' ' : put(l)}
        </Text>
      ))}
    </Box>
  );
}
