/**
 * `12345678` as `12,345,678` (what toLocaleString('en-US') gives for an
 * integer), without Intl: its first NumberFormat loads ICU's locale data,
 * ~100 ms of a viewer's first paint. Fractions are dropped.
 */
export function groupDigits(n: number): string {
  const neg = n < 0;
  const s = String(Math.trunc(Math.abs(n)));
  let out = '';
  for (let end = s.length; end > 0; end -= 3) out = (end > 3 ? ',' : '') + s.slice(Math.max(0, end - 3), end) + out;
  return neg ? `-${out}` : out;
}
