import { describe, expect, it, vi } from 'vitest';
import { Theme } from '../src/render/theme.js';
import { RecordStore } from '../src/store/record-store.js';
import { Viewer } from '../src/ui/viewer.js';
import { line, records } from './ui-helpers.js';

describe('store -> viewer subscription (the wiring of src/app)', () => {
  it('the viewer reads what others append to the store, a few times a second, and stops listening on stop', () => {
    vi.useFakeTimers();
    try {
      const store = new RecordStore();
      const v = new Viewer({ store, sourceNames: ['a.log'], theme: new Theme(0), columns: 80, rows: 20, schedule: () => {}, refreshDelayMs: 50 });
      const seen = vi.fn();
      v.subscribe(seen);
      store.append(records([line(1), line(2)]));
      store.append(records([line(3)]));
      expect(v.view.length).toBe(0);
      vi.advanceTimersByTime(50);
      expect(v.view.length).toBe(3);
      expect(seen).toHaveBeenCalledTimes(1);
      v.stop();
      store.append(records([line(4)]));
      vi.advanceTimersByTime(100);
      expect(v.view.length).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
