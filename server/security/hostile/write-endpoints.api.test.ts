/**
 * Issue 9, hostile input on every write route: fast-check sends each POST/PUT/PATCH/DELETE under /api
 * random and malformed JSON, the route's own body with wrong types, huge strings, unicode edge cases,
 * SQL and HTML injection, prototype-pollution keys, deep nesting, the wrong content type and broken path
 * parameters — as admin, and as a village operator (or enumerator) where the route is theirs too.
 *
 * For every answer: never a 5xx; an error has the standard `{error: {code, message}}` body; a refused
 * request leaves every table as it was (audit trail and sessions aside); the server still answers
 * /api/health. Seeded (FC_SEED to replay; fast-check prints seed and path on a failure), FC_RUNS to go longer.
 */
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorker } from '../../test/factories.ts';
import { testApp, type TestApp } from '../../test/test-app.ts';
import { FC_SEED, hostileJsonBody, hostileParam, hostileUpload, runs, type HostileBody } from './arbitraries.ts';
import { changedTables, dbState, tablesOf, type DbState } from './db-state.ts';
import { makeFixtures, NOW, VILLAGE_A, type HostileFixtures } from './fixtures.ts';
import { fillPath, listWriteRoutes, paramNames, WRITE_ROUTE_SPECS, type Sender } from './write-routes.ts';

let t: TestApp;
let fx: HostileFixtures;
let cookies: Record<Sender, string | undefined>;
let tables: string[];
/** The database as it was after the last request (null: unknown, take it again). */
let known: DbState | null = null;

beforeAll(async () => {
  t = await testApp({ now: NOW });
  const admin = await t.loginAs('admin');
  cookies = { admin, village: await t.loginAs('village', VILLAGE_A), enumerator: await t.loginAs('enumerator', VILLAGE_A), anonymous: undefined };
  fx = await makeFixtures(t, admin);
  tables = await tablesOf(t.database.db);
});
afterAll(() => t?.close());

/** HOSTILE_STATS=1 prints how each route answered: a check that the bodies reach past validation. */
const stats = process.env.HOSTILE_STATS ? new Map<string, Record<number, number>>() : null;
afterAll(() => {
  if (stats) for (const [route, counts] of [...stats].sort()) console.log(route, JSON.stringify(counts));
});

interface Sent {
  method: string;
  url: string;
  body: HostileBody;
  sender: Sender;
  cookie?: string;
}

function describeRequest(r: Sent): string {
  const payload = r.body.payload === undefined ? '(none)' : String(r.body.payload).slice(0, 300);
  return `${r.method} ${r.url.slice(0, 160)} as ${r.sender} [${r.body.label}] content-type ${r.body.contentType ?? '(none)'}: ${payload}`;
}

/** Sends one hostile request and checks the answer and the database; throws (for fast-check) on a breach. */
async function sendHostile(r: Sent): Promise<LightMyRequestResponse> {
  const before = known ?? (await dbState(t.database.db, tables));
  const headers: Record<string, string> = {};
  const cookie = r.cookie ?? cookies[r.sender];
  if (cookie) headers.cookie = cookie;
  if (r.body.contentType !== undefined) headers['content-type'] = r.body.contentType;
  const res = await t.app.inject({ method: r.method as 'POST', url: r.url, headers, ...(r.body.payload === undefined ? {} : { payload: r.body.payload }) });
  // An accepted upload is imported in the background: let it finish before the next fingerprint.
  await t.app.imports.idle();
  if (stats) {
    const key = `${r.method} ${r.url.split('/').map((part) => (/^[0-9a-f-]{36}$/.test(part) ? ':id' : part)).join('/').slice(0, 80)}`;
    stats.set(key, { ...stats.get(key), [res.statusCode]: (stats.get(key)?.[res.statusCode] ?? 0) + 1 });
  }
  const what = `${describeRequest(r)}\n→ ${res.statusCode} ${res.body.slice(0, 300)}`;
  if (res.statusCode >= 500) throw new Error(`server error for hostile input: ${what}`);
  if (res.statusCode >= 300) {
    let body: unknown;
    try {
      body = res.json();
    } catch {
      throw new Error(`error answer is not JSON: ${what}`);
    }
    const error = (body as { error?: { code?: unknown; message?: unknown } }).error;
    if (typeof error?.code !== 'string' || error.code === '' || typeof error.message !== 'string' || error.message === '') {
      throw new Error(`error answer lacks {error:{code,message}}: ${what}`);
    }
    const after = await dbState(t.database.db, tables);
    const changed = changedTables(before, after);
    if (changed.length > 0) throw new Error(`a refused request changed ${changed.join(', ')}: ${what}`);
    known = after;
  } else {
    known = null;
  }
  return res;
}

async function expectHealthy(): Promise<void> {
  const res = await t.app.inject({ method: 'GET', url: '/api/health' });
  expect(res.statusCode).toBe(200);
}

/** Each route its own seed (derived from FC_SEED), so routes do not all see the same sequence of values. */
function seedOf(route: string): number {
  let hash = FC_SEED | 0;
  for (const ch of route) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) | 0;
  return hash;
}

const assertOptions = (route: string, numRuns: number) => ({ seed: seedOf(route), numRuns: runs(numRuns), endOnFailure: true });

