/**
 * Set o[key] as an own, enumerable property. A plain assignment of a key read
 * from a log (`__proto__=x` in logfmt, a JSON context key) would set the
 * object's prototype instead, and the pair would vanish.
 */
export function setOwn<T>(o: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}
