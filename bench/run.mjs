// `npm run bench`: every benchmark, each reporting ratios against a reference
// run in the same script (machines here are shared and noisy).
import { benchPrint } from './print-throughput.mjs';

await benchPrint();
