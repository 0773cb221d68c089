import type { Queue } from 'bullmq';

/**
 * How far back the fan-out looks for nights without a summary: a worker that starts after the
 * summary time (or after days of outage) sends those nights, late, each once. Further back a
 * summary is history, not news.
 */
export const SUMMARY_CATCH_UP_NIGHTS = 3;

/**
 * A night's `summary.send` that used up its attempts (a long database outage) keeps its fixed id
 * in Redis, and adding the same id again is a no-op: such a job is retried instead. Returns how
 * many were.
 */
export async function reviveFailed(queue: Queue, jobIds: string[]): Promise<number> {
  let revived = 0;
  for (const id of jobIds) {
    const job = await queue.getJob(id);
    if (!job || (await job.getState()) !== 'failed') continue;
    // another replica's fan-out may have retried it a moment ago: that is the same outcome
    const ok = await job.retry('failed', { resetAttemptsMade: true }).then(() => true, () => false);
    if (ok) revived++;
  }
  return revived;
}
