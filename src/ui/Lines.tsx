import { Box, Text } from 'ink';
import React, { createContext, useContext } from 'react';
import type { LineSlots } from './line-slots.js';

/** Set by the TUI so full-width lines pass Ink as placeholders (see line-slots.ts). */
export const SlotsContext = createContext<LineSlots | undefined>(undefined);

export interface PaneProps {
  lines: readonly string[];
  width: number;
  height: number;
  /** The layout puts nothing right of this pane, so its lines may go as placeholders. */
  rightmost?: boolean;
}

/** Pre-cut screen lines in a fixed-size column; Ink only places them. */
export function Lines({ lines, width, height, rightmost = false }: PaneProps): React.JSX.Element {
  const slots = useContext(SlotsContext);
  const put = rightmost && slots ? (l: string) => slots.token(l) : (l: string) => l;
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
