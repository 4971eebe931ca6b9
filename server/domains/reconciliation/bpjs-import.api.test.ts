import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNik, makeWorker } from '../../test/factories.ts';
import { testApp, type TestApp } from '../../test/test-app.ts';
import { importAndWait, upload } from '../../test/upload.ts';

const VILLAGE = '52.03.01.2001';
const OTHER_VILLAGE = '52.03.01.2002';
let t: TestApp;
let admin: string;
let bpjs: string;

/**
 * The same NIK with one digit of its birth-date part changed (a typing slip): no real person can hold it,
 * since a NIK encodes its holder's own birth date. (A slip in the serial could be a neighbour's real NIK:
 * such a record goes to review, never linked automatically.)
 */
function oneDigitOff(nik: string): string {
  const i = 11;
  return nik.slice(0, i) + String((Number(nik[i]) + 1) % 10) + nik.slice(i + 1);
}

async function register(overrides: Parameters<typeof makeWorker>[0]) {
  const res = await t.app.inject({ method: 'POST', url: '/api/workers', headers: { cookie: admin }, payload: makeWorker(overrides) });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json() as { id: string; nik: string; name: string };
}

const workers: Record<string, { id: string; nik: string; name: string }> = {};
let file = '';

beforeAll(async () => {
  t = await testApp({ now: new Date('2026-11-24T03:00:00Z') });
  admin = await t.loginAs('admin');
  bpjs = await t.loginAs('bpjs', '52.03');
  workers.exact = await register({ name: 'Lalu Ahmad Zaini', birthDate: '1982-02-10' });
  workers.typo = await register({ name: 'Muhammad Saleh', birthDate: '1980-05-12' });
  // Two different people with the same name and birth date in the same village (cousins named alike).
  workers.twinA = await register({ name: 'Ahmad Fauzi', birthDate: '1990-01-01' });
  workers.twinB = await register({ name: 'Ahmad Fauzi', birthDate: '1990-01-01' });
  workers.uncovered = await register({ name: 'Baiq Rohani', birthDate: '1992-08-09', sex: 'F' });
  workers.lapsed = await register({ name: 'Sahnan', birthDate: '1966-06-06' });
  const outsider = makeNik({ birthDate: '1970-12-12' });
  file = [
    'No KPJ;NIK;Nama Peserta;Tgl Lahir;Program;Status;Tgl Kepesertaan;Iuran Terakhir;Kode Desa',
    `11000000001;${workers.exact.nik};LALU AHMAD ZAINI;10-02-1982;JKK, JKM;AKTIF;01/03/2024;2026-11;${VILLAGE}`,
    `11000000002;${oneDigitOff(workers.typo.nik)};Moh. Saleh;12/05/1980;JKK+JKM;AKTIF;2024-01-01;11/2026;${VILLAGE}`,
    `11000000003;;AHMAD FAUZI;1990-01-01;JKK,JKM;AKTIF;;2026-11;${VILLAGE}`,
    `11000000004;${outsider};Inaq Sahnun;1970-12-12;JKK,JKM;NON AKTIF;;2026-05;${OTHER_VILLAGE}`,
    `;${makeNik()};Tanpa KPJ;1980-01-01;JKK;AKTIF;;;`,
    // Non-active per BPJS, without a paid-until month: three months unpaid by the date of the file.
    `11000000005;${workers.lapsed.nik};SAHNAN;06-06-1966;JKK JKM;NON AKTIF;;;`,
  ].join('\r\n');
});
afterAll(() => t.close());

