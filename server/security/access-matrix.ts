/**
 * The access matrix (issue 9): every route the server registers × every role × in-scope / out-of-scope
 * region → the status it must answer. `access-matrix.api.test.ts` sends each request and fails on any
 * difference, and on any route this table does not list; docs/access-matrix.md is rendered from it
 * (`npx tsx server/security/render-access-matrix.ts`).
 *
 * Reading a cell:
 * - one value: the answer in scope and out of scope alike (or the route has no scope);
 * - `[in, out]`: the answer for the caller's own region, and for another's;
 * - `'403 CENSUS_ONLY'`: the status and the error code the body must carry;
 * - on the census sync, `'200 rejected:FORBIDDEN'`: a 200 whose one entry came back rejected with that code.
 *
 * Scope (see `Scope`): a resource lives in village A (52.03.01.2001, the local callers' own) or B
 * (52.03.02.2001, another district); a region parameter names the caller's own region or its sibling —
 * another regency (52.01) for the regency-wide roles, which have no "outside" within the regency. For
 * them a resource out of scope cannot exist: the column is n/a.
 *
 * The callers: admin (52.03), district (52.03.01), village and enumerator (52.03.01.2001), bpjs and
 * viewer (52.03), and anonymous (no session).
 */
import type { LightMyRequestResponse } from 'fastify';
import { ROLES, type Role } from '../../core/roles.ts';
import { childHeir, spouseHeir } from '../test/claim-kit.ts';
import { makeWorker } from '../test/factories.ts';
import { USER_PASSWORD } from '../test/test-app.ts';
import { VILLAGE_A, type MatrixFixtures } from './matrix-fixtures.ts';

export const ACTORS = [...ROLES, 'anonymous'] as const;
export type Actor = (typeof ACTORS)[number];

/** A status, optionally followed by what the body must say (an error code, or a sync entry's fate). */
export type Outcome = number | `${number} ${string}`;
/** One role's expectation: the same in and out of scope, or `[in scope, out of scope]`. */
export type Cell = Outcome | readonly [Outcome, Outcome];

/**
 * - `none`: no region is involved (settings, rates, the caller's own lists); asked once.
 * - `resource`: the request names a record of village A (in) or B (out); n/a out of scope for regency-wide roles.
 * - `region`: the request names a region (query or path) — the caller's own, or its sibling.
 */
export type Scope = 'none' | 'resource' | 'region';

/** Where one request points. */
export interface Target {
  actor: Actor;
  scope: 'in' | 'out';
  /** The village a record lives in: A in scope, B out of scope. */
  village: string;
  /** A region parameter: the caller's own region in scope, its sibling out of scope. */
  region: string;
  /** A village parameter: A in scope; out of scope B (local roles) or another regency's village. */
  villageParam: string;
  /** The request is expected to succeed and change something: it gets records of its own (refusals share). */
  fresh: boolean;
}

export interface MatrixRequest {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  /** Send this session cookie instead of the actor's own (null: none). */
  session?: string | null;
}

export interface MatrixEntry {
  /** Method and URL pattern exactly as registered. */
  route: string;
  /** When one route needs more than one row (e.g. payments from a village's ADD and self-payments). */
  variant?: string;
  scope: Scope;
  /** Builds the request: reads share one record per village; a write expected to succeed (`t.fresh`) gets records of its own. */
  request: (fx: MatrixFixtures, t: Target) => MatrixRequest | Promise<MatrixRequest>;
  expect: Record<Role, Cell> & { anonymous: Outcome };
  /** What an outcome's words are compared with (default: the error code of the body). */
  detail?: (res: LightMyRequestResponse) => string;
  /** For a read by id of a record that is not one village's: why every logged-in role may see it. */
  regencyWide?: string;
  note?: string;
}

/** Enumerators may use the census routes and GET /api/me only. */
export const CENSUS_ONLY = '403 CENSUS_ONLY' as const;

// ---- Common rows ---------------------------------------------------------------------------------

type Expectations = MatrixEntry['expect'];

/** A public route: everyone, with or without a session. */
const open = (status: number): Expectations => ({ admin: status, district: status, village: status, enumerator: status, bpjs: status, viewer: status, anonymous: status });
/** Every logged-in role but the census-only enumerator. */
const everyone = (status: number): Expectations => ({ admin: status, district: status, village: status, enumerator: CENSUS_ONLY, bpjs: status, viewer: status, anonymous: 401 });
/** The manpower office only. */
const adminOnly = (status: number): Expectations => ({ admin: status, district: 403, village: 403, enumerator: CENSUS_ONLY, bpjs: 403, viewer: 403, anonymous: 401 });
/** The manpower office and BPJS officers. */
const adminAndBpjs = (status: number): Expectations => ({ admin: status, district: 403, village: 403, enumerator: CENSUS_ONLY, bpjs: status, viewer: 403, anonymous: 401 });
/** Readable by every logged-in role inside its region; another region refused. */
const scopedRead: Expectations = { admin: [200, 403], district: [200, 403], village: [200, 403], enumerator: CENSUS_ONLY, bpjs: [200, 403], viewer: [200, 403], anonymous: 401 };
/**
 * Aggregate figures (counts, percentages, rankings) of any region of the regency: readable by every
 * logged-in role; a region outside the installation is refused as unknown (400 REGION_UNKNOWN).
 */
