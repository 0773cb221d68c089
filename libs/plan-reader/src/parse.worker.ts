// The worker thread's entry: runs parse jobs posted by PlanParsePool, one at a time.
import { parentPort } from 'node:worker_threads';
import { type ParseJob, runParseJob, toWire } from './job';

parentPort?.on('message', (message: { id: number; job: ParseJob }) => {
  runParseJob(message.job).then(
    (result) => parentPort?.postMessage({ id: message.id, result }),
    (error: unknown) => parentPort?.postMessage({ id: message.id, error: toWire(error) }),
  );
});

// loaded: the pool starts a job's clock only now, so a slow start never counts against a document
parentPort?.postMessage({ ready: true });
