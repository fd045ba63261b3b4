import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script, without type declarations
import { wasmModuleSource, watFiles } from '../scripts/build-wasm.mjs';
import { ROOT } from './e2e-tui-harness.js';

describe('WebAssembly modules', () => {
  const wats = (watFiles as () => string[])();

  it('there is at least the Python seam skim', () => {
    expect(wats.map((w) => relative(ROOT, w))).toContain('src/parse/skim/python-seams.wat');
  });

  for (const wat of wats) {
    it(`${relative(ROOT, wat)}: the committed module is what it assembles to (npm run wasm)`, async () => {
      const want = await (wasmModuleSource as (p: string, t: string) => Promise<string>)(relative(ROOT, wat), readFileSync(wat, 'utf8'));
      expect(readFileSync(wat.replace(/\.wat$/, '-wasm.ts'), 'utf8')).toBe(want);
    });
  }
});
