#!/usr/bin/env node
// Shim: the CLI lives in dist/ (built by `npm run build`), bundled into
// dist/logview.js and the lazy chunks it loads (scripts/bundle.mjs).

// A regex from the command line or the search prompt may backtrack for ever
// (`(a+)+$`): past V8's backtrack limit it reruns on the linear-time engine.
// Set before any module compiles a regex, hence the dynamic import below.
// (getBuiltinModule, not an ES import: that builds a facade module first.)
process.getBuiltinModule('node:v8').setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
// SIGUSR1 would open the inspector on 127.0.0.1:9229 to anyone on the machine;
// a listener of our own replaces that default.
process.on('SIGUSR1', () => {});

const { main, sanitize } = await import('../dist/logview.js');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`logview: ${sanitize(err instanceof Error ? err.message : String(err))}\n`);
    process.exitCode = 1;
  },
);
