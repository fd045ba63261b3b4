import { Box } from 'ink';
import React from 'react';
import { RESET } from '../render/theme.js';
import { DetailsPane } from './DetailsPane.js';
import { useKeys } from './hooks/use-keys.js';
import { useViewer } from './hooks/use-viewer.js';
import type { LineSlots } from './line-slots.js';
import { Lines, SlotsContext } from './Lines.js';
import { LoggerTreePane } from './LoggerTreePane.js';
import { RecordList } from './RecordList.js';
import { httpPaneLines, overlayPaneLines, promptBarLine, recordListLines, statusBarLine, timelinePaneLines, treePaneLines } from './screen.js';
import { SearchPrompt } from './SearchPrompt.js';
import { StatusBar } from './StatusBar.js';
import type { Viewer } from './viewer.js';

/** The whole screen; one row shorter than the terminal (see Layout.frameHeight). */
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
  const lay = viewer.layout;
  const body = lay.bodyHeight;
  // Placeholders only where the layout puts nothing to the right (see line-slots.ts).
  const listRightmost = lay.list.x + lay.list.width === lay.columns;
  let main: React.JSX.Element;
  if (viewer.overlay) main = <DetailsPane lines={overlayPaneLines(viewer)} width={lay.columns} height={body} />;
  else if (viewer.httpPane) main = <DetailsPane lines={httpPaneLines(viewer)} width={lay.columns} height={body} />;
  else if (viewer.timeline.open) main = <DetailsPane lines={timelinePaneLines(viewer)} width={lay.columns} height={body} />;
  else if (lay.tree && lay.list.width === 0) main = <LoggerTreePane lines={treePaneLines(viewer)} width={lay.tree.width} height={body} rightmost={lay.tree.width === lay.columns} />;
  else if (lay.tree) {
    const dim = viewer.theme.dim.open;
    const bar = dim ? `${dim}│${RESET}` : '│';
    main = (
      <Box flexDirection="row" height={body}>
        <LoggerTreePane lines={treePaneLines(viewer)} width={lay.tree.width} height={body} />
        <Lines lines={Array.from({ length: body }, () => bar)} width={1} height={body} />
        <RecordList lines={recordListLines(viewer)} width={lay.list.width} height={body} rightmost={listRightmost} />
      </Box>
    );
  } else main = <RecordList lines={recordListLines(viewer)} width={lay.list.width} height={body} rightmost={listRightmost} />;
  return (
    <Box flexDirection="column" width={lay.columns} height={lay.frameHeight}>
      <Box height={body} flexDirection="column">
        {main}
      </Box>
      {viewer.prompt ? <SearchPrompt line={promptBarLine(viewer)} /> : null}
      <StatusBar line={statusBarLine(viewer)} />
    </Box>
  );
}
