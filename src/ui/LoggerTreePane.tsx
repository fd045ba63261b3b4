import React from 'react';
import { Lines, type PaneProps } from './Lines.js';

/** The logger hierarchy with counts and rules, or the fuzzy finder's results. */
export function LoggerTreePane(props: PaneProps): React.JSX.Element {
  return <Lines {...props} />;
}
