/**
 * The access matrix, enforced: one request per route × role × scope from access-matrix.ts, compared
 * exactly with the status (and code) the table gives; the table checked against the routes the server
 * really registers; ids checked to be unguessable and every read by id scope-checked.
 */
import fs from 'node:fs';
import type { HTTPMethods, LightMyRequestResponse, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ROLES, type Role } from '../../core/roles.ts';
import { testApp, type TestApp } from '../test/test-app.ts';
import {
  ACCESS_MATRIX,
  ACTORS,
  CENSUS_ONLY,
  entryLabel,
  expectedOutcome,
  methodOf,
  parseOutcome,
  REGENCY_WIDE_ROLES,
  urlOf,
  type Actor,
  type MatrixEntry,
  type Target,
} from './access-matrix.ts';
import { MatrixFixtures, NOW, OTHER_REGENCY_VILLAGE, REGENCY, ROLE_OUTSIDE, ROLE_SCOPE, VILLAGE_A, VILLAGE_B } from './matrix-fixtures.ts';
import { ACCESS_MATRIX_DOC, renderAccessMatrix } from './render-access-matrix.ts';

/**
 * Every route Fastify registers, seen by an `onRoute` hook: buildApp() makes its instance itself, so the
 * hook is added as the instance is made (the real `fastify` factory, wrapped for this file only).
 */
const registered = vi.hoisted(() => [] as RegisteredRoute[]);
vi.mock('fastify', async (importOriginal) => {
  const real = await importOriginal<typeof import('fastify')>();
  const withRouteLog = ((options?: Parameters<typeof real.default>[0]) => {
    const app = real.default(options);
    app.addHook('onRoute', (route: RouteOptions) => {
      for (const method of [route.method].flat()) registered.push({ method, url: route.url, config: (route.config ?? {}) as RegisteredRoute['config'] });
    });
    return app;
  }) as typeof real.default;
  return { ...real, default: withRouteLog };
});

let t: TestApp;
let fx: MatrixFixtures;
const sessions = {} as Record<Role, string>;

beforeAll(async () => {
  t = await testApp({ now: NOW });
  sessions.admin = await t.loginAs('admin');
  for (const role of ROLES) if (role !== 'admin') sessions[role] = await t.loginAs(role, ROLE_SCOPE[role]);
  fx = await MatrixFixtures.create(t, sessions.admin, sessions.village);
  // The enumerator of village A downloads its register only while a round of A runs.
  await fx.sharedCensusRound();
});
afterAll(async () => {
  await t.app.imports.idle();
  await t.close();
});

function targetFor(actor: Actor, scope: 'in' | 'out', fresh: boolean): Target {
  if (actor === 'anonymous') return { actor, scope, village: VILLAGE_A, region: REGENCY, villageParam: VILLAGE_A, fresh };
  const inside = scope === 'in';
  return {
    actor,
    scope,
    village: inside ? VILLAGE_A : VILLAGE_B,
    region: inside ? ROLE_SCOPE[actor] : ROLE_OUTSIDE[actor],
    villageParam: inside ? VILLAGE_A : REGENCY_WIDE_ROLES.includes(actor) ? OTHER_REGENCY_VILLAGE : VILLAGE_B,
    fresh,
  };
}

async function send(entry: MatrixEntry, actor: Actor, scope: 'in' | 'out'): Promise<LightMyRequestResponse> {
  const { status } = parseOutcome(expectedOutcome(entry, actor, scope)!);
  const request = await entry.request(fx, targetFor(actor, scope, status >= 200 && status < 300));
  const own = actor === 'anonymous' ? undefined : sessions[actor];
  const cookie = request.session === undefined ? own : (request.session ?? undefined);
  return t.app.inject({
    method: methodOf(entry) as HTTPMethods,
    url: request.url,
    headers: { ...(cookie ? { cookie } : {}), ...request.headers },
    ...(request.payload === undefined ? {} : { payload: request.payload as string | object }),
  });
}

