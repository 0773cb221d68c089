import type { Server } from 'node:http';
import { Inject, Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@duban/config';
import { METRICS_PATH, startMetricsServer } from './metrics-endpoint';

/** The worker's /metrics on METRICS_PORT (off unless set; METRICS_TOKEN is then required). */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('metrics');
  private server?: Server;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    const { metricsPort, metricsToken } = this.config;
    if (!metricsPort || !metricsToken) return;
    this.server = await startMetricsServer(metricsPort, metricsToken);
    this.logger.log(`metrics on :${metricsPort}${METRICS_PATH}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The bound port (METRICS_PORT, or the one the OS chose for 0). */
  port(): number | undefined {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : undefined;
  }
}

@Module({ providers: [MetricsServer], exports: [MetricsServer] })
export class MetricsServerModule {}