const aggregates: Expectations = { admin: [200, 400], district: 200, village: 200, enumerator: CENSUS_ONLY, bpjs: [200, 400], viewer: [200, 400], anonymous: 401 };
/** Cells small enough to single people out (by occupation, sex and age): the caller's own region only. */
const scopedAggregates: Expectations = { admin: [200, 400], district: [200, 403], village: [200, 403], enumerator: CENSUS_ONLY, bpjs: [200, 400], viewer: [200, 400], anonymous: 401 };
/** One village's record read by id: local roles see their own only; a record elsewhere is "not found". */
const recordRead: Expectations = { admin: 200, district: [200, 404], village: [200, 404], enumerator: CENSUS_ONLY, bpjs: 200, viewer: 200, anonymous: 401 };
/** Claims of a village: reported and kept by the office, the village's own operator and BPJS officers. */
const claimFile = (status: number): Expectations => ({ admin: status, district: [403, 404], village: [status, 404], enumerator: CENSUS_ONLY, bpjs: status, viewer: 403, anonymous: 401 });
/** Claims of a village: submitted, decided and paid by the office and BPJS officers. */
const claimProcess = (status: number): Expectations => ({ admin: status, district: [403, 404], village: [403, 404], enumerator: CENSUS_ONLY, bpjs: status, viewer: 403, anonymous: 401 });
/** Enrolments of a village's workers: the office, the village's own operator, BPJS officers. */
const enrolmentWrite = (status: number): Expectations => ({ admin: status, district: 403, village: [status, 403], enumerator: CENSUS_ONLY, bpjs: status, viewer: 403, anonymous: 401 });
/** A village's register and its own ADD money: the office and the village's own operator. */
const villageWrite = (status: number): Expectations => ({ admin: status, district: 403, village: [status, 403], enumerator: CENSUS_ONLY, bpjs: 403, viewer: 403, anonymous: 401 });

const SYNC_ACCEPTED = '200 accepted' as const;
const SYNC_FORBIDDEN = '200 rejected:FORBIDDEN' as const;

/** A census sync's one entry: `accepted`, or `rejected:<code>`. */
function syncOutcome(res: LightMyRequestResponse): string {
  const [result] = res.json().results as { status: string; error: { code: string } | null }[];
  return result!.error ? `${result!.status}:${result!.error.code}` : result!.status;
}

const enrolBody = { programs: ['JKK', 'JKM'], startMonth: '2026-01', declaredIncome: 1_500_000, fundingSource: 'SELF' };
const reportBody = (workerId: string) => ({
  workerId,
  event: 'death_natural',
  eventDate: '2026-11-10',
  place: 'Dusun Lauk, Tanjung Luar',
  description: 'Meninggal dunia di rumah karena sakit.',
  heirs: [spouseHeir()],
});
const reason = (text: string) => ({ reason: text });

// ---- The table -------------------------------------------------------------------------------------

