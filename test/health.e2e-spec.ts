import request from 'supertest';
import { startTestApi, type TestApi } from './support/app';

describe('health, docs and errors', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('answers /health with ok when PostgreSQL and Redis answer', async () => {
    const res = await request(api.http).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', checks: { postgres: 'ok', redis: 'ok' }, details: {} });
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const doc = await request(api.http).get('/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(doc.body.paths['/health']).toBeDefined();
    await request(api.http).get('/docs').expect(200).expect('content-type', /html/);
  });

  it('answers unknown routes with problem+json 404 and a request id', async () => {
    const res = await request(api.http).get('/api/nothing-here').set('X-Request-Id', 'req-123').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.headers['x-request-id']).toBe('req-123');
    expect(res.body).toMatchObject({ type: expect.any(String), title: '未找到', status: 404, detail: expect.any(String) });
  });

  it('answers malformed JSON with problem+json 400', async () => {
    const res = await request(api.http).post('/api/plans').set('content-type', 'application/json').send('{"text": ').expect((r) => expect([400, 401]).toContain(r.status));
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
