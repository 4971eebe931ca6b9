import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/audit.table.ts';
import { ensureEnrolments, refreshProtection } from '../enrolment/enrolment.repo.ts';
import { makeWorker } from '../../test/factories.ts';
import { testApp, type TestApp } from '../../test/test-app.ts';
import { workers } from '../workers/workers.table.ts';
import { fundingCommitments, fundingSources } from './financing.table.ts';

const VILLAGE = '52.03.01.2001';
const OTHER_VILLAGE = '52.03.02.2001';
/** JKK 1% of Rp1.000.000 + JKM Rp6.800 a month. */
const MONTHLY = 16_800;

let t: TestApp;
let admin: string;
let operator: string;
let camat: string;
let viewer: string;
let bpjs: string;
let apbd: string;

beforeAll(async () => {
  t = await testApp({ now: new Date('2026-11-25T03:00:00Z') });
  admin = await t.loginAs('admin');
  operator = await t.loginAs('village', VILLAGE);
  camat = await t.loginAs('district', '52.03.01');
  viewer = await t.loginAs('viewer');
  bpjs = await t.loginAs('bpjs');
  apbd = await addSource('APBD', '52.03', 'APBD Lombok Timur');
});
afterAll(() => t.close());

async function addSource(kind: 'APBD' | 'ADD' | 'DBHCHT' | 'CSR' | 'SELF' | 'DD', regionCode: string, name: string): Promise<string> {
  const id = randomUUID();
  await t.database.db.insert(fundingSources).values({ id, kind, regionCode, name });
  return id;
}

/** Registers workers and enrols them in JKK and JKM at the minimum income. */
async function enrolledWorkers(n: number, villageCode = VILLAGE, startMonth = '2026-01'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await t.app.inject({ method: 'POST', url: '/api/workers', headers: { cookie: admin }, payload: makeWorker({ villageCode }) });
    expect(res.statusCode).toBe(201);
    ids.push(res.json().id);
  }
  await ensureEnrolments(t.database.db, ids, { programs: ['JKK', 'JKM'], startMonth, declaredIncome: 1_000_000, fundingSource: 'APBD' });
  await refreshProtection(t.database.db, ids);
  return ids;
}

async function commit(sourceId: string, workerIds: string[], fromMonth: string, toMonth: string): Promise<void> {
  const months = Number(toMonth.slice(5)) - Number(fromMonth.slice(5)) + 1;
  await t.database.db.insert(fundingCommitments).values(
    workerIds.map((workerId) => ({
      id: randomUUID(),
      sourceId,
      workerId,
      fiscalYear: Number(fromMonth.slice(0, 4)),
      fromMonth,
      toMonth,
      programs: 'JKK,JKM',
      declaredIncome: 1_000_000,
      totalAmount: MONTHLY * months,
    })),
  );
}

