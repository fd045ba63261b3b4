#!/usr/bin/env node
// Screenshots of the real TUI for the README: runs bin/logview.js in a tmux
// pane on sample logs, sends keys, captures the screen with its colours
// (capture-pane -e) and draws it as SVG (a tiny terminal renderer below);
// PNG too when rsvg-convert (librsvg2-bin) is installed.
// Run after `npm run build`: node scripts/screenshots.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import stringWidth from 'string-width';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'screenshots');
const FIX = (name) => join('test/fixtures', name);
const SOCKET = `logview-shots-${process.pid}`;
/** A config home of our own: the user's config never changes the pictures; `light` shots get {"theme": "light"}. */
const XDG = mkdtempSync(join(tmpdir(), 'logview-shots-'));
mkdirSync(join(XDG, 'light', 'logview'), { recursive: true });
writeFileSync(join(XDG, 'light', 'logview', 'config.json'), JSON.stringify({ theme: 'light' }));
const right = (n) => Array.from({ length: n }, () => 'l');

const SHOTS = [
  {
    name: 'list',
    title: 'logview kamaki_file_debug.log oslo_text.log pino.log',
    args: [FIX('kamaki_file_debug.log'), FIX('oslo_text.log'), FIX('pino.log')],
    steps: [['g'], ['j', 'j', 'j', 'j', 'j', 'j', 'j', 'j', 'j', 'j']],
  },
  {
    name: 'tree',
    title: 'logview: logger tree pane (t), nova.compute hidden, kamaki at WARNING and above',
    args: [FIX('kamaki_file_debug.log'), FIX('oslo_text.log')],
    steps: [['t'], ['/'], ['-l', 'nova.compute'], ['Enter'], ['Space'], ['g', 'j'], ['+', '+', '+'], ['Tab'], ['g']],
  },
  {
    name: 'search',
    title: 'logview: search /recv|404/ with matches highlighted',
    args: [FIX('kamaki_file_debug.log')],
    steps: [['g'], ['/'], ['-l', 'recv|404'], ['Enter'], ['n']],
  },
  {
    name: 'details',
    title: 'logview: details of an HTTP response (Enter)',
    args: [FIX('kamaki_file_debug.log')],
    steps: [['g', 'j', 'j', 'j'], ['Enter']],
  },
  {
    name: 'timeline',
    title: 'logview: timeline (T) of Hadoop_2k.log, records per 5 s by level, cursor on a bucket',
    args: [FIX('loghub/Hadoop_2k.log')],
    steps: [['T'], ['g'], right(26)],
  },
  {
    name: 'light',
    title: 'logview: the light theme (config.json {"theme": "light"}), a search, two marks (m)',
    args: [FIX('kamaki_file_debug.log'), FIX('oslo_text.log')],
    light: true,
    steps: [['g'], ['j', 'j', 'm', 'j', 'j', 'j', 'm'], ['/'], ['-l', 'recv'], ['Enter']],
  },
  // The HTTP view (H) and the request correlation (r) add their shots here:
  // { name: 'http', title: ..., args: [...], steps: [['H']] }.
  {
    name: 'help',
    title: 'logview: keys (?)',
    args: [FIX('kamaki_file_debug.log')],
    rows: 38,
    steps: [['?']],
  },
];

const COLS = 120;
const ROWS = 32;

function tmux(...args) {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
}

/** `N/N` in the status bar once every record of the files is loaded (print mode counts them). */
function readyText(args) {
  const out = execFileSync(process.execPath, [join(ROOT, 'bin/logview.js'), '--print', '-o', 'json', ...args], { cwd: ROOT, encoding: 'utf8' });
  const n = out.split('\n').filter(Boolean).length;
  const s = n.toLocaleString('en-US');
  return `${s}/${s}`;
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

async function waitFor(text, timeoutMs = 10000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = tmux('capture-pane', '-p', '-t', 'main');
    if (s.includes(text)) return;
    if (Date.now() > until) throw new Error(`screenshots: timed out waiting for ${text}\n${s}`);
    await sleep(50);
  }
}

async function capture(shot) {
  const q = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
  const xdg = join(XDG, shot.light ? 'light' : 'none');
  const cmd = `cd ${q(ROOT)} && env TZ=UTC TERM=xterm-256color COLORTERM= NO_COLOR= XDG_CONFIG_HOME=${q(xdg)} node bin/logview.js ${shot.args.map(q).join(' ')}; sleep 60`;
  tmux('-f', '/dev/null', 'new-session', '-d', '-x', String(COLS), '-y', String(shot.rows ?? ROWS), '-s', 'main', 'sh', '-c', cmd);
  try {
    await waitFor(readyText(shot.args));
    // The first screen is drawn before Ink has loaded; keys typed then wait
    // for it (a second or more on a busy machine): let it mount first.
    await sleep(1500);
    for (const keys of shot.steps) {
      tmux('send-keys', '-t', 'main', ...keys);
      await sleep(250);
    }
    await sleep(300);
    return tmux('capture-pane', '-p', '-e', '-N', '-t', 'main');
  } finally {
    tmux('kill-server');
  }
}

// ---- ANSI -> SVG -------------------------------------------------------------

const BASE16 = ['#1d1f21', '#cc6666', '#8fbf5a', '#e0b94c', '#6b9bd2', '#b88bc4', '#5fb3b3', '#c5c8c6', '#666a70', '#ef7b7b', '#aed67f', '#f3d36b', '#8ab8ec', '#d3a4dd', '#7fd1d1', '#eaeaea'];
const DARK_FG = '#d4d6d4';
const DARK_BG = '#1d1f21';

