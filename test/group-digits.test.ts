import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupDigits } from '../src/render/group-digits.js';

describe('groupDigits', () => {
  it('groups as en-US does, for any integer', () => {
    fc.assert(fc.property(fc.integer({ min: -1e15, max: 1e15 }), (n) => groupDigits(n) === n.toLocaleString('en-US')));
  });

  it('at the group edges', () => {
    expect([0, 999, 1000, 999_999, 1_000_000, -1000].map(groupDigits)).toEqual(['0', '999', '1,000', '999,999', '1,000,000', '-1,000']);
  });
});
