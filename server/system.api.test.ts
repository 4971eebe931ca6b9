import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logSerializers } from './app.ts';
import { makeNik, makeWorker } from './test/factories.ts';
import { testApp, type TestApp } from './test/test-app.ts';

let t: TestApp;
let logText = '';

beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _enc, done) {
      logText += chunk.toString();
      done();
    },
  });
  // The same serializers as production, at the most verbose level.
  t = await testApp({ logger: { level: 'trace', stream, serializers: logSerializers } });
});
afterAll(() => t.close());

describe('system', () => {
  it('reports health and which database engine serves it', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok', db: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
  });

  it('serves the OpenAPI document with the contract paths, and browsable docs', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of ['/api/health', '/api/auth/login', '/api/auth/logout', '/api/me', '/api/regions/{code}', '/api/regions/{code}/children', '/api/users', '/api/workers', '/api/workers/{id}', '/api/audit']) {
      expect(doc.paths).toHaveProperty([path]);
    }
    expect(Object.keys(doc.paths['/api/workers/{id}'])).toEqual(expect.arrayContaining(['get', 'patch', 'delete']));
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers malformed JSON with 400 in the error shape', async () => {
    const admin = await t.loginAs('admin');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/workers',
      headers: { cookie: admin, 'content-type': 'application/json' },
      payload: '{"nik": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBeTypeOf('string');
    expect(res.json().error.message).toMatch(/JSON/);
  });

  it('never writes a NIK, name or phone number to the log', async () => {
    const admin = await t.loginAs('admin');
    const nik = makeNik({ sex: 'F' });
    const worker = makeWorker({ nik, sex: 'F', name: 'Rahasia Pribadi', phone: '081299887766' });
    const created = await t.app.inject({ method: 'POST', url: '/api/workers', headers: { cookie: admin }, payload: worker });
    expect(created.statusCode).toBe(201);
    await t.app.inject({ method: 'GET', url: `/api/workers?q=${nik}`, headers: { cookie: admin } });
    await t.app.inject({ method: 'GET', url: '/api/workers?q=Rahasia%20Pribadi', headers: { cookie: admin } });
    await t.app.inject({ method: 'GET', url: `/api/workers/${created.json().id}`, headers: { cookie: admin } });
    await t.app.inject({ method: 'POST', url: '/api/workers', headers: { cookie: admin }, payload: worker }); // 409
    await t.app.inject({ method: 'POST', url: '/api/workers', headers: { cookie: admin }, payload: { ...worker, nik: `${nik.slice(0, 15)}x` } }); // 400
    expect(logText.length).toBeGreaterThan(0);
    expect(logText).toContain('/api/workers');
    for (const secret of [nik, 'Rahasia', '081299887766', admin.split('=')[1]!]) expect(logText).not.toContain(secret);
  });
});
