/**
 * Web security (issue 9), proved through the HTTP stack on a real database: security headers, forged
 * cross-site writes, the session cookie, sessions that end on the server, password rules, the login rate
 * limit and per-username lockout, and no way to learn who has an account or whose NIK is registered
 * outside one's scope. The clock only moves forward, so the tests run in the order they are written.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.ts';
import { hashToken, resetPassword } from '../domains/auth/auth.service.ts';
import { AppError } from '../errors.ts';
import { WEB_DIST_DIR } from '../paths.ts';
import { claimKit } from '../test/claim-kit.ts';
import { makeNik, makeWorker } from '../test/factories.ts';
import { ADMIN_PASSWORD, cookieHeader, testApp, USER_PASSWORD, type TestApp } from '../test/test-app.ts';
import { importAndWait, upload } from '../test/upload.ts';

const VILLAGE = '52.03.01.2001'; // Tanjung Luar, district 52.03.01
const FAR_VILLAGE = '52.03.02.2001'; // another district
const START = new Date('2026-11-24T03:00:00Z');

let clock = START;
let t: TestApp;
let admin: string;
let operator: string; // village operator of VILLAGE

beforeAll(async () => {
  t = await testApp({ now: () => clock });
  admin = await t.loginAs('admin');
  operator = await t.loginAs('village', VILLAGE);
});
afterAll(() => t.close());

const minutes = (n: number) => n * 60_000;
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

function login(username: string, password: string, headers: Record<string, string> = {}, remoteAddress = '10.9.0.1') {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers, remoteAddress });
}

function send(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, cookie: string, payload?: object, headers: Record<string, string> = {}) {
  return t.app.inject({ method, url, headers: { cookie, ...headers }, ...(payload ? { payload } : {}) });
}

const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

async function createUser(role: string, regionCode: string, username = `${role}.${randomUUID().slice(0, 8)}`, password = USER_PASSWORD) {
  const res = await send('POST', '/api/users', admin, { username, password, role, regionCode });
  expect(res.statusCode, res.body).toBe(201);
  return username;
}

async function countWorkersWithNik(nik: string): Promise<number> {
  const rows = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from workers where nik = ${nik}`);
  return rows[0]!.n;
}

/** The CSP as a map of directive → sources. */
function csp(res: LightMyRequestResponse): Map<string, string[]> {
  const header = String(res.headers['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!.toLowerCase(), sources]),
  );
}

function expectSecurityHeaders(res: LightMyRequestResponse): void {
  const policy = csp(res);
  const scripts = policy.get('script-src') ?? policy.get('default-src');
  expect(scripts, 'a script-src (or default-src) directive').toBeDefined();
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
  expect(policy.get('default-src')).toEqual(["'self'"]);
  expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['x-powered-by']).toBeUndefined();
}

describe('security headers', () => {
  it('are on the web app page: a CSP without inline or eval scripts, no framing, nosniff, a referrer policy', async () => {
    const res = await get('/workers');
    expectSecurityHeaders(res);
    if (fs.existsSync(path.join(WEB_DIST_DIR, 'index.html'))) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      // The page itself needs no inline script, so the CSP does not have to allow one.
      const inline = [...res.body.matchAll(/<script\b([^>]*)>/g)].filter((m) => !/\bsrc=/.test(m[1]!));
      expect(inline).toEqual([]);
    }
  });

  it('are on API answers too: public, refused and authenticated ones', async () => {
    for (const res of [await get('/api/health'), await get('/api/me'), await get('/api/workers', admin), await get('/api/no-such-route')]) {
      expectSecurityHeaders(res);
    }
  });
});

