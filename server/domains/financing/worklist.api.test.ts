import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureEnrolments, refreshProtection } from '../enrolment/enrolment.repo.ts';
import { enrolments, premiumPayments } from '../enrolment/enrolment.table.ts';
import { makeWorker } from '../../test/factories.ts';
import { testApp, type TestApp } from '../../test/test-app.ts';
import { fundingCommitments, fundingSources } from './financing.table.ts';
import { eq } from 'drizzle-orm';

// Today is 2026-11-25 (WITA); the grace rule of the migration gives 2 months.
const NOW = new Date('2026-11-25T03:00:00Z');
const VILLAGE = '52.03.01.2001';
const OTHER_VILLAGE = '52.03.02.2001';

let t: TestApp;
let admin: string;
let apbd: string;

beforeAll(async () => {
  t = await testApp({ now: NOW });
  admin = await t.loginAs('admin');
  apbd = randomUUID();
  await t.database.db.insert(fundingSources).values({ id: apbd, kind: 'APBD', regionCode: '52.03', name: 'APBD Lombok Timur' });
});
afterAll(() => t.close());

const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

/** A registered worker with JKK+JKM (and JHT) from `start`, paid month by month until `paidUntil`. */
async function enrolledWorker(paidUntil: string | null, options: { village?: string; income?: number; jht?: boolean; start?: string } = {}) {
  const res = await t.app.inject({ method: 'POST', url: '/api/workers', headers: { cookie: admin }, payload: makeWorker({ villageCode: options.village ?? VILLAGE }) });
  expect(res.statusCode).toBe(201);
  const worker = res.json() as { id: string; nik: string; name: string };
  const { db } = t.database;
  const start = options.start ?? '2026-01';
  await ensureEnrolments(db, [worker.id], {
    programs: options.jht ? ['JKK', 'JKM', 'JHT'] : ['JKK', 'JKM'],
    startMonth: start,
    declaredIncome: options.income ?? 1_000_000,
    fundingSource: 'APBD',
  });
  if (paidUntil) {
    const rows = await db.select({ id: enrolments.id }).from(enrolments).where(eq(enrolments.workerId, worker.id));
    await db.insert(premiumPayments).values(
      rows.map((e) => ({ id: randomUUID(), enrolmentId: e.id, fromMonth: start, toMonth: paidUntil, amount: 16_800, fundingSource: 'APBD', paidOn: `${start}-10` })),
    );
  }
  await refreshProtection(db, [worker.id]);
  return worker;
}

async function commit(workerId: string, fromMonth: string, toMonth: string, handoverToSelf = false) {
  await t.database.db.insert(fundingCommitments).values({
    id: randomUUID(),
    sourceId: apbd,
    workerId,
    fiscalYear: Number(fromMonth.slice(0, 4)),
    fromMonth,
    toMonth,
    programs: 'JKK,JKM',
    declaredIncome: 1_000_000,
    totalAmount: 16_800,
    handoverToSelf,
  });
}

