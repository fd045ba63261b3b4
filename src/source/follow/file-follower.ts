import type { BigIntStats } from 'node:fs';
import { lstat, open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CHUNK_SIZE } from '../read-chunks.js';
import { isStreamStat, openStreamSource, type StreamReader } from '../stream-source.js';
import { IS_DIRECTORY, sourceProblem } from '../source-error.js';
import { pollTrigger, type Trigger } from './triggers.js';

/**
 * What a follower reports. A followed name yields several byte streams over
 * its life (the first file, the file after a rotation, the same file read
 * again from 0 after a truncation); each is numbered, and bytes of different
 * streams must never be joined into one line.
 */
export type FollowEvent =
  | { kind: 'data'; stream: number; offset: number; data: Buffer }
  | { kind: 'end'; stream: number }
  | { kind: 'notice'; level: 'info' | 'warning' | 'error'; message: string };

type OpenReason = 'opened' | 'rotated' | 'appeared';

/** Receives events in order; may return a promise to hold the reader back (output backpressure). */
export type FollowSink = (event: FollowEvent) => void | Promise<void>;

export interface FollowerOptions {
  /** How often the path is stat'ed whatever the watcher says. */
  pollMs?: number;
  /** How long an old descriptor (rotated away) is kept, and read, after its last new byte. */
  graceMs?: number;
  chunkSize?: number;
  /**
   * Start a watcher that calls check() on changes (the poll is the follower's
   * own). Called again when the file appears after being missing: a watcher
   * set up before its directory existed sees nothing.
   */
  watch?: (
    check: () => void,
    notice: (level: 'info' | 'warning' | 'error', message: string) => void,
    /** True while rotated-away files are kept: changes to any file in the directory may be theirs. */
    holdsOldFiles: () => boolean,
    /** An event named another file than the followed one: a rotated-away file may have grown, or a rotation put one there. */
    otherName: (name: string) => void,
  ) => Trigger;
  /** Called once, when the first look at the path is done: what the file held at start has been read. */
  onCaughtUp?: () => void;
  /**
   * Byte offset where reading the first file opened starts (a big file shown
   * from its tail; its start is indexed elsewhere). Bytes before it are still
   * compared, so a truncation or rewrite is caught as usual.
   */
  startAt?: number;
}

export const DEFAULT_POLL_MS = 250;
export const DEFAULT_GRACE_MS = 5000;
/** A rotated file compressed (logrotate `compress`) is a new file, born after it rotated: never a missed generation. */
const COMPRESSED = /\.(gz|bz2|xz|zst|lz4|lzma|Z|zip|br)$/;
/** Rotated-away names remembered between rotations (a bound for a directory full of churn). */
const MAX_ROTATED_NAMES = 4096;
/** Bytes compared before the read offset (truncation) and at the start (rewrite). */
const PRINT_LEN = 64;
/** Reads smaller than this are copied out so a 1 MiB buffer isn't pinned by one line. */
const COPY_BELOW = 64 * 1024;

interface Identity {
  dev: bigint;
  ino: bigint;
  /** 0n where the filesystem gives no birth time. */
  birth: bigint;
}

/** One open descriptor being read. */
interface Tracked {
  fh: FileHandle;
  id: Identity;
  stream: number;
  /** Next byte to read. */
  pos: number;
  /** The stream's first bytes as read (up to PRINT_LEN): catches a rewrite that keeps the size. */
  head: Buffer;
  /** The PRINT_LEN bytes just before pos: catches truncate-then-longer-write. */
  tail: Buffer;
  /** Leading NULs of a stream are a copytruncate hole (writer without O_APPEND): skipped, never shown. */
  skipNul: boolean;
  lastData: number;
  /** A read error already reported (reported once until a read succeeds). */
  readError: boolean;
}

/** What a look at the path found: the file there (already opened if new), or why none. */
type Look = { kind: 'file'; id: Identity } | { kind: 'directory' } | { kind: 'stream' } | { kind: 'unavailable'; err: unknown };

/** Every running follower: a file rotated to another followed name is that name's to read. */
const followers = new Set<FileFollower>();

function identityOf(st: BigIntStats): Identity {
  return { dev: st.dev, ino: st.ino, birth: st.birthtimeNs };
}

function sameFile(a: Identity, b: Identity): boolean {
  // (dev, ino) can name a different file once the old one is gone (inode
  // reuse); the birth time, where the filesystem keeps one, tells them apart.
  return a.dev === b.dev && a.ino === b.ino && (a.birth === 0n || b.birth === 0n || a.birth === b.birth);
}

