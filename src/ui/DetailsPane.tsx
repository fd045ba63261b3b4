import React from 'react';
import { Lines, type PaneProps } from './Lines.js';

/** A scrollable full-width pane: the selected record's details, or the help. */
export function DetailsPane(props: PaneProps): React.JSX.Element {
  return <Lines {...props} rightmost />;
}
