import { appendFileSync } from 'node:fs';

/**
 * `LOGVIEW_TRACE_STARTUP=FILE`: each phase of a start (main, first paint,
 * Ink mounted) appends `label wall_ms cpu_ms` to FILE, both counted from the
 * process start. The bench reads it to say where the time to the first
 * screen goes; the TUI's own stderr is the screen, so it goes to a file.
 */
export function traceStartup(label: string): void {
  const file = process.env.LOGVIEW_TRACE_STARTUP;
  if (!file) return;
  const cpu = process.cpuUsage();
  try {
    appendFileSync(file, `${label} ${performance.now().toFixed(1)} ${((cpu.user + cpu.system) / 1000).toFixed(1)}\n`);
  } catch {
    // A trace must never break a start.
  }
}
