function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}
function pad3(n: number): string {
  return n < 10 ? '00' + n : n < 100 ? '0' + n : String(n);
}

// Consecutive records mostly share their second: keep its text and only
// format the milliseconds, instead of building a Date per record.
let lastSecond = NaN;
let lastSecondText = '';

/** Local `YYYY-MM-DD HH:MM:SS.mmm`, as people read their own logs. */
export function formatLocalTime(ms: number): string {
  const whole = Math.floor(ms);
  const second = Math.floor(whole / 1000);
  if (second !== lastSecond) {
    const d = new Date(second * 1000);
    lastSecondText = `${String(d.getFullYear()).padStart(4, '0')}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}.`;
    lastSecond = second;
  }
  return lastSecondText + pad3(whole - second * 1000);
}
