import { describe, expect, it } from 'vitest';
import { withoutFetch } from '../src/app/without-fetch.js';

describe('withoutFetch (Yoga loads its wasm without Node fetch)', () => {
  it('hides the global fetch while the import runs and puts the same one back after', async () => {
    const before = globalThis.fetch;
    expect(typeof before).toBe('function');
    const seen = await withoutFetch(async () => {
      await new Promise((r) => setTimeout(r, 5));
      return typeof globalThis.fetch;
    });
    expect(seen).toBe('undefined');
    expect(globalThis.fetch).toBe(before);
  });

  it('puts fetch back when the import fails', async () => {
    const before = globalThis.fetch;
    await expect(withoutFetch(() => Promise.reject(new Error('no module')))).rejects.toThrow('no module');
    expect(globalThis.fetch).toBe(before);
  });
});
