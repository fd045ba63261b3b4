// Preloaded into the TUI by big-logs.mjs (node --require): for each chunk of
// keys read from the terminal, ms until the first write to it after it
// returned (the frame that answers it: writes to a terminal are synchronous).
// Written to KEY_LATENCY_OUT at exit, one number per line. The program's own
// part of a key's time, beside what tmux shows.
const { isMainThread } = require('node:worker_threads');
const out = process.env.KEY_LATENCY_OUT;
if (isMainThread && out) {
  const { writeFileSync } = require('node:fs');
  const times = [];
  let keyAt;
  const stdin = process.stdin;
  const push = stdin.push;
  stdin.push = function (chunk, ...rest) {
    if (chunk && keyAt === undefined) keyAt = performance.now();
    return push.call(this, chunk, ...rest);
  };
  const write = process.stdout.write;
  process.stdout.write = function (...args) {
    const r = write.apply(this, args);
    if (keyAt !== undefined) {
      times.push(performance.now() - keyAt);
      keyAt = undefined;
    }
    return r;
  };
  process.on('exit', () => writeFileSync(out, times.map((t) => t.toFixed(2)).join('\n') + '\n'));
}
