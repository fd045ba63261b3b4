import { mkdtempSync, renameSync, rmSync, truncateSync, unlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestSources } from '../src/pipeline/ingest.js';
import { RecordStore } from '../src/store/record-store.js';

const dir = mkdtempSync(join(tmpdir(), 'logview-survives-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const until = async (test: () => boolean): Promise<void> => {
  for (let k = 0; k < 200 && !test(); k++) await new Promise((r) => setTimeout(r, 25));
  expect(test()).toBe(true);
};

describe('a record shown stays readable whatever happens to its file', () => {
  for (const [name, rotate] of [
    ['copytruncate (truncated in place)', (p: string) => truncateSync(p, 0)],
    ['rename', (p: string) => renameSync(p, p + '.1')],
    ['delete', (p: string) => unlinkSync(p)],
  ] as const) {
    it(name, async () => {
      const path = join(dir, `${name.split(' ')[0]}.log`);
      writeFileSync(path, '2024-05-16 00:00:01,000 INFO app.a first record\n2024-05-16 00:00:02,000 ERROR app.b second record\n  with a body line\n');
      const store = new RecordStore();
      const ingest = ingestSources([path], { follow: true }, { onRecords: (b) => store.append(b), onNotice: () => {} });
      await until(() => store.size === 2);
      const before = [store.rawText(0), store.rawText(1)];
      rotate(path);
      writeFileSync(path, '2024-05-16 00:00:03,000 INFO app.c after the rotation\n');
      appendFileSync(path, '2024-05-16 00:00:04,000 INFO app.c and one more\n');
      await until(() => store.size >= 3);
      // The details pane and raw export read the spool's copy, not the file.
      expect([store.rawText(0), store.rawText(1)]).toEqual(before);
      expect(store.get(1).body).toEqual(['  with a body line']);
      expect(store.get(1).message).toBe('second record');
      await ingest.stop();
      store.close();
    });
  }
});
