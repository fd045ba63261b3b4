import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

const DIR = join(import.meta.dirname, 'golden');

/** Screen lines as a golden file shows them: escapes visible as `\e`, one screen line per line. */
function show(lines: readonly string[]): string {
  return lines.map((l) => l.replace(/\x1b/g, '\\e')).join('\n') + '\n';
}

/**
 * Compare screen lines with test/golden/<name>.golden (as bubbles' testdata);
 * `UPDATE_GOLDEN=1 npx vitest run ...` writes them after a deliberate change.
 */
export function expectGolden(name: string, lines: readonly string[]): void {
  const file = join(DIR, `${name}.golden`);
  const text = show(lines);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  expect(existsSync(file), `${file} missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(text).toBe(readFileSync(file, 'utf8'));
}