function color256(n) {
  if (n < 16) return BASE16[n];
  if (n < 232) {
    const v = [0, 95, 135, 175, 215, 255];
    const k = n - 16;
    const rgb = [v[Math.floor(k / 36)], v[Math.floor(k / 6) % 6], v[k % 6]];
    return '#' + rgb.map((x) => x.toString(16).padStart(2, '0')).join('');
  }
  const g = 8 + (n - 232) * 10;
  return '#' + g.toString(16).padStart(2, '0').repeat(3);
}

function applySgr(st, params) {
  const p = params === '' ? [0] : params.split(/[;:]/).map(Number);
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === 0) Object.assign(st, { fg: undefined, bg: undefined, bold: false, dim: false, italic: false, underline: false, inverse: false });
    else if (c === 1) st.bold = true;
    else if (c === 2) st.dim = true;
    else if (c === 3) st.italic = true;
    else if (c === 4) st.underline = true;
    else if (c === 7) st.inverse = true;
    else if (c === 22) st.bold = st.dim = false;
    else if (c === 23) st.italic = false;
    else if (c === 24) st.underline = false;
    else if (c === 27) st.inverse = false;
    else if (c >= 30 && c <= 37) st.fg = BASE16[c - 30];
    else if (c >= 90 && c <= 97) st.fg = BASE16[c - 90 + 8];
    else if (c >= 40 && c <= 47) st.bg = BASE16[c - 40];
    else if (c >= 100 && c <= 107) st.bg = BASE16[c - 100 + 8];
    else if (c === 39) st.fg = undefined;
    else if (c === 49) st.bg = undefined;
    else if (c === 38 || c === 48) {
      let col;
      if (p[i + 1] === 5) {
        col = color256(p[i + 2]);
        i += 2;
      } else if (p[i + 1] === 2) {
        col = '#' + [p[i + 2], p[i + 3], p[i + 4]].map((x) => x.toString(16).padStart(2, '0')).join('');
        i += 4;
      }
      if (c === 38) st.fg = col;
      else st.bg = col;
    }
  }
}

/** Lines of runs {col, width, text, style}. */
function parseScreen(text, rows) {
  const st = { fg: undefined, bg: undefined, bold: false, dim: false, italic: false, underline: false, inverse: false };
  const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return text.split('\n').slice(0, rows).map((line) => {
    const runs = [];
    let col = 0;
    const re = /\x1b\[([0-9;:]*)m|\x1b[^[]|([^\x1b]+)/g;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      if (m[1] !== undefined) applySgr(st, m[1]);
      else if (m[2] !== undefined) {
        let w = 0;
        for (const { segment } of seg.segment(m[2])) w += Math.max(1, stringWidth(segment));
        runs.push({ col, width: w, text: m[2], style: { ...st } });
        col += w;
      }
    }
    return runs;
  });
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function toSvg(text, title, rows, light = false) {
  const [FG, BG] = light ? ['#1d1f21', '#fafafa'] : [DARK_FG, DARK_BG];
  const cw = 8.43;
  const lh = 18;
  const padX = 14;
  const top = 34;
  const width = Math.ceil(COLS * cw + padX * 2);
  const height = Math.ceil(rows * lh + top + 12);
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`);
  out.push(`<rect width="100%" height="100%" rx="8" fill="${BG}"/>`);
  out.push(`<circle cx="20" cy="16" r="5.5" fill="#ff5f56"/><circle cx="38" cy="16" r="5.5" fill="#ffbd2e"/><circle cx="56" cy="16" r="5.5" fill="#27c93f"/>`);
  out.push(`<text x="${width / 2}" y="20" fill="#8a8d8f" font-family="DejaVu Sans, sans-serif" font-size="12" text-anchor="middle">${esc(title)}</text>`);
  out.push(`<g font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="14" xml:space="preserve">`);
  parseScreen(text, rows).forEach((runs, row) => {
    const y = top + row * lh;
    for (const r of runs) {
      let fg = r.style.fg ?? FG;
      let bg = r.style.bg;
      if (r.style.inverse) [fg, bg] = [bg ?? BG, fg];
      if (bg) out.push(`<rect x="${(padX + r.col * cw).toFixed(2)}" y="${y}" width="${(r.width * cw + 0.5).toFixed(2)}" height="${lh}" fill="${bg}"/>`);
      if (r.text.trim() === '') continue;
      const attrs = [
        `x="${(padX + r.col * cw).toFixed(2)}"`,
        `y="${y + 13.5}"`,
        `fill="${fg}"`,
        r.style.bold ? 'font-weight="bold"' : '',
        r.style.dim ? 'fill-opacity="0.6"' : '',
        r.style.italic ? 'font-style="italic"' : '',
        r.style.underline ? 'text-decoration="underline"' : '',
        `textLength="${(r.width * cw).toFixed(2)}"`,
        'lengthAdjust="spacingAndGlyphs"',
      ];
      out.push(`<text ${attrs.filter(Boolean).join(' ')}>${esc(r.text)}</text>`);
    }
  });
  out.push('</g></svg>');
  return out.join('\n');
}

mkdirSync(OUT, { recursive: true });
const havePng = spawnSync('rsvg-convert', ['--version']).status === 0;
for (const shot of SHOTS) {
  const screen = await capture(shot);
  const svg = toSvg(screen, shot.title, shot.rows ?? ROWS, shot.light === true);
  const svgPath = join(OUT, `${shot.name}.svg`);
  writeFileSync(svgPath, svg);
  if (havePng) execFileSync('rsvg-convert', ['-o', join(OUT, `${shot.name}.png`), svgPath]);
  console.log(`screenshots/${shot.name}.svg${havePng ? ' + .png' : ''}`);
}
rmSync(XDG, { recursive: true, force: true });
if (!havePng) console.log('(no rsvg-convert: SVG only; apt-get install librsvg2-bin for PNG)');
