import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, cookieHeader, testApp, USER_PASSWORD, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await testApp({ env: { LOGIN_RATE_LIMIT: '5' } });
  admin = await t.loginAs('admin');
});
afterAll(() => t.close());

const login = (username: string, password: string, ip = '10.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
const createUser = (cookie: string, payload: object) =>
  t.app.inject({ method: 'POST', url: '/api/users', headers: { cookie }, payload });

describe('login and sessions', () => {
  it('logs in with a session cookie that is httpOnly and SameSite, and /api/me names the user', async () => {
    const res = await login('admin', ADMIN_PASSWORD, '10.0.1.1');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'jaring_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookieHeader(res) } });
    expect(me.json().user).toMatchObject({ username: 'admin', role: 'admin', regionCode: '52.03', regionName: 'Kabupaten Lombok Timur' });
  });

  it('answers the same 401 for a wrong password and an unknown user', async () => {
    const wrong = await login('admin', 'not-the-password', '10.0.2.1');
    const unknown = await login('nobody-here', 'not-the-password', '10.0.2.2');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('ends the session on the server at logout: the old cookie no longer works', async () => {
    const cookie = cookieHeader(await login('admin', ADMIN_PASSWORD, '10.0.3.1'));
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('rate-limits login attempts per client address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await login('admin', 'wrong-password', '10.0.4.1')).statusCode);
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes[6]).toBe(429);
    const limited = await login('admin', ADMIN_PASSWORD, '10.0.4.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
  });

  it('refuses writes that come from another site', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin, origin: 'https://evil.example' },
      payload: { username: 'x-user', password: USER_PASSWORD, role: 'viewer', regionCode: '52.03' },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('session expiry', () => {
  it('ends an unused session after SESSION_TTL_HOURS and keeps a used one alive', async () => {
    let clock = new Date('2026-11-24T00:00:00Z');
    const timed = await testApp({ now: () => clock, env: { SESSION_TTL_HOURS: '12' } });
    try {
      const idle = await timed.loginAs('admin');
      const busy = cookieHeader(await timed.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } }));
      const me = (cookie: string) => timed.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });

      clock = new Date('2026-11-24T07:00:00Z'); // past half the lifetime: a request extends the session
      expect((await me(busy)).statusCode).toBe(200);
      clock = new Date('2026-11-24T12:30:00Z');
      expect((await me(idle)).statusCode).toBe(401);
      expect((await me(busy)).statusCode).toBe(200);
      clock = new Date('2026-11-25T07:30:00Z');
      expect((await me(busy)).statusCode).toBe(401);
    } finally {
      await timed.close();
    }
  });
});

describe('users', () => {
  it('stores passwords only as scrypt hashes', async () => {
    const res = await createUser(admin, { username: 'operator.hash', password: 'kata-sandi-rahasia', role: 'village', regionCode: '52.03.01.2003' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'operator.hash', role: 'village', regionName: 'Selebung Ketangga' });
    expect(res.json()).not.toHaveProperty('passwordHash');
    const rows = await t.database.db.execute(sql`select password_hash from users where username = 'operator.hash'`);
    const hash = (rows as unknown as { rows: { password_hash: string }[] }).rows[0]!.password_hash;
    expect(hash).toMatch(/^scrypt\$/);
    expect(hash).not.toContain('kata-sandi-rahasia');
  });

  it.each([
    ['village', '52.03.01', 'ROLE_REGION_MISMATCH'],
    ['district', '52.03.01.2001', 'ROLE_REGION_MISMATCH'],
    ['district', '52.01.01', 'ROLE_REGION_MISMATCH'],
    ['admin', '52.03.01', 'ROLE_REGION_MISMATCH'],
  ])('refuses role %s scoped to %s', async (role, regionCode, code) => {
    const res = await createUser(admin, { username: `u-${role}-${regionCode}`, password: USER_PASSWORD, role, regionCode });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code, field: 'regionCode' });
  });

  it('refuses short passwords, taken usernames and non-admin callers', async () => {
    const short = await createUser(admin, { username: 'pendek', password: 'abc', role: 'viewer', regionCode: '52.03' });
    expect(short.json().error).toMatchObject({ field: 'password', code: 'FIELD_TOO_SMALL' });
    const taken = await createUser(admin, { username: 'admin', password: USER_PASSWORD, role: 'viewer', regionCode: '52.03' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('USERNAME_TAKEN');
    const operator = await t.loginAs('village', '52.03.01.2001');
    const denied = await createUser(operator, { username: 'sneaky', password: USER_PASSWORD, role: 'admin', regionCode: '52.03' });
    expect(denied.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: operator } })).statusCode).toBe(403);
  });

  it('lists users for the admin', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: admin } });
    expect(res.json().items.map((u: { username: string }) => u.username)).toContain('admin');
  });
});
