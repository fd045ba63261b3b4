import React from 'react';
import { treeLines } from './screen-lines.js';
import { Lines } from './Lines.js';
import type { Viewer } from './viewer.js';

/** The logger hierarchy with counts and rules, or the fuzzy finder's results. */
export function LoggerTreePane({ viewer }: { viewer: Viewer }): React.JSX.Element {
  return <Lines lines={treeLines(viewer)} width={viewer.treeWidth} height={viewer.bodyHeight} last={!viewer.treeSideBySide} />;
}
