import React from 'react';
import { listLines } from './screen-lines.js';
import { Lines } from './Lines.js';
import type { Viewer } from './viewer.js';

/** The visible slice of the filtered records; only those rows are rendered. */
export function RecordList({ viewer }: { viewer: Viewer }): React.JSX.Element {
  return <Lines lines={listLines(viewer)} width={viewer.listWidth} height={viewer.bodyHeight} last />;
}
