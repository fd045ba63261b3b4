import { describe, expect, it } from 'vitest';
import { parseBuffer } from '../src/parse/record-stream.js';
import { parseStatusSpec } from '../src/query/http-facts.js';
import { Theme } from '../src/render/theme.js';
import { RecordStore } from '../src/store/record-store.js';
import { httpPaneLines, overlayPaneLines, promptBarLine, recordListLines, statusBarLine } from '../src/ui/screen.js';
import { recheckAnswered } from '../src/ui/query-commands.js';
import { Viewer } from '../src/ui/viewer.js';
import { expectGolden } from './golden.js';
import { fixture } from './helpers/records.js';
import { KAMAKI, makeViewer, selectedMessage, shownMessages } from './ui-helpers.js';

/** kamaki's HTTP log and the nova API log it talked to, as two sources. */
function httpViewer(columns = 120, rows = 20): Viewer {
  const store = new RecordStore();
  // In time order, as the time merge of two followed files delivers them.
  const recs = [...parseBuffer(fixture('http/kamaki_http.log'), 0), ...parseBuffer(fixture('http/nova_api.log'), 1)].sort((a, b) => a.time - b.time);
  store.append(recs);
  const v = new Viewer({ store, sourceNames: ['kamaki_http.log', 'nova_api.log'], theme: new Theme(0), columns, rows, schedule: () => {} });
  v.drain();
  return v;
}

const plain = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');

function selectWhere(v: Viewer, message: string): void {
  for (let p = 0; p < v.view.length; p++) {
    if (v.store.get(v.view.at(p)).message === message) {
      v.list.select(p);
      return;
    }
  }
  throw new Error(`no ${message}`);
}

describe('the field query prompt (:)', () => {
  it('applies on Enter, shows in the status bar, opens again with the query to edit', () => {
    const v = makeViewer(KAMAKI, { columns: 140 });
    v.keys([':', ...'level >= warning and logger ~ kamaki', 'enter']);
    v.drain();
    expect(shownMessages(v)).toEqual(['cloud.default.token is now empty', 'Command failed: boom']);
    expect(statusBarLine(v)).toContain('where level >= warning and logger ~ kamaki');
    v.key(':');
    expect(plain(promptBarLine(v))).toContain('where: level >= warning and logger ~ kamaki');
    v.keys(['ctrl-u', 'enter']);
    v.drain();
    expect(shownMessages(v).length).toBe(KAMAKI.length);
    expect(statusBarLine(v)).not.toContain('where');
  });

  it('says what is wrong as you type; Enter on a bad query keeps the prompt, Esc keeps the old query', () => {
    const v = makeViewer(KAMAKI);
    v.keys([':', ...'level >= warnin']);
    expect(promptBarLine(v)).toContain('expected a level: trace, debug, info, notice, warning, error, critical (column 10)');
    v.key('enter');
    expect(v.prompt?.kind).toBe('where');
    expect(shownMessages(v).length).toBe(KAMAKI.length);
    v.keys(['g', 'enter']);
    v.drain();
    expect(v.prompt).toBeUndefined();
    expect(shownMessages(v).length).toBe(3);
    v.keys([':', 'ctrl-u', ...'level == debug', 'escape']);
    v.drain();
    expect(shownMessages(v).length).toBe(3);
  });
});

describe('request correlation (r, R)', () => {
  it('r on an oslo record shows every record sharing an id, across sources; R clears', () => {
    const v = httpViewer();
    selectWhere(v, 'Unexpected exception in API method');
    v.key('r');
    v.drain();
    // The nova lines (request_id req-00aa, global id req-9d1c...), the kamaki response whose
    // x-openstack-request-id is the global id, and its request through the pairing.
    expect(shownMessages(v)).toEqual([
      'DELETE https://cyclades.example.org/compute/v2.1/servers/42',
      '10.0.0.1 "DELETE /compute/v2.1/servers/42 HTTP/1.1" status: 500 len: 120 time: 0.1200000',
      'Unexpected exception in API method',
      '500 Internal Server Error',
    ]);
    expect(statusBarLine(v)).toContain('request req-00aa');
    // The row shows the id a record carries, short: the kamaki response's is its header's.
    expect(recordListLines(v).find((l) => l.includes('500 Internal Server Error'))).toContain('req-9d1c2b7e');
    v.key('R');
    v.drain();
    expect(shownMessages(v).length).toBe(v.store.size);
    expect(statusBarLine(v)).toContain('request correlation cleared');
  });

  it('r on a kamaki request takes the id from its response; a record with none says so', () => {
    const v = httpViewer();
    selectWhere(v, 'GET https://cyclades.example.org/compute/v2.1/servers/detail');
    v.key('r');
    v.drain();
    expect(shownMessages(v)).toEqual(['GET https://cyclades.example.org/compute/v2.1/servers/detail', '200 OK']);
    v.key('R');
    v.drain();
    selectWhere(v, 'kamaki server list');
    v.key('r');
    expect(statusBarLine(v)).toContain('no request id on this record');
    v.key('R');
    expect(statusBarLine(v)).toContain('no request correlation');
  });
});

