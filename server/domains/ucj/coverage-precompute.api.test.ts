/**
 * The precomputed coverage (coverage_spans → coverage_deltas, kept by triggers) must equal the figure
 * derived from scratch from the ledger after every kind of write: payments, a reversal, a census import,
 * a BPJS file, an ended participation, a worker moved or deleted, a death reported (and one cancelled), a new
 * grace rule, and a full rebuild.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNik, makeWorker } from '../../test/factories.ts';
import { testApp, type TestApp } from '../../test/test-app.ts';
import { importAndWait } from '../../test/upload.ts';
import { rebuildProtectionHistory } from '../enrolment/protection-history.ts';
import { addMonths } from '../../../core/months.ts';
import { countsByArea } from './coverage.repo.ts';
import { coverageFromScratch } from './coverage-scratch.ts';

let t: TestApp;
let admin: string;
let bpjs: string;
let selfSource: string;
const MONTHLY = 16_800;
const VILLAGES = ['52.03.01.2001', '52.03.01.2002', '52.03.02.2001', '52.03.03.2001'];
const MONTHS = Array.from({ length: 22 }, (_, i) => addMonths('2025-10', i)); // 2025-10 … 2027-07

const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, cookie = admin) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

async function newWorker(villageCode: string, person: { nik: string; birthDate: string } | object = {}): Promise<string> {
  const res = await send('POST', '/api/workers', makeWorker({ villageCode, ...person }));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function enrol(workerId: string, startMonth: string): Promise<string[]> {
  const res = await send('POST', `/api/workers/${workerId}/enrolments`, { programs: ['JKK', 'JKM'], startMonth, declaredIncome: 1_000_000, fundingSource: 'SELF' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().items.map((i: { id: string }) => i.id);
}

async function pay(workerIds: string[], fromMonth: string, toMonth: string): Promise<string> {
  const months = (Number(toMonth.slice(0, 4)) - Number(fromMonth.slice(0, 4))) * 12 + Number(toMonth.slice(5)) - Number(fromMonth.slice(5)) + 1;
  const res = await send('POST', '/api/payments', { sourceId: selfSource, workerIds, fromMonth, toMonth, amount: MONTHLY * months * workerIds.length, paidOn: '2026-11-20' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** Every village and month: precomputed and from scratch, side by side. */
async function expectPrecomputedEqualsScratch(): Promise<void> {
  const scratch = await coverageFromScratch(t.database.db, '52.03', MONTHS);
  for (const month of MONTHS) {
    const precomputed = await countsByArea(t.database.db, '52.03', month, 13);
    const expected = Object.fromEntries([...scratch.get(month)!].filter(([, c]) => c.workers > 0 || c.covered || c.grace || c.lapsed).sort());
    const actual = Object.fromEntries([...precomputed].filter(([, c]) => c.workers > 0 || c.covered || c.grace || c.lapsed).sort());
    expect({ month, counts: actual }).toEqual({ month, counts: expected });
  }
}

const workers: string[] = [];

beforeAll(async () => {
  t = await testApp({ now: new Date('2026-11-25T03:00:00Z') });
  admin = await t.loginAs('admin');
  bpjs = await t.loginAs('bpjs');
  const source = await send('POST', '/api/funding/sources', { kind: 'SELF', regionCode: '52.03', name: 'Mandiri' });
  expect(source.statusCode, source.body).toBe(201);
  selfSource = source.json().id;
  for (const [i, village] of [...VILLAGES, ...VILLAGES, ...VILLAGES].entries()) {
    workers.push(await newWorker(village));
    if (i % 3 !== 2) await enrol(workers[i]!, addMonths('2026-01', i % 5));
  }
});
afterAll(() => t.close());