interface Body {
  total: number;
  totalRenewalCost: number;
  graceMonths: number;
  today: string;
  items: { workerId: string; nik: string; nikMasked: boolean; paidUntil: string | null; paidThrough: string | null; protectedUntil: string | null; status: string; renewalCost: number; sourceName: string | null; handoverToSelf: boolean; villageName: string }[];
}
async function list(kind: string, region = VILLAGE, cookie = admin, extra = ''): Promise<Body> {
  const res = await get(cookie, `/api/worklists/renewals?kind=${kind}&region=${region}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Body;
}
const ids = (b: Body) => b.items.map((i) => i.workerId);

let paidNov: { id: string; nik: string };
let paidDec: { id: string };
let paidDecRenewed: { id: string };
let paidOct: { id: string };
let paidAug: { id: string };
let paidJul: { id: string };
let withJht: { id: string };
let handedOver: { id: string };

beforeAll(async () => {
  paidNov = await enrolledWorker('2026-11');
  paidDec = await enrolledWorker('2026-12');
  paidDecRenewed = await enrolledWorker('2026-12');
  await commit(paidDecRenewed.id, '2027-01', '2027-06');
  paidOct = await enrolledWorker('2026-10');
  paidAug = await enrolledWorker('2026-08');
  paidJul = await enrolledWorker('2026-07');
  withJht = await enrolledWorker('2026-11', { village: OTHER_VILLAGE, jht: true });
  handedOver = await enrolledWorker('2026-12', { village: OTHER_VILLAGE });
  await commit(handedOver.id, '2026-07', '2026-12', true);
  await refreshProtection(t.database.db, [handedOver.id]);
});

describe('renewal worklists', () => {
  it('ending30: paid until this month, 2026-11-30 is 5 days away; not in grace', async () => {
    const body = await list('ending30');
    expect(body.today).toBe('2026-11-25');
    expect(body.graceMonths).toBe(2);
    expect(ids(body)).toEqual([paidNov.id]);
    expect(body.items[0]).toMatchObject({ paidUntil: '2026-11', paidThrough: '2026-11-30', protectedUntil: '2027-01-31', status: 'active', villageName: 'Tanjung Luar' });
    expect(ids(await list('grace'))).not.toContain(paidNov.id);
  });

  it('ending60 holds December (36 days away) as well; ending30 does not', async () => {
    const ending60 = ids(await list('ending60'));
    expect(ending60).toEqual(expect.arrayContaining([paidNov.id, paidDec.id, paidDecRenewed.id]));
    expect(ending60).toHaveLength(3);
    expect(ids(await list('ending30'))).not.toContain(paidDec.id);
  });

  it('grace: paid until last month; protected to the end of the grace months', async () => {
    const body = await list('grace');
    expect(ids(body)).toEqual([paidOct.id]);
    expect(body.items[0]).toMatchObject({ status: 'grace', paidThrough: '2026-10-31', protectedUntil: '2026-12-31' });
  });

  it('lapsed: the first unprotected month is this one (paid until 2026-08 with 2 grace months); 2026-07 lapsed earlier', async () => {
    const body = await list('lapsed');
    expect(ids(body)).toEqual([paidAug.id]);
    expect(body.items[0]).toMatchObject({ status: 'lapsed', protectedUntil: '2026-10-31' });
    expect(ids(body)).not.toContain(paidJul.id);
  });

  it('year_end: paid until December with nothing committed for January', async () => {
    const body = ids(await list('year_end'));
    expect(body).toContain(paidDec.id);
    expect(body).not.toContain(paidDecRenewed.id);
    expect(body).not.toContain(paidNov.id);
  });

  it('handover: a sponsored period ending within a month that hands over to self-payment', async () => {
    const body = await list('handover', '52.03');
    expect(ids(body)).toEqual([handedOver.id]);
    expect(body.items[0]).toMatchObject({ handoverToSelf: true, sourceName: 'APBD Lombok Timur', paidUntil: '2026-12' });
    // Filtered by the source, and by another one.
    expect((await list('handover', '52.03', admin, `&sourceId=${apbd}`)).total).toBe(1);
    expect((await list('handover', '52.03', admin, `&sourceId=${randomUUID()}`)).total).toBe(0);
  });

  it('prices renewals at the declared income: 12 × Rp16,800 at the minimum, JHT added when enrolled; the total is the sum', async () => {
    const village = await list('ending60');
    for (const item of village.items) expect(item.renewalCost).toBe(201_600);
    expect(village.totalRenewalCost).toBe(3 * 201_600);

    const regency = await list('ending30', '52.03');
    expect(ids(regency)).toEqual(expect.arrayContaining([paidNov.id, withJht.id]));
    expect(regency.items.find((i) => i.workerId === withJht.id)!.renewalCost).toBe(12 * (10_000 + 6_800 + 20_000));
    expect(regency.totalRenewalCost).toBe(regency.items.reduce((sum, i) => sum + i.renewalCost, 0));
    expect(regency.total).toBe(regency.items.length);

    const six = await list('ending30', VILLAGE, admin, '&renewMonths=6');
    expect(six.items[0]!.renewalCost).toBe(6 * 16_800);
  });

  it('pages keep the total and the cost of the whole list', async () => {
    const page = await list('ending60', VILLAGE, admin, '&pageSize=1&page=2');
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(3);
    expect(page.totalRenewalCost).toBe(3 * 201_600);
  });

  it('pages walk the list in order across paid-until months, never-paid workers first', async () => {
    const village = '52.03.03.2001';
    const october = await enrolledWorker('2026-10', { village });
    const september = await enrolledWorker('2026-09', { village });
    const neverPaid = await enrolledWorker(null, { village, start: '2026-11' });
    const whole = await list('grace', village);
    expect(whole.items.map((i) => [i.workerId, i.paidUntil])).toEqual([
      [neverPaid.id, null],
      [september.id, '2026-09'],
      [october.id, '2026-10'],
    ]);
    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push(...(await list('grace', village, admin, `&pageSize=1&page=${page}`)).items.map((i) => i.workerId));
    expect(pages).toEqual(ids(whole));
  });
});

describe('who sees what', () => {
  it('a village operator sees its own village by default and is refused another region', async () => {
    const operator = await t.loginAs('village', VILLAGE);
    const own = await get(operator, '/api/worklists/renewals?kind=ending30');
    expect(own.statusCode).toBe(200);
    expect(ids(own.json() as Body)).toEqual([paidNov.id]);
    expect((own.json() as Body).items[0]!.nik).toBe(paidNov.nik);
    const other = await get(operator, `/api/worklists/renewals?kind=ending30&region=${OTHER_VILLAGE}`);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('FORBIDDEN');
    expect((await get(operator, '/api/worklists/renewals?kind=ending30&region=52.03')).statusCode).toBe(403);
  });

  it('a district office reads its district with NIKs masked', async () => {
    const camat = await t.loginAs('district', '52.03.01');
    const body = await list('ending30', '52.03.01', camat);
    expect(ids(body)).toEqual([paidNov.id]);
    expect(body.items[0]).toMatchObject({ nikMasked: true, nik: `${paidNov.nik.slice(0, 6)}******${paidNov.nik.slice(12)}` });
  });

  it('refuses an unknown kind with a 400 in Indonesian', async () => {
    const res = await get(admin, '/api/worklists/renewals?kind=soon');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/Jenis daftar/);
  });
});

describe('exports', () => {
  it('csv: BOM, semicolons, Indonesian headers, every row; audited with counts only', async () => {
    const res = await get(admin, `/api/worklists/renewals?kind=ending60&region=${VILLAGE}&format=csv&pageSize=1`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="daftar-ending60-/);
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const lines = res.body.slice(1).trim().split('\r\n');
    expect(lines[0]).toMatch(/^NIK;Nama;Kode Desa;Desa;Pekerjaan;Lunas sampai bulan/);
    expect(lines).toHaveLength(4);
    expect(lines.join('\n')).toContain(paidNov.nik);
    expect(lines.join('\n')).toContain('201600');

    const audit = await get(admin, '/api/audit?entity=worklist');
    expect(audit.statusCode).toBe(200);
    const entry = audit.json().items[0];
    expect(entry).toMatchObject({ action: 'export', entityId: 'ending60', regionCode: VILLAGE });
    expect(entry.changes).toMatchObject({ rows: 3, format: 'csv' });
    expect(JSON.stringify(entry)).not.toContain(paidNov.nik);
  });

  it('xlsx: a workbook', async () => {
    const res = await get(admin, `/api/worklists/renewals?kind=grace&region=${VILLAGE}&format=xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('a json page is not audited as an export', async () => {
    const before = (await get(admin, '/api/audit?entity=worklist')).json().total as number;
    await list('grace');
    expect((await get(admin, '/api/audit?entity=worklist')).json().total).toBe(before);
  });
});



