import React from 'react';
import { Lines, type PaneProps } from './Lines.js';

/** The visible slice of the filtered records; only those rows are rendered. */
export function RecordList(props: PaneProps): React.JSX.Element {
  return <Lines {...props} />;
}
