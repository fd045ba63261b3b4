import { setFlagsFromString } from 'node:v8';

// Node 20 takes a worker thread's isolate off the platform before it disposes
// of it. A TurboFan job still running on a helper thread then may start
// incremental marking, ask the platform for the gone isolate's task runner
// and abort the whole process (node_platform.cc, "ForIsolate ... data.first";
// it took down a CI run while workers ended). The flag is read when an isolate
// is made: from here on, new isolates (worker threads only: the main isolate
// exists already) optimise on their own thread, and nothing of theirs runs
// on a helper thread when they end. Imported by every module that starts one.
setFlagsFromString('--no-concurrent-recompilation');
