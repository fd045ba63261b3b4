/**
 * Python's logger hierarchy: `a.b` is an ancestor of `a.b.c`, never of `a.bc`.
 * "" (or "root") is the root and covers every logger.
 */
export function isUnder(logger: string, prefix: string): boolean {
  if (prefix === '' || prefix === 'root') return true;
  return logger === prefix || (logger.length > prefix.length && logger.charCodeAt(prefix.length) === 46 && logger.startsWith(prefix));
}
