/** A frame from the remote follower (see remote-follower.ts); data comes in pieces as it arrives. */
export type RemoteFrame =
  /** Bytes of the current stream, or with `old` of the rotated-away file kept open. */
  | { verb: 'data'; bytes: Buffer; old: boolean }
  | { verb: 'open'; ident: string; offset: number }
  | { verb: 'end' | 'keep' | 'oldend' | 'caught' | 'wait' | 'tick' | 'eof' }
  | { verb: 'gone'; ident: string }
  | { verb: 'err'; reason: string }
  | { verb: 'match'; path: string };

/** What is not a frame: output of a login script, or a follower that is not ours. */
export class FrameError extends Error {}

const HEADER = '@LVF ';
/** A header line longer than this is not one (a path, a reason: well under). */
const MAX_HEADER = 16 * 1024;

/**
 * The follower's output -> frames. A data frame's bytes are handed on as
 * they arrive (a piece at a time), so a connection that drops inside a frame
 * still delivers every byte that came, and the offset reached is exact.
 */
export class FrameReader {
  private header = Buffer.alloc(0);
  /** Bytes of the current data frame still to come, and whether they are the old file's. */
  private dataLeft = 0;
  private dataOld = false;

  push(chunk: Buffer, emit: (frame: RemoteFrame) => void): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.dataLeft > 0) {
        const n = Math.min(this.dataLeft, chunk.length - at);
        emit({ verb: 'data', bytes: chunk.subarray(at, at + n), old: this.dataOld });
        this.dataLeft -= n;
        at += n;
        continue;
      }
      const nl = chunk.indexOf(10, at);
      if (nl < 0) {
        this.header = Buffer.concat([this.header, chunk.subarray(at)]);
        if (this.header.length > MAX_HEADER) throw new FrameError('unexpected output from the remote follower');
        return;
      }
      const line = Buffer.concat([this.header, chunk.subarray(at, nl)]).toString();
      this.header = Buffer.alloc(0);
      at = nl + 1;
      const frame = parseHeader(line);
      if (typeof frame === 'number') {
        this.dataLeft = Math.abs(frame);
        this.dataOld = frame < 0;
      } else emit(frame);
    }
  }
}

/** A header line -> its frame, or for `data N` the number of bytes that follow (`old N`: negative). */
function parseHeader(line: string): Exclude<RemoteFrame, { verb: 'data' }> | number {
  if (!line.startsWith(HEADER)) throw new FrameError(`unexpected output from the remote follower: ${line.slice(0, 200)}`);
  const rest = line.slice(HEADER.length);
  const sp = rest.indexOf(' ');
  const verb = sp < 0 ? rest : rest.slice(0, sp);
  const arg = sp < 0 ? '' : rest.slice(sp + 1);
  switch (verb) {
    case 'data':
    case 'old': {
      const n = Number(arg);
      if (!Number.isSafeInteger(n) || n <= 0) throw new FrameError(`bad data frame: ${line}`);
      return verb === 'old' ? -n : n;
    }
    case 'open': {
      const [ident, offset] = arg.split(' ');
      const o = Number(offset);
      if (!ident || !Number.isSafeInteger(o) || o < 0) throw new FrameError(`bad open frame: ${line}`);
      return { verb: 'open', ident, offset: o };
    }
    case 'end':
    case 'keep':
    case 'oldend':
    case 'caught':
    case 'wait':
    case 'tick':
    case 'eof':
      return { verb };
    case 'gone':
      return { verb, ident: arg };
    case 'err':
      return { verb, reason: arg };
    case 'match':
      return { verb, path: arg };
    default:
      throw new FrameError(`unknown frame from the remote follower: ${line.slice(0, 200)}`);
  }
}
