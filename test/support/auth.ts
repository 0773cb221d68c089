import request from 'supertest';
import type { TestApi } from './app';

/** Logs in through the real endpoint and returns the bearer header value. */
export async function login(api: TestApi, email: string, password: string): Promise<string> {
  const res = await request(api.http).post('/api/auth/login').send({ email, password }).expect(200);
  return `Bearer ${res.body.accessToken}`;
}

export type Client = ReturnType<typeof client>;

/** supertest calls carrying one user's token. */
export function client(api: TestApi, bearer: string) {
  return {
    get: (url: string) => request(api.http).get(url).set('Authorization', bearer),
    post: (url: string, body: object = {}) => request(api.http).post(url).set('Authorization', bearer).send(body),
    put: (url: string, body: object = {}) => request(api.http).put(url).set('Authorization', bearer).send(body),
    patch: (url: string, body: object = {}) => request(api.http).patch(url).set('Authorization', bearer).send(body),
    delete: (url: string) => request(api.http).delete(url).set('Authorization', bearer),
  };
}
