// The shipped CLI as a few bundled files (dist/logview.js and its lazy
// chunks): Node then compiles one file instead of resolving and compiling
// ~150 modules, which was most of the time before the first screen.
// `tsc` still checks the types and emits dist/ module by module for the
// tests and benches that import single modules.
import { build } from 'esbuild';
import { rmSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const out = join(import.meta.dirname, '..', 'dist');
for (const f of readdirSync(out)) if (f.startsWith('lv-')) rmSync(join(out, f));

await build({
  entryPoints: { logview: 'src/cli.ts', 'segment-worker': 'src/pipeline/segment-worker.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: out,
  chunkNames: 'lv-[name]-[hash]',
  jsx: 'automatic',
  // Ink's devtools hook loads only with DEV=true and is not installed.
  external: ['react-devtools-core'],
  // Bundled CommonJS (React, commander) calls require for Node's own modules.
  banner: { js: "import { createRequire as __lvRequire } from 'node:module'; const require = __lvRequire(import.meta.url);" },
  // React's production build only (start-tui.ts sets NODE_ENV for the unbundled modules).
  define: { 'process.env.NODE_ENV': '"production"' },
  logOverride: { 'assign-to-define': 'silent' },
  legalComments: 'none',
  logLevel: 'warning',
});