describe('precomputed coverage equals the from-scratch figure', () => {
  let paymentId = '';

  it('after enrolments and payments (including months paid after a lapse)', async () => {
    await expectPrecomputedEqualsScratch();
    paymentId = await pay([workers[0]!, workers[1]!], '2026-01', '2026-06');
    await pay([workers[3]!], '2026-03', '2026-12');
    await pay([workers[0]!], '2026-10', '2027-03');
    await expectPrecomputedEqualsScratch();
  });

  it('after a payment is reversed', async () => {
    const res = await send('POST', `/api/payments/${paymentId}/reverse`, { reason: 'Salah transfer ke rekening lain' });
    expect(res.statusCode, res.body).toBe(201);
    await expectPrecomputedEqualsScratch();
  });

  it('after a census import adds and updates workers', async () => {
    const rows = ['NIK;Nama;Tanggal Lahir;Jenis Kelamin;Kode Desa;Pekerjaan'];
    for (let i = 0; i < 6; i++) rows.push(`${makeNik({ districtCode: '52.03.02' })};Pekerja Sensus ${'ABCDEF'[i]};1985-07-01;L;52.03.02.2001;Buruh Tani`);
    const { job } = await importAndWait(t.app, 'workers', { cookie: admin, fileName: 'sensus.csv', content: rows.join('\r\n') });
    expect(job).toMatchObject({ status: 'done', created: 6 });
    await expectPrecomputedEqualsScratch();
  });

  it('after a BPJS file enrols registered workers with their paid-until month', async () => {
    const nik = makeNik({ districtCode: '52.03.03', birthDate: '1979-03-03' });
    await newWorker('52.03.03.2001', { nik, birthDate: '1979-03-03' });
    const file = ['No KPJ;NIK;Nama Peserta;Tgl Lahir;Program;Status;Tgl Kepesertaan;Iuran Terakhir', `77000000001;${nik};PEKERJA BPJS;03-03-1979;JKK, JKM;AKTIF;01/02/2026;2026-09`].join(
      '\r\n',
    );
    const { job } = await importAndWait(t.app, 'bpjs', { cookie: bpjs, fileName: 'bpjs.csv', content: file });
    expect(job).toMatchObject({ status: 'done', linkedExact: 1 });
    await expectPrecomputedEqualsScratch();
  });

  it('after corrections: a participation ended, a worker moved to another village, a worker deleted', async () => {
    const [enrolmentId] = await enrol(workers[2]!, '2026-02');
    await pay([workers[2]!], '2026-02', '2026-08');
    const ended = await send('POST', `/api/enrolments/${enrolmentId}/end`, { endedOn: '2026-05-15', reason: 'Pindah ke pekerjaan penerima upah' });
    expect(ended.statusCode, ended.body).toBe(200);
    await expectPrecomputedEqualsScratch();

    const moved = await send('PATCH', `/api/workers/${workers[3]}`, { villageCode: '52.03.02.2001' });
    expect(moved.statusCode, moved.body).toBe(200);
    await expectPrecomputedEqualsScratch();

    const deleted = await send('DELETE', `/api/workers/${workers[1]}`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    await expectPrecomputedEqualsScratch();
  });

  it('after a death is reported (the worker leaves the register, keeps the months protected), and after a death report is cancelled', async () => {
    const report = (workerId: string) =>
      send('POST', '/api/claims', { workerId, event: 'death_natural', eventDate: '2026-11-10', place: 'Rumah', description: 'Meninggal dunia karena sakit.' });
    const died = await report(workers[0]!);
    expect(died.statusCode, died.body).toBe(201);
    await expectPrecomputedEqualsScratch();
    const mistaken = await report(workers[4]!);
    expect(mistaken.statusCode, mistaken.body).toBe(201);
    await expectPrecomputedEqualsScratch();
    const cancelled = await send('POST', `/api/claims/${mistaken.json().id}/cancel`, { reason: 'Dilaporkan keliru' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await expectPrecomputedEqualsScratch();
  });

  it('after a new grace rule, and a rebuild from scratch changes nothing', async () => {
    const rule = await send('POST', '/api/premiums/grace-rules', { months: 3, validFrom: '2026-07', regulation: 'Contoh perubahan ketentuan (uji)' });
    expect(rule.statusCode, rule.body).toBe(201);
    await expectPrecomputedEqualsScratch();

    const snapshot = async () =>
      (await t.database.db.execute(sql`select village_code, month, status, delta from coverage_deltas where delta <> 0 order by 1, 2, 3`)) as unknown as { rows: unknown[] };
    const before = (await snapshot()).rows;
    await rebuildProtectionHistory(t.database.db);
    expect((await snapshot()).rows).toEqual(before);
    await expectPrecomputedEqualsScratch();
  });
});
