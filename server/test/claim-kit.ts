/**
 * What claims tests set up again and again, through the API as the app does: insured workers (enrolled and
 * paid), synthetic heirs, a reported event, a complete checklist. Every call makes unique, synthetic rows.
 */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { makeNik, makeWorker } from './factories.ts';
import type { TestApp } from './test-app.ts';

export const JKM_DOCUMENTS = ['kpj_card', 'ktp_participant', 'ktp_heir', 'death_certificate', 'family_card', 'heir_statement', 'heir_savings_book'] as const;
export const INJURY_DOCUMENTS = ['kpj_card', 'ktp_participant', 'accident_report', 'medical_statement', 'savings_book'] as const;

/** A synthetic spouse heir (the payee unless told otherwise). */
export function spouseHeir(overrides: Record<string, unknown> = {}) {
  return { nik: makeNik({ districtCode: '52.03.01', sex: 'F', birthDate: '1988-04-12' }), name: 'Baiq Rahmawati', relation: 'spouse', isPayee: true, ...overrides };
}

/** A synthetic child heir at a school level (`none`: not yet in school). */
export function childHeir(birthDate: string, schoolLevel: string, name = 'Lalu Ahmad Fauzi', overrides: Record<string, unknown> = {}) {
  return { nik: makeNik({ districtCode: '52.03.01', sex: 'M', birthDate }), name, relation: 'child', schoolLevel, ...overrides };
}

export function monthsIn(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5)) - Number(from.slice(5)) + 1;
}

export interface ClaimKit {
  send(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', cookie: string, url: string, payload?: object): Promise<LightMyRequestResponse>;
  get(cookie: string, url: string): Promise<LightMyRequestResponse>;
  /** A registered worker (admin). */
  worker(villageCode: string, overrides?: Parameters<typeof makeWorker>[0]): Promise<{ id: string; nik: string; name: string }>;
  /** Enrols in JKK+JKM from `startMonth` and, unless `paidTo` is null, pays from the start to `paidTo` (self-paid). */
  insure(workerId: string, startMonth: string, paidTo: string | null, declaredIncome?: number): Promise<void>;
  /** Pays months of an open participation (self-paid), on `paidOn` (default: the 5th of the first month). */
  pay(workerId: string, fromMonth: string, toMonth: string, options?: { declaredIncome?: number; paidOn?: string }): Promise<void>;
  report(cookie: string, workerId: string, body?: Record<string, unknown>): Promise<LightMyRequestResponse>;
  /** Marks documents received; answers the claim after the last one. */
  receive(cookie: string, claimId: string, codes: readonly string[], on?: string): Promise<Record<string, unknown>>;
  /** Report → complete checklist → submitted → approved → paid in full to the first heir (admin does the BPJS steps). */
  paidDeathClaim(cookie: string, workerId: string, heirs: object[], on: string): Promise<{ id: string; number: string }>;
}

export async function claimKit(t: TestApp, admin: string): Promise<ClaimKit> {
  const send: ClaimKit['send'] = (method, cookie, url, payload) => t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const get: ClaimKit['get'] = (cookie, url) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const source = await send('POST', admin, '/api/funding/sources', { kind: 'SELF', regionCode: t.regions.servedCode, name: 'Mandiri (bayar sendiri)' });
  expect(source.statusCode, source.body).toBe(201);
  const selfSource = source.json().id as string;

  const pay: ClaimKit['pay'] = async (workerId, fromMonth, toMonth, { declaredIncome = 1_000_000, paidOn = `${fromMonth}-05` } = {}) => {
    const monthly = Math.round(Math.max(declaredIncome, 1_000_000) / 100) + 6_800;
    const res = await send('POST', admin, '/api/payments', {
      sourceId: selfSource,
      workerIds: [workerId],
      fromMonth,
      toMonth,
      amount: monthly * monthsIn(fromMonth, toMonth),
      paidOn,
    });
    expect(res.statusCode, res.body).toBe(201);
  };

  const kit: ClaimKit = {
    send,
    get,
    pay,
    async worker(villageCode, overrides = {}) {
      const res = await send('POST', admin, '/api/workers', makeWorker({ villageCode, ...overrides }));
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    },
    async insure(workerId, startMonth, paidTo, declaredIncome = 1_000_000) {
      const res = await send('POST', admin, `/api/workers/${workerId}/enrolments`, { programs: ['JKK', 'JKM'], startMonth, declaredIncome, fundingSource: 'SELF' });
      expect(res.statusCode, res.body).toBe(201);
      if (paidTo) await pay(workerId, startMonth, paidTo, { declaredIncome });
    },
    report(cookie, workerId, body = {}) {
      return send('POST', cookie, '/api/claims', {
        workerId,
        event: 'death_natural',
        eventDate: '2026-11-10',
        place: 'Dusun Lauk, Tanjung Luar',
        description: 'Meninggal dunia di rumah karena sakit.',
        ...body,
      });
    },
    async receive(cookie, claimId, codes, on = '2026-11-18') {
      let last: LightMyRequestResponse | undefined;
      for (const code of codes) {
        last = await send('PUT', cookie, `/api/claims/${claimId}/documents/${code}`, { receivedOn: on });
        expect(last.statusCode, last.body).toBe(200);
      }
      return last!.json();
    },
    async paidDeathClaim(cookie, workerId, heirs, on) {
      const res = await kit.report(cookie, workerId, { heirs });
      expect(res.statusCode, res.body).toBe(201);
      const claim = res.json();
      await kit.receive(cookie, claim.id, claim.missing.map((d: { code: string }) => d.code), on);
      for (const action of ['submit', 'approve'] as const) {
        const step = await send('POST', admin, `/api/claims/${claim.id}/${action}`, { on });
        expect(step.statusCode, step.body).toBe(200);
      }
      const payee = claim.heirs[0].id;
      for (const [kind, amount] of [['lump_sum', 20_000_000], ['periodic', 12_000_000], ['funeral', 10_000_000]] as const) {
        const paid = await send('POST', admin, `/api/claims/${claim.id}/payments`, { kind, amount, paidOn: on, reference: `TRF-${kind}-${claim.number}`, heirId: payee });
        expect(paid.statusCode, paid.body).toBe(201);
      }
      return { id: claim.id, number: claim.number };
    },
  };
  return kit;
}
