import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One registry per process. Process-local numbers (durations, counts) are observed where the work
 * happens; shared state (queue depths, outbox, summary lateness) is read at scrape time by the
 * collectors that `stateGauge` registers, so every scrape shows the present, not a cached past.
 */
export const metricsRegistry = new Registry();

let processMetrics = false;
/** Node's own numbers (heap, event loop lag, CPU), started only when a process serves /metrics. */
export function collectProcessMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  collectDefaultMetrics({ register: metricsRegistry });
}

export const httpRequestDuration = new Histogram({
  name: 'duban_http_request_duration_seconds',
  help: 'HTTP requests by method, route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

export const sweepDuration = new Histogram({
  name: 'duban_sweep_duration_seconds',
  help: 'Reminder and escalation sweeps, by outcome (ok, partial: some jurisdiction rounds failed, failed)',
  labelNames: ['outcome'] as const,
  buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
  registers: [metricsRegistry],
});

export const planParseDuration = new Histogram({
  name: 'duban_plan_parse_duration_seconds',
  help: 'Parsing a plan document into key areas and tasks, by outcome (ok, rejected, error)',
  labelNames: ['outcome'] as const,
  buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});

export const jobDuration = new Histogram({
  name: 'duban_job_duration_seconds',
  help: 'Jobs handled by this worker, by job name and result (success, skipped, failed)',
  labelNames: ['job', 'result'] as const,
  buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300],
  registers: [metricsRegistry],
});

export const collectorFailures = new Counter({
  name: 'duban_metrics_collector_failures_total',
  help: 'Scrapes in which a state collector (queues, outbox, summaries) could not read its source',
  labelNames: ['collector'] as const,
  registers: [metricsRegistry],
});

export interface Sample {
  labels?: Record<string, string>;
  value: number;
}

export interface StateGauge {
  name: string;
  help: string;
  labelNames?: readonly string[];
  /** Reads the current values; a failure or a timeout leaves the gauge empty for that scrape. */
  collect: () => Promise<Sample[]>;
}

/** How long a scrape waits for PostgreSQL or Redis before it answers without that collector's numbers. */
const COLLECT_TIMEOUT_MS = 3000;

/**
 * A gauge read from shared state at scrape time. Registering a name again replaces the earlier
 * gauge: a test (or a hot reload) that builds a second app in the same process keeps one series.
 * Returns the function that unregisters it, for the owner's shutdown.
 */
export function stateGauge(spec: StateGauge): () => void {
  metricsRegistry.removeSingleMetric(spec.name);
  const gauge: Gauge<string> = new Gauge({
    name: spec.name,
    help: spec.help,
    labelNames: spec.labelNames ?? [],
    registers: [metricsRegistry],
    async collect() {
      gauge.reset();
      try {
        for (const s of await withTimeout(spec.collect(), COLLECT_TIMEOUT_MS)) {
          if (s.labels) gauge.set(s.labels, s.value);
          else gauge.set(s.value);
        }
      } catch {
        collectorFailures.inc({ collector: spec.name });
      }
    },
  });
  return () => {
    if (metricsRegistry.getSingleMetric(spec.name) === gauge) metricsRegistry.removeSingleMetric(spec.name);
  };
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
