/**
 * Runs `fn` with the CI markers out of `process.env`, and puts them back
 * (after the promise, for an async `fn`). Ink decides once, when loaded,
 * whether it runs in CI (then it draws nothing until exit), and
 * supports-color gives a CI no colour; the TUI runs on a terminal someone
 * watches, whatever the environment says.
 */
export function withoutCi<T>(fn: () => T): T {
  const saved = { CI: process.env.CI, CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION };
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  const restore = (): void => {
    for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v;
  };
  let r: T;
  try {
    r = fn();
  } catch (err) {
    restore();
    throw err;
  }
  if (r instanceof Promise) return r.finally(restore) as T;
  restore();
  return r;
}
