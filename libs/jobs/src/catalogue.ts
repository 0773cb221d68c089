import type { JobsOptions } from 'bullmq';

/**
 * The one catalogue of queues, job names and payloads. Names are stable string literals (a queued
 * job outlives a deploy; a renamed class must not orphan it); payloads carry ids and dates, never
 * entities, because the handler reloads what it needs and skips when the state moved on.
 */
export const QUEUES = {
  /** Sweeps and summaries: few, heavy, scheduled. */
  notifications: 'notifications',
  /** One job per outbox row: many, small, retried while the relay is down. */
  mail: 'mail',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobPayloads {
  /** Reminders, escalations and the outbox relay over every jurisdiction. */
  'sweep.run': { trigger: 'startup' | 'schedule' | 'manual' };
  /** Finds joint meetings whose summary time has come tonight and queues one `summary.send` each. */
  'summary.fanout': Record<string, never>;
  /** `localDate` for the nightly run; `requestId` when a coordinator asked for it now. */
  'summary.send': { jointMeetingId: string; localDate: string; requestId?: string };
  'mail.send': { outboxId: string };
}
export type JobName = keyof JobPayloads;

/**
 * Added to every payload by the producer: the correlation id of the request or job that queued
 * it, under which the handler then runs (see @duban/observability). Scheduled jobs have none and
 * get one of their own.
 */
export interface JobMeta {
  correlationId?: string;
}
export type JobItem = { [N in JobName]: { name: N; data: JobPayloads[N] } }[JobName];

export const JOB_QUEUE: { readonly [N in JobName]: QueueName } = {
  'sweep.run': 'notifications',
  'summary.fanout': 'notifications',
  'summary.send': 'notifications',
  'mail.send': 'mail',
};

export const QUEUE_CONCURRENCY: { readonly [Q in QueueName]: number } = { notifications: 4, mail: 5 };

const DAY = 86_400;

/** Retries and retention in one place. Failed jobs are kept a month for admins to inspect and retry. */
export const JOB_OPTIONS: { readonly [N in JobName]: JobsOptions } = {
  // the next sweep comes anyway: a failed one is not retried, only kept for inspection
  'sweep.run': { attempts: 1, removeOnComplete: { count: 200 }, removeOnFail: { age: 30 * DAY } },
  'summary.fanout': { attempts: 3, backoff: { type: 'fixed', delay: 10_000 }, removeOnComplete: { count: 200 }, removeOnFail: { age: 30 * DAY } },
  'summary.send': { attempts: 5, backoff: { type: 'exponential', delay: 30_000 }, removeOnComplete: { age: 7 * DAY, count: 20_000 }, removeOnFail: { age: 30 * DAY } },
  // 5 s doubling over 15 attempts covers a relay outage of about 45 hours
  'mail.send': { attempts: 15, backoff: { type: 'exponential', delay: 5_000 }, removeOnComplete: { age: DAY, count: 50_000 }, removeOnFail: { age: 30 * DAY } },
};

/** What a handler reports; a thrown error is a failure that BullMQ retries per JOB_OPTIONS. */
export type JobResult = 'success' | 'skipped';

/**
 * Deterministic ids: the same logical job queued twice (two replicas, a retry) is one job.
 * BullMQ reserves ':' in custom ids, hence '/'.
 */
export const jobIds = {
  summary: (jointMeetingId: string, localDate: string) => `summary/${jointMeetingId}/${localDate}`,
  summaryNow: (jointMeetingId: string, requestId: string) => `summary-now/${jointMeetingId}/${requestId}`,
  mail: (outboxId: string, attempt: number) => `mail/${outboxId}/${attempt}`,
};

/** Scheduler ids: upserting the same id twice changes nothing. */
export const SCHEDULERS = {
  sweep: 'sweep',
  summaryFanout: 'summary-fanout',
} as const;
