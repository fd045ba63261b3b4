// Imported first by the benchmarks: the programs they run get the environment
// a user's shell has. This machine sets NODE_EXTRA_CA_CERTS (a CA bundle for
// its own proxy); Node reads and parses that file at every start, before any
// of logview runs, and logview makes no TLS connection. Few users have it set,
// so it is unset here, for every program alike, and what it would cost is
// measured and said.
import { spawnSync } from 'node:child_process';

const startMs = (env) => {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.uptime() * 1000))'], { env, encoding: 'utf8' });
    times.push(Number(r.stdout));
  }
  return times.sort((a, b) => a - b)[2];
};

/** What the benchmark changed in the environment, for its report (empty when nothing; handed to the scripts run.mjs starts). */
export let envNote = process.env.BENCH_ENV_NOTE ?? '';
const certs = process.env.NODE_EXTRA_CA_CERTS;
if (certs !== undefined && certs !== '') {
  const withCerts = startMs(process.env);
  delete process.env.NODE_EXTRA_CA_CERTS;
  const without = startMs(process.env);
  envNote = `NODE_EXTRA_CA_CERTS (${certs}) is unset for every program run here: Node reads it at each start (a bare node starts in ${withCerts.toFixed(0)} ms with it, ${without.toFixed(0)} ms without), logview makes no TLS connection, and a user's shell seldom sets it.`;
  process.env.BENCH_ENV_NOTE = envNote;
  console.log(envNote);
}
