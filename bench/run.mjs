// `npm run bench`: every benchmark, each reporting ratios against a reference
// run in the same script (machines here are shared and noisy).
import './user-env.mjs';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { benchPrint, cleanBench } from './print-throughput.mjs';

await benchPrint();

// The other benchmarks are scripts of their own; each prints its table.
for (const [script, ...args] of [['big-logs.mjs'], ['detect.mjs'], ['follow-latency.mjs'], ['follow-storm.mjs'], ['tui-keypress.mjs', '10000000'], ['logger-finder.mjs'], ['many-loggers.mjs'], ['timeline.mjs'], ['ssh-follower.mjs']]) {
  const path = fileURLToPath(new URL(script, import.meta.url));
  if (!existsSync(path)) continue;
  console.log(`\n## ${script}`);
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', path, ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = 1;
}

cleanBench();
