import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startDemo } from '../src/demo/demo-writer.js';
import { demoEvent, rng } from '../src/demo/demo-lines.js';
import { parseBuffer } from '../src/parse/record-stream.js';

function times(text: string): number[] {
  return parseBuffer(Buffer.from(text))
    .map((r) => r.time)
    .filter((t) => !Number.isNaN(t));
}

function backwards(ts: readonly number[]): number {
  let n = 0;
  for (let k = 1; k < ts.length; k++) if (ts[k]! < ts[k - 1]!) n++;
  return n;
}

describe('demo (issue 10 item 10)', () => {
  it('an HTTP response (recv) comes after its request (send) in time, and so does the next event', () => {
    const r = rng(7);
    let t = Date.parse('2024-05-16T00:00:00Z');
    let text = '';
    let http = 0;
    for (let k = 0; k < 500; k++) {
      const e = demoEvent(r, t);
      if (e.text.includes('kamaki.clients.recv')) http++;
      text += e.text;
      t = e.end + 1;
    }
    expect(http).toBeGreaterThan(50);
    const ts = times(text);
    expect(ts.length).toBeGreaterThan(500);
    expect(backwards(ts)).toBe(0);
  });

  it('the demo file, history and live bursts, never goes back in time', async () => {
    const demo = await startDemo({ seed: 3, history: 200, intervalMs: 10 });
    try {
      await new Promise((res) => setTimeout(res, 400));
      const ts = times(readFileSync(demo.path, 'utf8'));
      expect(ts.length).toBeGreaterThan(200);
      expect(backwards(ts)).toBe(0);
    } finally {
      demo.stop();
    }
  });
});
