/** A worker thread of the task pool: runs each task it is sent and posts back its result or error. */
import { parentPort } from 'node:worker_threads';
import { runTask, type Task } from './tasks.js';

parentPort!.on('message', async ({ id, task }: { id: number; task: Task }) => {
  try {
    parentPort!.postMessage({ id, ok: true, value: await runTask(task) });
  } catch (error) {
    parentPort!.postMessage({ id, ok: false, error: (error as Error).message ?? String(error) });
  }
});
