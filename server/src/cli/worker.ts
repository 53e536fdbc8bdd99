/** A checking thread of `fact-notes check`: checks its share of sheets and posts the results. */
import { parentPort, workerData } from 'node:worker_threads';
import { checkShare, type WorkerInput } from './parallel';

parentPort!.postMessage(checkShare(workerData as WorkerInput));