describe('the write-route inventory', () => {
  it('lists every write route of the app, and nothing the app does not have', () => {
    const actual = listWriteRoutes(t.app);
    expect(actual.length).toBeGreaterThan(40);
    const missing = actual.filter((route) => !(route in WRITE_ROUTE_SPECS));
    const stale = Object.keys(WRITE_ROUTE_SPECS).filter((route) => !actual.includes(route));
    expect(missing, 'write routes with no hostile-input entry in write-routes.ts').toEqual([]);
    expect(stale, 'entries in write-routes.ts for routes the app no longer has').toEqual([]);
  });
});

describe('hostile bodies on every write route', () => {
  for (const [route, spec] of Object.entries(WRITE_ROUTE_SPECS)) {
    it(route, async () => {
      const [method, pattern] = route.split(' ') as [string, string];
      const params = spec.params?.(fx) ?? {};
      const url = fillPath(pattern, params);
      const sample = spec.sample?.(fx) ?? {};
      const bodies = spec.body === 'multipart' ? hostileUpload : hostileJsonBody(sample);
      if (spec.sample) {
        // The sample must pass validation, or the spoiled variants would only ever test the schema.
        const sent = await sendHostile({ method, url, body: { label: 'the sample body', payload: JSON.stringify(sample), contentType: 'application/json' }, sender: spec.senders?.[0] ?? 'admin' });
        expect([400, 415], `the sample body of ${route} is refused: ${sent.body}`).not.toContain(sent.statusCode);
      }
      for (const [i, sender] of (spec.senders ?? ['admin']).entries()) {
        // The second sender gets fewer runs: the validation is the same, only the scope checks differ.
        await fc.assert(
          fc.asyncProperty(bodies, async (body) => {
            await sendHostile({ method, url, body, sender });
          }),
          assertOptions(`${route} ${sender}`, i === 0 ? 25 : 10),
        );
      }

      const names = paramNames(pattern);
      if (names.length > 0) {
        const validBody: HostileBody =
          spec.body === 'json' || spec.body === undefined
            ? { label: 'the sample body', payload: JSON.stringify(sample), contentType: 'application/json' }
            : { label: 'no body', payload: undefined, contentType: undefined };
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...names), hostileParam, async (name, { value }) => {
            const broken = fillPath(pattern, { ...params, [name]: value });
            await sendHostile({ method, url: broken, body: { ...validBody, label: `${validBody.label}, :${name} malformed` }, sender: spec.senders?.[0] ?? 'admin' });
          }),
          assertOptions(`${route} params`, 15),
        );
      }
      await expectHealthy();
    });
  }
});

describe('hostile sessions', () => {
  it('a broken or forged session cookie is a 401, never a 500', async () => {
    const body: HostileBody = { label: 'a valid worker', payload: JSON.stringify(makeWorker({ villageCode: VILLAGE_A })), contentType: 'application/json' };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constantFrom('%00', '%ED%A0%80', '"; drop table sessions; --', 'a'.repeat(8000), '', '=', '%', 'undefined', 'null', '[object Object]'),
          fc.string({ maxLength: 100 }).map(encodeURIComponent),
        ),
        async (value) => {
          const res = await sendHostile({ method: 'POST', url: '/api/workers', body, sender: 'anonymous', cookie: `jaring_session=${value}` });
          expect(res.statusCode).toBe(401);
        },
      ),
      assertOptions('session cookie', 20),
    );
    await expectHealthy();
  });
});

describe('regressions found by these tests', () => {
  // Each was a 500 before: PostgreSQL refuses NUL in text and jsonb, and a lone surrogate's \\u escape in jsonb.
  const cases: [string, string, unknown][] = [
    ['POST', '/api/workers', { ...makeWorker({ villageCode: VILLAGE_A }), notes: 'a\u0000b' }],
    ['POST', '/api/workers', { ...makeWorker({ villageCode: VILLAGE_A }), hamlet: '\uD800x' }],
    ['POST', '/api/premiums/rates', { program: 'JKK', percent: 0.24, validFrom: '2061-01', regulation: 'PP \u0000 44' }],
    ['PUT', '/api/coverage/targets/52.03/2040', { percent: 50, note: 'x\u0000' }],
    ['POST', '/api/auth/login', { username: 'admin\u0000', password: 'x' }],
  ];
  for (const [method, url, payload] of cases) {
    it(`${method} ${url} with ${JSON.stringify(payload).match(/\\u(0000|d800)/i)?.[0]} answers 400 TEXT_INVALID_CHARACTER`, async () => {
      const res = await sendHostile({ method, url, body: { label: 'regression', payload: JSON.stringify(payload), contentType: 'application/json' }, sender: 'admin' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('TEXT_INVALID_CHARACTER');
    });
  }

  // These answered in Fastify's own shape ({"error":"Bad Request",…}), past the error handler.
  for (const [url, status] of [
    ['/api/workers/%zz/enrolments', 400],
    [`/api/workers/${'A'.repeat(5000)}/enrolments`, 414],
    ['/api/claims/%E0%A4%A/heirs', 400],
  ] as const) {
    it(`a broken URL (${url.slice(0, 40)}…) answers ${status} in the standard error shape`, async () => {
      const res = await sendHostile({ method: 'POST', url, body: { label: 'regression', payload: '{}', contentType: 'application/json' }, sender: 'admin' });
      expect(res.statusCode).toBe(status);
      expect(res.json().error).toMatchObject({ code: expect.stringMatching(/^FST_ERR_/), message: expect.stringMatching(/URL/) });
    });
  }

  it('a NUL in a query string is a 400, not a 500', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/workers?q=%00', headers: { cookie: cookies.admin! } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'TEXT_INVALID_CHARACTER', field: 'q' });
  });
});
