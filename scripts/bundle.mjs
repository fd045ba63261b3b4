// The shipped CLI as a few bundled files (dist/logview.js and its lazy
// chunks): Node then compiles one file instead of resolving and compiling
// ~150 modules, which was most of the time before the first screen.
// `tsc` still checks the types and emits dist/ module by module for the
// tests and benches that import single modules.
import { build } from 'esbuild';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const out = join(import.meta.dirname, '..', 'dist');

/**
 * `import ... from "node:x"` as `const ... = require("node:x")` (the
 * banner's): an ES import of a built-in makes Node build a facade
 * module that reads every export, getters too (node:crypto's `webcrypto`
 * loads WebCrypto and X.509 that way), ~10 ms before the first screen;
 * require hands the object over. Only the plain forms esbuild writes.
 */
const builtinImport = /^import (?:([\w$]+)|\* as ([\w$]+)|\{([\w$,\s]*)\}) from "(node:[\w/]+)";$/gm;
function builtinsByRequire(code) {
  return code.replace(builtinImport, (_, def, ns, named, mod) => {
    if (def ?? ns) return `const ${def ?? ns} = require("${mod}");`;
    return `const {${named.replace(/\bas\b/g, ':')}} = require("${mod}");`;
  });
}
/**
 * commander loads child_process (with net and dgram, ~8 ms) for executable
 * subcommands, which logview has none of: it gets a stand-in that loads the
 * real module on first use.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) => (/[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      contents: "let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= process.getBuiltinModule('node:child_process'))[key] });",
      loader: 'js',
    }));
  },
};

/**
 * string-width makes an Intl.Segmenter when it loads: ICU's first object
 * costs 30-60 ms, before the first screen, which text-fit's fast path then
 * never needs for ASCII. The bundle makes it on the first segment() instead.
 * A string-width that no longer reads so fails the build, to be looked at.
 */
const EAGER_SEGMENTER = 'const segmenter = new Intl.Segmenter();';
const lazySegmenter = {
  name: 'lazy-segmenter',
  setup(b) {
    b.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes(EAGER_SEGMENTER)) throw new Error(`${args.path}: no "${EAGER_SEGMENTER}" to make lazy (see scripts/bundle.mjs)`);
      const lazy = 'let eagerSegmenter; const segmenter = { segment: (s) => (eagerSegmenter ??= new Intl.Segmenter()).segment(s) };';
      return { contents: text.replace(EAGER_SEGMENTER, lazy), loader: 'js' };
    });
  },
};

/**
 * The segment worker threads (worker-prestart.ts) run dist/segment-worker.cjs,
 * bundled on its own as CommonJS: a CommonJS worker boots without Node's ES
 * module loader, 70-100 ms against 145-200 for an ES module one (an empty
 * worker, this machine), and each worker boots while print waits for it.
 * The unbundled dist/pipeline/ (tsc's, for tests) keeps its ES module worker.
 */
const WORKER_URL = "new URL('./segment-worker.js', import.meta.url)";
const commonJsWorker = {
  name: 'commonjs-worker',
  setup(b) {
    b.onLoad({ filter: /[\\/]pipeline[\\/]worker-prestart\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes(WORKER_URL)) throw new Error(`${args.path}: no "${WORKER_URL}" to point at the CommonJS worker (see scripts/bundle.mjs)`);
      return { contents: text.replace(WORKER_URL, "new URL('./segment-worker.cjs', import.meta.url)"), loader: 'ts' };
    });
  },
};

for (const f of readdirSync(out)) if (f.startsWith('lv-') || f.startsWith('segment-worker.')) rmSync(join(out, f));

const result = await build({
  entryPoints: { logview: 'src/cli.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: out,
  chunkNames: 'lv-[name]-[hash]',
  jsx: 'automatic',
  // Ink's devtools hook loads only with DEV=true and is not installed; nor is
  // the WebSocket library its window polyfill wants (130 kB the package need not carry).
  external: ['react-devtools-core', 'ws'],
  // Bundled CommonJS (React, commander) calls require for Node's own modules,
  // as do the built-in imports above: handed over by getBuiltinModule (no
  // createRequire per chunk); anything else is resolved as require would.
  banner: { js: "const require = (id) => process.getBuiltinModule(id) ?? process.getBuiltinModule('node:module').createRequire(import.meta.url)(id);" },
  // React's production build only (start-tui.ts sets NODE_ENV for the unbundled modules).
  define: { 'process.env.NODE_ENV': '"production"' },
  logOverride: { 'assign-to-define': 'silent' },
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
  plugins: [lazyChildProcess, lazySegmenter, commonJsWorker],
});
for (const f of result.outputFiles) writeFileSync(f.path, f.path.endsWith('.js') ? builtinsByRequire(f.text) : f.contents);

await build({
  entryPoints: { 'segment-worker': 'src/pipeline/segment-worker.ts' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outdir: out,
  outExtension: { '.js': '.cjs' },
  // It repeats the parsers the main bundle has: without blanks and comments
  // it packs small and compiles sooner (names kept, for readable profiles).
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [lazyChildProcess],
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  logLevel: 'warning',
});
