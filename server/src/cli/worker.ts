/** A checking thread of `fact-notes check`: waits for the shared work, checks sheets from it and posts the results. */
import { parentPort } from 'node:worker_threads';
import { takeAndCheck, type SharedWork } from './parallel';

parentPort!.once('message', (work: SharedWork) => parentPort!.postMessage(takeAndCheck(work)));
