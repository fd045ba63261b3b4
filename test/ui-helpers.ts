import type { Key } from 'ink';
import { parseBuffer } from '../src/parse/record-stream.js';
import { Theme } from '../src/render/theme.js';
import { RecordStore } from '../src/store/record-store.js';
import { Viewer, type ViewerOptions } from '../src/ui/viewer.js';

export const KAMAKI = [
  '2024-05-16 00:00:01,000 INFO kamaki kamaki server list -v',
  '2024-05-16 00:00:02,000 DEBUG kamaki.cli.config Config file: /home/user/.kamakirc',
  '2024-05-16 00:00:03,000 DEBUG kamaki.clients.send GET https://cyclades.example.org/servers',
  '2024-05-16 00:00:04,000 DEBUG kamaki.clients.recv 200 OK',
  '2024-05-16 00:00:05,000 WARNING kamaki.cli.cmds cloud.default.token is now empty',
  '2024-05-16 00:00:06,000 ERROR kamaki.cli Command failed: boom',
  '2024-05-16 00:00:07,000 INFO nova.compute.manager Instance spawned',
  '2024-05-16 00:00:08,000 ERROR nova.compute.manager Instance failed: boom again',
  '2024-05-16 00:00:09,000 DEBUG nova.scheduler Filtered hosts',
  '2024-05-16 00:00:10,000 INFO kamaki done',
];

export function records(lines: readonly string[]) {
  return parseBuffer(Buffer.from(lines.join('\n') + '\n'));
}

export function line(i: number, level = 'INFO', logger = 'app.worker', msg = `message ${i}`): string {
  const s = String(i % 60).padStart(2, '0');
  return `2024-05-16 00:01:${s},000 ${level} ${logger} ${msg}`;
}

/** A viewer over the given lines, background work run by hand (drain). */
export function makeViewer(lines: readonly string[], o: Partial<ViewerOptions> = {}): Viewer {
  const store = new RecordStore();
  store.append(records(lines));
  const v = new Viewer({
    store,
    sourceNames: ['test.log'],
    theme: new Theme(0),
    columns: 100,
    rows: 20,
    schedule: () => {},
    ...o,
  });
  v.drain();
  return v;
}

export function selectedMessage(v: Viewer): string {
  return v.store.get(v.view.at(v.list.sel)).message;
}

export function shownMessages(v: Viewer): string[] {
  return Array.from({ length: v.view.length }, (_, k) => v.store.get(v.view.at(k)).message);
}

export function noKey(over: Partial<Key> = {}): Key {
  return {
    upArrow: false,
    downArrow: false,
    leftArrow: false,
    rightArrow: false,
    pageDown: false,
    pageUp: false,
    home: false,
    end: false,
    return: false,
    escape: false,
    ctrl: false,
    shift: false,
    tab: false,
    backspace: false,
    delete: false,
    meta: false,
    super: false,
    hyper: false,
    capsLock: false,
    numLock: false,
    ...over,
  };
}

/** Type text as keys, one by one, with background work done after each. */
export function type(v: Viewer, text: string): void {
  for (const ch of text) {
    v.key(ch);
    v.drain();
  }
}

// eslint-disable-next-line no-control-regex
export const stripAnsi = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');
