import { parentPort, workerData } from 'node:worker_threads';
import { resultBuffers, segmentJob, type SegmentJob, type SegmentWorkerData } from './segment-job.js';
import type { SegmentTask } from './segment-parse.js';
import { runSpoolCopy, type SpoolCopyTask } from './spool-copy-job.js';
import { lowerThreadPriority } from './thread-priority.js';

// A worker thread that parses segments of a file (segment-pool.ts). Its data
// comes as workerData, or, started ahead of its work (worker-prestart.ts), as
// the first message. Told { copy } instead, it copies a big file's start into
// the spool (spool-copy-job.ts) and ends.
function start(data: SegmentWorkerData): SegmentJob {
  if (data.niceness !== undefined) lowerThreadPriority(data.niceness);
  return segmentJob(data);
}
let job = workerData === undefined ? undefined : start(workerData as SegmentWorkerData);

parentPort!.on('message', (m: SegmentTask | null | { data: SegmentWorkerData } | { copy: SpoolCopyTask }) => {
  if (m !== null && 'copy' in m) {
    runSpoolCopy(m.copy, (p) => parentPort!.postMessage(p));
    parentPort!.close();
    return;
  }
  if (m !== null && 'data' in m) {
    job = start(m.data);
    return;
  }
  if (m === null) {
    job?.close();
    parentPort!.close();
    return;
  }
  const result = job!.run(m);
  parentPort!.postMessage(result, resultBuffers(result));
});
