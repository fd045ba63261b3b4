import { parseTimeRange, type TimeRange } from '../query/time-range.js';
import { positionAtTime, type Histogram } from '../query/timeline.js';
import { formatLocalTime } from '../render/format-time.js';
import { groupDigits } from '../render/group-digits.js';
import { chartColumns } from '../render/timeline-lines.js';
import type { SaveFormat } from './actions.js';
import type { Command } from './key-table.js';
import { newPrompt } from './model/line-editor.js';
import type { Viewer } from './viewer.js';

/*
 * The commands of the timeline, marks, the time range, save and copy (the
 * view half of issue 12), merged into commands.ts's tables.
 */

type Handlers = Partial<Record<Command, (v: Viewer) => void>>;

const num = groupDigits;

function closePrompt(v: Viewer): void {
  v.prompt = undefined;
  v.resizeModels();
}

function selected(v: Viewer): number | undefined {
  return v.view.length === 0 ? undefined : v.view.at(Math.min(v.list.sel, v.view.length - 1));
}

function hist(v: Viewer): Histogram {
  return v.timeline.counts.histogram(chartColumns(v.columns));
}

function jumpMark(v: Viewer, dir: 1 | -1): void {
  if (v.marks.size === 0) return v.say('no marks: press m on a record first', true);
  const p = v.marks.next(v.view, v.list.sel, dir);
  if (p === undefined) return v.say(dir > 0 ? 'no more marks below' : 'no more marks above');
  v.list.select(p, { center: true });
}

/** A time range as the status bar and messages write it. */
export function rangeText(r: TimeRange): string {
  const t = (ms: number | undefined): string => (ms === undefined ? '' : formatLocalTime(ms).replace(/\.000$/, ''));
  const [a, b] = [t(r.since), t(r.until)];
  // One date when both ends share it.
  return a !== '' && a.slice(0, 11) === b.slice(0, 11) ? `${a}..${b.slice(11)}` : `${a}..${b}`;
}

/** `path`, or `path json` / `path raw` / `path text`; else the format follows the extension (.json/.ndjson/.jsonl json, .txt text, raw otherwise). */
export function parseSaveTarget(text: string): { path: string; format: SaveFormat } | undefined {
  const m = /^(.*?)\s+(raw|text|json)$/.exec(text.trim());
  const path = (m ? m[1]! : text).trim();
  if (path === '') return undefined;
  const format: SaveFormat = m ? (m[2] as SaveFormat) : /\.(json|ndjson|jsonl)$/i.test(path) ? 'json' : /\.txt$/i.test(path) ? 'text' : 'raw';
  return { path, format };
}

function save(v: Viewer): void {
  const target = parseSaveTarget(v.prompt!.editor.text);
  if (!target) return void (v.prompt!.error = 'type a path');
  const marked = v.prompt!.marked === true;
  closePrompt(v);
  const write = v.actions.save;
  if (!write) return v.say('saving is not available here', true);
  const indices = marked ? Uint32Array.from(v.marks.sorted()) : Uint32Array.from({ length: v.view.length }, (_, p) => v.view.at(p));
  const partial = !marked && !v.view.complete ? ' (the view was still filtering)' : '';
  v.say(`saving ${num(indices.length)} records…`);
  write({ path: target.path, format: target.format, indices }).then(
    (n) => {
      v.say(`wrote ${num(n)} ${marked ? 'marked ' : ''}record${n === 1 ? '' : 's'} to ${target.path} (${target.format})${partial}`);
      v.notify();
    },
    (err: unknown) => {
      v.say(`cannot save: ${err instanceof Error ? err.message : String(err)}`, true);
      v.notify();
    },
  );
}

export const VIEW_LIST: Handlers = {
  timeline: (v) => {
    v.timeline.open = true;
  },
  mark: (v) => {
    const i = selected(v);
    if (i === undefined) return;
    const on = v.marks.toggle(i);
    v.say(`${on ? 'marked' : 'unmarked'} (${num(v.marks.size)} mark${v.marks.size === 1 ? '' : 's'})`);
    if (!on && v.marks.only) v.refilter();
  },
  nextMark: (v) => jumpMark(v, 1),
  prevMark: (v) => jumpMark(v, -1),
  marksOnly: (v) => {
    if (v.marks.size === 0 && !v.marks.only) return v.say('no marks: press m on a record first', true);
    v.marks.only = !v.marks.only;
    v.say(v.marks.only ? 'showing only marked records' : 'showing all records');
    v.refilter();
  },
  clearMarks: (v) => {
    const refilter = v.marks.only;
    v.marks.clear();
    v.say('marks cleared');
    if (refilter) v.refilter();
  },
  timeRange: (v) => {
    v.prompt = newPrompt('time');
    v.resizeModels();
  },
  save: (v) => {
    v.prompt = { ...newPrompt('save'), marked: v.marks.size > 0 };
    v.resizeModels();
  },
  copy: (v) => {
    const i = selected(v);
    if (i === undefined) return;
    if (!v.actions.copy) return v.say('copying is not available here', true);
    const text = v.store.rawText(i).replace(/\r?\n$/, '');
    const r = v.actions.copy(text);
    if (r === 'copied') v.say(`copied the record (${num(Buffer.byteLength(text))} bytes) to the clipboard (OSC 52)`);
    else v.say(r === 'too long' ? 'the record is too long for the clipboard (OSC 52)' : 'this terminal takes no clipboard writes (OSC 52): set "clipboard": "osc52" in the config to force it', true);
  },
};

export const TIMELINE: Handlers = {
  quit: (v) => v.quit(),
  close: (v) => {
    v.timeline.open = false;
  },
  scrollLeft: (v) => v.timeline.move(hist(v), -1),
  scrollRight: (v) => v.timeline.move(hist(v), 1),
  pageUp: (v) => v.timeline.move(hist(v), -10),
  pageDown: (v) => v.timeline.move(hist(v), 10),
  top: (v) => v.timeline.moveTo(hist(v), 'first'),
  bottom: (v) => v.timeline.moveTo(hist(v), 'last'),
  submit: (v) => {
    const h = hist(v);
    const col = v.timeline.cursorColumn(h);
    v.timeline.open = false;
    if (col < 0 || v.view.length === 0) return;
    const t = h.start + col * h.size;
    const pos = positionAtTime({ length: v.view.length, timeAt: (p) => v.store.time(v.view.at(p)) }, t);
    v.list.select(Math.min(pos, v.view.length - 1), { center: true });
    v.say(`at ${formatLocalTime(t).replace(/\.000$/, '')}`);
  },
};

export const TIME_PROMPT: Handlers = {
  quit: (v) => v.quit(),
  cancel: closePrompt,
  submit: (v) => {
    const i = selected(v);
    const ref = i === undefined || Number.isNaN(v.store.time(i)) ? Date.now() : v.store.time(i);
    const r = parseTimeRange(v.prompt!.editor.text, ref);
    if ('error' in r) return void (v.prompt!.error = r.error);
    closePrompt(v);
    v.filters.range = r;
    v.say(r.since === undefined && r.until === undefined ? 'time range cleared' : `time range ${rangeText(r)}`);
    v.refilter();
  },
};

export const SAVE_PROMPT: Handlers = {
  quit: (v) => v.quit(),
  cancel: closePrompt,
  submit: save,
  focus: (v) => {
    const p = v.prompt!;
    if (v.marks.size > 0 || p.marked) p.marked = !p.marked;
  },
};
