import { appendFileSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import pino from 'pino';

/**
 * A log written by pino itself (a devDependency), synchronously: `count`
 * records from a few named child loggers at levels from trace to fatal, one
 * in `errorEvery` an error with its stack (escaped newlines in `err.stack`).
 * Every `oddEvery`-th record is followed by a line pino would not write (an
 * indented line, plain text, broken JSON): the skim must not misread them.
 */
export function writePinoLog(path: string, opts: { count: number; errorEvery?: number; oddEvery?: number }): void {
  writeFileSync(path, '');
  let buffered: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      buffered.push(chunk.toString());
      done();
    },
  });
  const root = pino({ level: 'trace', base: { pid: 4242, hostname: 'vm' }, timestamp: pino.stdTimeFunctions.epochTime }, out);
  const loggers = ['api', 'api.db', 'worker.queue', 'worker.mail'].map((name) => root.child({ name }));
  const levels = ['trace', 'debug', 'info', 'info', 'warn', 'error', 'fatal'] as const;
  const odd = ['  indented continuation', 'plain text between records', '{"broken": ', '', '{"level":50,"msg":"no time, no name"}'];
  const flush = (): void => {
    appendFileSync(path, buffered.join(''));
    buffered = [];
  };
  for (let i = 0; i < opts.count; i++) {
    const log = loggers[i % loggers.length]!;
    const level = levels[(i * 7 + (i >> 3)) % levels.length]!;
    if (opts.errorEvery !== undefined && i % opts.errorEvery === 0) log.error({ err: new Error(`failure ${i}`), req: i }, 'request %d failed', i);
    else log[level]({ req: i, user: `u${i % 97}` }, 'handled request %d in %d ms', i, (i * 37) % 1000);
    if (opts.oddEvery !== undefined && i % opts.oddEvery === 0) buffered.push(odd[(i / opts.oddEvery) % odd.length]! + '\n');
    if (buffered.length > 4096) flush();
  }
  flush();
}
