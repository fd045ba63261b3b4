import { parentPort, workerData } from 'node:worker_threads';
import { resultBuffers, segmentJob, type SegmentWorkerData } from './segment-job.js';
import type { SegmentTask } from './segment-parse.js';
import { lowerThreadPriority } from './thread-priority.js';

// A worker thread that parses segments of a file (segment-pool.ts).
const data = workerData as SegmentWorkerData;
if (data.niceness !== undefined) lowerThreadPriority(data.niceness);
const job = segmentJob(data);

parentPort!.on('message', (task: SegmentTask | null) => {
  if (task === null) {
    job.close();
    parentPort!.close();
    return;
  }
  const result = job.run(task);
  parentPort!.postMessage(result, resultBuffers(result));
});
