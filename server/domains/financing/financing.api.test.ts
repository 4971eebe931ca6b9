import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorker } from '../../test/factories.ts';
import { testApp, type TestApp } from '../../test/test-app.ts';
import { enrolments, premiumPayments } from '../enrolment/enrolment.table.ts';
import { refreshProtection } from '../enrolment/enrolment.repo.ts';
import { payments } from './financing.table.ts';

let t: TestApp;
let admin: string;
let operator: string; // village operator of 52.03.01.2001 (Tanjung Luar)
let otherOperator: string; // village operator of 52.03.02.2001 (Suwangi)
let camat: string; // district office of 52.03.01
let bpjs: string;
let apbdId: string;

const TANJUNG_LUAR = '52.03.01.2001';

beforeAll(async () => {
  t = await testApp({ now: new Date('2026-11-25T03:00:00Z') });
  admin = await t.loginAs('admin');
  operator = await t.loginAs('village', TANJUNG_LUAR);
  otherOperator = await t.loginAs('village', '52.03.02.2001');
  camat = await t.loginAs('district', '52.03.01');
  bpjs = await t.loginAs('bpjs');
  const apbd = await post(admin, '/api/funding/sources', { kind: 'APBD' });
  expect(apbd.statusCode).toBe(201);
  apbdId = apbd.json().id;
  for (const year of [2026, 2027]) expect((await put(admin, `/api/funding/sources/${apbdId}/budgets/${year}`, { amount: 100_000_000 })).statusCode).toBe(200);
});
afterAll(() => t.close());

