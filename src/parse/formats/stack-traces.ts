import type { ContinuationRule } from '../grouping.js';

/**
 * The stack traces that logs of any layout carry, Python's and Java's (a
 * Java service logs its Python worker's traceback, as Spark does; a Python
 * one logs the Java exception it called into, as PySpark does), so every
 * format groups them unless it declares otherwise.
 *
 * Python's: `Traceback (most recent call last):`, indented `File ...` lines,
 * and the exception line that ends it, which reads like a `name: message`
 * head: the record holds on to unindented lines until that one (state
 * IN_TRACEBACK).
 * Java's: indented `at ...` lines, and the two that are not indented,
 * `Caused by: ...` and `... N more`. Records with a head take those anyway;
 * for plain text they are what ties a trace's lines into one record.
 */

/** The line Python's traceback module opens a traceback with. */
export const TRACEBACK_LINE = 'Traceback (most recent call last):';
const IN_TRACEBACK = 1;

function isTracebackStart(text: string): boolean {
  return text.charCodeAt(0) === 84 /* T */ && text.startsWith(TRACEBACK_LINE);
}

/** Unindented lines of a Java stack trace that still belong to it. */
function isJavaTraceLine(text: string): boolean {
  const c = text.charCodeAt(0);
  return (c === 67 /* C */ && text.startsWith('Caused by: ')) || (c === 46 /* . */ && text.startsWith('... ') && text.endsWith(' more'));
}

/** Python's traceback and Java's trace lines, as described above: every format's unless it declares its own. */
export const stackTraces: ContinuationRule = {
  takes(text, state) {
    return state === IN_TRACEBACK || isTracebackStart(text) || isJavaTraceLine(text);
  },
  next(text, state) {
    if (isTracebackStart(text)) return IN_TRACEBACK;
    if (state === 0) return 0;
    // Inside a traceback only indented and empty lines go on; any other is its exception line, the last.
    const c = text.charCodeAt(0);
    return text === '' || c === 32 || c === 9 ? state : 0;
  },
};
