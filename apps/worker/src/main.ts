import '../../../libs/aliases';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { failStartup, loadConfig } from '@duban/config';
import { createLogger, PinoNestLogger } from '@duban/http';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel, 'worker');
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: new PinoNestLogger(logger), bufferLogs: true });
  app.enableShutdownHooks();
  await app.init();
  logger.info('worker started');
}

main().catch(failStartup);