describe('the HTTP view (H)', () => {
  it('one row per exchange, path first, paired by the manager ids; golden', () => {
    const v = httpViewer(100, 12);
    v.key('H');
    v.drain();
    expectGolden('http-100x12', httpPaneLines(v));
  });

  it('Enter opens request and response together; Esc back to the view, H closes it', () => {
    const v = httpViewer();
    v.keys(['H', 'j']);
    v.drain();
    v.key('enter');
    expect(overlayPaneLines(v)[0]).toContain('request and response');
    const text = v.overlay!.lines.map((l) => l.map((seg) => seg.text).join('')).join('\n');
    expect(text).toContain('DELETE https://cyclades.example.org/compute/v2.1/servers/42');
    expect(text).toContain('500 Internal Server Error');
    v.key('escape');
    expect(v.overlay).toBeUndefined();
    expect(httpPaneLines(v)[0]).toContain('HTTP exchanges  2/4');
    v.key('H');
    expect(v.httpPane).toBeUndefined();
    expect(selectedMessage(v)).toBe('Command failed: flavor list');
  });

  it('keeps to --http-status and --http-method, as the list does', () => {
    const v = httpViewer();
    v.filters.setRecordTests({ httpStatus: parseStatusSpec('5xx')!, httpMethods: new Set(['DELETE']) });
    v.refilter();
    v.drain();
    expect(shownMessages(v)).toEqual([
      'DELETE https://cyclades.example.org/compute/v2.1/servers/42',
      '10.0.0.1 "DELETE /compute/v2.1/servers/42 HTTP/1.1" status: 500 len: 120 time: 0.1200000',
      '500 Internal Server Error',
    ]);
    v.key('H');
    v.drain();
    expect(v.httpPane!.rows().map((x) => x.facts.status)).toEqual([500, 500]);
  });

  it('keeps to the correlation and the field query, not to the level threshold', () => {
    const v = httpViewer();
    v.keys(['1', '3']); // INFO and above: kamaki's HTTP records are DEBUG
    v.key('H');
    v.drain();
    expect(v.httpPane!.rows()).toHaveLength(4);
    v.key('escape');
    selectWhere(v, 'Command failed: flavor list');
    v.keys([':', ...'path ~ servers', 'enter', 'H']);
    v.drain();
    expect(v.httpPane!.rows().map((x) => x.facts.path)).toEqual(['/compute/v2.1/servers/detail', '/compute/v2.1/servers/42', '/compute/v2.1/servers/42']);
  });
});

describe('following a kamaki log with --http-status', () => {
  it('a request that came before its response is shown once the response says 5xx', () => {
    const recs = parseBuffer(fixture('http/kamaki_http.log'));
    const store = new RecordStore();
    const v = new Viewer({ store, sourceNames: ['kamaki_http.log'], theme: new Theme(0), columns: 120, rows: 20, schedule: () => {} });
    v.jobs.add(recheckAnswered(v));
    v.filters.setRecordTests({ httpStatus: parseStatusSpec('5xx')! });
    v.refilter();
    store.append(recs.filter((r) => r.line <= 11)); // both requests, no response yet
    v.drain();
    expect(shownMessages(v)).toEqual([]);
    store.append(recs.filter((r) => r.line > 11 && r.line <= 19)); // the DELETE's 500
    v.drain();
    expect(shownMessages(v)).toEqual(['DELETE https://cyclades.example.org/compute/v2.1/servers/42', '500 Internal Server Error']);
    store.append(recs.filter((r) => r.line > 19));
    v.drain();
    expect(shownMessages(v)).toEqual(['DELETE https://cyclades.example.org/compute/v2.1/servers/42', '500 Internal Server Error']);
  });
});
