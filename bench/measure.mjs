// Run a command to completion, timing it and sampling its peak RSS (VmHWM).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

function hwmKiB(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** { seconds, peakRssMiB, stdoutBytes, code } */
export function measure(cmd, args, { stdout = 'count', env } = {}) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], ...(env ? { env } : {}) });
    let peak = 0;
    let bytes = 0;
    let text = '';
    const timer = setInterval(() => (peak = Math.max(peak, hwmKiB(child.pid))), 20);
    child.stdout.on('data', (d) => {
      bytes += d.length;
      if (stdout === 'keep') text += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      resolve({ seconds, peakRssMiB: peak / 1024, stdoutBytes: bytes, code, text });
    });
  });
}

/** Best (minimum) of n runs: the least disturbed by other load on a shared machine. */
export async function best(n, cmd, args, opts) {
  let bestRun;
  for (let i = 0; i < n; i++) {
    const r = await measure(cmd, args, opts);
    if (!bestRun || r.seconds < bestRun.seconds) bestRun = { ...r, peakRssMiB: Math.max(r.peakRssMiB, bestRun?.peakRssMiB ?? 0) };
  }
  return bestRun;
}
