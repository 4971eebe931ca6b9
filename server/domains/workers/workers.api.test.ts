import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolments, premiumPayments } from '../enrolment/enrolment.table.ts';
import { makeNik, makeWorker } from '../../test/factories.ts';
import { testApp, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
let admin: string;
let operator: string; // village operator of 52.03.01.2001 (Tanjung Luar)
let otherOperator: string; // village operator of 52.03.02.2001
let camat: string; // district office of 52.03.01
let viewer: string;
let bpjs: string;

beforeAll(async () => {
  t = await testApp({ now: new Date('2026-11-24T03:00:00Z') });
  admin = await t.loginAs('admin');
  operator = await t.loginAs('village', '52.03.01.2001');
  otherOperator = await t.loginAs('village', '52.03.02.2001');
  camat = await t.loginAs('district', '52.03.01');
  viewer = await t.loginAs('viewer');
  bpjs = await t.loginAs('bpjs');
});
afterAll(() => t.close());

const post = (cookie: string, payload: object) =>
  t.app.inject({ method: 'POST', url: '/api/workers', headers: { cookie }, payload });
const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

describe('registering a worker', () => {
  it('stores the worker and derives sex and birth date from the NIK', async () => {
    const nik = makeNik({ districtCode: '52.03.01', sex: 'F', birthDate: '1990-03-15' });
    const res = await post(operator, { nik, name: 'Siti  Aminah', villageCode: '52.03.01.2001', occupation: 'fisher', rt: '3' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      nik,
      nikMasked: false,
      name: 'Siti Aminah',
      sex: 'F',
      birthDate: '1990-03-15',
      age: 36,
      villageCode: '52.03.01.2001',
      villageName: 'Tanjung Luar',
      districtCode: '52.03.01',
      districtName: 'Keruak',
      occupation: 'fisher',
      rt: '003',
      phone: null,
      warnings: [],
    });
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('accepts a NIK typed with spaces and a leading apostrophe', async () => {
    const nik = makeNik();
    const typed = `'${nik.slice(0, 6)} ${nik.slice(6, 12)} ${nik.slice(12)}`;
    const res = await post(operator, makeWorker({ nik: typed }));
    expect(res.statusCode).toBe(201);
    expect(res.json().nik).toBe(nik);
  });

  it('rejects an impossible date in the NIK with a code, an Indonesian message and the field', async () => {
    const res = await post(operator, makeWorker({ nik: '5203013104850001' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'NIK_INVALID_DATE', field: 'nik' });
    expect(res.json().error.message).toContain('tanggal lahir');
  });

  it.each([
    ['520301010785001', 'NIK_FORMAT'],
    ['5203010107850000', 'NIK_INVALID_SERIAL'],
    ['9903010107850001', 'NIK_UNKNOWN_PROVINCE'],
  ])('rejects NIK %s with %s', async (nik, code) => {
    const res = await post(operator, makeWorker({ nik }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code, field: 'nik' });
  });

  it('names the field when the declared sex or birth date contradicts the NIK', async () => {
    const nik = makeNik({ sex: 'F', birthDate: '1985-07-01' });
    const sex = await post(operator, makeWorker({ nik, sex: 'M', birthDate: '1985-07-01' }));
    expect(sex.statusCode).toBe(400);
    expect(sex.json().error).toMatchObject({ code: 'NIK_SEX_MISMATCH', field: 'sex' });
    expect(sex.json().error.message).toContain('perempuan');

    const date = await post(operator, makeWorker({ nik, sex: 'F', birthDate: '1985-07-02' }));
    expect(date.statusCode).toBe(400);
    expect(date.json().error).toMatchObject({ code: 'NIK_BIRTHDATE_MISMATCH', field: 'birthDate' });
  });

  it('lists every invalid field, with FIELD_REQUIRED for missing ones', async () => {
    const res = await post(operator, { nik: makeNik(), villageCode: '52.03.01.2001', phone: '12' });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields as { field: string; code: string }[];
    expect(fields.map((f) => f.field).sort()).toEqual(['name', 'occupation', 'phone']);
    expect(fields.find((f) => f.field === 'name')?.code).toBe('FIELD_REQUIRED');
  });

  it.each(['52.01.01.1001', '52.03.01.2999'])('refuses village %s, which the served regency does not have', async (villageCode) => {
    const res = await post(admin, makeWorker({ villageCode }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VILLAGE_UNKNOWN', field: 'villageCode' });
  });

  it('warns, but saves, when the NIK carries a district code unknown today', async () => {
    const res = await post(operator, makeWorker({ nik: makeNik({ districtCode: '52.03.95' }) }));
    expect(res.statusCode).toBe(201);
    expect(res.json().warnings).toEqual([expect.objectContaining({ code: 'NIK_UNKNOWN_DISTRICT' })]);
  });

  it('answers 409 for a NIK already registered, pointing to the worker only inside the caller scope', async () => {
    const first = await post(operator, makeWorker());
    const nik = first.json().nik as string;

    const again = await post(operator, makeWorker({ nik }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'NIK_ALREADY_REGISTERED', field: 'nik', existingWorkerId: first.json().id });
    expect(again.json().error.message).toContain('Tanjung Luar');

    const elsewhere = await post(otherOperator, makeWorker({ nik, villageCode: '52.03.02.2001' }));
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().error.existingWorkerId).toBeUndefined();
    expect(elsewhere.json().error.message).toContain('wilayah lain');
    expect(elsewhere.json().error.message).not.toContain(first.json().name);
  });
});

describe('scopes', () => {
  it('answers 401 without a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/workers' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/workers', payload: makeWorker() })).statusCode).toBe(401);
  });

  it("keeps a village operator out of another village's workers", async () => {
    const other = (await post(admin, makeWorker({ villageCode: '52.03.02.2001' }))).json();
    expect((await get(operator, `/api/workers/${other.id}`)).statusCode).toBe(403);
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/workers/${other.id}`, headers: { cookie: operator }, payload: { name: 'Diubah Orang Lain' } });
    expect(patch.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/workers/${other.id}`, headers: { cookie: operator } })).statusCode).toBe(403);
    expect((await post(operator, makeWorker({ villageCode: '52.03.02.2001' }))).statusCode).toBe(403);
    expect((await get(operator, '/api/workers?village=52.03.02.2001')).statusCode).toBe(403);
    // Unfiltered lists hold only the operator's own village.
    const list = (await get(operator, '/api/workers?pageSize=200')).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((w: { villageCode: string }) => w.villageCode === '52.03.01.2001')).toBe(true);
  });

  it('lets a district office read its district, never write', async () => {
    const mine = (await post(admin, makeWorker({ villageCode: '52.03.01.2002' }))).json();
    const outside = (await post(admin, makeWorker({ villageCode: '52.03.03.2001' }))).json();
    expect((await get(camat, `/api/workers/${mine.id}`)).statusCode).toBe(200);
    expect((await get(camat, `/api/workers/${outside.id}`)).statusCode).toBe(403);
    expect((await post(camat, makeWorker({ villageCode: '52.03.01.2002' }))).statusCode).toBe(403);
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/workers/${mine.id}`, headers: { cookie: camat }, payload: { notes: 'x' } });
    expect(patch.statusCode).toBe(403);
  });

  it('lets BPJS officers read everything but not change the register', async () => {
    const w = (await post(admin, makeWorker({ villageCode: '52.03.10.2001' }))).json();
    expect((await get(bpjs, `/api/workers/${w.id}`)).json().nik).toBe(w.nik);
    expect((await post(bpjs, makeWorker())).statusCode).toBe(403);
  });

  it('masks NIKs in lists for district offices and viewers, not for operators', async () => {
    const w = (await post(operator, makeWorker({ name: 'Masked Nikholder' }))).json();
    const seen = async (cookie: string) => (await get(cookie, '/api/workers?q=Nikholder')).json().items[0];
    expect(await seen(operator)).toMatchObject({ nik: w.nik, nikMasked: false });
    expect(await seen(camat)).toMatchObject({ nik: `${w.nik.slice(0, 6)}******${w.nik.slice(12)}`, nikMasked: true });
    expect(await seen(viewer)).toMatchObject({ nikMasked: true });
    const detail = (await get(viewer, `/api/workers/${w.id}`)).json();
    expect(detail).toMatchObject({ nikMasked: true, phone: null });
  });
});

describe('finding workers', () => {
  it('searches by part of a name, case-insensitively, and by NIK prefix', async () => {
    const w = (await post(admin, makeWorker({ name: 'Baiq Rohani Zulkarnaen', villageCode: '52.03.05.2001' }))).json();
    const byName = (await get(admin, '/api/workers?q=rohani%20zulk')).json();
    expect(byName.items.map((i: { id: string }) => i.id)).toContain(w.id);
    const byNik = (await get(admin, `/api/workers?q=${w.nik.slice(0, 12)}`)).json();
    expect(byNik.items.map((i: { id: string }) => i.id)).toEqual([w.id]);
    const none = (await get(admin, '/api/workers?q=%25')).json();
    expect(none.total).toBe(0);
  });

  it('pages a village list sorted by name, with the total', async () => {
    const village = '52.03.04.2001';
    for (const name of ['Cici Test', 'Aan Test', 'Budi Test']) await post(admin, makeWorker({ name, villageCode: village }));
    const page1 = (await get(admin, `/api/workers?village=${village}&pageSize=2&page=1`)).json();
    const page2 = (await get(admin, `/api/workers?village=${village}&pageSize=2&page=2`)).json();
    expect(page1).toMatchObject({ total: 3, totalIsCapped: false });
    expect([...page1.items, ...page2.items].map((i: { name: string }) => i.name)).toEqual(['Aan Test', 'Budi Test', 'Cici Test']);
    expect(page1.items[0]).toMatchObject({ villageName: expect.any(String), districtCode: '52.03.04' });
  });

  it('filters by district and refuses bad paging values with a clear field', async () => {
    const res = await get(admin, '/api/workers?district=52.03.04&pageSize=1000');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ field: 'pageSize', code: 'FIELD_TOO_BIG' });
    const ok = (await get(admin, '/api/workers?district=52.03.04')).json();
    expect(ok.items.every((w: { districtCode: string }) => w.districtCode === '52.03.04')).toBe(true);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await get(admin, '/api/workers/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const bad = await get(admin, '/api/workers/123');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('id');
  });
});

describe('changing and removing', () => {
  it('updates fields, re-checks against the NIK, and keeps the NIK unique', async () => {
    const w = (await post(operator, makeWorker())).json();
    const patch = (payload: object) =>
      t.app.inject({ method: 'PATCH', url: `/api/workers/${w.id}`, headers: { cookie: operator }, payload });

    const ok = await patch({ phone: '+62 812-3333-4444', occupation: 'trader', monthlyIncome: 2_000_000 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ phone: '081233334444', occupation: 'trader', monthlyIncome: 2_000_000 });

    expect((await patch({ sex: 'F' })).json().error).toMatchObject({ code: 'NIK_SEX_MISMATCH', field: 'sex' });

    // A new NIK brings its own sex and birth date.
    const newNik = makeNik({ sex: 'F', birthDate: '1992-01-20' });
    const moved = await patch({ nik: newNik });
    expect(moved.json()).toMatchObject({ nik: newNik, sex: 'F', birthDate: '1992-01-20' });

    const taken = (await post(operator, makeWorker())).json();
    expect((await patch({ nik: taken.nik })).statusCode).toBe(409);
    expect((await patch({ villageCode: '52.03.02.2001' })).statusCode).toBe(403);
  });

  it('removes a worker from lists and frees the NIK for a new registration', async () => {
    const w = (await post(operator, makeWorker())).json();
    const del = await t.app.inject({ method: 'DELETE', url: `/api/workers/${w.id}`, headers: { cookie: operator } });
    expect(del.statusCode).toBe(204);
    expect((await get(operator, `/api/workers/${w.id}`)).statusCode).toBe(404);
    expect((await get(operator, `/api/workers?q=${w.nik}`)).json().total).toBe(0);
    expect((await post(operator, makeWorker({ nik: w.nik }))).statusCode).toBe(201);
  });
});

describe('protection status', () => {
  async function enrol(workerId: string, paidUntil: Record<'JKK' | 'JKM', string | null>) {
    for (const program of ['JKK', 'JKM'] as const) {
      const id = randomUUID();
      await t.database.db.insert(enrolments).values({ id, workerId, program, startMonth: '2025-01', declaredIncome: 1_000_000, fundingSource: 'APBD' });
      const to = paidUntil[program];
      if (to) {
        await t.database.db.insert(premiumPayments).values({ id: randomUUID(), enrolmentId: id, fromMonth: '2025-01', toMonth: to, amount: 1, fundingSource: 'APBD', paidOn: '2025-01-10' });
      }
    }
  }

  it('derives covered, grace, lapsed and not enrolled from payments on today (2026-11-24)', async () => {
    const make = async () => (await post(operator, makeWorker())).json().id as string;
    const [covered, grace, lapsed, none] = [await make(), await make(), await make(), await make()];
    await enrol(covered, { JKK: '2026-12', JKM: '2026-11' });
    await enrol(grace, { JKK: '2026-12', JKM: '2026-09' });
    await enrol(lapsed, { JKK: '2026-08', JKM: '2026-12' });

    const list = (await get(operator, '/api/workers?pageSize=200')).json().items as { id: string; coverage: object }[];
    const statusOf = (id: string) => list.find((w) => w.id === id)?.coverage;
    expect(statusOf(covered)).toEqual({ status: 'covered', paidUntil: '2026-11' });
    expect(statusOf(grace)).toEqual({ status: 'grace', paidUntil: '2026-09' });
    expect(statusOf(lapsed)).toEqual({ status: 'lapsed', paidUntil: '2026-08' });
    expect(statusOf(none)).toEqual({ status: 'not_enrolled', paidUntil: null });

    const detail = (await get(operator, `/api/workers/${lapsed}`)).json();
    expect(detail.programs).toEqual([
      expect.objectContaining({ program: 'JKK', paidUntil: '2026-08', status: 'lapsed', fundingSource: 'APBD' }),
      expect.objectContaining({ program: 'JKM', paidUntil: '2026-12', status: 'active' }),
    ]);
  });
});
