import type { Grouping } from '../grouping.js';
import type { Head } from '../head.js';
import { kamakiCalls } from '../kamaki-http.js';
import { stackTraces } from './stack-traces.js';

/**
 * The message line of kamaki's two shapes that put the message on a line of
 * its own (python-head.ts): after a bare logger name (`%(name)s\n
 * %(message)s`) a line starting with one space, which it strips; after
 * `name(LEVEL) time` any line that is no head, indented by a tab or up to
 * two spaces, which it strips too.
 */
function kamakiMessageLine(h: Head, next: string): string | undefined {
  const c = next.charCodeAt(0);
  if (h.shape === 'name-only') return c === 32 ? next.slice(1) : undefined;
  if (c === 9) return next.slice(1);
  if (c === 32) return next.slice(next.charCodeAt(1) === 32 ? 2 : 1);
  return next;
}

/** Python logging's records: stack traces, kamaki's HTTP calls and its message lines. */
export const pythonGrouping: Grouping = {
  continuation: stackTraces,
  calls: kamakiCalls,
  messageLine: kamakiMessageLine,
};
