import { requestIds, shortRequestId } from '../query/request-ids.js';
import { compileWhere } from '../query/where/evaluate.js';
import { QuerySyntaxError } from '../query/where/syntax-error.js';
import { detailLines } from '../render/details-lines.js';
import type { Seg } from '../render/text-fit.js';
import { HttpPane } from './model/http-pane.js';
import { newPrompt, type Prompt } from './model/line-editor.js';
import { OverlayPane } from './model/overlay.js';
import type { SlicedJob } from './model/scheduler.js';
import type { Viewer } from './viewer.js';

/*
 * The data commands of the viewer: the field query prompt (`:`), request
 * correlation (`r`, `R`) and the HTTP view (`H`). Each sets the record tests
 * of the view's filters (query/view-filters.ts) and refilters.
 */

/** The record tests changed: rebuild the view, say what is on. */
function retest(v: Viewer, say: string): void {
  v.say(say);
  v.refilter();
}

export function openWhere(v: Viewer): void {
  v.prompt = newPrompt('where', v.filters.recordTests.where?.text ?? '');
  v.resizeModels();
}

/** What is wrong with the expression so far, and where (the prompt shows it as you type). */
function whereError(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  try {
    compileWhere(text);
    return undefined;
  } catch (err) {
    if (err instanceof QuerySyntaxError) return `${err.message} (column ${Math.min(err.at, text.length) + 1})`;
    throw err;
  }
}

export function whereEdited(v: Viewer, p: Prompt): void {
  const e = whereError(p.editor.text);
  if (e === undefined) delete p.error;
  else p.error = e;
}

export function whereSubmit(v: Viewer): void {
  const p = v.prompt!;
  const text = p.editor.text.trim();
  const e = whereError(text);
  if (e !== undefined) {
    p.error = e;
    return v.say(e, true);
  }
  v.prompt = undefined;
  v.resizeModels();
  const { where: _old, ...rest } = v.filters.recordTests;
  v.filters.setRecordTests(text === '' ? rest : { ...rest, where: compileWhere(text) });
  retest(v, text === '' ? 'field query cleared' : `where ${text}`);
}

/** `r`: the selected record's request ids (a kamaki request's come from its response). */
export function correlate(v: Viewer): void {
  if (v.view.length === 0) return;
  const i = v.view.at(v.list.sel);
  const ids = requestIds(v.store.get(i));
  const j = v.filters.pairOf(i);
  if (j !== undefined) ids.push(...requestIds(v.store.get(j)));
  if (ids.length === 0) return v.say('no request id on this record', true);
  v.filters.setRecordTests({ ...v.filters.recordTests, requests: new Set(ids.map((id) => id.toLowerCase())) });
  retest(v, `request ${shortRequestId(ids[0]!)}${ids.length > 1 ? ` (+${ids.length - 1} id${ids.length > 2 ? 's' : ''})` : ''}: R clears`);
}

export function uncorrelate(v: Viewer): void {
  const { requests, ...rest } = v.filters.recordTests;
  if (!requests) return v.say('no request correlation', true);
  v.filters.setRecordTests(rest);
  retest(v, 'request correlation cleared');
}

const indexed = new WeakSet<Viewer>();

/**
 * `H`: the HTTP view over the index of exchanges, kept to the record tests
 * (-q and `:`, the correlation, --http-status/--http-method) on either half;
 * not to the level and logger rules: kamaki logs its HTTP calls at DEBUG, and
 * an HTTP view that `-l info` empties would hide what it is for.
 */
export function openHttpView(v: Viewer): void {
  const index = v.filters.http;
  if (!indexed.has(v)) {
    indexed.add(v);
    v.jobs.add(index);
  }
  // The first screen's worth at once; the rest in slices between keys.
  index.step(v.jobs.deadline());
  const f = v.filters;
  v.httpPane = new HttpPane(index, (x) => f.passesRecordTests(x.first) || (x.second !== undefined && f.passesRecordTests(x.second)), () => f.testsVersion);
}

export function closeHttpView(v: Viewer): void {
  v.httpPane = undefined;
}

/** Enter in the HTTP view: the request's details, then the response's. */
export function openHttpExchange(v: Viewer): void {
  const x = v.httpPane?.current();
  if (!x) return;
  const lines: Seg[][] = [];
  for (const i of x.second !== undefined ? [x.first, x.second] : [x.first]) {
    const r = v.store.get(i);
    if (lines.length > 0) lines.push([], [{ text: '─'.repeat(40), open: v.theme.dim.open }], []);
    lines.push(...detailLines(r, v.sourceNames[r.sourceId] ?? '', v.theme));
  }
  v.overlay = new OverlayPane('details', x.second !== undefined ? 'request and response' : 'exchange', lines);
}

/** A job: a followed request filtered before its response came is filtered again once it has. */
export function recheckAnswered(v: Viewer): SlicedJob {
  return {
    pending: () => v.filters.stale,
    step: () => {
      v.filters.refresh();
      v.refilter();
    },
  };
}