/** The error code of a JSON error body, or '' for anything else. */
function errorCode(res: LightMyRequestResponse): string {
  try {
    return (res.json() as { error?: { code?: string } }).error?.code ?? '';
  } catch {
    return '';
  }
}

describe('access matrix', () => {
  for (const entry of ACCESS_MATRIX) {
    describe(entryLabel(entry), () => {
      for (const actor of ACTORS) {
        for (const scope of ['in', 'out'] as const) {
          const expected = expectedOutcome(entry, actor, scope);
          if (expected === undefined) continue;
          const where = entry.scope === 'none' || actor === 'anonymous' ? '' : scope === 'in' ? ' in scope' : ' out of scope';
          it(`${actor}${where} → ${expected}`, async () => {
            const res = await send(entry, actor, scope);
            const { status, detail } = parseOutcome(expected);
            const actual = detail === null ? String(res.statusCode) : `${res.statusCode} ${(entry.detail ?? errorCode)(res)}`;
            expect(actual, `${entryLabel(entry)} as ${actor}${where}: ${res.body.slice(0, 400)}`).toBe(detail === null ? String(status) : `${status} ${detail}`);
          });
        }
      }
    });
  }
});

/** Every route as Fastify registered it, with its config (`public`, `enumerator`, a static file's `file`). */
interface RegisteredRoute {
  method: string;
  url: string;
  config: { public?: boolean; enumerator?: boolean; file?: unknown };
}

/** The registered routes, leaving out HEAD twins, the API docs and the built web app's files (@fastify/static sets `config.file`). */
function apiRoutes(): RegisteredRoute[] {
  return registered.filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/api/docs') && r.config.file === undefined);
}