const MISSING = new Set(['ENOENT', 'ENOTDIR']);

async function isSymlink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Follows one file NAME like `tail -F`, losing no line and repeating none:
 *
 * - rotation (another file at the path, or the path gone): the old descriptor
 *   is drained to its end first, then the new file is read from 0; the old one
 *   is kept and read for a grace period (a daemon not yet HUPed still writes to it);
 * - truncation: size below the offset, or the bytes just before the offset (or
 *   the first bytes) changed -> the same file is read again from 0;
 * - missing, a directory, unreadable: reported once, retried on every check;
 * - reads go until read() returns 0, never up to a stat'ed size.
 *
 * check() is idempotent and cheap; triggers (watcher, poll) just call it.
 */
export class FileFollower {
  private cur: Tracked | undefined;
  private olds: Tracked[] = [];
  private nextStream = 0;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private poll: Trigger | undefined;
  private watcher: Trigger | undefined;
  /** The problem last reported for the path, so each is reported once. */
  private problem: string | undefined;
  private missingSince = 0;
  private everOpened = false;
  private readBuf: Buffer | undefined;
  private oldsDrained = false;
  /**
   * Rotated-away files may have new bytes: set by the poll, by an event naming
   * another file, and when a file joins them. Without it a pass reads none of
   * them: in a rename storm a hundred are held, and events for the followed
   * name come by the thousand.
   */
  private oldsDirty = true;
  /** New files spotted at the path, opened at once, oldest first: read in turn after the current one. */
  private pending: Tracked[] = [];
  private looking: Promise<Look> | undefined;
  private lookAfter: Promise<Look> | undefined;
  private hasWatch = false;
  private readonly base: string;
  /** Names like the followed one (`app.log.3`) that events mentioned since the last rotation: where a missed file went. */
  private rotatedNames = new Set<string>();
  /** Reading a FIFO or device: no more looks at the path. */
  private stream: StreamReader | undefined;
  private endStream: () => void = () => {};
  /** Resolves when a FIFO or device followed has reached its end (never for a file). */
  readonly streamEnded = new Promise<void>((resolve) => (this.endStream = resolve));
  /** Every descriptor open, whatever its role: a look must never open a file twice. */
  private readonly opened = new Set<Tracked>();
  private readonly pollMs: number;
  private readonly graceMs: number;
  private readonly chunkSize: number;
  private onCaughtUp: (() => void) | undefined;

  constructor(
    readonly path: string,
    private readonly sink: FollowSink,
    private readonly opts: FollowerOptions = {},
  ) {
    this.pollMs = opts.pollMs ?? DEFAULT_POLL_MS;
    this.graceMs = opts.graceMs ?? DEFAULT_GRACE_MS;
    this.chunkSize = opts.chunkSize ?? CHUNK_SIZE;
    this.onCaughtUp = opts.onCaughtUp;
    this.base = basename(path);
  }

  start(): void {
    followers.add(this);
    this.poll = pollTrigger(this.pollMs, () => {
      this.oldsDirty = true;
      this.check();
    });
    this.startWatch();
    this.check();
  }

  private startWatch(): void {
    const notice = (level: 'info' | 'warning' | 'error', message: string): void => {
      // Polling only from now on: no event will say a rotated-away file grew.
      this.hasWatch = false;
      void this.sink({ kind: 'notice', level, message });
    };
    this.hasWatch = this.opts.watch !== undefined;
    this.watcher = this.opts.watch?.(
      () => this.check(),
      notice,
      () => this.olds.length > 0,
      (name) => {
        this.oldsDirty = true;
        if (name.startsWith(this.base) && this.rotatedNames.size < MAX_ROTATED_NAMES) this.rotatedNames.add(name);
      },
    );
  }

  private async restartWatch(): Promise<void> {
    const old = this.watcher;
    this.watcher = undefined;
    await old?.close();
    if (!this.stopped) this.startWatch();
  }

