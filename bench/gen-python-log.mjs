// Writes a Python-logging text log of about `bytes` bytes: the asctime/levelname/name
// format, ~2% ERROR records of which some carry a traceback, kamaki-style loggers.
import { createWriteStream } from 'node:fs';

const LOGGERS = ['kamaki.cli', 'kamaki.clients.compute', 'kamaki.clients.pithos', 'nova.compute.manager', 'swift.proxy.server', 'app.worker.queue'];
const LEVELS = ['DEBUG', 'INFO', 'INFO', 'INFO', 'WARNING', 'DEBUG', 'INFO', 'DEBUG'];
const MESSAGES = [
  'GET https://cyclades.okeanos.grnet.gr/compute/v2.0/servers/detail returned 200 in 0.132s',
  'Starting instance 6f1c2a86-1b1e-4a6e-9c3e-2f1d6a8b9c01 on host compute-17',
  'Container pithos listed: 1024 objects, 3.2 GiB',
  'Config file: /home/user/.kamakirc loaded with 12 sections',
  'Retrying request after connection reset by peer (attempt 2 of 5)',
];

export async function generatePythonLog(path, bytes) {
  const out = createWriteStream(path);
  let written = 0;
  let i = 0;
  let t = Date.UTC(2024, 4, 16, 0, 0, 0);
  const pad = (n, w) => String(n).padStart(w, '0');
  while (written < bytes) {
    let chunk = '';
    for (let k = 0; k < 2000; k++, i++) {
      t += 7;
      const d = new Date(t);
      const ts = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)},${pad(d.getUTCMilliseconds(), 3)}`;
      const isError = i % 50 === 7;
      const level = isError ? 'ERROR' : LEVELS[i % LEVELS.length];
      chunk += `${ts} ${level} ${LOGGERS[i % LOGGERS.length]} ${MESSAGES[i % MESSAGES.length]} #${i}\n`;
      if (isError && i % 200 === 7) {
        chunk += 'Traceback (most recent call last):\n  File "/usr/lib/python3/dist-packages/kamaki/cli/__init__.py", line 512, in main\n    _run(cmd)\nkamaki.clients.ClientError: Container pithos not found\n';
      }
    }
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
  return written;
}
