import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

describe('npm package (issue 10)', () => {
  it('ships what runs (bin, the bundle, README, LICENSE), no tests, fixtures or per-module build', () => {
    // --ignore-scripts: no clean build in the middle of a test run.
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    const [pack] = JSON.parse(out) as Array<{ files: Array<{ path: string }>; size: number }>;
    const paths = pack!.files.map((f) => f.path);
    expect(paths).toContain('bin/logview.js');
    expect(paths).toContain('dist/logview.js');
    expect(paths).toContain('dist/segment-worker.cjs');
    expect(paths).toContain('LICENSE');
    for (const p of paths) expect(p).toMatch(/^(bin\/|dist\/(logview\.js|segment-worker\.cjs|lv-[\w-]+\.js)$|README\.md$|LICENSE$|package\.json$)/);
    expect(paths.some((p) => p.endsWith('.map'))).toBe(false);
    // The bundle (React, Ink and logview's own code) packs to ~400 KB, and the
    // segment worker's own CommonJS bundle (its parsers again) to ~60 KB more;
    // anything shipped by mistake (source maps, a dependency's tree) is far more.
    expect(pack!.size).toBeLessThan(500_000);
  });

  it('runs from the unpacked tarball alone, without node_modules (everything is bundled)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'logview-pack-'));
    try {
      const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' });
      const [pack] = JSON.parse(out) as Array<{ filename: string }>;
      execFileSync('tar', ['-xzf', join(dir, pack!.filename), '-C', dir]);
      const bin = join(dir, 'package', 'bin', 'logview.js');
      expect(existsSync(join(dir, 'package', 'node_modules'))).toBe(false);
      const fixture = join(ROOT, 'test', 'fixtures', 'loghub', 'OpenStack_2k.log');
      const printed = execFileSync(process.execPath, [bin, '--print', '-o', 'json', fixture], { cwd: dir, encoding: 'utf8' }).trim().split('\n');
      expect(printed).toHaveLength(2000);
      expect(JSON.parse(printed[0]!)).toMatchObject({ level: 'info', logger: 'nova.osapi_compute.wsgi.server' });
      expect(execFileSync(process.execPath, [bin, '--version'], { cwd: dir, encoding: 'utf8' }).trim()).toBe(
        (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
