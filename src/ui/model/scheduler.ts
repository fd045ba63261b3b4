/** Background work cut in slices, so keys are answered between them. */
export interface SlicedJob {
  /** Is there work left. */
  pending(): boolean;
  /** Work until `deadline` (performance.now() ms) or until done. */
  step(deadline: number): void;
  /**
   * True while nothing on screen waits for this job (the sparkline's counts
   * with the timeline closed): its slices then redraw nothing until it is
   * done, since a frame per report over 10 M records doubled key latency.
   */
  quiet?(): boolean;
}

export interface SchedulerOptions {
  /** Runs a function soon (setImmediate in the TUI; by hand in tests). */
  schedule?: (fn: () => void) => void;
  /** Called when a slice changed something; `final` when no work is left. */
  onProgress: () => void;
  /** Length of one slice in ms. */
  sliceMs?: number;
  /** While work goes on, progress is reported at most this often (ms). */
  progressMs?: number;
}

const now = (): number => performance.now();

/**
 * Runs every pending job, one slice each turn, and reports progress a few
 * times a second (and once when all is done) rather than after each slice.
 */
export class Scheduler {
  private readonly jobs: SlicedJob[] = [];
  private readonly schedule: (fn: () => void) => void;
  private readonly onProgress: () => void;
  readonly sliceMs: number;
  private readonly progressMs: number;
  private scheduled = false;
  private stopped = false;
  private dirty = false;
  private lastReport = 0;

  constructor(o: SchedulerOptions) {
    this.schedule = o.schedule ?? ((fn) => void setImmediate(fn));
    this.onProgress = o.onProgress;
    this.sliceMs = o.sliceMs ?? 8;
    this.progressMs = o.progressMs ?? 80;
  }

  add(job: SlicedJob): void {
    this.jobs.push(job);
  }

  get busy(): boolean {
    return this.jobs.some((j) => j.pending());
  }

  /** The deadline of a slice starting now. */
  deadline(): number {
    return now() + this.sliceMs;
  }

  /** Work was added: make sure a turn comes. */
  kick(): void {
    if (this.scheduled || this.stopped || !this.busy) return;
    this.scheduled = true;
    this.schedule(() => this.turn());
  }

  /** The caller reported progress itself (a key's redraw). */
  reported(): void {
    this.dirty = false;
    this.lastReport = now();
  }

  /** One slice of every pending job; true if any ran that is to be shown (a quiet one when it finished). */
  runSlice(deadline: number): boolean {
    let ran = false;
    let shown = false;
    for (const j of this.jobs) {
      if (!j.pending() || (ran && now() >= deadline)) continue;
      j.step(deadline);
      ran = true;
      if (j.quiet?.() !== true || !j.pending()) shown = true;
    }
    return shown;
  }

  /** Run everything now (tests, benchmarks, the end of input). */
  drain(): void {
    for (let guard = 0; this.busy && guard < 1e7; guard++) this.runSlice(now() + 1000);
  }

  stop(): void {
    this.stopped = true;
  }

  private turn(): void {
    this.scheduled = false;
    if (this.stopped) return;
    if (this.runSlice(this.deadline())) this.dirty = true;
    const more = this.busy;
    if (this.dirty && (!more || now() - this.lastReport >= this.progressMs)) {
      this.reported();
      this.onProgress();
    }
    if (more) this.kick();
  }
}
