export { CORRELATION_HEADER, correlationId, withCorrelation } from './correlation';
export { collectProcessMetrics, jobDuration, metricsRegistry, planParseDuration, type Sample, type StateGauge, stateGauge, sweepDuration } from './metrics';
export { httpMetrics, METRICS_PATH, metricsHandler, startMetricsServer } from './metrics-endpoint';
export { MetricsServer, MetricsServerModule } from './metrics-server.module';
