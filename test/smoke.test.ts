import { describe, expect, it } from 'vitest';
import { parseBuffer } from '../src/parse/record-stream.js';

describe('smoke', () => {
  it('parses one python line', () => {
    const [r] = parseBuffer(Buffer.from('2024-05-16 00:00:11,927 ERROR kamaki.cli boom\n'));
    expect(r?.logger).toBe('kamaki.cli');
    expect(r?.message).toBe('boom');
  });
});