  /** Look at the path and read what is new. Calls during a running check coalesce into one more pass. */
  check(): void {
    if (this.stopped || this.streamMode) return;
    // Whatever a running pass is doing (reading a backlog, waiting for the
    // output), a new file at the name is opened now: in a storm of renames
    // every 50 ms it is gone again before the pass ends.
    void this.look();
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.pass();
        const caughtUp = this.onCaughtUp;
        this.onCaughtUp = undefined;
        caughtUp?.();
      } while (this.again && !this.stopped);
      this.running = undefined;
    })();
  }

  /** Stop: no more reads; every open stream ends (its partial line is the consumer's to flush). */
  async stop(): Promise<void> {
    this.stopped = true;
    followers.delete(this);
    this.stream?.close();
    await this.poll?.close();
    await this.watcher?.close();
    await this.running;
    await this.looking?.catch(() => {});
    await this.streamRun;
    for (const t of [...this.olds, ...(this.cur ? [this.cur] : []), ...this.pending]) await this.retire(t);
    this.olds = [];
    this.pending = [];
    this.cur = undefined;
  }

  private async pass(): Promise<void> {
    try {
      this.oldsDrained = false;
      await this.checkPath();
      if (!this.oldsDrained) await this.drainOlds();
      const now = Date.now();
      for (const t of [...this.olds]) {
        if (now - t.lastData >= this.graceMs) {
          this.olds = this.olds.filter((o) => o !== t);
          await this.retire(t);
        }
      }
    } catch (err) {
      // Never let one bad pass end following; say what happened, retry next trigger.
      this.report('error', sourceProblem(this.path, err));
    }
  }

  /**
   * Read what rotated-away files got since the last pass. Called just before
   * the current file's first new bytes are delivered: a single writer puts its
   * late lines in the old file before it reopens the name, so whatever it wrote
   * there before the bytes we just read from the new file is already visible,
   * and goes out first.
   */
  private readonly drainOlds = async (): Promise<void> => {
    this.oldsDrained = true;
    if (!this.oldsDirty && this.hasWatch) return;
    this.oldsDirty = false;
    for (const t of [...this.olds]) {
      if (this.stopped) return;
      await this.readAvailable(t);
    }
  };

  /**
   * Stat the path and, if another file is there, open it and queue it
   * (pending). Runs on every trigger, beside a running pass; concurrent calls
   * share one look plus one after it, so at most one stat is in flight.
   */
  private look(): Promise<Look> {
    if (!this.looking) {
      const p = this.lookOnce();
      this.looking = p.then((r) => {
        this.looking = undefined;
        return r;
      });
      return this.looking;
    }
    this.lookAfter ??= this.looking.then(() => {
      this.lookAfter = undefined;
      return this.look();
    });
    return this.lookAfter;
  }

  /** Whether a descriptor on this file is open already (current, pending, rotated away, or between those). */
  private known(id: Identity): boolean {
    for (const t of this.opened) if (sameFile(id, t.id)) return true;
    return false;
  }

  private async lookOnce(): Promise<Look> {
    if (this.stopped) return { kind: 'unavailable', err: { code: 'ENOENT' } };
    let st: BigIntStats;
    try {
      st = await stat(this.path, { bigint: true });
    } catch (err) {
      return { kind: 'unavailable', err };
    }
    if (st.isDirectory()) return { kind: 'directory' };
    if (isStreamStat(st)) return { kind: 'stream' };
    const id = identityOf(st);
    if (this.known(id)) return { kind: 'file', id };
    let fh: FileHandle;
    try {
      fh = await open(this.path, 'r');
    } catch (err) {
      return { kind: 'unavailable', err };
    }
    try {
      const fst = await fh.stat({ bigint: true });
      if (fst.isDirectory()) {
        await fh.close();
        return { kind: 'directory' };
      }
      const fid = identityOf(fst);
      // Renamed again between the stat and the open: what we opened counts.
      if (this.stopped || this.known(fid)) {
        await fh.close();
        return { kind: 'file', id: fid };
      }
      this.pending.push(this.track(fh, fid));
      return { kind: 'file', id: fid };
    } catch (err) {
      await fh.close().catch(() => {});
      return { kind: 'unavailable', err };
    }
  }

  private async checkPath(): Promise<void> {
    let seen = await this.look();
    // Every file spotted at the name, in the order it was there: the one
    // before is drained to its end first, then it is read from 0. Then look
    // again, so what is judged below is the path as it is after those reads.
    for (let round = 0; this.pending.length > 0 && round < 4 && !this.stopped; round++) {
      while (this.pending.length > 0 && !this.stopped) await this.takeNext(this.pending.shift()!);
      seen = await this.look();
    }
    if (this.stopped) return;
    if (this.pending.length > 0) {
      // Still rotating: take the rest on another pass (so this one ends, and old files' grace is kept).
      this.again = true;
      return;
    }
    if (seen.kind === 'unavailable') return this.pathUnavailable(seen.err);
    if (seen.kind === 'stream') return this.readStream();
    if (seen.kind === 'directory') {
      await this.leaveCurrent();
      this.report('error', sourceProblem(this.path, IS_DIRECTORY));
      return;
    }
    const cur = this.cur;
    if (cur && sameFile(seen.id, cur.id)) {
      await this.readCurrent(cur);
      return;
    }
    // A file we still hold came back to the name (renamed back, or the path
    // was briefly unreadable): carry on where we were, never from 0 again.
    const back = this.olds.find((o) => sameFile(seen.id, o.id));
    if (back && (await this.stillAtPath(back.id))) {
      await this.leaveCurrent();
      this.olds = this.olds.filter((o) => o !== back);
      this.cur = back;
      this.recovered();
      this.missingSince = 0;
      await this.readCurrent(back);
    }
    // Otherwise the path changed again while we read: the look that saw it queued another pass.
  }

  private async stillAtPath(id: Identity): Promise<boolean> {
    try {
      return sameFile(identityOf(await stat(this.path, { bigint: true })), id);
    } catch {
      return false;
    }
  }

  private streamMode = false;
  private streamRun: Promise<void> | undefined;

  /**
   * A FIFO, `<(cmd)` or device at the path: read it in order to its end, as
   * a stream (positional reads fail with ESPIPE, a device has no size to
   * check truncation against). Runs beside the checks, which stop here.
   */
  private async readStream(): Promise<void> {
    this.streamMode = true;
    await this.poll?.close();
    await this.watcher?.close();
    const id = this.nextStream++;
    let offset = 0;
    try {
      this.stream = await openStreamSource(this.path, this.chunkSize);
      if (this.stopped) this.stream.close();
      this.problem = undefined;
      const run = async (): Promise<void> => {
        try {
          for await (const data of this.stream!.chunks) {
            await this.sink({ kind: 'data', stream: id, offset, data });
            offset += data.length;
          }
        } catch (err) {
          this.report('error', err instanceof Error ? err.message : String(err));
        }
        await this.sink({ kind: 'end', stream: id });
        this.endStream();
      };
      // Not awaited: the pass ends (the start-up catch-up is done; a FIFO may wait hours for its writer).
      this.streamRun = run();
    } catch (err) {
      this.report('error', err instanceof Error ? err.message : String(err));
      this.endStream();
    }
  }

  /** Switch to a newly spotted file: read what is left of the current one, keep it a while, read the new one from 0. */
  private async takeNext(t: Tracked): Promise<void> {
    const cur = this.cur;
    await this.leaveCurrent();
    const reason: OpenReason = !this.everOpened ? 'opened' : cur ? 'rotated' : 'appeared';
    if (reason === 'rotated') this.report('info', `${this.path}: file replaced; following the new file`);
    else if (reason === 'appeared' || (reason === 'opened' && this.problem !== undefined)) this.report('info', `${this.path}: file appeared; following it`);
    const wasMissing = this.missingSince !== 0;
    this.problem = undefined;
    this.everOpened = true;
    this.missingSince = 0;
    // A watch set up before the directory existed, or on a symlink's old
    // target directory, sees nothing of this file.
    if (wasMissing || (reason === 'rotated' && (await isSymlink(this.path)))) await this.restartWatch();
    // Two rotations between looks (always possible when polling; in a storm
    // when a look comes late) leave a file we never saw at the name: find it
    // among the rotated-away names, and read it in between.
    if (cur) for (const m of await this.missedBetween(cur, t)) await this.takeMissed(m);
    await this.leaveCurrent(); // the last missed one, if any: kept for its grace period like the others
    // A big file shown from its tail: its start is indexed elsewhere.
    if (reason === 'opened' && this.opts.startAt !== undefined && this.opts.startAt > 0) await this.skipTo(t, this.opts.startAt);
    this.cur = t;
    await this.readAvailable(t, this.drainOlds);
  }

  /**
   * Files born after `prev` and before `next` under a rotated-away form of
   * the name (`app.log.1`, `app.log-2024...`), not held: the generations
   * that came and went between two polls. Needs birth times (statx); where
   * the filesystem has none nothing is guessed.
   */
  private async missedBetween(prev: Tracked, next: Tracked): Promise<Tracked[]> {
    if (prev.id.birth === 0n || next.id.birth === 0n) return [];
    const dir = dirname(this.path);
    // With events, only the names they mentioned; polling, the directory's.
    let names: string[];
    if (this.hasWatch) {
      names = [...this.rotatedNames];
    } else {
      try {
        names = await readdir(dir);
      } catch {
        return [];
      }
    }
    const found: Tracked[] = [];
    for (const n of names) {
      if (n === this.base || !n.startsWith(this.base) || COMPRESSED.test(n)) {
        this.rotatedNames.delete(n);
        continue;
      }
      const p = join(dir, n);
      let fh: FileHandle | undefined;
      try {
        const st = await stat(p, { bigint: true });
        const id = identityOf(st);
        // Born after `next`: maybe missed later; kept. Anything else is settled now.
        if (id.birth > next.id.birth) continue;
        this.rotatedNames.delete(n);
        // Birth times tick with the kernel's clock (a few ms): ties count as between.
        if (!st.isFile() || this.known(id) || id.birth < prev.id.birth) continue;
        fh = await open(p, 'r');
        const fst = await fh.stat({ bigint: true });
        if (sameFile(identityOf(fst), id)) {
          found.push(this.track(fh, identityOf(fst)));
          fh = undefined;
        }
      } catch {
        // gone or unreadable: not ours to report
        this.rotatedNames.delete(n);
      } finally {
        await fh?.close().catch(() => {});
      }
    }
    // In the order they were at the name: by birth, ties by inode (allocated in order on ext4, tmpfs).
    return found.sort((a, b) => (a.id.birth !== b.id.birth ? (a.id.birth < b.id.birth ? -1 : 1) : a.id.ino < b.id.ino ? -1 : 1));
  }

  /** A missed generation: read whole, after the one before it, then kept for the grace period like any old file. */
  private async takeMissed(t: Tracked): Promise<void> {
    await this.leaveCurrent();
    this.cur = t;
    await this.readAvailable(t);
  }

  /** The current file is no longer at the path: read what is left, keep it for the grace period. */
  private async leaveCurrent(): Promise<void> {
    const cur = this.cur;
    if (!cur) return;
    this.cur = undefined;
    // Renamed to a name another follower follows (`-F a b`, `mv a b`): that
    // follower reads it all from 0, so whatever came after what we read is
    // its to show (read here too, it would show twice).
    if (await this.atAnotherFollowedName(cur.id)) {
      await this.retire(cur);
      return;
    }
    await this.readAvailable(cur);
    cur.lastData = Date.now();
    this.olds.push(cur);
    this.oldsDirty = true;
  }

  private async atAnotherFollowedName(id: Identity): Promise<boolean> {
    for (const f of followers) {
      if (f === this || f.path === this.path) continue;
      try {
        if (sameFile(identityOf(await stat(f.path, { bigint: true })), id)) return true;
      } catch {
        // not there: not that follower's
      }
    }
    return false;
  }

  private async pathUnavailable(err: unknown): Promise<void> {
    const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
    await this.leaveCurrent();
    if (MISSING.has(code)) {
      // A rotation leaves the name missing for a moment; say "waiting" only
      // at start or when it stays missing past one poll.
      const now = Date.now();
      if (this.missingSince === 0) this.missingSince = now;
      if (!this.everOpened || now - this.missingSince >= this.pollMs) this.report('warning', `waiting for ${this.path}`);
      return;
    }
    this.missingSince = 0;
    this.report('error', sourceProblem(this.path, err));
  }

  /** A reported problem is over: say so, so a status line showing it is replaced. */
  private recovered(): void {
    if (this.problem === undefined) return;
    this.problem = undefined;
    this.report('info', `${this.path}: readable again; following it`);
  }

  private report(level: 'info' | 'warning' | 'error', message: string): void {
    if (level !== 'info') {
      if (this.problem === message) return;
      this.problem = message;
    }
    void this.sink({ kind: 'notice', level, message });
  }

  private track(fh: FileHandle, id: Identity): Tracked {
    const t: Tracked = {
      fh,
      id,
      stream: this.nextStream++,
      pos: 0,
      head: Buffer.alloc(0),
      tail: Buffer.alloc(0),
      skipNul: true,
      lastData: Date.now(),
      readError: false,
    };
    this.opened.add(t);
    return t;
  }

  /** Start reading t at pos, remembering the bytes a fresh read would have checked. */
  private async skipTo(t: Tracked, pos: number): Promise<void> {
    const head = Buffer.alloc(Math.min(PRINT_LEN, pos));
    const tail = Buffer.alloc(Math.min(PRINT_LEN, pos));
    const h = await t.fh.read(head, 0, head.length, 0);
    const e = await t.fh.read(tail, 0, tail.length, pos - tail.length);
    if (h.bytesRead !== head.length || e.bytesRead !== tail.length) return;
    t.head = head;
    t.tail = tail;
    t.pos = pos;
    t.skipNul = false;
  }

  private async readCurrent(t: Tracked): Promise<void> {
    // A shrink or a rewrite of the bytes before pos is caught by readAvailable's
    // tail check in the same read; up to PRINT_LEN bytes the tail is the head,
    // so only a longer file needs its first bytes compared as well.
    if (t.pos > PRINT_LEN && !(await this.headUnchanged(t))) await this.restart(t);
    await this.readAvailable(t, this.drainOlds);
  }

  private async headUnchanged(t: Tracked): Promise<boolean> {
    if (t.head.length === 0) return true;
    const buf = Buffer.alloc(t.head.length);
    const { bytesRead } = await t.fh.read(buf, 0, buf.length, 0);
    return bytesRead === buf.length && buf.equals(t.head);
  }

  /** The file was truncated (or rewritten): end the stream, read the same descriptor again from 0. */
  private async restart(t: Tracked): Promise<void> {
    await this.sink({ kind: 'end', stream: t.stream });
    t.stream = this.nextStream++;
    t.pos = 0;
    t.head = Buffer.alloc(0);
    t.tail = Buffer.alloc(0);
    t.skipNul = true;
    if (t === this.cur) this.report('info', `${this.path}: file truncated`);
  }

  /**
   * Read until read() returns 0. Each read starts PRINT_LEN bytes before the
   * offset and checks those bytes are still what was read there: if not, the
   * file was truncated and rewritten under us (in the same syscall, so no
   * window between check and read) and the stream restarts from 0.
   */
  private async readAvailable(t: Tracked, beforeFirstData?: () => Promise<void>): Promise<boolean> {
    let got = false;
    let before = beforeFirstData;
    while (!this.stopped) {
      const back = t.tail.length;
      const want = back + this.chunkSize;
      if (!this.readBuf || this.readBuf.length < want) this.readBuf = Buffer.allocUnsafe(want);
      const buf = this.readBuf;
      let bytesRead: number;
      try {
        ({ bytesRead } = await t.fh.read(buf, 0, want, t.pos - back));
      } catch (err) {
        if (!t.readError) this.report('error', sourceProblem(this.path, err));
        t.readError = true;
        return got;
      }
      if (t.readError) {
        t.readError = false;
        this.recovered();
      }
      if (bytesRead < back || !buf.subarray(0, back).equals(t.tail)) {
        await this.restart(t);
        continue;
      }
      const n = bytesRead - back;
      if (n === 0) break;
      let data: Buffer;
      if (n < COPY_BELOW) {
        data = Buffer.from(buf.subarray(back, bytesRead));
      } else {
        data = buf.subarray(back, bytesRead);
        this.readBuf = undefined; // handed on: lines may keep slices of it
      }
      this.remember(t, data);
      let offset = t.pos;
      t.pos += n;
      got = true;
      t.lastData = Date.now();
      if (t.skipNul) {
        let i = 0;
        while (i < data.length && data[i] === 0) i++;
        if (i === data.length) continue;
        data = data.subarray(i);
        offset += i;
        t.skipNul = false;
      }
      if (before) {
        // (data never aliases readBuf, which the nested reads reuse.)
        const b = before;
        before = undefined;
        await b();
      }
      await this.sink({ kind: 'data', stream: t.stream, offset, data });
      // Let the UI breathe between chunks of a large backlog.
      await new Promise<void>((r) => setImmediate(r));
    }
    return got;
  }

  private remember(t: Tracked, data: Buffer): void {
    if (t.head.length < PRINT_LEN) {
      t.head = Buffer.concat([t.head, data.subarray(0, PRINT_LEN - t.head.length)]);
    }
    if (data.length >= PRINT_LEN) {
      t.tail = Buffer.from(data.subarray(data.length - PRINT_LEN));
    } else {
      const both = Buffer.concat([t.tail, data]);
      t.tail = both.subarray(Math.max(0, both.length - PRINT_LEN));
    }
  }

  private async retire(t: Tracked): Promise<void> {
    this.opened.delete(t);
    await this.sink({ kind: 'end', stream: t.stream });
    await t.fh.close().catch(() => {});
  }
}
