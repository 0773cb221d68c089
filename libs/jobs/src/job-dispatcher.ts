import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { MikroORM, RequestContext } from '@mikro-orm/core';
import type { Job } from 'bullmq';
import { jobDuration, withCorrelation } from '@duban/observability';
import { JOB_QUEUE, type JobMeta, type JobName, type JobPayloads, type JobResult, type QueueName } from './catalogue';
import { ON_JOB } from './on-job.decorator';

type Handler = (data: unknown, job: Job) => Promise<JobResult>;

/**
 * Routes each job to its one @OnJob handler. Start-up fails when a job of the catalogue has no
 * handler or two, so a queued job never waits for code that is not there.
 */
@Injectable()
export class JobDispatcher implements OnModuleInit {
  private readonly logger = new Logger('jobs');
  private handlers?: Map<JobName, Handler>;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly orm: MikroORM,
  ) {}

  onModuleInit(): void {
    this.discover();
  }

  async dispatch(queue: QueueName, job: Job): Promise<JobResult> {
    const name = job.name as JobName;
    const handler = JOB_QUEUE[name] === queue ? this.discover().get(name) : undefined;
    if (!handler) throw new Error(`no handler for job "${job.name}" on queue "${queue}"`);
    return withCorrelation(correlationOf(job), async () => {
      const started = Date.now();
      const end = jobDuration.startTimer({ job: name });
      try {
        // each job gets its own identity map: nothing leaks between jobs or into the global context
        const result = await RequestContext.create(this.orm.em, () => handler(job.data as JobPayloads[JobName], job));
        end({ result });
        this.logger.log(`${name} ${job.id} ${result} in ${Date.now() - started} ms`);
        return result;
      } catch (error) {
        end({ result: 'failed' });
        // BullMQ retries per JOB_OPTIONS; the log says which attempt failed and whether one follows
        const attempt = job.attemptsMade + 1;
        const last = attempt >= (job.opts.attempts ?? 1);
        this.logger.error(`${name} ${job.id} failed (attempt ${attempt}/${job.opts.attempts ?? 1}${last ? ', no retry left' : ''}) in ${Date.now() - started} ms: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      }
    });
  }

  private discover(): Map<JobName, Handler> {
    if (this.handlers) return this.handlers;
    const found = new Map<JobName, Handler>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, Handler> | undefined;
      if (!instance || typeof instance !== 'object' || wrapper.isNotMetatype) continue;
      for (const method of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object)) {
        const name = this.reflector.get<JobName | undefined>(ON_JOB, instance[method]);
        if (!name) continue;
        if (found.has(name)) throw new Error(`job "${name}" has two handlers (${wrapper.name}.${method} and another)`);
        found.set(name, instance[method].bind(instance));
      }
    }
    const missing = (Object.keys(JOB_QUEUE) as JobName[]).filter((n) => !found.has(n));
    if (missing.length) throw new Error(`jobs without a handler: ${missing.join(', ')}`);
    return (this.handlers = found);
  }
}

/** The id of the request that queued the job; a scheduled job is its own origin. */
function correlationOf(job: Job): string {
  return (job.data as JobMeta | undefined)?.correlationId ?? `${job.name}:${job.id}`;
}
