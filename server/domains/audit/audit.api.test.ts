import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorker } from '../../test/factories.ts';
import { testApp, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
let admin: string;
let operator: string;

beforeAll(async () => {
  t = await testApp();
  admin = await t.loginAs('admin');
  operator = await t.loginAs('village', '52.03.01.2001');
});
afterAll(() => t.close());

const audit = async (query: string, cookie = admin) =>
  (await t.app.inject({ method: 'GET', url: `/api/audit?${query}`, headers: { cookie } })).json();

describe('audit trail', () => {
  it('records create, read, update and delete of a worker with actor, role and before/after', async () => {
    const w = (await t.app.inject({ method: 'POST', url: '/api/workers', headers: { cookie: operator }, payload: makeWorker({ occupation: 'farmer' }) })).json();
    await t.app.inject({ method: 'GET', url: `/api/workers/${w.id}`, headers: { cookie: operator } });
    await t.app.inject({ method: 'PATCH', url: `/api/workers/${w.id}`, headers: { cookie: operator }, payload: { occupation: 'fisher' } });
    await t.app.inject({ method: 'DELETE', url: `/api/workers/${w.id}`, headers: { cookie: operator } });

    const trail = await audit(`entity=worker&id=${w.id}`);
    expect(trail.items.map((e: { action: string }) => e.action)).toEqual(['delete', 'update', 'read', 'create']);
    const update = trail.items[1];
    expect(update).toMatchObject({
      actorRole: 'village',
      actorUsername: expect.stringMatching(/^village\./),
      entity: 'worker',
      entityId: w.id,
      regionCode: '52.03.01.2001',
      changes: { occupation: { before: 'farmer', after: 'fisher' } },
    });
    expect(Object.keys(update.changes)).toEqual(['occupation']);
    expect(trail.items[3].changes.nik).toEqual({ before: null, after: w.nik });
    expect(new Date(update.at).getTime()).not.toBeNaN();
  });

  it('writes nothing, neither worker nor audit entry, when a registration is refused by the database', async () => {
    const first = (await t.app.inject({ method: 'POST', url: '/api/workers', headers: { cookie: operator }, payload: makeWorker() })).json();
    const before = (await audit('entity=worker')).total;
    const again = await t.app.inject({ method: 'POST', url: '/api/workers', headers: { cookie: operator }, payload: makeWorker({ nik: first.nik }) });
    expect(again.statusCode).toBe(409);
    expect((await audit('entity=worker')).total).toBe(before);
    const workers = await t.database.db.execute(sql`select count(*)::int as n from workers where nik = ${first.nik}`);
    expect((workers as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(1);
  });

  it('records logins and failed logins', async () => {
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'salah-sekali' } });
    const sessions = await audit('entity=session&pageSize=200');
    const actions = sessions.items.map((e: { action: string }) => e.action);
    expect(actions).toContain('login');
    expect(actions).toContain('login_failed');
    expect(sessions.items.find((e: { action: string }) => e.action === 'login_failed').actorUsername).toBe('admin');
  });

  it('is readable by admins only', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/audit', headers: { cookie: operator } });
    expect(res.statusCode).toBe(403);
  });

  it('cannot be changed or deleted, not even with SQL', async () => {
    await expect(t.database.db.execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from audit_log`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`truncate audit_log`)).rejects.toThrow();
    expect((await audit('')).total).toBeGreaterThan(0);
  });

  it('offers no route that edits or deletes entries', async () => {
    for (const method of ['PATCH', 'PUT', 'DELETE'] as const) {
      const res = await t.app.inject({ method, url: '/api/audit', headers: { cookie: admin } });
      expect(res.statusCode).toBe(404);
    }
  });
});
