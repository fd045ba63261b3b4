import { Box } from 'ink';
import React from 'react';
import { DetailsPane } from './DetailsPane.js';
import { HelpOverlay } from './HelpOverlay.js';
import { useKeys } from './hooks/use-keys.js';
import { useViewer } from './hooks/use-viewer.js';
import type { LineSlots } from './line-slots.js';
import { Lines, SlotsContext } from './Lines.js';
import { LoggerTreePane } from './LoggerTreePane.js';
import { RecordList } from './RecordList.js';
import { SearchPrompt } from './SearchPrompt.js';
import { StatusBar } from './StatusBar.js';
import type { Viewer } from './viewer.js';

/** The whole screen; one row shorter than the terminal (see Viewer.frameHeight). */
export function App({ viewer, keys = true, slots }: { viewer: Viewer; keys?: boolean; slots?: LineSlots }): React.JSX.Element {
  return (
    <SlotsContext.Provider value={slots}>
      <Screen viewer={viewer} keys={keys} />
    </SlotsContext.Provider>
  );
}

function Screen({ viewer, keys }: { viewer: Viewer; keys: boolean }): React.JSX.Element {
  useViewer(viewer);
  useKeys(viewer, keys);
  const body = viewer.bodyHeight;
  let main: React.JSX.Element;
  if (viewer.overlay?.kind === 'help') main = <HelpOverlay viewer={viewer} />;
  else if (viewer.overlay) main = <DetailsPane viewer={viewer} />;
  else if (viewer.treeOpen && !viewer.treeSideBySide) main = <LoggerTreePane viewer={viewer} />;
  else if (viewer.treeOpen) {
    const dim = viewer.theme.dim.open;
    const bar = dim ? `${dim}│\x1b[0m` : '│';
    main = (
      <Box flexDirection="row" height={body}>
        <LoggerTreePane viewer={viewer} />
        <Lines lines={Array.from({ length: body }, () => bar)} width={1} height={body} />
        <RecordList viewer={viewer} />
      </Box>
    );
  } else main = <RecordList viewer={viewer} />;
  return (
    <Box flexDirection="column" width={viewer.columns} height={viewer.frameHeight}>
      <Box height={body} flexDirection="column">
        {main}
      </Box>
      {viewer.prompt ? <SearchPrompt viewer={viewer} /> : null}
      <StatusBar viewer={viewer} />
    </Box>
  );
}
