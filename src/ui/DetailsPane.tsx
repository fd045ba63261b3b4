import React from 'react';
import { overlayLines } from './screen-lines.js';
import { Lines } from './Lines.js';
import type { Viewer } from './viewer.js';

/** A scrollable full-width pane: the selected record's details, or the help. */
export function DetailsPane({ viewer }: { viewer: Viewer }): React.JSX.Element {
  return <Lines lines={overlayLines(viewer)} width={viewer.columns} height={viewer.bodyHeight} last />;
}
