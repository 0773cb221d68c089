import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { failStartup, loadConfig } from '@duban/config';
import { createLogger, PinoNestLogger } from '@duban/http';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel, 'worker');
  const nestLogger = new PinoNestLogger(logger);
  // start-up lines are buffered until the logger is in place; useLogger releases them and every
  // later line (sweeps, sends, job failures) is written as it happens
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: nestLogger, bufferLogs: true });
  app.useLogger(nestLogger);
  app.flushLogs();
  app.enableShutdownHooks();
  logger.info('worker started');
}

main().catch(failStartup);
