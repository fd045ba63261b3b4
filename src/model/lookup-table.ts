/**
 * A string-keyed table safe to index with words taken from a log: no
 * prototype, so `constructor`, `toString` or `__proto__` are just absent keys
 * (or own keys, when set), never Object.prototype's members.
 */
export function lookupTable<T>(entries: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}
