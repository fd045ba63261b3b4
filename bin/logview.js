#!/usr/bin/env node
// Shim: the CLI lives in dist/ (built by `npm run build`).
import { main } from '../dist/cli.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`logview: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
