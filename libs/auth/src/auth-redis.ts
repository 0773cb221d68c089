import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig, redisConnection } from '@duban/config';

/**
 * The API's own Redis connections for authentication: one for commands (login limits, session
 * versions) and one subscriber. Keys carry QUEUE_PREFIX, like the queues, so deployments (and
 * test files) sharing one Redis do not see each other's sessions.
 */
@Injectable()
export class AuthRedis implements OnModuleDestroy {
  readonly commands: Redis;
  readonly prefix: string;
  private subscriber?: Redis;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.prefix = config.queuePrefix;
    this.commands = new Redis({ ...redisConnection(config.redisUrl), maxRetriesPerRequest: 2, lazyConnect: true });
  }

  key(...parts: string[]): string {
    return [this.prefix, 'auth', ...parts].join(':');
  }

  /** A dedicated connection in subscriber mode; `onReady` runs on every (re)connection. */
  subscribe(channel: string, onMessage: (message: string) => void, onReady: () => void): void {
    this.subscriber = new Redis({ ...redisConnection(this.config.redisUrl), maxRetriesPerRequest: null });
    this.subscriber.on('message', (ch: string, message: string) => ch === channel && onMessage(message));
    this.subscriber.on('ready', onReady);
    void this.subscriber.subscribe(channel).catch(() => undefined);
  }

  onModuleDestroy(): void {
    this.commands.disconnect();
    this.subscriber?.disconnect();
  }
}
