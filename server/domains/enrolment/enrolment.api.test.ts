import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DD_REFUSAL_REASON } from '../../../core/funding.ts';
import { auditLog } from '../audit/audit.table.ts';
import { fundingSources, payments } from '../financing/financing.table.ts';
import { makeWorker } from '../../test/factories.ts';
import { testApp, type TestApp } from '../../test/test-app.ts';
import { insertPaymentLine, refreshProtection } from './enrolment.repo.ts';
import { workerProtection } from './enrolment.table.ts';

let t: TestApp;
let admin: string;
let operator: string; // village operator of 52.03.01.2001
let otherOperator: string; // village operator of 52.03.02.2001
let camat: string; // district office of 52.03.01
let viewer: string;
let bpjs: string;

beforeAll(async () => {
  t = await testApp({ now: new Date('2026-11-25T03:00:00Z') });
  admin = await t.loginAs('admin');
  operator = await t.loginAs('village', '52.03.01.2001');
  otherOperator = await t.loginAs('village', '52.03.02.2001');
  camat = await t.loginAs('district', '52.03.01');
  viewer = await t.loginAs('viewer');
  bpjs = await t.loginAs('bpjs');
});
afterAll(() => t.close());

const inject = (method: 'GET' | 'POST' | 'PATCH', cookie: string, url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

async function newWorker(villageCode = '52.03.01.2001'): Promise<string> {
  const res = await inject('POST', admin, '/api/workers', makeWorker({ villageCode }));
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

const basic = { programs: ['JKK', 'JKM'], startMonth: '2026-11', declaredIncome: 1_500_000, fundingSource: 'APBD', kpj: '12345678901' };

async function enrol(workerId: string, payload: object = basic, cookie = operator) {
  return inject('POST', cookie, `/api/workers/${workerId}/enrolments`, payload);
}

type Item = { id: string; program: string; status: string; paidUntil: string | null; protectedUntil: string | null; endedOn: string | null; payments: object[] };

describe('enrolling a worker', () => {
  it('opens JKK and JKM, unpaid so far (grace in the first month), and audits it', async () => {
    const workerId = await newWorker();
    const res = await enrol(workerId);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.notice).toBeNull();
    expect(body.items).toEqual([
      expect.objectContaining({
        workerId,
        program: 'JKK',
        kpj: '12345678901',
        startMonth: '2026-11',
        declaredIncome: 1_500_000,
        fundingSource: 'APBD',
        endedOn: null,
        paidUntil: null,
        status: 'grace',
        protectedUntil: '2026-12-31',
        bpjsStatus: null,
        payments: [],
      }),
      expect.objectContaining({ program: 'JKM', status: 'grace' }),
    ]);
    const audits = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'enrolment'), eq(auditLog.action, 'create')));
    expect(audits.filter((a) => body.items.some((i: Item) => i.id === a.entityId))).toHaveLength(2);
    // The protection projection is written with the enrolment.
    const [projection] = await t.database.db.select().from(workerProtection).where(eq(workerProtection.workerId, workerId));
    expect(projection).toMatchObject({ startMonth: '2026-11', paidUntil: null });
  });

  it('raises an income under the minimum and says so', async () => {
    const res = await enrol(await newWorker(), { ...basic, declaredIncome: 800_000 });
    expect(res.statusCode).toBe(201);
    expect(res.json().notice).toBe('Penghasilan Rp800.000 dinaikkan ke batas terendah Rp1.000.000 untuk menghitung iuran.');
    expect(res.json().items.map((i: { declaredIncome: number }) => i.declaredIncome)).toEqual([1_000_000, 1_000_000]);
  });

  it('refuses JKK alone, and JHT alone before JKK and JKM are held', async () => {
    const workerId = await newWorker();
    const res = await enrol(workerId, { ...basic, programs: ['JKK'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'PROGRAMS_INCOMPLETE',
      field: 'programs',
      message: 'Peserta bukan penerima upah wajib ikut JKK dan JKM sekaligus; tambahkan JKM.',
    });
    const jht = await enrol(workerId, { ...basic, programs: ['JHT'] });
    expect(jht.statusCode).toBe(400);
    expect(jht.json().error.message).toContain('tambahkan JKK dan JKM');
  });

  it('adds JHT alone to a worker already holding JKK and JKM, carrying the KPJ over', async () => {
    const workerId = await newWorker();
    await enrol(workerId);
    const res = await enrol(workerId, { programs: ['JHT'], startMonth: '2026-12', declaredIncome: 1_500_000, fundingSource: 'SELF' });
    expect(res.statusCode).toBe(201);
    const jht = res.json().items.find((i: Item) => i.program === 'JHT');
    expect(jht).toMatchObject({ kpj: '12345678901', startMonth: '2026-12', status: 'not_started', fundingSource: 'SELF' });
    expect(res.json().items).toHaveLength(3);
  });

  it('refuses a programme already open', async () => {
    const workerId = await newWorker();
    await enrol(workerId);
    const res = await enrol(workerId, { ...basic, programs: ['JKK', 'JKM', 'JHT'] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'ENROLMENT_EXISTS', field: 'programs' });
    expect(res.json().error.message).toContain('JKK dan JKM');
  });

  it('refuses Dana Desa from 2024 on, with the reason', async () => {
    const workerId = await newWorker();
    const res = await enrol(workerId, { ...basic, fundingSource: 'DD', startMonth: '2024-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: 'DD_NOT_ALLOWED', field: 'fundingSource', message: DD_REFUSAL_REASON });
    // Before 2024 Dana Desa could pay (a historical participation).
    expect((await enrol(workerId, { ...basic, fundingSource: 'DD', startMonth: '2023-06' })).statusCode).toBe(201);
  });

  it('lets admin and BPJS officers enrol; refuses another village, the district and the viewer', async () => {
    const workerId = await newWorker();
    for (const cookie of [otherOperator, camat, viewer]) {
      const res = await enrol(workerId, basic, cookie);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    expect((await enrol(workerId, basic, bpjs)).statusCode).toBe(201);
    expect((await enrol(await newWorker('52.03.02.2001'), basic, admin)).statusCode).toBe(201);
  });

  it('answers 404 for an unknown worker', async () => {
    expect((await enrol(randomUUID())).statusCode).toBe(404);
  });
});

describe('reading enrolments', () => {
  it('lists open and ended participations with payment lines, and audits the read', async () => {
    const workerId = await newWorker();
    const items = (await enrol(workerId)).json().items as Item[];
    const jkk = items.find((i) => i.program === 'JKK')!;
    const jkm = items.find((i) => i.program === 'JKM')!;

    // A line from before the ledger, and a ledger payment that was then reversed.
    const sourceId = randomUUID();
    await t.database.db.insert(fundingSources).values({ id: sourceId, kind: 'APBD', regionCode: '52.03', name: 'APBD Lombok Timur' });
    const paymentId = randomUUID();
    const reversalId = randomUUID();
    await t.database.db.insert(payments).values([
      { id: paymentId, sourceId, fromMonth: '2027-01', toMonth: '2027-03', workerCount: 1, amount: 64_500, expectedAmount: 64_500, paidOn: '2026-11-20' },
      { id: reversalId, sourceId, fromMonth: '2027-01', toMonth: '2027-03', workerCount: 1, amount: -64_500, expectedAmount: -64_500, paidOn: '2026-11-21', reversesPaymentId: paymentId },
    ]);
    await t.database.db.transaction(async (tx) => {
      await insertPaymentLine(tx, { id: randomUUID(), enrolmentId: jkk.id, fromMonth: '2026-11', toMonth: '2026-12', amount: 30_000, fundingSource: 'APBD', paidOn: '2026-11-10', reference: 'TRF-1' });
      await insertPaymentLine(tx, { id: randomUUID(), enrolmentId: jkk.id, fromMonth: '2027-01', toMonth: '2027-03', amount: 45_000, fundingSource: 'APBD', paymentId, paidOn: '2026-11-20' });
      await insertPaymentLine(tx, { id: randomUUID(), enrolmentId: jkk.id, fromMonth: '2027-01', toMonth: '2027-03', amount: -45_000, fundingSource: 'APBD', paymentId: reversalId, paidOn: '2026-11-21' });
      await insertPaymentLine(tx, { id: randomUUID(), enrolmentId: jkm.id, fromMonth: '2026-11', toMonth: '2026-12', amount: 13_600, fundingSource: 'APBD', paidOn: '2026-11-10' });
      await refreshProtection(tx, [workerId]);
    });

    const res = await inject('GET', camat, `/api/workers/${workerId}/enrolments`);
    expect(res.statusCode).toBe(200);
    const listed = res.json().items as Item[];
    const listedJkk = listed.find((i) => i.program === 'JKK')!;
    // The reversed payment does not count: paid until December, protected two more months.
    expect(listedJkk).toMatchObject({ status: 'active', paidUntil: '2026-12', protectedUntil: '2027-02-28' });
    expect(listedJkk.payments).toEqual([
      { paymentId: null, fromMonth: '2026-11', toMonth: '2026-12', amount: 30_000, sourceKind: 'APBD', sourceName: null, paidOn: '2026-11-10', reference: 'TRF-1', reversed: false },
      { paymentId, fromMonth: '2027-01', toMonth: '2027-03', amount: 45_000, sourceKind: 'APBD', sourceName: 'APBD Lombok Timur', paidOn: '2026-11-20', reference: null, reversed: true },
      { paymentId: reversalId, fromMonth: '2027-01', toMonth: '2027-03', amount: -45_000, sourceKind: 'APBD', sourceName: 'APBD Lombok Timur', paidOn: '2026-11-21', reference: null, reversed: true },
    ]);
    const [read] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'read'), eq(auditLog.entityId, workerId)));
    expect(read).toMatchObject({ entity: 'worker', actorRole: 'district' });

    // The worker page now shows the worker covered.
    const detail = await inject('GET', operator, `/api/workers/${workerId}`);
    expect(detail.json().coverage).toEqual({ status: 'covered', paidUntil: '2026-12' });
    const list = await inject('GET', operator, '/api/workers?coverage=covered&pageSize=200');
    expect(list.json().items.map((w: { id: string }) => w.id)).toContain(workerId);
  });

  it('hides a worker outside the caller’s region (404), and an unknown one', async () => {
    const workerId = await newWorker();
    expect((await inject('GET', otherOperator, `/api/workers/${workerId}/enrolments`)).statusCode).toBe(404);
    const res = await inject('GET', operator, `/api/workers/${randomUUID()}/enrolments`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});

describe('changing and ending a participation', () => {
  it('corrects the KPJ and income (raised to the minimum), audited before and after', async () => {
    const workerId = await newWorker();
    const jkk = ((await enrol(workerId)).json().items as Item[]).find((i) => i.program === 'JKK')!;
    const res = await inject('PATCH', operator, `/api/enrolments/${jkk.id}`, { kpj: '98765432100', declaredIncome: 900_000 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: jkk.id, kpj: '98765432100', declaredIncome: 1_000_000, notice: expect.stringContaining('Rp900.000') });
    const [audit] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'update'), eq(auditLog.entityId, jkk.id)));
    expect(audit!.changes).toEqual({ kpj: { before: '12345678901', after: '98765432100' }, declaredIncome: { before: 1_500_000, after: 1_000_000 } });

    const bad = await inject('PATCH', operator, `/api/enrolments/${jkk.id}`, { kpj: '12ab' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('kpj');
    expect((await inject('PATCH', otherOperator, `/api/enrolments/${jkk.id}`, { kpj: '11111111' })).statusCode).toBe(403);
    expect((await inject('POST', otherOperator, `/api/enrolments/${jkk.id}/end`, { endedOn: '2026-11-25', reason: 'Pindah' })).statusCode).toBe(403);
    expect((await inject('PATCH', camat, `/api/enrolments/${jkk.id}`, { kpj: '11111111' })).statusCode).toBe(403);
  });

  it('ends a participation from a day on; the worker is no longer covered; a second end is refused', async () => {
    const workerId = await newWorker();
    const items = (await enrol(workerId, { ...basic, startMonth: '2026-06' })).json().items as Item[];
    const jkm = items.find((i) => i.program === 'JKM')!;
    await t.database.db.transaction(async (tx) => {
      for (const item of items) {
        await insertPaymentLine(tx, { id: randomUUID(), enrolmentId: item.id, fromMonth: '2026-06', toMonth: '2027-05', amount: 81_600, fundingSource: 'APBD', paidOn: '2026-06-01' });
      }
      await refreshProtection(tx, [workerId]);
    });
    expect((await inject('GET', operator, `/api/workers/${workerId}`)).json().coverage.status).toBe('covered');

    const early = await inject('POST', operator, `/api/enrolments/${jkm.id}/end`, { endedOn: '2026-05-31', reason: 'Salah daftar' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({ code: 'ENDED_BEFORE_START', field: 'endedOn' });
    const future = await inject('POST', operator, `/api/enrolments/${jkm.id}/end`, { endedOn: '2026-12-01', reason: 'Pindah kerja' });
    expect(future.statusCode).toBe(400);

    const res = await inject('POST', operator, `/api/enrolments/${jkm.id}/end`, { endedOn: '2026-11-25', reason: 'Meninggal dunia' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: jkm.id, endedOn: '2026-11-25', status: 'ended', protectedUntil: '2026-11-24' });
    expect((await inject('GET', operator, `/api/workers/${workerId}`)).json().coverage.status).toBe('not_enrolled');
    const [projection] = await t.database.db.select().from(workerProtection).where(eq(workerProtection.workerId, workerId));
    expect(projection).toBeUndefined();

    const again = await inject('POST', operator, `/api/enrolments/${jkm.id}/end`, { endedOn: '2026-11-25', reason: 'Meninggal dunia' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ENROLMENT_ALREADY_ENDED');
    const patched = await inject('PATCH', operator, `/api/enrolments/${jkm.id}`, { declaredIncome: 2_000_000 });
    expect(patched.statusCode).toBe(409);

    // The ended participation stays in the list, after the open one; JKM can be opened again.
    const listed = (await inject('GET', operator, `/api/workers/${workerId}/enrolments`)).json().items as Item[];
    expect(listed.map((i) => [i.program, i.status])).toEqual([
      ['JKK', 'active'],
      ['JKM', 'ended'],
    ]);
    expect((await enrol(workerId, { ...basic, programs: ['JKM'] })).statusCode).toBe(201);
  });

  it('answers 404 for an unknown participation', async () => {
    expect((await inject('POST', operator, `/api/enrolments/${randomUUID()}/end`, { endedOn: '2026-11-25', reason: 'Pindah' })).statusCode).toBe(404);
  });
});

describe('dated grace rule', () => {
  it('counts a worker two months behind in grace, and lapsed once a one-month rule applies', async () => {
    const workerId = await newWorker();
    const items = (await enrol(workerId, { ...basic, startMonth: '2026-01' })).json().items as Item[];
    await t.database.db.transaction(async (tx) => {
      for (const item of items) {
        await insertPaymentLine(tx, { id: randomUUID(), enrolmentId: item.id, fromMonth: '2026-01', toMonth: '2026-09', amount: 90_000, fundingSource: 'APBD', paidOn: '2026-01-05' });
      }
      await refreshProtection(tx, [workerId]);
    });
    expect((await inject('GET', operator, `/api/workers/${workerId}`)).json().coverage).toEqual({ status: 'grace', paidUntil: '2026-09' });

    const rule = await inject('POST', admin, '/api/premiums/grace-rules', { months: 1, validFrom: '2026-11', regulation: 'Ketentuan uji' });
    expect(rule.statusCode).toBe(201);
    expect((await inject('GET', operator, `/api/workers/${workerId}`)).json().coverage).toEqual({ status: 'lapsed', paidUntil: '2026-09' });
    const listed = (await inject('GET', operator, `/api/workers/${workerId}/enrolments`)).json().items as Item[];
    expect(listed[0]).toMatchObject({ status: 'lapsed', protectedUntil: '2026-10-31' });
  });
});