describe('forged cross-site writes', () => {
  const worker = () => makeWorker({ villageCode: VILLAGE });
  const host = 'jaring.lomboktimurkab.go.id';

  it('accept a write from the app itself (same origin) and from a non-browser client (no Origin, no Sec-Fetch-Site)', async () => {
    const fromApp = await send('POST', '/api/workers', operator, worker(), { host, origin: `https://${host}`, 'sec-fetch-site': 'same-origin' });
    expect(fromApp.statusCode, fromApp.body).toBe(201);
    const fromScript = await send('POST', '/api/workers', operator, worker());
    expect(fromScript.statusCode, fromScript.body).toBe(201);
  });

  it.each([
    ['an Origin of another site', { origin: 'https://evil.example' }],
    ['an Origin of another port of the same host', { origin: `https://${host}:8443` }],
    ['an opaque Origin (null)', { origin: 'null' }],
    ['no Origin but Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['no Origin but Sec-Fetch-Site: same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }],
  ])('refuse a cookie-authenticated JSON write with %s (403), and nothing is written', async (_, headers) => {
    const body = worker();
    const res = await send('POST', '/api/workers', operator, body, { host, ...headers });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'CROSS_SITE_REQUEST' });
    expect(res.json().error.message).toContain('situs lain');
    expect(await countWorkersWithNik(body.nik)).toBe(0);
  });

  it.each([
    ['application/x-www-form-urlencoded', (w: ReturnType<typeof makeWorker>) => new URLSearchParams(Object.entries(w).map(([k, v]) => [k, String(v)])).toString()],
    ['text/plain', (w: ReturnType<typeof makeWorker>) => JSON.stringify(w)],
    ['text/plain;charset=UTF-8', (w: ReturnType<typeof makeWorker>) => JSON.stringify(w)],
  ])('refuse a cookie-authenticated %s write, which any page can send with a plain form (403)', async (type, encode) => {
    const body = worker();
    const res = await t.app.inject({ method: 'POST', url: '/api/workers', headers: { cookie: operator, 'content-type': type }, payload: encode(body) });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CROSS_SITE_REQUEST');
    expect(res.json().error.message).toContain('JSON');
    expect(await countWorkersWithNik(body.nik)).toBe(0);
  });

  it('accept multipart uploads, which the import page sends', async () => {
    const res = await upload(t.app, '/api/imports/preview', { cookie: operator, fileName: 'sensus.csv', content: `NIK;Nama;Pekerjaan\r\n${makeNik()};Amaq Saharudin;Buruh Tani\r\n` });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('refuse a login posted from another site (login CSRF), with no session cookie set', async () => {
    const forged: Record<string, string>[] = [{ 'sec-fetch-site': 'cross-site' }, { origin: 'https://evil.example' }];
    for (const headers of forged) {
      const res = await login('admin', ADMIN_PASSWORD, headers);
      expect(res.statusCode).toBe(403);
      expect(res.cookies).toEqual([]);
    }
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `username=admin&password=${encodeURIComponent(ADMIN_PASSWORD)}`,
    });
    expect(form.statusCode).toBe(403);
  });
});

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Strict, for the whole site, and expires with the session', async () => {
    const res = await login('admin', ADMIN_PASSWORD);
    const cookie = res.cookies.find((c) => c.name === 'jaring_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.secure).toBeFalsy(); // plain HTTP without TRUST_PROXY: a Secure cookie would never be sent back
    expect(new Date(cookie.expires!).getTime()).toBe(clock.getTime() + 12 * 3600_000);
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
  });
});

describe('behind an HTTPS proxy (TRUST_PROXY=1)', () => {
  let proxied: TestApp;
  beforeAll(async () => {
    proxied = await testApp({ env: { TRUST_PROXY: '1', LOGIN_RATE_LIMIT: '3' } });
  });
  afterAll(() => proxied.close());

  const proxiedLogin = (password: string, clientAddress: string) =>
    proxied.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password },
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': clientAddress, 'x-forwarded-proto': 'https', 'x-forwarded-host': 'jaring.example', host: '127.0.0.1:3000' },
    });

  it('sets a Secure session cookie and Strict-Transport-Security', async () => {
    const res = await proxiedLogin(ADMIN_PASSWORD, '203.0.113.5');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.cookies.find((c) => c.name === 'jaring_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict' });
    const hsts = String(res.headers['strict-transport-security']);
    expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(180 * 24 * 3600);
  });

  it('accepts a same-origin write whose Origin names the host the proxy forwarded', async () => {
    const cookie = cookieHeader(await proxiedLogin(ADMIN_PASSWORD, '203.0.113.6'));
    const res = await proxied.app.inject({
      method: 'POST',
      url: '/api/workers',
      remoteAddress: '127.0.0.1',
      headers: { cookie, origin: 'https://jaring.example', 'x-forwarded-host': 'jaring.example', host: '127.0.0.1:3000', 'sec-fetch-site': 'same-origin' },
      payload: makeWorker({ villageCode: VILLAGE }),
    });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('rate-limits logins per client address (X-Forwarded-For), not for everybody behind the proxy', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await proxiedLogin('wrong-password-1', '198.51.100.7')).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
    const limited = await proxiedLogin(ADMIN_PASSWORD, '198.51.100.7');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await proxiedLogin(ADMIN_PASSWORD, '198.51.100.8')).statusCode).toBe(200);
  });
});

