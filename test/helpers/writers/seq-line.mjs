// One sequence-numbered log line in Python's default file shape
// (`asctime LEVEL logger message`), carrying the time it was written so the
// test can measure write -> printed latency. Shared by the Node writers.

function pad(n, w) {
  return String(n).padStart(w, '0');
}

export function asctime(d = new Date()) {
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)} ` +
    `${pad(d.getHours(), 2)}:${pad(d.getMinutes(), 2)}:${pad(d.getSeconds(), 2)},${pad(d.getMilliseconds(), 3)}`
  );
}

/** `seq` line with newline; `t` is the write time in epoch ms. */
export function seqLine(seq, t = Date.now()) {
  return `${asctime(new Date(t))} INFO writer seq=${pad(seq, 9)} t=${t}\n`;
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Writers report what they wrote as one JSON line on stdout. */
export function report(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}
