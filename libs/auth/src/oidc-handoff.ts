import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuthRedis } from './auth-redis';

const HANDOFF_SECONDS = 60;

/**
 * Carries a finished single sign-on from the callback (a browser navigation, which cannot read a
 * JSON answer) to the console: a random one-time code, stored hashed for 60 s and spent on the
 * first exchange. The code travels in the URL fragment, which browsers never send to a server,
 * so it reaches no access log; the tokens themselves never appear in a URL.
 */
@Injectable()
export class OidcHandoff {
  constructor(private readonly redis: AuthRedis) {}

  async create(userId: string): Promise<string> {
    const code = randomBytes(32).toString('base64url');
    await this.redis.commands.set(this.key(code), userId, 'EX', HANDOFF_SECONDS);
    return code;
  }

  /** The user the code was made for, once; null for an unknown, spent or expired code. */
  async spend(code: string): Promise<string | null> {
    return this.redis.commands.getdel(this.key(code));
  }

  private key(code: string): string {
    return this.redis.key('oidc-handoff', createHash('sha256').update(code).digest('base64url'));
  }
}
