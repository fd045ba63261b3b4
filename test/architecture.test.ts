import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

const IMPORT = /from '([^']+)'/g;

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => m[1]!);
}

describe('architecture (issue 10)', () => {
  it('ui/ imports nothing from cli/, pipeline/, parse/ or app/', () => {
    for (const f of files(join(SRC, 'ui'))) {
      for (const imp of importsOf(f)) expect(`${relative(SRC, f)} -> ${imp}`).not.toMatch(/-> (\.\.\/)+(cli|pipeline|parse|app)\//);
    }
  });

  it('render/ does not import ui/ or app/', () => {
    for (const f of files(join(SRC, 'render'))) {
      for (const imp of importsOf(f)) expect(`${relative(SRC, f)} -> ${imp}`).not.toMatch(/-> (\.\.\/)+(ui|app)\//);
    }
  });

  it('the UI never writes the store', () => {
    for (const f of files(join(SRC, 'ui'))) expect(readFileSync(f, 'utf8'), relative(SRC, f)).not.toMatch(/\.append\(/);
  });

  it('the Theme owns every style: no SGR code elsewhere in ui/ and render/', () => {
    for (const f of [...files(join(SRC, 'ui')), ...files(join(SRC, 'render'))]) {
      if (f.endsWith('theme.ts')) continue;
      const text = readFileSync(f, 'utf8').replace(/\/\*\*?[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(text, relative(SRC, f)).not.toMatch(/\\x1b\[[0-9;]*m/);
    }
  });

  it('the Viewer only coordinates (at most 260 lines)', () => {
    expect(readFileSync(join(SRC, 'ui', 'viewer.ts'), 'utf8').split('\n').length).toBeLessThanOrEqual(260);
  });
});