const post = (cookie: string, url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
const put = (cookie: string, url: string, payload: object) => t.app.inject({ method: 'PUT', url, headers: { cookie }, payload });
const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

async function newWorker(overrides: Parameters<typeof makeWorker>[0] = {}): Promise<string> {
  const res = await post(admin, '/api/workers', makeWorker(overrides));
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

async function newSource(cookie: string, kind: string, regionCode?: string, name?: string): Promise<string> {
  const res = await post(cookie, '/api/funding/sources', { kind, regionCode, name });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const commit = (cookie: string, sourceId: string, workerIds: string[], fromMonth: string, toMonth: string) =>
  post(cookie, '/api/funding/commitments', { sourceId, workerIds, fromMonth, toMonth });

/** Records a payment straight into the ledger (the payments API belongs to its own test file). */
async function pay(sourceId: string, workerId: string, fromMonth: string, toMonth: string, perMonth: { JKK: number; JKM: number }): Promise<void> {
  const db = t.database.db;
  const months = Number(toMonth.slice(5)) - Number(fromMonth.slice(5)) + 1;
  const paymentId = randomUUID();
  const amount = (perMonth.JKK + perMonth.JKM) * months;
  await db.insert(payments).values({ id: paymentId, sourceId, fromMonth, toMonth, workerCount: 1, amount, expectedAmount: amount, paidOn: '2026-01-10' });
  const open = await db.select().from(enrolments).where(and(eq(enrolments.workerId, workerId), isNull(enrolments.endedOn)));
  for (const e of open) {
    await db.insert(premiumPayments).values({
      id: randomUUID(),
      enrolmentId: e.id,
      fromMonth,
      toMonth,
      amount: perMonth[e.program as 'JKK' | 'JKM'] * months,
      fundingSource: 'ADD',
      paymentId,
      paidOn: '2026-01-10',
    });
  }
  await refreshProtection(db, [workerId]);
}

describe('funding sources and budgets: who manages what', () => {
  let addId: string;

  it('lets a village operator add its own ADD and set its budget', async () => {
    const created = await post(operator, '/api/funding/sources', { kind: 'ADD', regionCode: TANJUNG_LUAR });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'ADD', regionCode: TANJUNG_LUAR, regionName: 'Tanjung Luar', name: 'ADD Desa Tanjung Luar', canManage: true, budget: null, remaining: null });
    addId = created.json().id;

    const budget = await put(operator, `/api/funding/sources/${addId}/budgets/2026`, { amount: 500_000, budgetLine: '5.1.02', legalBasis: 'Perdes 3/2025' });
    expect(budget.statusCode).toBe(200);
    expect(budget.json()).toMatchObject({ fiscalYear: 2026, budget: { amount: 500_000, budgetLine: '5.1.02', legalBasis: 'Perdes 3/2025' }, committed: 0, remaining: 500_000 });
    const audit = (await get(admin, '/api/audit?entity=funding_budget')).json().items;
    expect(audit[0]).toMatchObject({ actorRole: 'village', changes: { sourceId: addId, fiscalYear: 2026, amount: { before: null, after: 500_000 } } });
  });

  it('refuses a village operator another village’s ADD and the regency’s budgets', async () => {
    expect((await post(operator, '/api/funding/sources', { kind: 'ADD', regionCode: '52.03.02.2001' })).statusCode).toBe(403);
    const suwangi = await newSource(admin, 'ADD', '52.03.02.2001');
    expect((await put(operator, `/api/funding/sources/${suwangi}/budgets/2026`, { amount: 1 })).statusCode).toBe(403);
    expect((await put(otherOperator, `/api/funding/sources/${addId}/budgets/2026`, { amount: 1 })).statusCode).toBe(403);
    const dbhcht = await newSource(admin, 'DBHCHT');
    for (const id of [apbdId, dbhcht]) {
      const res = await put(operator, `/api/funding/sources/${id}/budgets/2026`, { amount: 1_000_000 });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toContain('ADD desanya sendiri');
    }
    expect((await post(operator, '/api/funding/sources', { kind: 'APBD' })).statusCode).toBe(403);
    expect((await put(camat, `/api/funding/sources/${addId}/budgets/2026`, { amount: 1 })).statusCode).toBe(403);
    expect((await put(bpjs, `/api/funding/sources/${apbdId}/budgets/2026`, { amount: 1 })).statusCode).toBe(403);
  });

  it('lets the regency office manage every source', async () => {
    const res = await put(admin, `/api/funding/sources/${addId}/budgets/2026`, { amount: 600_000 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ budget: { amount: 600_000 }, canManage: true });
    const csr = await post(admin, '/api/funding/sources', { kind: 'CSR', name: 'CSR PT Tembakau Rinjani' });
    expect(csr.json()).toMatchObject({ name: 'CSR PT Tembakau Rinjani', regionCode: '52.03', regionName: 'Kabupaten Lombok Timur' });
  });

  it('shows a village operator its own ADD and the regency sources, not another village’s', async () => {
    const res = await get(operator, '/api/funding/sources?year=2026');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { name: string; canManage: boolean; regionCode: string }[];
    expect(items.map((s) => s.name)).toEqual(expect.arrayContaining(['ADD Desa Tanjung Luar', 'APBD Kabupaten Lombok Timur', 'DBHCHT Kabupaten Lombok Timur']));
    expect(items.some((s) => s.regionCode === '52.03.02.2001')).toBe(false);
    expect(items.find((s) => s.name === 'ADD Desa Tanjung Luar')!.canManage).toBe(true);
    expect(items.find((s) => s.name === 'APBD Kabupaten Lombok Timur')!.canManage).toBe(false);
    expect((await get(operator, '/api/funding/sources?region=52.03.02.2001')).statusCode).toBe(403);
  });

  it('asks a village for ADD, refuses duplicates and budgets on self-payment', async () => {
    const noVillage = await post(admin, '/api/funding/sources', { kind: 'ADD' });
    expect(noVillage.statusCode).toBe(400);
    expect(noVillage.json().error.field).toBe('regionCode');
    const duplicate = await post(admin, '/api/funding/sources', { kind: 'APBD' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('SOURCE_EXISTS');
    const self = await newSource(bpjs, 'SELF');
    const budget = await put(admin, `/api/funding/sources/${self}/budgets/2026`, { amount: 1000 });
    expect(budget.statusCode).toBe(400);
    expect(budget.json().error.code).toBe('BUDGET_NOT_APPLICABLE');
  });
});

describe('Dana Desa', () => {
  it('refuses DD budgets and commitments from 2024 on but accepts a 2023 budget', async () => {
    const dd = await newSource(operator, 'DD', TANJUNG_LUAR);
    const refused = await put(operator, `/api/funding/sources/${dd}/budgets/2024`, { amount: 1_000_000 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'DD_NOT_ALLOWED' });
    expect(refused.json().error.message).toContain('Januari 2024');

    expect((await put(operator, `/api/funding/sources/${dd}/budgets/2023`, { amount: 1_000_000 })).statusCode).toBe(200);
    const worker = await newWorker();
    const crossing = await commit(operator, dd, [worker], '2023-11', '2024-02');
    expect(crossing.statusCode).toBe(400);
    expect(crossing.json().error).toMatchObject({ code: 'DD_NOT_ALLOWED', field: 'sourceId' });
    const before = await commit(operator, dd, [worker], '2023-01', '2023-12');
    expect(before.statusCode).toBe(201);
    expect(before.json().totalAmount).toBe(201_600);
  });
});

describe('commitments', () => {
  it('enrols the worker in JKK and JKM and prices the months at the minimum income', async () => {
    const worker = await newWorker();
    const res = await commit(admin, apbdId, [worker], '2026-01', '2026-12');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      totalAmount: 201_600,
      enrolledWorkers: 1,
      items: [{ workerId: worker, sourceName: 'APBD Kabupaten Lombok Timur', fiscalYear: 2026, programs: ['JKK', 'JKM'], declaredIncome: 1_000_000, totalAmount: 201_600, paidAmount: 0 }],
    });
    const audit = await get(admin, `/api/audit?entity=funding_commitment&id=${apbdId}`);
    const entry = audit.json().items.find((e: { changes: { workers?: number } }) => e.changes?.workers === 1);
    expect(entry).toMatchObject({ action: 'create', changes: { sourceId: apbdId, workers: 1, fromMonth: '2026-01', toMonth: '2026-12', totalAmount: 201_600 } });
    const detail = await get(admin, `/api/workers/${worker}`);
    expect(JSON.stringify(audit.json())).not.toContain(detail.json().nik);
    expect(detail.json().programs.map((p: { program: string; fundingSource: string }) => [p.program, p.fundingSource])).toEqual([
      ['JKK', 'APBD'],
      ['JKM', 'APBD'],
    ]);
  });

  it('splits a period at the year end, one commitment per fiscal year', async () => {
    const worker = await newWorker();
    const res = await commit(admin, apbdId, [worker], '2026-11', '2027-02');
    expect(res.statusCode).toBe(201);
    expect(res.json().items.map((c: { fiscalYear: number; fromMonth: string; toMonth: string; totalAmount: number }) => [c.fiscalYear, c.fromMonth, c.toMonth, c.totalAmount])).toEqual([
      [2026, '2026-11', '2026-12', 33_600],
      [2027, '2027-01', '2027-02', 33_600],
    ]);
  });

  it('refuses a second source for months already funded, naming who pays', async () => {
    const worker = await newWorker({ name: 'Budi Santoso' });
    expect((await commit(admin, apbdId, [worker], '2026-01', '2026-12')).statusCode).toBe(201);
    const add = (await get(operator, '/api/funding/sources')).json().items.find((s: { kind: string }) => s.kind === 'ADD').id;
    const res = await commit(operator, add, [worker], '2026-06', '2026-08');
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'DOUBLE_FUNDING',
      message: expect.stringContaining('Budi Santoso sudah dibiayai APBD Kabupaten Lombok Timur untuk Januari 2026 s.d. Desember 2026; satu bulan tidak boleh dibayar dua sumber.'),
      conflicts: [{ workerId: worker, name: 'Budi Santoso', sourceId: apbdId, sourceName: 'APBD Kabupaten Lombok Timur', fromMonth: '2026-01', toMonth: '2026-12' }],
    });
    // The same source twice is double funding too.
    expect((await commit(admin, apbdId, [worker], '2026-12', '2027-01')).statusCode).toBe(409);
  });

  it('refuses past the budget, saying the shortfall and how many it does cover', async () => {
    const village = '52.03.01.2003';
    const add = await newSource(admin, 'ADD', village);
    expect((await put(admin, `/api/funding/sources/${add}/budgets/2026`, { amount: 500_000 })).statusCode).toBe(200);
    const ids = [await newWorker({ villageCode: village }), await newWorker({ villageCode: village }), await newWorker({ villageCode: village })];
    const res = await commit(admin, add, ids, '2026-01', '2026-12');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'BUDGET_EXCEEDED', field: 'workerIds' });
    expect(res.json().error.message).toContain('sisa Rp500.000, dibutuhkan Rp604.800 untuk 3 pekerja (kurang Rp104.800)');
    expect(res.json().error.message).toContain('cukup untuk 2 dari 3 pekerja');

    expect((await commit(admin, add, ids.slice(0, 2), '2026-01', '2026-12')).statusCode).toBe(201);
    const lower = await put(admin, `/api/funding/sources/${add}/budgets/2026`, { amount: 400_000 });
    expect(lower.statusCode).toBe(400);
    expect(lower.json().error).toMatchObject({ code: 'BUDGET_BELOW_COMMITTED', field: 'amount' });
    expect(lower.json().error.message).toContain('Rp403.200');
    const missing = await commit(admin, add, [ids[2]!], '2027-01', '2027-03');
    expect(missing.json().error.code).toBe('BUDGET_MISSING');
  });

  it('refuses workers outside the source’s village or the caller’s region', async () => {
    const add = (await get(operator, '/api/funding/sources')).json().items.find((s: { kind: string }) => s.kind === 'ADD').id;
    const elsewhere = await newWorker({ villageCode: '52.03.01.2002' });
    const res = await commit(operator, add, [elsewhere], '2026-01', '2026-03');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'WORKER_OUT_OF_SCOPE', field: 'workerIds' });
    expect((await commit(admin, apbdId, [randomUUID()], '2026-01', '2026-03')).statusCode).toBe(404);
    const backwards = await commit(admin, apbdId, [elsewhere], '2026-05', '2026-03');
    expect(backwards.json().error).toMatchObject({ code: 'PERIOD_INVALID', field: 'toMonth' });
  });

  it('cancels an unpaid commitment and releases its budget; refuses a paid one', async () => {
    const village = '52.03.01.2004';
    const add = await newSource(admin, 'ADD', village);
    await put(admin, `/api/funding/sources/${add}/budgets/2026`, { amount: 1_000_000 });
    const [a, b] = [await newWorker({ villageCode: village }), await newWorker({ villageCode: village })];
    const made = (await commit(admin, add, [a, b], '2026-01', '2026-12')).json().items as { id: string; workerId: string }[];
    const remaining = async () => (await get(admin, '/api/funding/sources?region=' + village)).json().items.find((s: { id: string }) => s.id === add).remaining;
    expect(await remaining()).toBe(1_000_000 - 403_200);

    const first = made.find((c) => c.workerId === a)!.id;
    const cancelled = await post(admin, `/api/funding/commitments/${first}/cancel`, { reason: 'Pindah ke APBD' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ id: first, cancelReason: 'Pindah ke APBD', cancelledAt: expect.any(String) });
    expect(await remaining()).toBe(1_000_000 - 201_600);
    expect((await post(admin, `/api/funding/commitments/${first}/cancel`, { reason: 'lagi' })).statusCode).toBe(409);
    // The released months may now go to another source.
    expect((await commit(admin, apbdId, [a], '2026-01', '2026-12')).statusCode).toBe(201);

    const second = made.find((c) => c.workerId === b)!.id;
    await pay(add, b, '2026-01', '2026-06', { JKK: 10_000, JKM: 6_800 });
    const list = await get(admin, `/api/funding/commitments?sourceId=${add}`);
    expect(list.json().items.find((c: { id: string }) => c.id === second).paidAmount).toBe(100_800);
    const paid = await post(admin, `/api/funding/commitments/${second}/cancel`, { reason: 'Salah pilih' });
    expect(paid.statusCode).toBe(409);
    expect(paid.json().error.code).toBe('COMMITMENT_PAID');
    expect(paid.json().error.message).toContain('Balikkan');
  });

  it('lists commitments within the caller’s region, NIKs masked for the district office', async () => {
    const res = await get(camat, '/api/funding/commitments?year=2026');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { nik: string; villageCode: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((c) => c.villageCode.startsWith('52.03.01.') && c.nik.includes('******'))).toBe(true);
    expect((await get(operator, '/api/funding/commitments?village=52.03.01.2002')).statusCode).toBe(403);
  });
});