export const ACCESS_MATRIX: readonly MatrixEntry[] = [
  // System and sessions
  { route: 'GET /api/health', scope: 'none', request: () => ({ url: '/api/health' }), expect: open(200) },
  { route: 'GET /api/meta', scope: 'none', request: () => ({ url: '/api/meta' }), expect: open(200) },
  { route: 'GET /api/openapi.json', scope: 'none', request: () => ({ url: '/api/openapi.json' }), expect: open(200) },
  { route: 'POST /api/auth/login', scope: 'none', request: async (fx) => ({ url: '/api/auth/login', payload: await fx.loginBody() }), expect: open(200) },
  {
    route: 'POST /api/auth/logout',
    scope: 'none',
    request: async (fx, t) => ({ url: '/api/auth/logout', session: t.actor === 'anonymous' ? null : await fx.freshSession(t.actor) }),
    expect: open(204),
    note: 'Each role logs out a second session of its own.',
  },
  { route: 'GET /api/me', scope: 'none', request: () => ({ url: '/api/me' }), expect: { ...everyone(200), enumerator: 200 } },
  {
    route: 'POST /api/users',
    scope: 'none',
    request: (fx) => ({ url: '/api/users', payload: { username: `matrix.user.${fx.next()}`, password: USER_PASSWORD, role: 'village', regionCode: VILLAGE_A } }),
    expect: adminOnly(201),
  },
  { route: 'GET /api/users', scope: 'none', request: () => ({ url: '/api/users' }), expect: adminOnly(200) },

  // Regions: names are public facts, worker counts aggregates
  {
    route: 'GET /api/regions/:code',
    scope: 'region',
    request: (_, t) => ({ url: `/api/regions/${t.region}` }),
    expect: everyone(200),
    regencyWide: 'Region names are public facts; worker counts are aggregates.',
  },
  {
    route: 'GET /api/regions/:code/children',
    scope: 'region',
    request: (_, t) => ({ url: `/api/regions/${t.region}/children` }),
    expect: everyone(200),
    regencyWide: 'Region names are public facts; worker counts are aggregates.',
  },

  // Workers
  { route: 'GET /api/workers', scope: 'region', request: (_, t) => ({ url: `/api/workers?village=${t.villageParam}` }), expect: scopedRead },
  { route: 'POST /api/workers', scope: 'resource', request: (_, t) => ({ url: '/api/workers', payload: makeWorker({ villageCode: t.village }) }), expect: villageWrite(201) },
  {
    route: 'GET /api/workers/:id',
    scope: 'resource',
    request: async (fx, t) => ({ url: `/api/workers/${(await fx.sharedWorker(t.village)).id}` }),
    expect: { ...recordRead, district: [200, 403], village: [200, 403] },
  },
  {
    route: 'PATCH /api/workers/:id',
    scope: 'resource',
    request: async (fx, t) => ({ url: `/api/workers/${(await fx.worker(t)).id}`, payload: { hamlet: 'Dusun Daya' } }),
    expect: villageWrite(200),
  },
  { route: 'DELETE /api/workers/:id', scope: 'resource', request: async (fx, t) => ({ url: `/api/workers/${(await fx.worker(t)).id}` }), expect: villageWrite(204) },
  { route: 'GET /api/audit', scope: 'none', request: () => ({ url: '/api/audit' }), expect: adminOnly(200) },
  { route: 'GET /api/admin/backup', scope: 'none', request: () => ({ url: '/api/admin/backup' }), expect: adminOnly(200), note: 'The whole database as one file.' },

  // Imports and BPJS reconciliation
  {
    route: 'POST /api/imports/workers',
    scope: 'resource',
    request: (fx, t) => ({ url: '/api/imports/workers', ...fx.upload(t.village, { village: t.village }) }),
    expect: villageWrite(202),
  },
  { route: 'POST /api/imports/bpjs', scope: 'none', request: (fx) => ({ url: '/api/imports/bpjs', ...fx.bpjsUpload() }), expect: adminAndBpjs(202) },
  {
    route: 'POST /api/imports/preview',
    variant: 'census file',
    scope: 'resource',
    request: (fx, t) => ({ url: '/api/imports/preview', ...fx.upload(t.village, { village: t.village, kind: 'workers' }) }),
    expect: villageWrite(200),
  },
  {
    route: 'POST /api/imports/preview',
    variant: 'BPJS file',
    scope: 'none',
    request: (fx) => ({ url: '/api/imports/preview', ...fx.bpjsUpload({ kind: 'bpjs' }) }),
    expect: adminAndBpjs(200),
  },
  { route: 'GET /api/imports', scope: 'none', request: () => ({ url: '/api/imports' }), expect: everyone(200), note: 'The office sees every import, others their own.' },
  { route: 'GET /api/imports/template', scope: 'none', request: () => ({ url: '/api/imports/template?format=csv' }), expect: everyone(200) },
  { route: 'GET /api/imports/occupation-map', scope: 'none', request: () => ({ url: '/api/imports/occupation-map' }), expect: everyone(200) },
  {
    route: 'PUT /api/imports/occupation-map/:key',
    scope: 'none',
    request: async (fx) => {
      const { key, occupation } = await fx.occupationMapping();
      return { url: `/api/imports/occupation-map/${encodeURIComponent(key)}`, payload: { occupation } };
    },
    expect: adminOnly(200),
  },
  {
    route: 'GET /api/imports/:id',
    scope: 'resource',
    request: async (fx, t) => ({ url: `/api/imports/${await fx.importJob(t.village)}` }),
    expect: { ...recordRead, district: 404, village: [200, 404], bpjs: 404, viewer: 404 },
    note: "The import of a village's operator: the office and its maker read it, nobody else.",
  },
  {
    route: 'GET /api/imports/:id/rejected',
    scope: 'resource',
    request: async (fx, t) => ({ url: `/api/imports/${await fx.importJob(t.village)}/rejected` }),
    expect: { ...recordRead, district: 404, village: [200, 404], bpjs: 404, viewer: 404 },
  },
  { route: 'GET /api/reconciliation/reviews', scope: 'none', request: () => ({ url: '/api/reconciliation/reviews' }), expect: adminAndBpjs(200) },
  { route: 'POST /api/reconciliation/reviews/:id/confirm', scope: 'none', request: (fx, t) => ({ url: `/api/reconciliation/reviews/${fx.review(t.fresh)}/confirm`, payload: {} }), expect: adminAndBpjs(200) },
  { route: 'POST /api/reconciliation/reviews/:id/reject', scope: 'none', request: (fx, t) => ({ url: `/api/reconciliation/reviews/${fx.review(t.fresh)}/reject`, payload: {} }), expect: adminAndBpjs(200) },
  { route: 'GET /api/reconciliation/unmatched', scope: 'none', request: () => ({ url: '/api/reconciliation/unmatched' }), expect: adminAndBpjs(200) },

  // Premium rates
  { route: 'GET /api/premiums/rates', scope: 'none', request: () => ({ url: '/api/premiums/rates' }), expect: everyone(200) },
  {
    route: 'POST /api/premiums/rates',
    scope: 'none',
    request: (fx) => ({ url: '/api/premiums/rates', payload: { program: 'JKK', percent: 0.24, validFrom: fx.futureMonth(), regulation: 'Peraturan uji matriks' } }),
    expect: adminOnly(201),
  },
  {
    route: 'POST /api/premiums/grace-rules',
    scope: 'none',
    request: (fx) => ({ url: '/api/premiums/grace-rules', payload: { months: 3, validFrom: fx.futureMonth(), regulation: 'Peraturan uji matriks' } }),
    expect: adminOnly(201),
  },
  {
    route: 'POST /api/premiums/quote',
    scope: 'none',
    request: () => ({ url: '/api/premiums/quote', payload: { income: 1_500_000, programs: ['JKK', 'JKM'], months: 3, startMonth: '2026-12' } }),
    expect: everyone(200),
  },

  // Enrolments
  { route: 'GET /api/workers/:id/enrolments', scope: 'resource', request: async (fx, t) => ({ url: `/api/workers/${(await fx.sharedWorker(t.village)).id}/enrolments` }), expect: recordRead },
  {
    route: 'POST /api/workers/:id/enrolments',
    scope: 'resource',
    request: async (fx, t) => ({ url: `/api/workers/${(await fx.worker(t)).id}/enrolments`, payload: enrolBody }),
    expect: enrolmentWrite(201),
  },
  {
    route: 'PATCH /api/enrolments/:id',
    scope: 'resource',
    request: async (fx, t) => ({ url: `/api/enrolments/${(await fx.enrolment(t)).id}`, payload: { declaredIncome: 2_000_000 } }),
    expect: enrolmentWrite(200),
  },
  {
    route: 'POST /api/enrolments/:id/end',
    scope: 'resource',
    request: async (fx, t) => ({ url: `/api/enrolments/${(await fx.enrolment(t)).id}/end`, payload: { endedOn: '2026-11-20', ...reason('Pindah kerja ke pabrik') } }),
    expect: enrolmentWrite(200),
  },

  // Funding sources, commitments, plans
  { route: 'GET /api/funding/sources', scope: 'region', request: (_, t) => ({ url: `/api/funding/sources?region=${t.region}` }), expect: scopedRead },
  {
    route: 'POST /api/funding/sources',
    scope: 'resource',
    request: (fx, t) => ({ url: '/api/funding/sources', payload: { kind: 'ADD', regionCode: t.village, name: `ADD uji ${fx.letters()}` } }),
    expect: villageWrite(201),
    note: "A village's ADD: the office, or that village's operator.",
  },
  {
    route: 'PUT /api/funding/sources/:id/budgets/:year',
    scope: 'resource',
    request: async (fx, t) => ({ url: `/api/funding/sources/${await fx.addSource(t.village)}/budgets/2027`, payload: { amount: 1_000_000_000 } }),
    expect: villageWrite(200),
  },
  {
    route: 'POST /api/funding/commitments',
    scope: 'resource',
    request: async (fx, t) => ({
      url: '/api/funding/commitments',
      payload: { sourceId: await fx.addSource(t.village), workerIds: [(await fx.worker(t)).id], fromMonth: '2026-12', toMonth: '2026-12' },
    }),
    expect: villageWrite(201),
  },
  { route: 'GET /api/funding/commitments', scope: 'region', request: (_, t) => ({ url: `/api/funding/commitments?village=${t.villageParam}` }), expect: scopedRead },
  {
    route: 'POST /api/funding/commitments/:id/cancel',
    scope: 'resource',
    request: async (fx, t) => ({ url: `/api/funding/commitments/${(await fx.commitment(t)).id}/cancel`, payload: reason('Salah pilih pekerja') }),
    expect: { ...villageWrite(200), district: [403, 404], village: [200, 404] },
  },
  {
    route: 'GET /api/funding/plan',
    scope: 'region',
    request: (_, t) => ({ url: `/api/funding/plan?village=${t.villageParam}` }),
    expect: { ...scopedRead, admin: [200, 400], bpjs: [200, 400], viewer: [200, 400] },
  },
  {
    route: 'POST /api/funding/proposals',
    scope: 'region',
    request: async (fx, t) => ({ url: '/api/funding/proposals', payload: { sourceId: await fx.apbdSource(), villageCode: t.villageParam, fromMonth: '2026-12', toMonth: '2026-12' } }),
    expect: { ...scopedRead, admin: [200, 400], bpjs: [200, 400], viewer: [200, 400] },
    note: 'Read-only ranking of one village’s workers.',
  },
  { route: 'GET /api/worklists/renewals', scope: 'region', request: (_, t) => ({ url: `/api/worklists/renewals?kind=grace&region=${t.region}` }), expect: scopedRead },

  // Premium payments
  {
    route: 'POST /api/payments',
    variant: "from the village's ADD",
    scope: 'resource',
    request: async (fx, t) => ({ url: '/api/payments', payload: await fx.addPaymentBody(t) }),
    expect: villageWrite(201),
  },
  {
    route: 'POST /api/payments',
    variant: 'self-paid',
    scope: 'resource',
    request: async (fx, t) => ({ url: '/api/payments', payload: await fx.selfPaymentBody(t) }),
    expect: adminAndBpjs(201),
    note: 'Self-payments: the office and BPJS officers, not village operators.',
  },
  { route: 'GET /api/payments', scope: 'region', request: (_, t) => ({ url: `/api/payments?village=${t.villageParam}` }), expect: scopedRead },
  {
    route: 'GET /api/payments/export',
    scope: 'resource',
    request: async (fx, t) => ({ url: `/api/payments/export?sourceId=${await fx.addSource(t.village)}&format=csv` }),
    expect: { ...villageWrite(200), village: [200, 404], bpjs: 200 },
    note: 'Full NIKs for BPJS: never district offices or the viewer.',
  },
  { route: 'GET /api/payments/:id', scope: 'resource', request: async (fx, t) => ({ url: `/api/payments/${await fx.sharedPayment(t.village)}` }), expect: recordRead },
  {
    route: 'POST /api/payments/:id/reverse',
    scope: 'resource',
    request: async (fx, t) => ({ url: `/api/payments/${await fx.payment(t)}/reverse`, payload: reason('Salah transfer') }),
    expect: { ...villageWrite(201), district: [403, 404], village: [201, 404] },
  },
  {
    route: 'GET /api/funding/sources/:id/registration',
    scope: 'resource',
    request: async (fx, t) => ({ url: `/api/funding/sources/${await fx.addSource(t.village)}/registration?format=csv` }),
    expect: { ...villageWrite(200), bpjs: 200 },
    note: 'Full NIKs for BPJS: never district offices or the viewer.',
  },

  // Coverage, targets, awards
  { route: 'GET /api/coverage', scope: 'region', request: (_, t) => ({ url: `/api/coverage?region=${t.region}` }), expect: aggregates },
  { route: 'GET /api/coverage/headline', scope: 'region', request: (_, t) => ({ url: `/api/coverage/headline?region=${t.region}` }), expect: aggregates },
  { route: 'GET /api/coverage/breakdown', scope: 'region', request: (_, t) => ({ url: `/api/coverage/breakdown?region=${t.region}` }), expect: scopedAggregates },
  { route: 'GET /api/coverage/trend', scope: 'region', request: (_, t) => ({ url: `/api/coverage/trend?region=${t.region}` }), expect: aggregates },
  { route: 'GET /api/coverage/settings', scope: 'none', request: () => ({ url: '/api/coverage/settings' }), expect: everyone(200) },
  {
    route: 'PUT /api/coverage/settings',
    scope: 'none',
    request: () => ({ url: '/api/coverage/settings', payload: { thresholds: { low: 25, medium: 50, high: 75 }, categoryBasis: 'register', projectionMonths: 6 } }),
    expect: adminOnly(200),
  },
  { route: 'GET /api/coverage/targets', scope: 'region', request: (_, t) => ({ url: `/api/coverage/targets?region=${t.region}` }), expect: aggregates },
  {
    route: 'PUT /api/coverage/targets/:region/:year',
    scope: 'region',
    request: (fx, t) => ({ url: `/api/coverage/targets/${t.region}/${fx.nextYear()}`, payload: { percent: 50, basis: 'register' } }),
    expect: { ...adminOnly(200), admin: [200, 400] },
  },
  {
    route: 'DELETE /api/coverage/targets/:region/:year',
    scope: 'region',
    request: async (fx, t) => ({ url: `/api/coverage/targets/${t.region}/${await fx.coverageRow('targets', t.region, t.fresh)}` }),
    expect: { ...adminOnly(204), admin: [204, 404] },
  },
  { route: 'GET /api/coverage/denominators', scope: 'region', request: (_, t) => ({ url: `/api/coverage/denominators?region=${t.region}` }), expect: aggregates },
  {
    route: 'PUT /api/coverage/denominators/:region/:year',
    scope: 'region',
    request: (fx, t) => ({ url: `/api/coverage/denominators/${t.region}/${fx.nextYear()}`, payload: { value: 1000, source: 'BPS Sakernas uji' } }),
    expect: { ...adminOnly(200), admin: [200, 400] },
  },
  {
    route: 'DELETE /api/coverage/denominators/:region/:year',
    scope: 'region',
    request: async (fx, t) => ({ url: `/api/coverage/denominators/${t.region}/${await fx.coverageRow('denominators', t.region, t.fresh)}` }),
    expect: { ...adminOnly(204), admin: [204, 404] },
  },
  { route: 'GET /api/leaderboard', scope: 'region', request: (_, t) => ({ url: `/api/leaderboard?region=${t.region}` }), expect: aggregates },
  { route: 'GET /api/awards/rounds', scope: 'none', request: () => ({ url: '/api/awards/rounds' }), expect: everyone(200) },
  {
    route: 'POST /api/awards/rounds',
    scope: 'none',
    request: () => ({ url: '/api/awards/rounds', payload: { name: 'Penghargaan uji', period: '2026', criteria: { coverage: 50, growth: 30, covered: 20 }, winners: 3 } }),
    expect: adminOnly(201),
  },
  {
    route: 'GET /api/awards/rounds/:id',
    scope: 'none',
    request: async (fx) => ({ url: `/api/awards/rounds/${(await fx.awardRound()).id}` }),
    expect: everyone(200),
    regencyWide: 'An award round ranks villages by aggregate figures and is published (winners also on the public page).',
  },
  { route: 'GET /api/public/coverage', scope: 'none', request: () => ({ url: '/api/public/coverage' }), expect: open(200) },
  { route: 'GET /api/public/trend', scope: 'none', request: () => ({ url: '/api/public/trend' }), expect: open(200) },
  { route: 'GET /api/public/awards/latest', scope: 'none', request: () => ({ url: '/api/public/awards/latest' }), expect: open(200) },

  // Reports (files)
  { route: 'GET /api/reports/leaderboard.xlsx', scope: 'region', request: (_, t) => ({ url: `/api/reports/leaderboard.xlsx?region=${t.region}` }), expect: aggregates },
  {
    route: 'GET /api/reports/awards/:id/ranking.xlsx',
    scope: 'none',
    request: async (fx) => ({ url: `/api/reports/awards/${(await fx.awardRound()).id}/ranking.xlsx` }),
    expect: everyone(200),
    regencyWide: 'The frozen ranking of a published award round.',
  },
  {
    route: 'GET /api/reports/awards/:id/certificates/:file',
    scope: 'none',
    request: async (fx) => {
      const round = await fx.awardRound();
      return { url: `/api/reports/awards/${round.id}/certificates/${round.winner}.pdf` };
    },
    expect: everyone(200),
    regencyWide: "A winning village's certificate of a published award round.",
  },
  { route: 'GET /api/reports/paritrana.pdf', scope: 'none', request: () => ({ url: '/api/reports/paritrana.pdf?year=2026' }), expect: everyone(200) },
  { route: 'GET /api/reports/paritrana.xlsx', scope: 'none', request: () => ({ url: '/api/reports/paritrana.xlsx?year=2026' }), expect: everyone(200) },

  // Benefits and claims
  {
    route: 'POST /api/benefits/estimate',
    scope: 'none',
    request: () => ({ url: '/api/benefits/estimate', payload: { program: 'JKM', event: 'death', declaredIncome: 1_000_000, contributionMonths: 12, eventDate: '2026-11-10', children: [] } }),
    expect: everyone(200),
  },
  { route: 'GET /api/benefits/rates', scope: 'none', request: () => ({ url: '/api/benefits/rates' }), expect: everyone(200) },
  {
    route: 'POST /api/benefits/rates',
    scope: 'none',
    request: async (fx) => ({ url: '/api/benefits/rates', payload: { validFrom: `${fx.futureMonth()}-01`, regulation: 'PP uji matriks', amounts: await fx.benefitAmounts() } }),
    expect: adminOnly(201),
  },
  {
    route: 'GET /api/claims/check',
    scope: 'resource',
    request: async (fx, t) => ({ url: `/api/claims/check?workerId=${(await fx.sharedWorker(t.village)).id}&event=death_natural&eventDate=2026-11-10` }),
    expect: claimFile(200),
    note: 'Audited read before reporting: who may report a claim for the worker.',
  },
  { route: 'GET /api/claims', scope: 'region', request: (_, t) => ({ url: `/api/claims?region=${t.region}` }), expect: scopedRead },
  { route: 'POST /api/claims', scope: 'resource', request: async (fx, t) => ({ url: '/api/claims', payload: reportBody(await fx.insuredWorker(t)) }), expect: claimFile(201) },
  { route: 'GET /api/claims/totals', scope: 'region', request: (_, t) => ({ url: `/api/claims/totals?region=${t.region}` }), expect: scopedRead },
  { route: 'GET /api/claims/totals.xlsx', scope: 'region', request: (_, t) => ({ url: `/api/claims/totals.xlsx?region=${t.region}` }), expect: scopedRead },
  { route: 'GET /api/claims/settings', scope: 'none', request: () => ({ url: '/api/claims/settings' }), expect: everyone(200) },
  {
    route: 'PUT /api/claims/settings',
    scope: 'none',
    request: () => ({ url: '/api/claims/settings', payload: { documentsDays: 14, decisionWorkingDays: 7, paymentWorkingDays: 7, holidays: [] } }),
    expect: adminOnly(200),
  },
  { route: 'GET /api/claims/handovers', scope: 'none', request: () => ({ url: '/api/claims/handovers' }), expect: { ...everyone(200), viewer: 403 } },
  {
    route: 'POST /api/claims/handovers',
    scope: 'none',
    request: async (fx) => ({
      url: '/api/claims/handovers',
      payload: { name: 'Penyerahan santunan uji', heldOn: '2026-11-28', place: 'Kantor Camat Keruak', claimIds: [(await fx.sharedPaidClaim(VILLAGE_A)).id] },
    }),
    expect: adminAndBpjs(201),
  },
  {
    route: 'GET /api/claims/handovers/:id',
    scope: 'none',
    request: async (fx) => ({ url: `/api/claims/handovers/${await fx.handover()}` }),
    expect: { ...everyone(200), viewer: 403 },
    regencyWide: "A regency-wide ceremony: every caller sees it, and in it only the recipients of its own region's claims.",
  },
  {
    route: 'PUT /api/claims/handovers/:id/claims',
    scope: 'none',
    request: async (fx) => ({ url: `/api/claims/handovers/${await fx.handover()}/claims`, payload: { claimIds: [(await fx.sharedPaidClaim(VILLAGE_A)).id] } }),
    expect: adminAndBpjs(200),
  },
  {
    route: 'GET /api/claims/handovers/:id/recipients.xlsx',
    scope: 'none',
    request: async (fx) => ({ url: `/api/claims/handovers/${await fx.handover()}/recipients.xlsx` }),
    expect: { ...everyone(200), viewer: 403 },
    regencyWide: "The ceremony's recipients within the caller's region.",
  },
  {
    route: 'GET /api/claims/handovers/:id/recipients.pdf',
    scope: 'none',
    request: async (fx) => ({ url: `/api/claims/handovers/${await fx.handover()}/recipients.pdf` }),
    expect: { ...everyone(200), viewer: 403 },
    regencyWide: "The ceremony's recipients within the caller's region.",
  },
  { route: 'GET /api/claims/:id', scope: 'resource', request: async (fx, t) => ({ url: `/api/claims/${(await fx.sharedClaim(t.village)).id}` }), expect: recordRead },
  {
    route: 'PATCH /api/claims/:id',
    scope: 'resource',
    request: async (fx, t) => ({ url: `/api/claims/${(await fx.reportedClaim(t)).id}`, payload: { place: 'Sawah Dusun Lauk' } }),
    expect: claimFile(200),
  },
  { route: 'POST /api/claims/:id/recheck', scope: 'resource', request: async (fx, t) => ({ url: `/api/claims/${(await fx.reportedClaim(t)).id}/recheck` }), expect: claimFile(200) },
  { route: 'POST /api/claims/:id/submit', scope: 'resource', request: async (fx, t) => ({ url: `/api/claims/${(await fx.completeClaim(t)).id}/submit`, payload: {} }), expect: claimProcess(200) },
  { route: 'POST /api/claims/:id/approve', scope: 'resource', request: async (fx, t) => ({ url: `/api/claims/${(await fx.submittedClaim(t)).id}/approve`, payload: {} }), expect: claimProcess(200) },
  {
    route: 'POST /api/claims/:id/reject',
    scope: 'resource',
    request: async (fx, t) => ({ url: `/api/claims/${(await fx.submittedClaim(t)).id}/reject`, payload: reason('Bukan peserta pada hari kejadian') }),
    expect: claimProcess(200),
  },
  {
    route: 'POST /api/claims/:id/cancel',
    scope: 'resource',
    request: async (fx, t) => ({ url: `/api/claims/${(await fx.reportedClaim(t)).id}/cancel`, payload: reason('Salah orang yang dilaporkan') }),
    expect: claimFile(200),
  },
  {
    route: 'POST /api/claims/:id/reopen',
    scope: 'resource',
    request: async (fx, t) => ({ url: `/api/claims/${(await fx.rejectedClaim(t)).id}/reopen`, payload: reason('Banding dengan saksi baru') }),
    expect: claimProcess(200),
  },
  {
    route: 'POST /api/claims/:id/heirs',
    scope: 'resource',
    request: async (fx, t) => ({ url: `/api/claims/${(await fx.reportedClaim(t)).id}/heirs`, payload: childHeir('2016-02-01', 'SD') }),
    expect: claimFile(201),
  },
  {
    route: 'PATCH /api/claims/:id/heirs/:heirId',
    scope: 'resource',
    request: async (fx, t) => {
      const claim = await fx.reportedClaim(t);
      return { url: `/api/claims/${claim.id}/heirs/${claim.heirIds[0]}`, payload: { name: 'Baiq Rahmawati Putri' } };
    },
    expect: claimFile(200),
  },
  {
    route: 'DELETE /api/claims/:id/heirs/:heirId',
    scope: 'resource',
    request: async (fx, t) => {
      const claim = await fx.reportedClaim(t);
      return { url: `/api/claims/${claim.id}/heirs/${claim.heirIds[0]}` };
    },
    expect: claimFile(200),
  },
  {
    route: 'PUT /api/claims/:id/documents/:code',
    scope: 'resource',
    request: async (fx, t) => ({ url: `/api/claims/${(await fx.reportedClaim(t)).id}/documents/kpj_card`, payload: { receivedOn: '2026-11-18' } }),
    expect: claimFile(200),
  },
  {
    route: 'DELETE /api/claims/:id/documents/:code',
    scope: 'resource',
    request: async (fx, t) => ({ url: `/api/claims/${(await fx.claimWithDocument(t)).id}/documents/kpj_card` }),
    expect: claimFile(200),
  },
  {
    route: 'POST /api/claims/:id/payments',
    scope: 'resource',
    request: async (fx, t) => {
      const claim = await fx.approvedClaim(t);
      return { url: `/api/claims/${claim.id}/payments`, payload: { kind: 'funeral', amount: 10_000_000, paidOn: '2026-11-22', reference: `TRF-${fx.next()}`, heirId: claim.heirIds[0] } };
    },
    expect: claimProcess(201),
  },
  {
    route: 'POST /api/claims/:id/payments/:paymentId/reverse',
    scope: 'resource',
    request: async (fx, t) => {
      const claim = await fx.claimWithPayment(t);
      return { url: `/api/claims/${claim.id}/payments/${claim.paymentId}/reverse`, payload: reason('Salah rekening tujuan') };
    },
    expect: claimProcess(200),
  },
  {
    route: 'POST /api/claims/:id/scholarships',
    scope: 'resource',
    request: async (fx, t) => {
      const claim = await fx.paidDeathClaim(t);
      return { url: `/api/claims/${claim.id}/scholarships`, payload: { heirId: claim.childId, year: 2026, schoolLevel: 'SD' } };
    },
    expect: claimFile(201),
  },

  // Field census (enumerators' routes)
  { route: 'GET /api/census/rounds', scope: 'none', request: () => ({ url: '/api/census/rounds' }), expect: { ...everyone(200), enumerator: 200 }, note: "Rounds with a village in the caller's region." },
  {
    route: 'POST /api/census/rounds',
    scope: 'none',
    request: (fx) => ({
      url: '/api/census/rounds',
      payload: { name: `Sensus uji ${fx.letters()}`, startsOn: '2026-12-01', endsOn: '2026-12-31', targetGroups: ['fisher'], villages: [{ villageCode: VILLAGE_A, target: 10 }] },
    }),
    expect: adminOnly(201),
  },
  {
    route: 'GET /api/census/rounds/:id',
    scope: 'resource',
    request: async (fx, t) => ({ url: `/api/census/rounds/${await fx.villageCensusRound(t.village)}` }),
    expect: { ...recordRead, district: [200, 403], village: [200, 403], enumerator: [200, 403] },
    note: "A round of one village (A or B): others' rounds are refused.",
  },
  {
    route: 'PATCH /api/census/rounds/:id',
    scope: 'none',
    request: async (fx) => ({ url: `/api/census/rounds/${await fx.villageCensusRound(VILLAGE_A)}`, payload: { targetGroups: ['farm_labourer', 'fisher'] } }),
    expect: adminOnly(200),
  },
  {
    route: 'GET /api/census/rounds/:id/progress',
    scope: 'region',
    request: async (fx, t) => ({ url: `/api/census/rounds/${await fx.sharedCensusRound()}/progress?region=${t.region}` }),
    expect: { ...scopedRead, enumerator: [200, 403] },
    regencyWide: 'A round spans several districts; each caller sees its progress only for its own region (?region= elsewhere is refused).',
  },
  {
    route: 'GET /api/census/register',
    scope: 'region',
    request: (_, t) => ({ url: `/api/census/register?village=${t.villageParam}` }),
    expect: { admin: [200, 400], district: 403, village: [200, 403], enumerator: [200, 403], bpjs: [403, 400], viewer: [403, 400], anonymous: 401 },
    note: 'Masked register for duplicate checks: the office, the village operator, its enumerators while a round runs.',
  },
  ...(['new', 'update', 'confirm'] as const).map(
    (kind): MatrixEntry => ({
      route: 'POST /api/census/sync',
      variant: { new: 'a new worker', update: "a change to a registered worker", confirm: 'a registered worker confirmed' }[kind],
      scope: 'resource',
      request: async (fx, t) => ({ url: '/api/census/sync', payload: await fx.censusEntry(kind, t) }),
      expect: {
        admin: SYNC_ACCEPTED,
        district: SYNC_FORBIDDEN,
        village: [SYNC_ACCEPTED, SYNC_FORBIDDEN],
        enumerator: [SYNC_ACCEPTED, SYNC_FORBIDDEN],
        bpjs: SYNC_FORBIDDEN,
        viewer: SYNC_FORBIDDEN,
        anonymous: 401,
      },
      detail: syncOutcome,
      note:
        kind === 'new'
          ? 'Always 200: each entry answers for itself; one out of scope is `rejected` with FORBIDDEN.'
          : "The worker is named by id: another village's worker is refused like a new one there.",
    }),
  ),
];

