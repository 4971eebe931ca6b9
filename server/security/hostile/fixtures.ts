/**
 * The records the hostile-input tests aim at, made once through the API as the manpower office makes them:
 * a worker, an enrolment, sources, a commitment, a payment, a reported claim with heirs, a paid claim in a
 * hand-over, a running census round. Path parameters point at these so that a body which passes validation
 * reaches the service and the database, where a 500 would hide.
 */
import type { LightMyRequestResponse } from 'fastify';
import { childHeir, claimKit, spouseHeir, type ClaimKit } from '../../test/claim-kit.ts';
import { makeWorker } from '../../test/factories.ts';
import type { TestApp } from '../../test/test-app.ts';

/** Tanjung Luar (district Keruak): the village operator's and the enumerator's village. */
export const VILLAGE_A = '52.03.01.2001';
/** "Today" of the run (WITA): the census round runs through November, claims are recent. */
export const NOW = new Date('2026-11-24T03:00:00Z');

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HostileFixtures {
  t: TestApp;
  admin: string;
  kit: ClaimKit;
  worker: { id: string; nik: string; name: string };
  workerToDelete: string;
  unenrolledWorker: string;
  enrolmentId: string;
  selfSource: string;
  addSource: string;
  commitmentId: string;
  /** Committed to the ADD source for December, not paid yet. */
  payableWorker: string;
  paymentId: string;
  claim: { id: string; workerId: string; spouseHeirId: string; childHeirId: string };
  /** A worker protected on the claims' event day who has no claim yet. */
  insuredWorker: string;
  paidClaim: { id: string; paymentId: string; heirId: string };
  handoverId: string;
  roundId: string;
  occupationKey: string;
  occupationValue: string | null;
  coverageSettings: Record<string, unknown>;
  claimSettings: Record<string, unknown>;
  benefitAmounts: Record<string, unknown>;
  ok(method: Method, url: string, payload?: unknown, cookie?: string): Promise<any>;
}

export async function makeFixtures(t: TestApp, admin: string): Promise<HostileFixtures> {
  const send = (method: Method, url: string, payload: unknown, cookie: string): Promise<LightMyRequestResponse> =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const ok = async (method: Method, url: string, payload?: unknown, cookie = admin) => {
    const res = await send(method, url, payload, cookie);
    if (res.statusCode >= 300) throw new Error(`fixture ${method} ${url} answered ${res.statusCode}: ${res.body}`);
    return res.statusCode === 204 ? null : res.json();
  };
  const newWorker = () => ok('POST', '/api/workers', makeWorker({ villageCode: VILLAGE_A }));

  const kit = await claimKit(t, admin);
  const worker = await newWorker();
  const workerToDelete = (await newWorker()).id;
  const unenrolledWorker = (await newWorker()).id;

  const enrolled = await newWorker();
  const enrolment = await ok('POST', `/api/workers/${enrolled.id}/enrolments`, { programs: ['JKK', 'JKM'], startMonth: '2026-01', declaredIncome: 1_500_000, fundingSource: 'SELF' });

  const sources = await ok('GET', '/api/funding/sources');
  const selfSource = sources.items.find((s: { kind: string }) => s.kind === 'SELF').id as string;
  const add = await ok('POST', '/api/funding/sources', { kind: 'ADD', regionCode: VILLAGE_A });
  for (const year of [2026, 2027]) await ok('PUT', `/api/funding/sources/${add.id}/budgets/${year}`, { amount: 1_000_000_000 });

  const committed = await newWorker();
  const commitment = await ok('POST', '/api/funding/commitments', { sourceId: add.id, workerIds: [committed.id], fromMonth: '2026-12', toMonth: '2026-12' });
  const payable = await newWorker();
  await ok('POST', '/api/funding/commitments', { sourceId: add.id, workerIds: [payable.id], fromMonth: '2026-12', toMonth: '2026-12' });
  const paidWorker = await newWorker();
  await ok('POST', '/api/funding/commitments', { sourceId: add.id, workerIds: [paidWorker.id], fromMonth: '2026-12', toMonth: '2026-12' });
  const payment = await ok('POST', '/api/payments', {
    sourceId: add.id,
    workerIds: [paidWorker.id],
    fromMonth: '2026-12',
    toMonth: '2026-12',
    amount: 16_000,
    acceptDifference: true,
    paidOn: '2026-11-20',
    reference: 'TRF-HOSTILE-1',
  });

  // A reported death with a spouse and a school child as heirs (documents still missing).
  const claimWorker = (await newWorker()).id;
  await kit.insure(claimWorker, '2026-01', '2026-12');
  const reported = await kit.report(admin, claimWorker, { heirs: [spouseHeir(), childHeir('2015-05-05', 'SD', 'Lalu Ahmad Fauzi')] });
  if (reported.statusCode !== 201) throw new Error(`fixture claim answered ${reported.statusCode}: ${reported.body}`);
  const claimBody = reported.json();
  const heirIds = claimBody.heirs.map((h: { id: string }) => h.id) as string[];

  const insuredWorker = (await newWorker()).id;
  await kit.insure(insuredWorker, '2026-01', '2026-12');

  // A death claim paid in full, planned for a hand-over ceremony.
  const paidClaimWorker = (await newWorker()).id;
  await kit.insure(paidClaimWorker, '2026-01', '2026-12');
  const paid = await kit.paidDeathClaim(admin, paidClaimWorker, [spouseHeir()], '2026-11-18');
  const paidDetail = await ok('GET', `/api/claims/${paid.id}`);
  const handover = await ok('POST', '/api/claims/handovers', { name: 'Penyerahan santunan uji', heldOn: '2026-11-30', place: 'Kantor Camat Keruak', claimIds: [paid.id] });

  const round = await ok('POST', '/api/census/rounds', {
    name: 'Sensus pekerja informal uji',
    startsOn: '2026-11-01',
    endsOn: '2026-11-30',
    targetGroups: ['farm_labourer', 'fisher'],
    villages: [{ villageCode: VILLAGE_A, target: 100 }],
  });

  const occupation = (await ok('GET', '/api/imports/occupation-map')).items[0];
  const rates = await ok('GET', '/api/benefits/rates');

  return {
    t,
    admin,
    kit,
    worker,
    workerToDelete,
    unenrolledWorker,
    enrolmentId: enrolment.items[0].id,
    selfSource,
    addSource: add.id,
    commitmentId: commitment.items[0].id,
    payableWorker: payable.id,
    paymentId: payment.id,
    claim: { id: claimBody.id, workerId: claimWorker, spouseHeirId: heirIds[0]!, childHeirId: heirIds[1]! },
    insuredWorker,
    paidClaim: { id: paid.id, paymentId: paidDetail.payments[0].id, heirId: paidDetail.heirs[0].id },
    handoverId: handover.id,
    roundId: round.id,
    occupationKey: occupation.key,
    occupationValue: occupation.occupation,
    coverageSettings: await ok('GET', '/api/coverage/settings'),
    claimSettings: await ok('GET', '/api/claims/settings'),
    benefitAmounts: rates.items.at(-1).amounts,
    ok,
  };
}
