/**
 * Every write route of the API (POST, PUT, PATCH, DELETE under /api), read from the running app, and for
 * each one what the hostile-input test needs: a body the route accepts, real records for its path
 * parameters, and who sends it. `listWriteRoutes` reads the router itself, so a new write route without an
 * entry here fails the inventory test until someone says how to attack it.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { childHeir } from '../../test/claim-kit.ts';
import { makeWorker } from '../../test/factories.ts';
import { VILLAGE_A, type HostileFixtures } from './fixtures.ts';

export const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * "METHOD /path" of every write route under /api, parsed from `printRoutes` (the router's own tree: each
 * line is a path segment under its parent, with the methods registered there).
 */
export function listWriteRoutes(app: FastifyInstance): string[] {
  const tree = app.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes = new Set<string>();
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.+?)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + match[2]!;
    stack[depth] = path;
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim())) {
      if ((WRITE_METHODS as readonly string[]).includes(method) && path.startsWith('/api/')) routes.add(`${method} ${path}`);
    }
  }
  return [...routes].sort();
}

export type Sender = 'admin' | 'village' | 'enumerator' | 'anonymous';

export interface WriteRouteSpec {
  /** JSON (the default), a multipart upload, or no body at all. */
  body?: 'json' | 'multipart' | 'none';
  /** A body the route accepts (possibly refused for the record's state): the base the generators spoil. */
  sample?: (fx: HostileFixtures) => Record<string, unknown>;
  /** Real values for the path parameters. */
  params?: (fx: HostileFixtures) => Record<string, string>;
  /** Who sends it; admin when not said. The village operator and enumerator work in VILLAGE_A. */
  senders?: Sender[];
}

const heirLike = () => childHeir('2016-02-03', 'SD', 'Baiq Nurul Aini');
const claimAction = { on: '2026-11-20', note: 'Catatan petugas', reason: 'Alasan pengujian' };