// ---- Reading the table -------------------------------------------------------------------------------

/** The label of an entry in test names and the rendered table. */
export function entryLabel(entry: MatrixEntry): string {
  return entry.variant ? `${entry.route} (${entry.variant})` : entry.route;
}

export function methodOf(entry: MatrixEntry): string {
  return entry.route.slice(0, entry.route.indexOf(' '));
}

export function urlOf(entry: MatrixEntry): string {
  return entry.route.slice(entry.route.indexOf(' ') + 1);
}

/** Regency-wide roles have no "outside" within the regency: no record of theirs can be out of scope. */
export const REGENCY_WIDE_ROLES: readonly Role[] = ['admin', 'bpjs', 'viewer'];

/** The expected outcome of one case, or undefined when the case does not exist (n/a). */
export function expectedOutcome(entry: MatrixEntry, actor: Actor, scope: 'in' | 'out'): Outcome | undefined {
  if (actor === 'anonymous') return scope === 'in' ? entry.expect.anonymous : undefined;
  if (scope === 'out') {
    if (entry.scope === 'none') return undefined;
    if (entry.scope === 'resource' && REGENCY_WIDE_ROLES.includes(actor)) return undefined;
  }
  const cell = entry.expect[actor];
  return typeof cell === 'object' ? cell[scope === 'in' ? 0 : 1] : cell;
}

export function parseOutcome(outcome: Outcome): { status: number; detail: string | null } {
  if (typeof outcome === 'number') return { status: outcome, detail: null };
  const space = outcome.indexOf(' ');
  return { status: Number(outcome.slice(0, space)), detail: outcome.slice(space + 1) };
}
