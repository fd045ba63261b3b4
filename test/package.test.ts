import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

describe('npm package (issue 10)', () => {
  it('ships what runs (bin, dist, README, LICENSE), no tests or fixtures', () => {
    // --ignore-scripts: no clean build in the middle of a test run.
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    const [pack] = JSON.parse(out) as Array<{ files: Array<{ path: string }>; size: number }>;
    const paths = pack!.files.map((f) => f.path);
    expect(paths).toContain('bin/logview.js');
    expect(paths).toContain('dist/cli.js');
    expect(paths).toContain('dist/demo/demo-writer.js');
    expect(paths).toContain('LICENSE');
    for (const p of paths) expect(p).toMatch(/^(bin\/|dist\/|README\.md$|LICENSE$|package\.json$)/);
    expect(paths.some((p) => p.endsWith('.map'))).toBe(false);
    expect(pack!.size).toBeLessThan(400_000);
  });

  it('has a licence, a repository and keywords', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { license: string; repository?: { url: string }; keywords?: string[] };
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(pkg.repository?.url).toMatch(/^git\+https:/);
    expect(pkg.keywords?.length).toBeGreaterThan(3);
    expect(existsSync(join(ROOT, 'README.md'))).toBe(true);
  });
});
