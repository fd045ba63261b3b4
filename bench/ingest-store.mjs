// Ingest as the viewer does it: a file read to its end into a RecordStore
// (columns + raw bytes). Usage: node bench/ingest-store.mjs FILE
import { ingestSources } from '../dist/pipeline/ingest.js';
import { RecordStore } from '../dist/store/record-store.js';

const store = new RecordStore();
const ingest = ingestSources([process.argv[2]], { follow: false }, {
  onRecords: (batch) => store.append(batch),
  onNotice: (_id, message) => console.error(message),
});
await ingest.done;
console.log(`${store.size} records`);