describe('password rules', () => {
  it.each([
    ['pendek-9c', 'FIELD_TOO_SMALL', 'minimal 10 karakter'],
    ['operator.baru-2026', 'PASSWORD_HAS_USERNAME', 'nama pengguna'],
    ['Password123', 'PASSWORD_COMMON', 'terlalu umum'],
    ['bismillah123', 'PASSWORD_COMMON', 'terlalu umum'],
    ['xxxxxxxxxxxx', 'PASSWORD_COMMON', 'terlalu umum'],
  ])('refuse %j for a new user, with an Indonesian reason on the password field', async (password, code, words) => {
    const res = await send('POST', '/api/users', admin, { username: 'operator.baru', password, role: 'village', regionCode: VILLAGE });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code, field: 'password' });
    expect(res.json().error.message).toContain(words);
  });

  it('apply to a password reset too, which ends every session of the user', async () => {
    const username = await createUser('village', VILLAGE);
    const cookie = cookieHeader(await login(username, USER_PASSWORD));
    const context = { actor: null, attemptedUsername: 'system' };
    for (const [weak, code] of [['short-1', 'PASSWORD_TOO_SHORT'], [`${username}-baru`, 'PASSWORD_HAS_USERNAME'], ['indonesia123', 'PASSWORD_COMMON']]) {
      const refused = await resetPassword(t.database.db, username, weak!, context).then(() => null, (err: unknown) => err);
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).code).toBe(code);
    }
    expect((await get('/api/me', cookie)).statusCode).toBe(200); // a refused reset changes nothing

    await resetPassword(t.database.db, username, 'sawah-hijau-di-sakra-77', context);
    // The reset runs from the command line: with PGlite while the server is stopped, with PostgreSQL beside
    // it. Here it runs inside the app's process, whose PGlite session cache trusts a session it read for up
    // to 10 seconds; let that pass.
    advance(11_000);
    expect((await get('/api/me', cookie)).statusCode).toBe(401);
    expect((await login(username, USER_PASSWORD)).statusCode).toBe(401);
    expect((await login(username, 'sawah-hijau-di-sakra-77')).statusCode).toBe(200);
  });
});