const pay = (cookie: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/payments', headers: { cookie }, payload });
const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const reverse = (cookie: string, id: string, payload: Record<string, unknown> = { reason: 'Salah transfer' }) =>
  t.app.inject({ method: 'POST', url: `/api/payments/${id}/reverse`, headers: { cookie }, payload });

function payment(sourceId: string, workerIds: string[], fromMonth: string, toMonth: string, amount: number, extra: Record<string, unknown> = {}) {
  return { sourceId, workerIds, fromMonth, toMonth, amount, paidOn: '2026-11-20', reference: 'TRF-001', ...extra };
}

async function coverageOf(workerId: string): Promise<{ status: string; paidUntil: string | null }> {
  const res = await get(admin, `/api/workers/${workerId}`);
  expect(res.statusCode).toBe(200);
  return res.json().coverage;
}

describe('recording a payment', () => {
  it('a sponsor pays the programmes it committed to: the worker\'s own JHT stays out of the sponsor\'s payment', async () => {
    const [w] = await enrolledWorkers(1);
    await ensureEnrolments(t.database.db, [w!], { programs: ['JHT'], startMonth: '2026-01', declaredIncome: 1_000_000, fundingSource: 'SELF' });
    await commit(apbd, [w!], '2026-11', '2026-12');
    const res = await pay(admin, payment(apbd, [w!], '2026-11', '2026-12', 2 * MONTHLY));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ amount: 2 * MONTHLY, expectedAmount: 2 * MONTHLY, difference: 0 });
    expect(res.json().workers).toEqual([expect.objectContaining({ workerId: w, amount: 2 * MONTHLY, programs: ['JKK', 'JKM'] })]);
  });

  it('with the right amount makes the worker covered until the last month paid', async () => {
    const [w] = await enrolledWorkers(1);
    await commit(apbd, [w!], '2026-11', '2026-12');
    const res = await pay(admin, payment(apbd, [w!], '2026-11', '2026-12', 2 * MONTHLY));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      sourceId: apbd,
      sourceKind: 'APBD',
      sourceName: 'APBD Lombok Timur',
      workerCount: 1,
      amount: 33_600,
      expectedAmount: 33_600,
      difference: 0,
      reversesPaymentId: null,
      reversedByPaymentId: null,
    });
    expect(body.workers).toEqual([expect.objectContaining({ workerId: w, amount: 33_600, programs: ['JKK', 'JKM'], villageCode: VILLAGE })]);
    expect(await coverageOf(w!)).toMatchObject({ status: 'covered', paidUntil: '2026-12' });

    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'payment'), eq(auditLog.entityId, body.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.changes).toEqual({
      sourceId: apbd,
      workers: 1,
      fromMonth: '2026-11',
      toMonth: '2026-12',
      amount: 33_600,
      expectedAmount: 33_600,
    });
  });

  it('refuses an amount that differs from the computed premiums, with the expected amount and the difference', async () => {
    const ids = await enrolledWorkers(2);
    await commit(apbd, ids, '2026-11', '2026-12');
    const res = await pay(admin, payment(apbd, ids, '2026-11', '2026-12', 67_000));
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error).toMatchObject({ code: 'PAYMENT_AMOUNT_MISMATCH', field: 'amount', expectedAmount: 67_200, difference: -200 });
    expect(error.message).toContain('Rp67.000');
    expect(error.message).toContain('Rp67.200');
    expect(error.message).toContain('-Rp200');

    const accepted = await pay(admin, payment(apbd, ids, '2026-11', '2026-12', 67_000, { acceptDifference: true }));
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toMatchObject({ amount: 67_000, expectedAmount: 67_200, difference: -200, workerCount: 2 });
  });

  it('refuses months not committed from this source', async () => {
    const [w] = await enrolledWorkers(1);
    await commit(apbd, [w!], '2026-11', '2026-11');
    const res = await pay(admin, payment(apbd, [w!], '2026-11', '2026-12', 2 * MONTHLY));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'NOT_COMMITTED', field: 'workerIds' });
    expect(res.json().error.message).toContain('belum dianggarkan dari sumber ini untuk Desember 2026');
  });

  it('refuses double funding: months committed to another source', async () => {
    const add = await addSource('ADD', VILLAGE, 'ADD Tanjung Luar');
    const [w] = await enrolledWorkers(1);
    await commit(add, [w!], '2026-10', '2026-11');
    await commit(apbd, [w!], '2026-11', '2026-12');
    const res = await pay(admin, payment(apbd, [w!], '2026-11', '2026-12', 2 * MONTHLY));
    expect(res.statusCode).toBe(409);
    const { error } = res.json();
    expect(error.code).toBe('DOUBLE_FUNDING');
    expect(error.message).toContain('ADD Tanjung Luar');
    expect(error.message).toContain('November 2026');
    expect(error.conflicts).toEqual([expect.objectContaining({ workerId: w, sourceId: add, sourceKind: 'ADD', fromMonth: '2026-11', toMonth: '2026-11' })]);
  });

  it('refuses months already paid by another payment', async () => {
    const [w] = await enrolledWorkers(1);
    await commit(apbd, [w!], '2026-09', '2026-12');
    expect((await pay(admin, payment(apbd, [w!], '2026-09', '2026-10', 2 * MONTHLY, { reference: 'SP2D-77' }))).statusCode).toBe(201);
    const res = await pay(admin, payment(apbd, [w!], '2026-10', '2026-12', 3 * MONTHLY));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ALREADY_PAID');
    expect(res.json().error.message).toContain('SP2D-77');
  });

  it('checks workers, months, the paid-on date and Dana Desa', async () => {
    const [w] = await enrolledWorkers(1);
    const [unenrolled] = await (async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/workers', headers: { cookie: admin }, payload: makeWorker() });
      return [res.json() as { id: string; name: string }];
    })();
    await commit(apbd, [w!, unenrolled!.id], '2026-11', '2026-11');

    const notEnrolled = await pay(admin, payment(apbd, [w!, unenrolled!.id], '2026-11', '2026-11', 2 * MONTHLY));
    expect(notEnrolled.statusCode).toBe(400);
    expect(notEnrolled.json().error).toMatchObject({ code: 'NOT_ENROLLED', field: 'workerIds' });
    expect(notEnrolled.json().error.message).toContain(unenrolled!.name);

    const backwards = await pay(admin, payment(apbd, [w!], '2026-11', '2026-10', MONTHLY));
    expect(backwards.json().error).toMatchObject({ field: 'toMonth' });
    const future = await pay(admin, payment(apbd, [w!], '2026-11', '2026-11', MONTHLY, { paidOn: '2026-11-26' }));
    expect(future.json().error).toMatchObject({ field: 'paidOn' });
    const unknown = await pay(admin, payment(apbd, [randomUUID()], '2026-11', '2026-11', MONTHLY));
    expect(unknown.json().error).toMatchObject({ code: 'WORKER_NOT_FOUND', field: 'workerIds' });

    const dd = await addSource('DD', VILLAGE, 'Dana Desa Tanjung Luar');
    const refused = await pay(admin, payment(dd, [w!], '2026-11', '2026-11', MONTHLY));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('DD_NOT_ALLOWED');
  });
});

