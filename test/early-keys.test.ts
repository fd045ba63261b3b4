import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { handleEarlyKeys } from '../src/app/early-keys.js';
import { decodeEarlyKeys } from '../src/ui/keys.js';
import { KAMAKI, makeViewer } from './ui-helpers.js';

/** Resolves after the stream's pending 'readable' events have run. */
const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

function setup() {
  const keys = new PassThrough();
  const written: string[] = [];
  const out = { write: (s: string) => written.push(s) > 0 } as unknown as NodeJS.WriteStream;
  const viewer = makeViewer(KAMAKI);
  const early = handleEarlyKeys(keys as unknown as NodeJS.ReadStream, out, viewer);
  return { keys, written, viewer, early };
}

describe('keys before Ink has loaded', () => {
  it('decodes plain keys as Ink would, and leaves escapes and other text to Ink', () => {
    expect(decodeEarlyKeys('jjk')).toEqual(['j', 'j', 'k']);
    expect(decodeEarlyKeys('G\r\x7f\t')).toEqual(['G', 'enter', 'backspace', 'tab']);
    expect(decodeEarlyKeys('\x03')).toEqual(['ctrl-c']);
    expect(decodeEarlyKeys('\x1b[A')).toBeUndefined();
    expect(decodeEarlyKeys('é')).toBeUndefined();
    expect(decodeEarlyKeys('')).toBeUndefined();
  });

  it('moves the viewer and draws the screen again for each plain key', async () => {
    const { keys, written, viewer, early } = setup();
    const bottom = viewer.list.sel;
    keys.write('kk');
    await turn();
    expect(viewer.list.sel).toBe(bottom - 2);
    expect(written).toHaveLength(1);
    // The screen drawn is the viewer's, the selection on its new row.
    expect(written[0]).toContain('Instance failed: boom again');
    keys.write('g');
    await turn();
    expect(viewer.list.sel).toBe(0);
    expect(written).toHaveLength(2);
    early.stop();
  });

  it('from the first input Ink must parse on, hands everything to Ink in order', async () => {
    const { keys, written, viewer, early } = setup();
    const bottom = viewer.list.sel;
    keys.write('k');
    await turn();
    keys.write('\x1b[A');
    await turn();
    keys.write('j');
    await turn();
    // Only the first key was answered; the arrow and what follows wait.
    expect(viewer.list.sel).toBe(bottom - 1);
    expect(written).toHaveLength(1);
    early.stop();
    const rest: Buffer[] = [];
    let chunk: Buffer | null;
    while ((chunk = keys.read() as Buffer | null) !== null) rest.push(chunk);
    expect(Buffer.concat(rest).toString('latin1')).toBe('\x1b[Aj');
  });

  it('stops reading once stopped', async () => {
    const { keys, written, viewer, early } = setup();
    const bottom = viewer.list.sel;
    early.stop();
    keys.write('k');
    await turn();
    expect(viewer.list.sel).toBe(bottom);
    expect(written).toHaveLength(0);
  });
});

describe('a key that quits before Ink has loaded', () => {
  it('draws nothing after the quit restored the terminal', async () => {
    const keys = new PassThrough();
    const written: string[] = [];
    const out = { write: (s: string) => written.push(s) > 0 } as unknown as NodeJS.WriteStream;
    let early: { stop(): void } | undefined;
    const viewer = makeViewer(KAMAKI, { onQuit: () => early?.stop() });
    early = handleEarlyKeys(keys as unknown as NodeJS.ReadStream, out, viewer);
    keys.write('qj');
    await turn();
    expect(written).toHaveLength(0);
  });
});
