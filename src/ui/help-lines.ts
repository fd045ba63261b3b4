/** Every key, grouped, for the help overlay (and the README). */
export const HELP: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, string]>]> = [
  [
    'Moving',
    [
      ['j k  ↓ ↑', 'next / previous record'],
      ['PgDn PgUp  space b', 'page down / up'],
      ['Ctrl-D Ctrl-U', 'half a page down / up'],
      ['g G  Home End', 'first / last record (G resumes following)'],
      ['e E', 'next / previous error'],
      ['← →  h l', 'scroll long lines sideways'],
      ['w', 'wrap long lines / cut them'],
    ],
  ],
  [
    'Filtering and searching',
    [
      ['+ -', 'raise / lower the level threshold'],
      ['/', 'search (regex; smart case), as you type'],
      ['n N', 'next / previous match'],
      ['&', 'show only matching records'],
      ['t', 'logger tree pane'],
    ],
  ],
  [
    'Logger tree pane',
    [
      ['j k  ↓ ↑', 'move'],
      ['Enter → ←', 'open / close a node'],
      ['space', 'show / hide the subtree'],
      ['+ -', "raise / lower the subtree's level threshold"],
      ['o', 'show only this subtree'],
      ['x  X', 'clear the rules of this subtree / of all'],
      ['/', 'find a logger by name (fuzzy)'],
      ['Tab', 'switch between tree and records'],
      ['Esc t', 'close the pane'],
    ],
  ],
  [
    'Other',
    [
      ['Enter', 'details of the selected record'],
      ['?', 'this help'],
      ['Esc', 'close a prompt or pane'],
      ['q  Ctrl-C', 'quit (q closes details and help first)'],
    ],
  ],
];

export function helpText(): string[] {
  const lines: string[] = [];
  for (const [title, keys] of HELP) {
    if (lines.length > 0) lines.push('');
    lines.push(title);
    for (const [k, what] of keys) lines.push(`  ${k.padEnd(22)}${what}`);
  }
  return lines;
}