describe('BPJS participant file', () => {
  let importId = '';

  it('links by exact NIK, links a one-digit NIK typo automatically, queues look-alikes and reports the rest', async () => {
    const { id, job } = await importAndWait(t.app, 'bpjs', { cookie: bpjs, fileName: 'peserta-bpjs.csv', content: file });
    importId = id;
    expect(job).toMatchObject({ status: 'done', created: 5, rejected: 1, linkedExact: 2, linkedAuto: 1, queued: 1, unmatched: 1 });
    expect(job.errors[0]).toMatchObject({ row: 5, field: 'kpj' });
  });

  it('gives each linked worker its enrolments from the file, and coverage follows', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/workers/${workers.exact!.id}`, headers: { cookie: admin } });
    const detail = res.json();
    expect(detail.enrolments).toEqual([
      expect.objectContaining({ program: 'JKK', kpj: '11000000001', status: 'active', paidUntil: '2026-11', source: 'bpjs', reportedOn: '2026-11-24' }),
      expect.objectContaining({ program: 'JKM', kpj: '11000000001', status: 'active', paidUntil: '2026-11', source: 'bpjs' }),
    ]);
    expect(detail.coverage.status).toBe('covered');
    const typo = (await t.app.inject({ method: 'GET', url: `/api/workers/${workers.typo!.id}`, headers: { cookie: admin } })).json();
    expect(typo.enrolments.map((e: { kpj: string }) => e.kpj)).toEqual(['11000000002', '11000000002']);
    const lapsed = (await t.app.inject({ method: 'GET', url: `/api/workers/${workers.lapsed!.id}`, headers: { cookie: admin } })).json();
    expect(lapsed.coverage.status).toBe('lapsed');
    expect(lapsed.enrolments[0]).toMatchObject({ status: 'non_active', statusToday: 'lapsed', paidUntil: '2026-08' });

    const covered = await t.app.inject({ method: 'GET', url: '/api/workers?coverage=covered', headers: { cookie: admin } });
    expect(covered.json().items.map((w: { id: string }) => w.id).sort()).toEqual([workers.exact!.id, workers.typo!.id].sort());
    const uncovered = await t.app.inject({ method: 'GET', url: '/api/workers?coverage=uncovered', headers: { cookie: admin } });
    const ids = uncovered.json().items.map((w: { id: string }) => w.id);
    expect(ids).toContain(workers.uncovered!.id);
    expect(ids).not.toContain(workers.exact!.id);
  });

  it('never links two look-alike people automatically: both wait for an officer, side by side', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/reconciliation/reviews', headers: { cookie: bpjs } });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; participant: { kpj: string; name: string }; worker: { id: string; name: string }; reasons: { code: string; label: string }[] }[];
    const fauzi = items.filter((i) => i.participant.kpj === '11000000003');
    expect(fauzi.map((i) => i.worker.id).sort()).toEqual([workers.twinA!.id, workers.twinB!.id].sort());
    expect(fauzi[0]!.reasons.map((r) => r.code)).toContain('birth_exact');
    expect(fauzi[0]!.reasons.every((r) => r.label.length > 0)).toBe(true);

    // The officer confirms one; the other suggestion for the same participant closes.
    const confirm = await t.app.inject({ method: 'POST', url: `/api/reconciliation/reviews/${fauzi.find((i) => i.worker.id === workers.twinB!.id)!.id}/confirm`, headers: { cookie: bpjs }, payload: {} });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.json()).toMatchObject({ status: 'confirmed', decidedBy: expect.any(String) });
    const twinB = (await t.app.inject({ method: 'GET', url: `/api/workers/${workers.twinB!.id}`, headers: { cookie: admin } })).json();
    expect(twinB.enrolments[0]).toMatchObject({ kpj: '11000000003', status: 'active' });
    // No membership date in the file: protection counts from the months it shows as paid.
    expect(twinB.coverage.status).toBe('covered');
    const twinA = (await t.app.inject({ method: 'GET', url: `/api/workers/${workers.twinA!.id}`, headers: { cookie: admin } })).json();
    expect(twinA.enrolments).toEqual([]);
    const pending = await t.app.inject({ method: 'GET', url: '/api/reconciliation/reviews?status=pending', headers: { cookie: bpjs } });
    expect(pending.json().total).toBe(0);
    const again = await t.app.inject({ method: 'POST', url: `/api/reconciliation/reviews/${fauzi[0]!.id}/confirm`, headers: { cookie: bpjs }, payload: {} });
    expect(again.statusCode).toBe(409);
  });

  it('lists the participants the register does not know', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/reconciliation/unmatched', headers: { cookie: bpjs } });
    expect(res.json().items).toEqual([expect.objectContaining({ kpj: '11000000004', name: 'Inaq Sahnun', status: 'non_active', paidUntil: '2026-05' })]);
  });

  it('changes nothing and keeps the officer’s decisions when the same file comes again', async () => {
    const { job } = await importAndWait(t.app, 'bpjs', { cookie: bpjs, fileName: 'peserta-bpjs.csv', content: file });
    expect(job).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 5, linkedExact: 2, linkedAuto: 1, linkedConfirmed: 1, queued: 0, unmatched: 1 });
    const pending = await t.app.inject({ method: 'GET', url: '/api/reconciliation/reviews?status=pending', headers: { cookie: bpjs } });
    expect(pending.json().total).toBe(0);
    expect(importId).not.toBe('');
  });

  it('enrols a person registered twice at BPJS (one NIK, two KPJ numbers) once, under the active number', async () => {
    const twice = await register({ name: 'Daftar Dua Kali', birthDate: '1979-09-09' });
    const content = [
      'KPJ;NIK;Nama;Program;Status;Iuran Terakhir',
      `33000000001;${twice.nik};DAFTAR DUA KALI;JKK,JKM;NON AKTIF;2025-01`,
      `33000000002;${twice.nik};DAFTAR DUA KALI;JKK,JKM;AKTIF;2026-11`,
    ].join('\n');
    const { job } = await importAndWait(t.app, 'bpjs', { cookie: bpjs, fileName: 'ganda.csv', content });
    expect(job).toMatchObject({ status: 'done', linkedExact: 2 });
    const detail = (await t.app.inject({ method: 'GET', url: `/api/workers/${twice.id}`, headers: { cookie: admin } })).json();
    expect(detail.enrolments).toEqual([
      expect.objectContaining({ program: 'JKK', kpj: '33000000002', status: 'active' }),
      expect.objectContaining({ program: 'JKM', kpj: '33000000002', status: 'active' }),
    ]);
  });

  it('is for BPJS officers and the regency office only', async () => {
    const operator = await t.loginAs('village', VILLAGE);
    const refused = await upload(t.app, '/api/imports/bpjs', { cookie: operator, fileName: 'p.csv', content: file });
    expect(refused.statusCode).toBe(403);
    const queue = await t.app.inject({ method: 'GET', url: '/api/reconciliation/reviews', headers: { cookie: operator } });
    expect(queue.statusCode).toBe(403);
  });
});