describe('logout', () => {
  it('ends the session on the server: the old cookie replayed answers 401, and its row is gone', async () => {
    const res = await login('admin', ADMIN_PASSWORD);
    const cookie = cookieHeader(res);
    const token = res.cookies.find((c) => c.name === 'jaring_session')!.value;
    expect((await get('/api/me', cookie)).statusCode).toBe(200);

    const out = await send('POST', '/api/auth/logout', cookie);
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'jaring_session')!;
    expect(cleared.value).toBe('');
    expect(new Date(cleared.expires!).getTime()).toBeLessThan(Date.now());

    expect((await get('/api/me', cookie)).statusCode).toBe(401);
    expect((await send('POST', '/api/workers', cookie, makeWorker({ villageCode: VILLAGE }))).statusCode).toBe(401);
    const rows = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from sessions where token_hash = ${hashToken(token)}`);
    expect(rows[0]!.n).toBe(0);
    // Logging out again with the dead cookie is harmless and still leaves it dead.
    expect((await send('POST', '/api/auth/logout', cookie)).statusCode).toBe(204);
    expect((await get('/api/me', cookie)).statusCode).toBe(401);
  });

  it('ends only that session: the same user elsewhere stays logged in', async () => {
    const phone = cookieHeader(await login('admin', ADMIN_PASSWORD));
    const office = cookieHeader(await login('admin', ADMIN_PASSWORD));
    await send('POST', '/api/auth/logout', phone);
    expect((await get('/api/me', phone)).statusCode).toBe(401);
    expect((await get('/api/me', office)).statusCode).toBe(200);
  });
});

describe('no user enumeration through login', () => {
  it('answers an unknown username exactly as a wrong password: same status, code, message, no cookie', async () => {
    const wrong = await login('admin', 'not-the-password');
    const unknown = await login('nobody.at.all', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(wrong.statusCode);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.cookies).toEqual([]);
    expect(unknown.cookies).toEqual([]);
  });

  it('takes about as long for an unknown username as for a wrong password (the dummy hash is checked)', async () => {
    const known = await createUser('viewer', '52.03');
    const time = async (username: string) => {
      const t0 = performance.now();
      expect((await login(username, 'salah-kata-sandi')).statusCode).toBe(401);
      return performance.now() - t0;
    };
    await time(known); // warm-up
    const knownMs: number[] = [];
    const unknownMs: number[] = [];
    for (let i = 0; i < 7; i++) {
      knownMs.push(await time(known));
      unknownMs.push(await time(`tidak.ada.${i}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(unknownMs) / median(knownMs);
    // scrypt dominates both; a missing dummy check would make the unknown name many times faster.
    expect(ratio, `median unknown ${median(unknownMs).toFixed(1)} ms vs known ${median(knownMs).toFixed(1)} ms`).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});

describe('per-username lockout', () => {
  it('locks a username after 10 failed logins in 15 minutes, even for the right password and from another address', async () => {
    const target = await createUser('district', '52.03.01');
    for (let i = 0; i < 10; i++) expect((await login(target, `tebakan-${i}`, {}, `10.20.0.${i}`)).statusCode).toBe(401);
    const locked = await login(target, USER_PASSWORD, {}, '10.20.1.1');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('LOGIN_LOCKED');
    expect(locked.json().error.message).toContain('Coba lagi dalam 15 menit');
    expect(locked.headers['retry-after']).toBe('900');
    expect(locked.cookies).toEqual([]);
    // Other accounts are not affected.
    expect((await login('admin', ADMIN_PASSWORD, {}, '10.20.1.2')).statusCode).toBe(200);

    // Refused attempts during the lock do not prolong it.
    advance(minutes(5));
    const later = await login(target, 'tebakan-lagi', {}, '10.20.1.3');
    expect(later.statusCode).toBe(429);
    expect(later.headers['retry-after']).toBe('600');

    advance(minutes(10));
    expect((await login(target, USER_PASSWORD, {}, '10.20.1.4')).statusCode).toBe(200);
  });

  it('starts counting again after a successful login', async () => {
    const target = await createUser('viewer', '52.03');
    for (let i = 0; i < 9; i++) expect((await login(target, `tebakan-${i}`)).statusCode).toBe(401);
    expect((await login(target, USER_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 9; i++) expect((await login(target, `tebakan-${i}`)).statusCode).toBe(401);
    expect((await login(target, USER_PASSWORD)).statusCode).toBe(200);
  });

  it('answers the same for a username that does not exist, so the lock does not tell who has an account', async () => {
    const existing = await createUser('viewer', '52.03');
    const missing = `tidak.ada.${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 10; i++) {
      const a = await login(existing, `tebakan-${i}`);
      const b = await login(missing, `tebakan-${i}`);
      expect([a.statusCode, b.statusCode]).toEqual([401, 401]);
    }
    const a = await login(existing, USER_PASSWORD);
    const b = await login(missing, USER_PASSWORD);
    expect(a.statusCode).toBe(429);
    expect(b.statusCode).toBe(429);
    expect(b.json()).toEqual(a.json());
    expect(b.headers['retry-after']).toBe(a.headers['retry-after']);
  });

  it('is written to the audit trail, refusals during the lock included', async () => {
    const rows = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_log where action = 'login_failed' and changes->>'reason' = 'locked'`,
    );
    expect(rows[0]!.n).toBeGreaterThanOrEqual(4);
  });
});

describe('no NIK enumeration outside the caller scope', () => {
  let far: { id: string; nik: string; name: string };
  let farVillageName: string;

  beforeAll(async () => {
    const res = await send('POST', '/api/workers', admin, makeWorker({ villageCode: FAR_VILLAGE, name: 'Baiq Rahasia Terjaga' }));
    expect(res.statusCode, res.body).toBe(201);
    far = res.json();
    farVillageName = t.regions.get(FAR_VILLAGE)!.name;
  });

  function expectNothingRevealed(body: string): void {
    expect(body).not.toContain(far.name);
    expect(body).not.toContain(far.id);
    expect(body).not.toContain(farVillageName);
  }

  it('registering the NIK again (409) names the existing worker only inside the scope', async () => {
    const inside = await send('POST', '/api/workers', admin, makeWorker({ villageCode: VILLAGE, nik: far.nik }));
    expect(inside.statusCode).toBe(409);
    expect(inside.json().error).toMatchObject({ code: 'NIK_ALREADY_REGISTERED', existingWorkerId: far.id });
    expect(inside.json().error.message).toContain(far.name);

    const outside = await send('POST', '/api/workers', operator, makeWorker({ villageCode: VILLAGE, nik: far.nik }));
    expect(outside.statusCode).toBe(409);
    expect(outside.json().error.code).toBe('NIK_ALREADY_REGISTERED');
    expect(outside.json().error.existingWorkerId).toBeUndefined();
    expectNothingRevealed(outside.body);
  });

  it('changing a worker NIK to that one (409) reveals nothing either', async () => {
    const mine = (await send('POST', '/api/workers', operator, makeWorker({ villageCode: VILLAGE }))).json();
    const res = await send('PATCH', `/api/workers/${mine.id}`, operator, { nik: far.nik });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('NIK_ALREADY_REGISTERED');
    expectNothingRevealed(res.body);
  });

  it('the search finds nothing outside the scope', async () => {
    const res = await get(`/api/workers?q=${far.nik}`, operator);
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(0);
    expectNothingRevealed(res.body);
  });

  it('an import row with that NIK is rejected without naming the worker, in the job and in the rejected-rows file', async () => {
    const content = `NIK;Nama;Pekerjaan\r\n${far.nik};Nama Dari Berkas;Buruh Tani\r\n`;
    const { id, job } = await importAndWait(t.app, 'workers', { cookie: operator, fileName: 'sensus.csv', content });
    expect(job).toMatchObject({ created: 0, rejected: 1 });
    expect(job.errors[0]).toMatchObject({ code: 'NIK_REGISTERED_ELSEWHERE', field: 'nik' });
    expectNothingRevealed(JSON.stringify(job));
    const rejected = await get(`/api/imports/${id}/rejected`, operator);
    expect(rejected.statusCode).toBe(200);
    expectNothingRevealed(rejected.body);
  });

  it('a census entry with that NIK is a duplicate without the name, village or id of the worker', async () => {
    const round = await send('POST', '/api/census/rounds', admin, {
      name: 'Sensus keamanan',
      startsOn: '2026-11-01',
      endsOn: '2026-11-30',
      targetGroups: ['farm_labourer'],
      villages: [{ villageCode: VILLAGE, target: 10 }],
    });
    expect(round.statusCode, round.body).toBe(201);
    const enumerator = await t.loginAs('enumerator', VILLAGE);
    const res = await send('POST', '/api/census/sync', enumerator, {
      entries: [{ key: randomUUID(), roundId: round.json().id, kind: 'new', recordedAt: '2026-11-23T02:15:00+08:00', fields: makeWorker({ villageCode: VILLAGE, nik: far.nik }) }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const [result] = res.json().results;
    expect(result).toMatchObject({ status: 'duplicate', error: { code: 'NIK_ALREADY_REGISTERED' } });
    expect(result.existing ?? null).toBeNull();
    expect(result.error.message).toContain('wilayah lain');
    expectNothingRevealed(res.body);
  });

  it("a claim's heir with that NIK is checked against the claim only and reveals nothing of the register", async () => {
    const kit = await claimKit(t, admin);
    const deceased = await kit.worker(VILLAGE);
    await kit.insure(deceased.id, '2026-01', '2026-12');
    const claim = await kit.report(operator, deceased.id);
    expect(claim.statusCode, claim.body).toBe(201);
    const heir = { nik: far.nik, name: 'Saudara Almarhum', relation: 'sibling' };
    const added = await send('POST', `/api/claims/${claim.json().id}/heirs`, operator, heir);
    expect(added.statusCode, added.body).toBe(201);
    expectNothingRevealed(added.body);
    const twice = await send('POST', `/api/claims/${claim.json().id}/heirs`, operator, heir);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('HEIR_EXISTS');
    expectNothingRevealed(twice.body);
  });
});

describe('session expiry', () => {
  it('ends an idle session after SESSION_TTL_HOURS (12): the cookie answers 401 from then on', async () => {
    const idle = cookieHeader(await login('admin', ADMIN_PASSWORD));
    advance(minutes(11 * 60 + 59));
    expect((await get('/api/me', idle)).statusCode).toBe(200); // used after half its life: extended by 12 hours
    advance(minutes(12 * 60 + 1));
    expect((await get('/api/me', idle)).statusCode).toBe(401);
    expect((await send('POST', '/api/workers', idle, makeWorker({ villageCode: VILLAGE }))).statusCode).toBe(401);
  });
});