describe('village plan', () => {
  const village = '52.03.01.2005'; // Batu Putik

  it('shows budget, committed, remaining and how many more workers the rest of the year covers', async () => {
    const add = await newSource(admin, 'ADD', village);
    await put(admin, `/api/funding/sources/${add}/budgets/2026`, { amount: 300_000 });
    const [paid, byApbd] = [await newWorker({ villageCode: village }), await newWorker({ villageCode: village })];
    await newWorker({ villageCode: village });
    expect((await commit(admin, add, [paid], '2026-01', '2026-12')).statusCode).toBe(201);
    expect((await commit(admin, apbdId, [byApbd], '2026-11', '2026-12')).statusCode).toBe(201);
    await pay(add, paid, '2026-01', '2026-12', { JKK: 10_000, JKM: 6_800 });

    const villageOperator = await t.loginAs('village', village);
    const res = await get(villageOperator, `/api/funding/plan?village=${village}&year=2026`);
    expect(res.statusCode).toBe(200);
    const plan = res.json();
    expect(plan).toMatchObject({ villageCode: village, villageName: 'Batu Putik', fiscalYear: 2026, restFromMonth: '2026-11', costPerWorkerRestOfYear: 33_600 });
    expect(plan.workers).toEqual({ total: 3, covered: 1, funded: 2, uncovered: 2 });
    const addPlan = plan.sources.find((s: { id: string }) => s.id === add);
    expect(addPlan).toMatchObject({
      name: 'ADD Desa Batu Putik',
      canManage: true,
      budget: { amount: 300_000 },
      committed: 201_600,
      paid: 201_600,
      remaining: 98_400,
      workersFunded: 1,
      villageWorkers: 1,
      villageCommitted: 201_600,
      villagePaid: 201_600,
      moreWorkersCoverable: 2,
    });
    const apbdPlan = plan.sources.find((s: { id: string }) => s.id === apbdId);
    expect(apbdPlan).toMatchObject({ canManage: false, villageWorkers: 1, villageCommitted: 33_600, villagePaid: 0 });
    expect(apbdPlan.moreWorkersCoverable).toBe(Math.floor(apbdPlan.remaining / 33_600));
    expect(plan.sources.some((s: { regionCode: string }) => s.regionCode === TANJUNG_LUAR)).toBe(false);
  });

  it('prices the whole year for a future year and nothing for a past one', async () => {
    const next = (await get(admin, `/api/funding/plan?village=${village}&year=2027`)).json();
    expect(next).toMatchObject({ restFromMonth: '2027-01', costPerWorkerRestOfYear: 201_600 });
    expect(next.sources.find((s: { kind: string }) => s.kind === 'ADD')).toMatchObject({ budget: null, remaining: null, moreWorkersCoverable: null });
    const past = (await get(admin, `/api/funding/plan?village=${village}&year=2025`)).json();
    expect(past).toMatchObject({ restFromMonth: '2026-01', costPerWorkerRestOfYear: 0 });
  });

  it('is closed to another village', async () => {
    expect((await get(otherOperator, `/api/funding/plan?village=${village}`)).statusCode).toBe(403);
  });
});