describe('reversing a payment', () => {
  it('makes the worker fall back to the earlier paid-until month; a payment is reversed once', async () => {
    const [w] = await enrolledWorkers(1);
    await commit(apbd, [w!], '2026-09', '2026-12');
    expect((await pay(admin, payment(apbd, [w!], '2026-09', '2026-10', 2 * MONTHLY))).statusCode).toBe(201);
    const second = await pay(admin, payment(apbd, [w!], '2026-11', '2026-12', 2 * MONTHLY, { reference: 'TRF-002' }));
    expect(second.statusCode).toBe(201);
    expect(await coverageOf(w!)).toMatchObject({ status: 'covered', paidUntil: '2026-12' });

    const reversal = await reverse(admin, second.json().id, { reason: 'Transfer ditolak bank' });
    expect(reversal.statusCode).toBe(201);
    expect(reversal.json()).toMatchObject({
      reversesPaymentId: second.json().id,
      amount: -33_600,
      expectedAmount: -33_600,
      note: 'Transfer ditolak bank',
      paidOn: '2026-11-25',
    });
    expect(reversal.json().workers).toEqual([expect.objectContaining({ workerId: w, amount: -33_600 })]);
    const after = await coverageOf(w!);
    expect(after.status).not.toBe('covered');
    expect(after.paidUntil).toBe('2026-10');

    const original = await get(admin, `/api/payments/${second.json().id}`);
    expect(original.json().reversedByPaymentId).toBe(reversal.json().id);

    const again = await reverse(admin, second.json().id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_REVERSED');
    const ofReversal = await reverse(admin, reversal.json().id);
    expect(ofReversal.statusCode).toBe(400);
    expect(ofReversal.json().error.code).toBe('CANNOT_REVERSE_REVERSAL');

    // The months are free to be paid again.
    const repaid = await pay(admin, payment(apbd, [w!], '2026-11', '2026-12', 2 * MONTHLY, { reference: 'TRF-003' }));
    expect(repaid.statusCode).toBe(201);
    expect(await coverageOf(w!)).toMatchObject({ status: 'covered', paidUntil: '2026-12' });
  });
});

describe('scope', () => {
  it("lets a village operator pay from its own ADD, not from APBD, and list only what concerns its village", async () => {
    const add = await addSource('ADD', VILLAGE, 'ADD Desa Operator');
    const otherAdd = await addSource('ADD', OTHER_VILLAGE, 'ADD Desa Lain');
    const [w] = await enrolledWorkers(1);
    const [other] = await enrolledWorkers(1, OTHER_VILLAGE);
    await commit(add, [w!], '2026-11', '2026-11');
    await commit(otherAdd, [other!], '2026-11', '2026-11');

    const fromApbd = await pay(operator, payment(apbd, [w!], '2026-11', '2026-11', MONTHLY));
    expect(fromApbd.statusCode).toBe(403);
    const own = await pay(operator, payment(add, [w!], '2026-11', '2026-11', MONTHLY));
    expect(own.statusCode).toBe(201);
    const others = await pay(admin, payment(otherAdd, [other!], '2026-11', '2026-11', MONTHLY));
    expect(others.statusCode).toBe(201);
    const fromOtherVillage = await pay(operator, payment(add, [other!], '2026-11', '2026-11', MONTHLY));
    expect(fromOtherVillage.statusCode).toBe(400);

    const list = await get(operator, '/api/payments?pageSize=100');
    expect(list.statusCode).toBe(200);
    const ids = list.json().items.map((p: { id: string }) => p.id);
    expect(ids).toContain(own.json().id);
    expect(ids).not.toContain(others.json().id);
    // Regency payments that include the village's workers are visible too.
    expect(list.json().items.some((p: { sourceId: string }) => p.sourceId === apbd)).toBe(true);
    expect((await get(operator, `/api/payments/${others.json().id}`)).statusCode).toBe(404);

    const bySource = await get(admin, `/api/payments?sourceId=${otherAdd}`);
    expect(bySource.json()).toMatchObject({ total: 1, items: [{ id: others.json().id }] });
    const masked = await get(camat, `/api/payments/${own.json().id}`);
    expect(masked.statusCode).toBe(200);
    expect(masked.json().workers[0].nik).toMatch(/\*{6}/);
  });

  it('lists newest first and filters by paid-on period', async () => {
    const [w] = await enrolledWorkers(1);
    await commit(apbd, [w!], '2026-07', '2026-08');
    const early = await pay(admin, payment(apbd, [w!], '2026-07', '2026-07', MONTHLY, { paidOn: '2026-07-10' }));
    const late = await pay(admin, payment(apbd, [w!], '2026-08', '2026-08', MONTHLY, { paidOn: '2026-08-10' }));
    const july = await get(admin, '/api/payments?from=2026-07&to=2026-07');
    expect(july.json().items.map((p: { id: string }) => p.id)).toEqual([early.json().id]);
    const summer = await get(admin, '/api/payments?from=2026-07-01&to=2026-08-31');
    expect(summer.json().items.map((p: { id: string }) => p.id)).toEqual([late.json().id, early.json().id]);
  });
});

describe('exchange files for BPJS', () => {
  let source: string;
  let ids: string[];

  beforeAll(async () => {
    source = await addSource('DBHCHT', '52.03', 'DBHCHT Tembakau');
    ids = await enrolledWorkers(2);
    await t.database.db.update(workers).set({ name: '=CMD jahat' }).where(eq(workers.id, ids[1]!));
    await commit(source, ids, '2026-03', '2026-04');
    const res = await pay(admin, payment(source, ids, '2026-03', '2026-04', 4 * MONTHLY, { paidOn: '2026-03-05', reference: '=HYPERLINK("http://x.test","klik")' }));
    expect(res.statusCode).toBe(201);
  });

  it('exports the payment list as CSV with a BOM, a header and neutralised cells', async () => {
    const res = await get(bpjs, `/api/payments/export?sourceId=${source}&from=2026-03&to=2026-03&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="pembayaran-iuran-DBHCHT-.*\.csv"$/);
    const text = res.body;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('Tanggal Bayar;Nomor Referensi;NIK;Nama;No. KPJ;Desa/Kelurahan;Program;Bulan Dari;Bulan Sampai;Jumlah (Rp);Sumber Dana');
    // One row per worker and programme paid.
    expect(lines).toHaveLength(1 + 4);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x.test"",""klik"")"`);
    expect(text).toContain(";'=CMD jahat;");
    expect(text).not.toMatch(/;=/);
    expect(lines.filter((l) => l.includes(';JKK;'))).toHaveLength(2);
    expect(lines[1]).toContain(';JKK;2026-03;2026-04;20000;DBHCHT Tembakau');
    expect(lines.filter((l) => l.includes(';JKM;2026-03;2026-04;13600;'))).toHaveLength(2);

    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'export'), eq(auditLog.entity, 'payment')))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit!.changes).toMatchObject({ rows: 4, format: 'csv' });
  });

  it('exports the payment list as XLSX that ExcelJS opens', async () => {
    const res = await get(admin, `/api/payments/export?sourceId=${source}&format=xlsx`);
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(5);
    expect(sheet.getRow(1).getCell(3).value).toBe('NIK');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(String(sheet.getRow(2).getCell(2).value)).toMatch(/^'=HYPERLINK/);
  });

  it('refuses exports with full NIKs to district offices and viewers', async () => {
    expect((await get(camat, '/api/payments/export')).statusCode).toBe(403);
    expect((await get(viewer, '/api/payments/export?format=xlsx')).statusCode).toBe(403);
    expect((await get(camat, `/api/funding/sources/${source}/registration`)).statusCode).toBe(403);
  });

  it('writes the collective-registration list: one row per worker funded that year', async () => {
    const res = await get(admin, `/api/funding/sources/${source}/registration?year=2026&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="pendaftaran-kolektif-DBHCHT-2026.csv"');
    const lines = res.body.slice(1).trim().split('\r\n');
    expect(lines[0]).toContain('NIK;Nama;Tanggal Lahir;Jenis Kelamin (L/P)');
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).toContain("'=CMD jahat");
    expect(lines[1]).toMatch(/;L;Dusun Lauk;001\/002;Tanjung Luar;Keruak;Buruh tani;1000000;JKK, JKM;;2026-03 s.d. 2026-04;2$/);

    const xlsx = await get(bpjs, `/api/funding/sources/${source}/registration?year=2026&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="pendaftaran-kolektif-DBHCHT-2026.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.rowCount).toBe(3);

    const empty = await get(admin, `/api/funding/sources/${source}/registration?year=2025`);
    expect(empty.body.slice(1).trim().split('\r\n')).toHaveLength(1);
  });

  it("gives a village operator its own village's sources only", async () => {
    const add = await addSource('ADD', VILLAGE, 'ADD Registrasi');
    expect((await get(operator, `/api/funding/sources/${add}/registration`)).statusCode).toBe(200);
    expect((await get(operator, `/api/funding/sources/${apbd}/registration`)).statusCode).toBe(403);
    expect((await get(admin, `/api/funding/sources/${randomUUID()}/registration`)).statusCode).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('documents the payment routes', async () => {
    const res = await get(admin, '/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/payments', '/api/payments/export', '/api/payments/{id}', '/api/payments/{id}/reverse', '/api/funding/sources/{id}/registration']));
  });
});
