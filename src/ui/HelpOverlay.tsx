import React from 'react';
import { DetailsPane } from './DetailsPane.js';
import type { Viewer } from './viewer.js';

/** The key list; the same scrollable pane as the details. */
export function HelpOverlay({ viewer }: { viewer: Viewer }): React.JSX.Element {
  return <DetailsPane viewer={viewer} />;
}