/** One entry per write route. A key missing here, or one the app no longer has, fails the inventory test. */
export const WRITE_ROUTE_SPECS: Record<string, WriteRouteSpec> = {
  'POST /api/auth/login': { sample: () => ({ username: 'admin', password: 'not-the-password' }), senders: ['anonymous'] },
  'POST /api/auth/logout': { body: 'none', senders: ['anonymous'] },
  'POST /api/users': { sample: () => ({ username: 'hostile.user', password: 'long-enough-password', role: 'viewer', regionCode: '52.03' }) },

  'POST /api/workers': { sample: () => ({ ...makeWorker({ villageCode: VILLAGE_A }), notes: 'Catatan', dependants: 2 }), senders: ['admin', 'village'] },
  'PATCH /api/workers/:id': {
    sample: () => ({ name: 'Pekerja Diubah', hamlet: 'Dusun Daya', notes: 'Catatan baru', phone: '081234567890', monthlyIncome: 1_200_000 }),
    params: (fx) => ({ id: fx.worker.id }),
    senders: ['admin', 'village'],
  },
  'DELETE /api/workers/:id': { body: 'none', params: (fx) => ({ id: fx.workerToDelete }), senders: ['village', 'admin'] },
  'POST /api/workers/:id/enrolments': {
    sample: () => ({ programs: ['JKK', 'JKM'], kpj: '12345678901', startMonth: '2026-01', declaredIncome: 1_500_000, fundingSource: 'SELF' }),
    params: (fx) => ({ id: fx.unenrolledWorker }),
    senders: ['admin', 'village'],
  },
  'PATCH /api/enrolments/:id': { sample: () => ({ kpj: '12345678902', declaredIncome: 1_600_000 }), params: (fx) => ({ id: fx.enrolmentId }), senders: ['admin', 'village'] },
  'POST /api/enrolments/:id/end': { sample: () => ({ endedOn: '2026-11-24', reason: 'Pindah domisili' }), params: (fx) => ({ id: fx.enrolmentId }), senders: ['admin', 'village'] },

  'POST /api/imports/workers': { body: 'multipart', senders: ['admin', 'village'] },
  'POST /api/imports/bpjs': { body: 'multipart' },
  'POST /api/imports/preview': { body: 'multipart', senders: ['admin', 'village'] },
  'PUT /api/imports/occupation-map/:key': { sample: (fx) => ({ occupation: fx.occupationValue }), params: (fx) => ({ key: fx.occupationKey }) },
  'POST /api/reconciliation/reviews/:id/confirm': { sample: () => ({}), params: () => ({ id: randomUUID() }) },
  'POST /api/reconciliation/reviews/:id/reject': { sample: () => ({}), params: () => ({ id: randomUUID() }) },

  'POST /api/premiums/rates': { sample: () => ({ program: 'JKK', percent: 0.24, validFrom: '2060-01', regulation: 'PP 44/2015', note: 'Uji' }) },
  'POST /api/premiums/grace-rules': { sample: () => ({ months: 3, validFrom: '2060-01', regulation: 'PP 44/2015', note: 'Uji' }) },
  'POST /api/premiums/quote': { sample: () => ({ income: 1_500_000, programs: ['JKK', 'JKM'], months: 12, startMonth: '2026-01' }), senders: ['admin', 'village'] },

  'POST /api/funding/sources': { sample: () => ({ kind: 'CSR', regionCode: '52.03', name: 'PT Peduli Pekerja' }), senders: ['admin', 'village'] },
  'PUT /api/funding/sources/:id/budgets/:year': {
    sample: () => ({ amount: 1_000_000_000, budgetLine: '5.1.02.01', legalBasis: 'Perdes 1/2026' }),
    params: (fx) => ({ id: fx.addSource, year: '2026' }),
    senders: ['admin', 'village'],
  },
  'POST /api/funding/commitments': {
    sample: (fx) => ({ sourceId: fx.addSource, workerIds: [fx.worker.id], fromMonth: '2026-12', toMonth: '2026-12', programs: ['JKK', 'JKM'], handoverToSelf: false }),
    senders: ['admin', 'village'],
  },
  'POST /api/funding/commitments/:id/cancel': { sample: () => ({ reason: 'Salah pilih pekerja' }), params: (fx) => ({ id: fx.commitmentId }), senders: ['admin', 'village'] },
  'POST /api/funding/proposals': {
    sample: (fx) => ({
      sourceId: fx.addSource,
      villageCode: VILLAGE_A,
      fromMonth: '2026-12',
      toMonth: '2026-12',
      budget: 1_000_000,
      programs: ['JKK', 'JKM'],
      rules: { maxAge: 65, hazardousFirst: true, dependantsFirst: true, excludeFunded: true, excludeCovered: true },
    }),
    senders: ['admin', 'village'],
  },
  'POST /api/payments': {
    sample: (fx) => ({
      sourceId: fx.addSource,
      workerIds: [fx.payableWorker],
      fromMonth: '2026-12',
      toMonth: '2026-12',
      amount: 16_000,
      paidOn: '2026-11-20',
      reference: 'TRF-0001',
      note: 'Catatan',
      acceptDifference: true,
    }),
    senders: ['admin', 'village'],
  },
  'POST /api/payments/:id/reverse': { sample: () => ({ reason: 'Salah input jumlah', paidOn: '2026-11-21' }), params: (fx) => ({ id: fx.paymentId }), senders: ['admin', 'village'] },

  'PUT /api/coverage/settings': { sample: (fx) => fx.coverageSettings },
  'PUT /api/coverage/targets/:region/:year': { sample: () => ({ percent: 60, basis: 'register', note: 'Target RPJMD' }), params: () => ({ region: '52.03.01', year: '2031' }) },
  'DELETE /api/coverage/targets/:region/:year': { body: 'none', params: () => ({ region: '52.03.01', year: '2031' }) },
  'PUT /api/coverage/denominators/:region/:year': { sample: () => ({ value: 12_000, source: 'BPS Sakernas Agustus 2025' }), params: () => ({ region: '52.03.01', year: '2031' }) },
  'DELETE /api/coverage/denominators/:region/:year': { body: 'none', params: () => ({ region: '52.03.01', year: '2031' }) },
  'POST /api/awards/rounds': { sample: () => ({ name: 'Paritrana Desa 2026', period: '2026', criteria: { coverage: 50, growth: 30, covered: 20 }, winners: 3, region: '52.03' }) },

  'POST /api/benefits/estimate': {
    sample: () => ({
      program: 'JKM',
      event: 'death',
      declaredIncome: 1_500_000,
      contributionMonths: 36,
      eventDate: '2026-11-10',
      incapacityDays: 0,
      children: [{ birthDate: '2015-01-01', schoolLevel: 'SD', married: false, working: false }],
    }),
    senders: ['admin', 'village'],
  },
  'POST /api/benefits/rates': { sample: (fx) => ({ validFrom: '2060-01-01', regulation: 'PP 82/2019', note: 'Uji', amounts: fx.benefitAmounts }) },
  'POST /api/claims': {
    sample: (fx) => ({
      workerId: fx.insuredWorker,
      event: 'death_natural',
      eventDate: '2026-11-10',
      place: 'Dusun Lauk, Tanjung Luar',
      description: 'Meninggal dunia di rumah karena sakit.',
      trafficAccident: false,
      heirs: [heirLike()],
    }),
    senders: ['admin', 'village'],
  },
  'PUT /api/claims/settings': { sample: (fx) => fx.claimSettings },
  'POST /api/claims/handovers': { sample: (fx) => ({ name: 'Penyerahan santunan JKM', heldOn: '2026-12-01', place: 'Pendopo Kabupaten', note: 'Uji', claimIds: [fx.paidClaim.id] }) },
  'PUT /api/claims/handovers/:id/claims': { sample: (fx) => ({ claimIds: [fx.paidClaim.id] }), params: (fx) => ({ id: fx.handoverId }) },
  'PATCH /api/claims/:id': {
    sample: () => ({ place: 'Sawah Dusun Lauk', description: 'Uraian yang diperbaiki.', trafficAccident: false, contributionMonthsBpjs: 12, declaredIncomeBpjs: 1_000_000 }),
    params: (fx) => ({ id: fx.claim.id }),
    senders: ['admin', 'village'],
  },
  'POST /api/claims/:id/recheck': { body: 'none', params: (fx) => ({ id: fx.claim.id }), senders: ['admin', 'village'] },
  'POST /api/claims/:id/submit': { sample: () => claimAction, params: (fx) => ({ id: fx.claim.id }) },
  'POST /api/claims/:id/approve': { sample: () => ({ ...claimAction, approvedAmount: 42_000_000 }), params: (fx) => ({ id: fx.claim.id }) },
  'POST /api/claims/:id/reject': { sample: () => claimAction, params: (fx) => ({ id: fx.claim.id }) },
  'POST /api/claims/:id/reopen': { sample: () => claimAction, params: (fx) => ({ id: fx.claim.id }) },
  // Last of the actions on the shared claim: a valid cancel would end it for the routes after it.
  'POST /api/claims/:id/cancel': { sample: () => claimAction, params: (fx) => ({ id: fx.paidClaim.id }) },
  'POST /api/claims/:id/heirs': { sample: () => heirLike(), params: (fx) => ({ id: fx.claim.id }), senders: ['admin', 'village'] },
  'PATCH /api/claims/:id/heirs/:heirId': {
    sample: () => ({ name: 'Baiq Rahmawati', phone: '081234567890', schoolLevel: null, married: false, working: false, isPayee: true }),
    params: (fx) => ({ id: fx.claim.id, heirId: fx.claim.spouseHeirId }),
    senders: ['admin', 'village'],
  },
  'DELETE /api/claims/:id/heirs/:heirId': { body: 'none', params: (fx) => ({ id: fx.claim.id, heirId: fx.claim.spouseHeirId }), senders: ['village', 'admin'] },
  'PUT /api/claims/:id/documents/:code': { sample: () => ({ receivedOn: '2026-11-18', note: 'Asli diperlihatkan' }), params: (fx) => ({ id: fx.claim.id, code: 'kpj_card' }), senders: ['admin', 'village'] },
  'DELETE /api/claims/:id/documents/:code': { body: 'none', params: (fx) => ({ id: fx.claim.id, code: 'kpj_card' }), senders: ['admin', 'village'] },
  'POST /api/claims/:id/payments': {
    sample: (fx) => ({ kind: 'lump_sum', amount: 1_000, paidOn: '2026-11-22', reference: 'TRF-9', heirId: fx.paidClaim.heirId, note: 'Uji' }),
    params: (fx) => ({ id: fx.paidClaim.id }),
  },
  'POST /api/claims/:id/payments/:paymentId/reverse': { sample: () => ({ reason: 'Salah transfer' }), params: (fx) => ({ id: fx.paidClaim.id, paymentId: fx.paidClaim.paymentId }) },
  'POST /api/claims/:id/scholarships': { sample: (fx) => ({ heirId: fx.claim.childHeirId, year: 2027, schoolLevel: 'SD' }), params: (fx) => ({ id: fx.claim.id }) },

  'POST /api/census/rounds': {
    sample: () => ({ name: 'Sensus nelayan 2027', startsOn: '2027-01-01', endsOn: '2027-01-31', targetGroups: ['fisher'], villages: [{ villageCode: VILLAGE_A, target: 50 }] }),
  },
  'PATCH /api/census/rounds/:id': { sample: () => ({ name: 'Sensus pekerja informal uji', closed: false, endsOn: '2026-11-30' }), params: (fx) => ({ id: fx.roundId }) },
  'POST /api/census/sync': {
    sample: (fx) => ({
      entries: [
        { key: randomUUID(), roundId: fx.roundId, recordedAt: '2026-11-20T10:00:00+08:00', kind: 'new', fields: makeWorker({ villageCode: VILLAGE_A }) },
        {
          key: randomUUID(),
          roundId: fx.roundId,
          recordedAt: '2026-11-20T10:05:00+08:00',
          kind: 'update',
          workerId: fx.worker.id,
          baseVersion: '1',
          base: { hamlet: 'Dusun Lauk' },
          changes: { hamlet: 'Dusun Daya' },
        },
        { key: randomUUID(), roundId: fx.roundId, recordedAt: '2026-11-20T10:10:00+08:00', kind: 'confirm', workerId: fx.worker.id },
      ],
    }),
    senders: ['enumerator', 'admin'],
  },
};

/** `/api/claims/:id/heirs/:heirId` with its parameters filled in (each value already URL-safe). */
export function fillPath(route: string, params: Record<string, string>): string {
  return route.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${route}`);
    return value;
  });
}

export function paramNames(route: string): string[] {
  return [...route.matchAll(/:(\w+)/g)].map((m) => m[1]!);
}
