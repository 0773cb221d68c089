import type { Server } from 'node:http';
import { freePort } from '@duban/dev-services';

export interface TestIdp {
  issuer: string;
  /** Sets OIDC_* (and PUBLIC_URL) for an API started inside `start`, then removes them again. */
  configure<T>(publicUrl: string, start: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * A real OIDC identity provider (oidc-provider) on a free port, with its development login form,
 * which signs in whoever names an account: the account id typed in is the person's email.
 */
export async function startIdp(callbackUrl: string): Promise<TestIdp> {
  const { default: Provider } = await import('oidc-provider');
  const issuer = `http://127.0.0.1:${await freePort()}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: 'duban', client_secret: 'duban-test-client-secret', redirect_uris: [callbackUrl], grant_types: ['authorization_code'], response_types: ['code'] }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub, email: sub, email_verified: true }) }),
    cookies: { keys: ['oidc-test-cookie-key-0123456789'] },
    features: { devInteractions: { enabled: true } },
  });
  const server: Server = provider.listen(Number(new URL(issuer).port));
  return {
    issuer,
    async configure(publicUrl, start) {
      Object.assign(process.env, { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'duban', OIDC_CLIENT_SECRET: 'duban-test-client-secret', PUBLIC_URL: publicUrl });
      try {
        return await start();
      } finally {
        // read once at start-up; other test files in this worker run without single sign-on
        for (const name of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'PUBLIC_URL']) delete process.env[name];
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