describe('the lists follow the register', () => {
  it('a worker who moves village moves list; a removed worker leaves every list', async () => {
    const mover = await enrolledWorker('2026-10');
    const leaver = await enrolledWorker('2026-10');
    expect(ids(await list('grace'))).toEqual(expect.arrayContaining([mover.id, leaver.id]));

    const moved = await t.app.inject({ method: 'PATCH', url: `/api/workers/${mover.id}`, headers: { cookie: admin }, payload: { villageCode: OTHER_VILLAGE } });
    expect(moved.statusCode, moved.body).toBe(200);
    const removed = await t.app.inject({ method: 'DELETE', url: `/api/workers/${leaver.id}`, headers: { cookie: admin } });
    expect(removed.statusCode).toBeLessThan(300);

    const here = ids(await list('grace'));
    expect(here).not.toContain(mover.id);
    expect(here).not.toContain(leaver.id);
    const there = await list('grace', OTHER_VILLAGE);
    expect(there.items.find((i) => i.workerId === mover.id)?.villageName).toBe(t.regions.get(OTHER_VILLAGE)?.name);
    expect(ids(await list('grace', '52.03'))).not.toContain(leaver.id);
  });
});

describe('months paid in advance after a lapse', () => {
  it('do not protect before they begin: the worker stays lapsed, listed by the months paid before the gap', async () => {
    const village = '52.03.04.2001';
    const worker = await enrolledWorker('2026-08', { village });
    // Next year paid in advance while September–November stay unpaid.
    const { db } = t.database;
    const rows = await db.select({ id: enrolments.id }).from(enrolments).where(eq(enrolments.workerId, worker.id));
    await db.insert(premiumPayments).values(
      rows.map((e) => ({ id: randomUUID(), enrolmentId: e.id, fromMonth: '2027-01', toMonth: '2027-12', amount: 12 * 16_800, fundingSource: 'APBD', paidOn: '2026-11-20' })),
    );
    await refreshProtection(db, [worker.id]);

    const lapsed = await list('lapsed', village);
    expect(lapsed.items.map((i) => [i.workerId, i.paidUntil, i.status])).toEqual([[worker.id, '2026-08', 'lapsed']]);
    expect(ids(await list('ending60', village))).not.toContain(worker.id);

    const detail = (await get(admin, `/api/workers/${worker.id}`)).json();
    expect(detail.coverage).toEqual({ status: 'lapsed', paidUntil: '2026-08' });
    const covered = (await get(admin, `/api/workers?village=${village}&coverage=covered`)).json();
    expect(covered.items.map((i: { id: string }) => i.id)).not.toContain(worker.id);
    const participations = (await get(admin, `/api/workers/${worker.id}/enrolments`)).json().items as { status: string; protectedUntil: string }[];
    expect(participations.map((p) => [p.status, p.protectedUntil])).toEqual([
      ['lapsed', '2026-10-31'],
      ['lapsed', '2026-10-31'],
    ]);
  });
});
