import { Level } from '../model/level.js';
import type { LoggerTree } from '../store/logger-tree.js';

/** What the user set on one logger subtree; unset fields inherit from ancestors. */
export interface SubtreeRule {
  hidden?: boolean;
  minLevel?: Level;
}

/** `-l LOGGER=LEVEL`: a subtree's own threshold. */
export interface LoggerLevel {
  logger: string;
  level: Level;
}

/** In a threshold table: the logger is hidden whatever the level. */
export const HIDDEN = 255;

function parentOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(0, dot);
}

function normalise(prefix: string): string {
  return prefix === 'root' ? '' : prefix;
}

/**
 * Per-subtree visibility and level thresholds with Python's semantics: a rule
 * on `a.b` covers `a.b` and `a.b.*`, and the deepest rule that sets a field
 * wins (like a child logger's own level overriding its parent's). Without any
 * level rule the global threshold applies.
 */
export class LoggerRules {
  private readonly rules = new Map<string, SubtreeRule>();
  private global: Level = Level.none;
  /** Bumped on every change, so cached decisions know when to go. */
  version = 0;

  /**
   * Rules from the command line: -L shows only those subtrees, -x hides (and
   * wins over -L), `-l LOGGER=LEVEL` sets a subtree's threshold (the nearest
   * configured ancestor's applies, as in Python's logging config).
   */
  static fromOptions(minLevel: Level, include: readonly string[], exclude: readonly string[], levels: readonly LoggerLevel[] = []): LoggerRules {
    const r = new LoggerRules();
    r.global = minLevel;
    for (const { logger, level } of levels) r.set(logger, { ...r.rule(logger), minLevel: level });
    const ex = exclude.map(normalise);
    if (include.length > 0) {
      r.set('', { hidden: true });
      for (const p of include.map(normalise)) {
        const excluded = ex.some((e) => e === '' || p === e || p.startsWith(e + '.'));
        if (!excluded) r.set(p, { ...r.rule(p), hidden: false });
      }
    }
    for (const e of ex) r.set(e, { ...r.rule(e), hidden: true });
    return r;
  }

  get globalLevel(): Level {
    return this.global;
  }

  set globalLevel(level: Level) {
    if (level === this.global) return;
    this.global = level;
    this.version++;
  }

  rule(prefix: string): SubtreeRule | undefined {
    return this.rules.get(normalise(prefix));
  }

  /** Replace the rule of a subtree (an empty rule removes it). */
  set(prefix: string, rule: SubtreeRule): void {
    const p = normalise(prefix);
    if (rule.hidden === undefined && rule.minLevel === undefined) this.rules.delete(p);
    else this.rules.set(p, { ...rule });
    this.version++;
  }

  clear(prefix: string): void {
    if (this.rules.delete(normalise(prefix))) this.version++;
  }

  /** Drop every subtree rule (the global level stays). */
  clearSubtrees(): void {
    if (this.rules.size === 0) return;
    this.rules.clear();
    this.version++;
  }

  entries(): IterableIterator<[string, SubtreeRule]> {
    return this.rules.entries();
  }

  /** Hide a shown subtree, show a hidden one; true when it is hidden now. */
  toggleHidden(name: string): boolean {
    const hide = !this.isHidden(name);
    const { hidden: _own, ...rest } = this.rule(name) ?? {};
    // Showing drops our own "hidden" first; only if an ancestor still hides it, say "shown".
    this.set(name, hide ? { ...rest, hidden: true } : rest);
    if (!hide && this.isHidden(name)) this.set(name, { ...rest, hidden: false });
    return hide;
  }

  /** Show only this subtree: every other visibility rule goes, the root is hidden. */
  showOnly(name: string): void {
    for (const [p, r] of [...this.rules.entries()]) {
      const { hidden: _h, ...rest } = r;
      this.set(p, rest);
    }
    this.set('', { ...this.rule(''), hidden: true });
    this.set(name, { ...this.rule(name), hidden: false });
  }

  /** Raise (+1) or lower (-1) a subtree's threshold to the next level that changes what shows. */
  stepLevel(name: string, delta: 1 | -1, present: readonly Level[]): Level {
    const next = nextThreshold(this.effectiveLevel(name), delta, present);
    this.set(name, { ...this.rule(name), minLevel: next });
    return next;
  }

  /** The same for the global threshold. */
  stepGlobalLevel(delta: 1 | -1, present: readonly Level[]): Level {
    this.globalLevel = nextThreshold(this.global, delta, present);
    return this.global;
  }

  /** Is the subtree shown, all rules considered. */
  isHidden(name: string): boolean {
    return this.threshold(name) === HIDDEN;
  }

  /** The level threshold that applies to a logger, ignoring visibility. */
  effectiveLevel(name: string): Level {
    for (let p = name; ; p = parentOf(p)) {
      const r = this.rules.get(p);
      if (r?.minLevel !== undefined) return r.minLevel;
      if (p === '') return this.global;
    }
  }

  /** HIDDEN, or the minimum level a record of this logger needs. */
  threshold(name: string): number {
    let hidden: boolean | undefined;
    for (let p = name; ; p = parentOf(p)) {
      const r = this.rules.get(p);
      if (r?.hidden !== undefined) {
        hidden = r.hidden;
        break;
      }
      if (p === '') break;
    }
    return hidden === true ? HIDDEN : this.effectiveLevel(name);
  }
}

/**
 * The threshold one step up or down from `t` that changes what shows, given
 * the levels present in the log (ascending): up hides the lowest level still
 * shown, down shows the highest level hidden (none left: all levels). Without
 * the levels present (an empty log) it moves by one level.
 */
export function nextThreshold(t: Level, delta: 1 | -1, present: readonly Level[]): Level {
  const lv = present.filter((l) => l !== Level.none);
  if (lv.length === 0) return Math.max(Level.none, Math.min(Level.critical, t + delta)) as Level;
  if (delta > 0) {
    const lowestShown = lv.find((l) => l >= t);
    if (lowestShown === undefined) return t;
    return lv.find((l) => l > lowestShown) ?? t;
  }
  let highestHidden: Level | undefined;
  for (const l of lv) if (l < t) highestHidden = l;
  return highestHidden === undefined || highestHidden === lv[0] ? Level.none : highestHidden;
}

/**
 * Thresholds per logger id, so filtering a record is two array reads. Refilled
 * when the rules change; extended when new loggers appear.
 */
export class ThresholdTable {
  private table = new Uint8Array(64);
  private filled = 0;
  private rulesVersion = -1;

  constructor(
    private readonly rules: LoggerRules,
    private readonly tree: LoggerTree,
  ) {}

  /** The table, valid for every logger id the tree has now. */
  current(): Uint8Array {
    if (this.rulesVersion !== this.rules.version) {
      this.rulesVersion = this.rules.version;
      this.filled = 0;
    }
    const n = this.tree.size;
    if (n > this.table.length) {
      const t = new Uint8Array(Math.max(n, this.table.length * 2));
      t.set(this.table.subarray(0, this.filled));
      this.table = t;
    }
    for (let id = this.filled; id < n; id++) this.table[id] = this.rules.threshold(this.tree.name(id));
    this.filled = n;
    return this.table;
  }
}
