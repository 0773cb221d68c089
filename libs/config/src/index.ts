export { type AppConfig, ConfigError, type ConfigNeeds, databaseUrlFrom, failStartup, loadConfig, planParseLimits, type RedisConnection, redisConnection } from './config';
export { APP_CONFIG, ConfigModule } from './config.module';
