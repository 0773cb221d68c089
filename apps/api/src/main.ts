import 'reflect-metadata';
import { failStartup, loadConfig } from '@duban/config';
import { ApiModule } from './api.module';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig(process.env, { jwtSecret: true });
  const app = await createApiApp(ApiModule, { logLevel: config.logLevel });
  await app.listen(config.port, '0.0.0.0');
}

main().catch(failStartup);