describe('proposals', () => {
  const village = '52.03.01.2006'; // Senyiur
  let add: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    add = await newSource(admin, 'ADD', village);
    await put(admin, `/api/funding/sources/${add}/budgets/2027`, { amount: 150_000 });
    ids.nelayan = await newWorker({ villageCode: village, name: 'Nelayan Berkeluarga', occupation: 'fisher', dependants: 2, birthDate: '1986-01-01' });
    ids.pedagang = await newWorker({ villageCode: village, name: 'Pedagang Muda', occupation: 'trader', dependants: 0, birthDate: '1996-01-01' });
    ids.petani = await newWorker({ villageCode: village, name: 'Petani Tua', occupation: 'farmer', birthDate: '1976-01-01' });
    ids.lansia = await newWorker({ villageCode: village, name: 'Pedagang Lansia', occupation: 'trader', birthDate: '1956-01-01' });
    ids.apbd = await newWorker({ villageCode: village, name: 'Sudah Dibiayai', occupation: 'fisher', dependants: 4, birthDate: '1980-01-01' });
    expect((await commit(admin, apbdId, [ids.apbd], '2027-01', '2027-12')).statusCode).toBe(201);
  });

  it('ranks the most vulnerable first and selects within the given budget', async () => {
    const res = await post(operator, '/api/funding/proposals', { sourceId: add, villageCode: village, fromMonth: '2027-01', toMonth: '2027-06', budget: 250_000 });
    expect(res.statusCode).toBe(403); // another village's operator

    const ok = await post(admin, '/api/funding/proposals', { sourceId: add, villageCode: village, fromMonth: '2027-01', toMonth: '2027-06', budget: 250_000 });
    expect(ok.statusCode, ok.body).toBe(200);
    const body = ok.json();
    expect(body).toMatchObject({ budget: 250_000, costPerWorker: 100_800, selectedCount: 2, selectedCost: 201_600 });
    expect(body.candidates.map((c: { name: string; selected: boolean; eligible: boolean }) => [c.name, c.eligible, c.selected])).toEqual([
      ['Nelayan Berkeluarga', true, true],
      ['Petani Tua', true, true],
      ['Pedagang Muda', true, false],
      ['Sudah Dibiayai', false, false],
      ['Pedagang Lansia', false, false],
    ]);
    expect(body.candidates[0]).toMatchObject({ age: 40, hazardous: true, dependants: 2, reasons: ['hazardous', 'dependants'], cumulativeCost: 100_800 });
    expect(body.candidates[3]).toMatchObject({ fundedBy: 'APBD Kabupaten Lombok Timur', reasons: expect.arrayContaining(['funded_elsewhere']) });
    expect(body.candidates[4].reasons).toContain('age_over_limit');
  });

  it('defaults the budget to what remains of the source, and masks NIKs for the district office', async () => {
    const res = await post(camat, '/api/funding/proposals', { sourceId: add, villageCode: village, fromMonth: '2027-01', toMonth: '2027-06' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ budget: 150_000, selectedCount: 1, selectedCost: 100_800 });
    expect(res.json().candidates[0].nik).toContain('******');
  });
});