describe('the table and the server agree', () => {
  const listed = () => new Set(ACCESS_MATRIX.map((e) => e.route));

  it('lists every route the server registers', () => {
    const routes = apiRoutes().map((r) => `${r.method} ${r.url}`);
    expect(routes.length).toBeGreaterThan(100);
    expect(routes.filter((r) => !listed().has(r)), 'routes missing from server/security/access-matrix.ts').toEqual([]);
  });

  it('lists no route the server does not have, each once', () => {
    const routes = new Set(apiRoutes().map((r) => `${r.method} ${r.url}`));
    expect([...listed()].filter((r) => !routes.has(r))).toEqual([]);
    expect(ACCESS_MATRIX.filter((e) => !t.app.hasRoute({ method: methodOf(e) as HTTPMethods, url: urlOf(e) })).map(entryLabel)).toEqual([]);
    expect(new Set(ACCESS_MATRIX.map(entryLabel)).size, 'each route (and variant) once').toBe(ACCESS_MATRIX.length);
  });

  it("agrees with each route's own flags: public routes open to anonymous callers, enumerator routes to enumerators", () => {
    const flags = new Map(apiRoutes().map((r) => [`${r.method} ${r.url}`, r.config]));
    const problems: string[] = [];
    for (const entry of ACCESS_MATRIX) {
      const config = flags.get(entry.route) ?? {};
      const anonymous = parseOutcome(entry.expect.anonymous).status;
      if (Boolean(config.public) === (anonymous === 401)) problems.push(`${entryLabel(entry)}: public=${Boolean(config.public)} but anonymous → ${anonymous}`);
      const enumeratorOutcomes = [expectedOutcome(entry, 'enumerator', 'in'), expectedOutcome(entry, 'enumerator', 'out')];
      const censusOnly = enumeratorOutcomes.every((o) => o === undefined || o === CENSUS_ONLY);
      if (Boolean(config.public || config.enumerator) === censusOnly) problems.push(`${entryLabel(entry)}: enumerator=${Boolean(config.enumerator)} but the table says ${enumeratorOutcomes.join(' / ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('gives every role one expectation per scope that exists', () => {
    const problems: string[] = [];
    for (const entry of ACCESS_MATRIX) {
      for (const role of ROLES) {
        const cell = entry.expect[role];
        const isPair = typeof cell === 'object';
        if (isPair && entry.scope === 'none') problems.push(`${entryLabel(entry)}: ${role} has in/out values on a route without scope`);
        if (isPair && entry.scope === 'resource' && REGENCY_WIDE_ROLES.includes(role)) problems.push(`${entryLabel(entry)}: ${role} cannot hold a record out of scope`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('is what docs/access-matrix.md shows (npx tsx server/security/render-access-matrix.ts writes it)', () => {
    expect(fs.readFileSync(ACCESS_MATRIX_DOC, 'utf8')).toBe(renderAccessMatrix());
  });
});

/** Reads that name a record by id in the path or query. */
const readsById = ACCESS_MATRIX.filter((e) => methodOf(e) === 'GET' && (/\/:[a-zA-Z]+/.test(urlOf(e)) || e.scope === 'resource'));

describe('ids cannot be guessed, and guessing would not help', () => {
  it('every read by id is scope-checked, or names a record the whole regency may see', () => {
    const unchecked = readsById.filter((e) => e.scope !== 'resource' && !e.regencyWide).map(entryLabel);
    expect(unchecked).toEqual([]);
    for (const entry of readsById.filter((e) => e.scope === 'resource')) {
      for (const role of ['district', 'village', 'enumerator'] as const) {
        const out = parseOutcome(expectedOutcome(entry, role, 'out')!);
        expect([403, 404], `${entryLabel(entry)}: ${role} out of scope`).toContain(out.status);
      }
    }
  });

  it("refuses a village operator every read of another village's records by their real ids, without a word of them", async () => {
    const neighbour = await fx.sharedWorker(VILLAGE_B);
    for (const entry of readsById.filter((e) => e.scope === 'resource')) {
      for (const role of ['village', 'district'] as const) {
        const res = await send(entry, role, 'out');
        expect([403, 404], `${entryLabel(entry)} as ${role}: ${res.body.slice(0, 200)}`).toContain(res.statusCode);
        expect(res.body).not.toContain(neighbour.nik);
        expect(res.body).not.toContain(neighbour.name);
      }
    }
  });

  it('makes every record id a random UUIDv4, never one after another', async () => {
    const made = {
      worker: [(await fx.worker(VILLAGE_A)).id, (await fx.worker(VILLAGE_A)).id, (await fx.worker(VILLAGE_B)).id],
      enrolment: [(await fx.enrolment(VILLAGE_A)).id, (await fx.enrolment(VILLAGE_A)).id],
      claim: [(await fx.reportedClaim(VILLAGE_A)).id, (await fx.reportedClaim(VILLAGE_A)).id],
      payment: [await fx.payment(VILLAGE_A), await fx.payment(VILLAGE_A)],
      commitment: [(await fx.commitment(VILLAGE_A)).id, (await fx.commitment(VILLAGE_A)).id],
      import: [await fx.importJob(VILLAGE_A), await fx.importJob(VILLAGE_B)],
      censusRound: [await fx.censusRound([VILLAGE_A]), await fx.censusRound([VILLAGE_A])],
    };
    const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const [entity, ids] of Object.entries(made)) {
      for (const id of ids) expect(id, entity).toMatch(v4);
      for (let i = 1; i < ids.length; i += 1) {
        // Two random 122-bit ids lie within 2^64 of each other once in 2^57 tries; sequential ones always do.
        const gap = BigInt(`0x${ids[i]!.replaceAll('-', '')}`) - BigInt(`0x${ids[i - 1]!.replaceAll('-', '')}`);
        expect(gap < 0n ? -gap : gap, `${entity} ids ${ids[i - 1]} and ${ids[i]}`).toBeGreaterThan(2n ** 64n);
      }
    }
    const all = [...fx.ids.values()].flat();
    expect(new Set(all).size).toBe(all.length);
    for (const id of all) expect(id).toMatch(v4);
  });
});
