/**
 * Runs `fn` (an import) with no global `fetch`, and puts it back after the
 * promise. Yoga (Ink's layout engine) loads its WebAssembly from a data URL
 * with fetch when there is one: that first fetch loads Node's whole HTTP
 * client (undici), ~100 ms of CPU before keys work; without fetch it decodes
 * the same bytes itself.
 */
export async function withoutFetch<T>(fn: () => Promise<T>): Promise<T> {
  // The descriptor, not the value: reading Node's lazy `fetch` would load undici.
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!saved?.configurable) return fn();
  Object.defineProperty(globalThis, 'fetch', { value: undefined, writable: true, configurable: true, enumerable: false });
  try {
    return await fn();
  } finally {
    Object.defineProperty(globalThis, 'fetch', saved);
  }
}
