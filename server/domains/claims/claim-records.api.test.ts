/**
 * The rest of a claim's record through the API: heirs and their checks, what BPJS holds (the JKM
 * scholarship's 3-year rule), re-checking protection after late payments, correcting the day of death,
 * rejection and appeal, hand-over ceremonies and their files, the totals file, settings and benefit rates.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childHeir, claimKit, INJURY_DOCUMENTS, spouseHeir, type ClaimKit } from '../../test/claim-kit.ts';
import { makeNik } from '../../test/factories.ts';
import { pdfText } from '../../test/pdf-text.ts';
import { testApp, type TestApp } from '../../test/test-app.ts';
import { loadBenefitRates } from './benefit-rates.ts';
import { attentionDayOf, loadBundle } from './claim-view.ts';
import { findClaimIdsAfter, findClaimsByIds } from './claims.repo.ts';

let t: TestApp;
let kit: ClaimKit;
let admin: string;
let operator: string;
let otherOperator: string;
let camat: string;
let bpjs: string;
let viewer: string;

const VILLAGE = '52.03.01.2001';
const OTHER_VILLAGE = '52.03.02.2001';

beforeAll(async () => {
  t = await testApp({ now: new Date('2026-11-20T03:00:00Z') });
  admin = await t.loginAs('admin');
  operator = await t.loginAs('village', VILLAGE);
  otherOperator = await t.loginAs('village', OTHER_VILLAGE);
  camat = await t.loginAs('district', '52.03.01');
  bpjs = await t.loginAs('bpjs');
  viewer = await t.loginAs('viewer');
  kit = await claimKit(t, admin);
});
afterAll(() => t.close());

async function xlsxRows(body: Buffer, sheet: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.getWorksheet(sheet)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('heirs', () => {
  it('checks each heir: a valid NIK, not the participant, not twice; one payee; the legal order decides who is entitled', async () => {
    const w = await kit.worker(VILLAGE);
    await kit.insure(w.id, '2026-01', '2026-12');
    const claim = (await kit.report(operator, w.id)).json();
    expect(claim.heirs).toEqual([]);

    const parent = await kit.send('POST', operator, `/api/claims/${claim.id}/heirs`, { nik: makeNik({ districtCode: '52.03.01', sex: 'F', birthDate: '1955-02-02' }), name: 'Inaq Sumiati', relation: 'parent' });
    expect(parent.statusCode, parent.body).toBe(201);
    expect(parent.json().heirs[0]).toMatchObject({ relation: 'parent', rank: 2, entitled: true, sex: 'F', birthDate: '1955-02-02' });

    const spouse = spouseHeir();
    const withSpouse = (await kit.send('POST', operator, `/api/claims/${claim.id}/heirs`, spouse)).json();
    // The widow comes first: the mother now waits behind her.
    expect(withSpouse.heirs.map((h: { relation: string; entitled: boolean }) => [h.relation, h.entitled])).toEqual([
      ['parent', false],
      ['spouse', true],
    ]);
    expect(withSpouse.missing.map((d: { code: string }) => d.code)).toContain('marriage_book');

    const twice = await kit.send('POST', operator, `/api/claims/${claim.id}/heirs`, { ...spouse, name: 'Baiq Lain' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'HEIR_EXISTS', field: 'nik' });
    const self = await kit.send('POST', operator, `/api/claims/${claim.id}/heirs`, { nik: w.nik, name: 'Diri Sendiri', relation: 'sibling' });
    expect(self.json().error).toMatchObject({ code: 'HEIR_IS_PARTICIPANT', field: 'nik' });
    const badNik = await kit.send('POST', operator, `/api/claims/${claim.id}/heirs`, { nik: '5203019913850001', name: 'Salah Tanggal', relation: 'sibling' });
    expect(badNik.statusCode).toBe(400);
    expect(badNik.json().error.field).toBe('nik');
    const badRelation = await kit.send('POST', operator, `/api/claims/${claim.id}/heirs`, { nik: makeNik(), name: 'Tetangga', relation: 'neighbour' });
    expect(badRelation.json().error.field).toBe('relation');
    expect((await kit.send('POST', camat, `/api/claims/${claim.id}/heirs`, childHeir('2015-01-01', 'SD'))).statusCode).toBe(403);

    // The mother becomes the payee: the widow no longer is.
    const motherId = withSpouse.heirs[0].id;
    const payee = (await kit.send('PATCH', operator, `/api/claims/${claim.id}/heirs/${motherId}`, { isPayee: true })).json();
    expect(payee.heirs.map((h: { isPayee: boolean }) => h.isPayee)).toEqual([true, false]);
    const removed = (await kit.send('DELETE', operator, `/api/claims/${claim.id}/heirs/${withSpouse.heirs[1].id}`)).json();
    expect(removed.heirs).toHaveLength(1);
    expect(removed.missing.map((d: { code: string }) => d.code)).not.toContain('marriage_book');
  });
});

describe('the JKM scholarship needs three years of contributions', () => {
  it('is refused on Jaring’s own count, and granted once BPJS records a longer one', async () => {
    const w = await kit.worker(VILLAGE);
    await kit.insure(w.id, '2025-01', '2026-12');
    const claim = (await kit.report(operator, w.id, { heirs: [spouseHeir(), childHeir('2016-02-01', 'SD')] })).json();
    expect(claim.contributionMonths).toBe(23);
    expect(claim.estimate.scholarship.eligible).toBe(false);
    expect(claim.scholarships[0]).toMatchObject({ eligible: false, totalEntitlement: 0 });
    expect(claim.scholarships[0].reason).toContain('36 bulan');
    const childId = claim.heirs[1].id;
    const refused = await kit.send('POST', operator, `/api/claims/${claim.id}/scholarships`, { heirId: childId, year: 2026, schoolLevel: 'SD' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('SCHOLARSHIP_NOT_ELIGIBLE');

    expect((await kit.send('PATCH', operator, `/api/claims/${claim.id}`, { contributionMonthsBpjs: 48 })).statusCode).toBe(403);
    const recorded = await kit.send('PATCH', bpjs, `/api/claims/${claim.id}`, { contributionMonthsBpjs: 48 });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toMatchObject({ contributionMonths: 23, contributionMonthsBpjs: 48, estimate: { scholarship: { eligible: true } } });
    const granted = await kit.send('POST', operator, `/api/claims/${claim.id}/scholarships`, { heirId: childId, year: 2026, schoolLevel: 'SD' });
    expect(granted.statusCode, granted.body).toBe(201);
    // A scholarship claim follows its parent: its event facts cannot be changed on their own.
    expect((await kit.send('PATCH', operator, `/api/claims/${granted.json().id}`, { place: 'Lain' })).json().error.code).toBe('SCHOLARSHIP_FIXED');
    // The parent cannot be cancelled while a scholarship claim hangs under it.
    expect((await kit.send('POST', operator, `/api/claims/${claim.id}/cancel`, { reason: 'Keliru' })).json().error.code).toBe('CLAIM_HAS_SCHOLARSHIPS');
  });
});

describe('protection checked again', () => {
  it('a worker behind on premiums is not eligible; arrears paid after the event change nothing, a payment made before it and recorded late does', async () => {
    const w = await kit.worker(VILLAGE);
    await kit.insure(w.id, '2026-01', '2026-03');
    const claim = (await kit.report(operator, w.id, { event: 'work_accident_injury', eventDate: '2026-08-03', description: 'Tangan terluka mesin perontok.', incapacityDays: 30 })).json();
    expect(claim).toMatchObject({ status: 'not_eligible', program: 'JKK' });
    // Receiving documents is allowed; the claim still cannot move on.
    await kit.receive(operator, claim.id, INJURY_DOCUMENTS);
    expect((await kit.send('POST', bpjs, `/api/claims/${claim.id}/submit`, {})).json().error.code).toBe('CLAIM_NOT_ELIGIBLE');

    // Arrears paid after the accident do not cover it…
    await kit.pay(w.id, '2026-04', '2026-06', { paidOn: '2026-08-10' });
    expect((await kit.send('POST', operator, `/api/claims/${claim.id}/recheck`)).json()).toMatchObject({ status: 'not_eligible', eligible: false });
    // …but a payment made before it and recorded late does (here: months paid in July).
    await kit.pay(w.id, '2026-07', '2026-12', { paidOn: '2026-07-05' });
    const rechecked = await kit.send('POST', operator, `/api/claims/${claim.id}/recheck`);
    expect(rechecked.statusCode, rechecked.body).toBe(200);
    // Eligible now, and the checklist was already complete.
    expect(rechecked.json()).toMatchObject({ status: 'documents_complete', eligible: true, ineligibleReason: null, estimatedAmount: 1_000_000 });
    expect(rechecked.json().timeline.map((s: { step: string }) => s.step)).toEqual(['not_eligible', 'rechecked', 'rechecked', 'documents_complete']);

    // BPJS finds a permanent disability: 56 × income replaces the days off work.
    const outcome = await kit.send('PATCH', bpjs, `/api/claims/${claim.id}`, { injuryOutcome: 'permanent_disability' });
    expect(outcome.json()).toMatchObject({ injuryOutcome: 'permanent_disability', estimatedAmount: 56_000_000 });
  });

  it('correcting the day of death moves the end of the participations and the worker’s day of death', async () => {
    const w = await kit.worker(VILLAGE);
    await kit.insure(w.id, '2026-01', '2026-12');
    const claim = (await kit.report(operator, w.id, { eventDate: '2026-11-10' })).json();
    const moved = await kit.send('PATCH', operator, `/api/claims/${claim.id}`, { eventDate: '2026-11-03' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().eventDate).toBe('2026-11-03');
    expect((await kit.get(admin, `/api/workers/${w.id}`)).json().deceasedOn).toBe('2026-11-03');
    const enrolments = (await kit.get(admin, `/api/workers/${w.id}/enrolments`)).json().items;
    expect(enrolments.map((e: { endedOn: string }) => e.endedOn)).toEqual(['2026-11-04', '2026-11-04']);
    // A deceased worker is not enrolled again, nor funded.
    const again = await kit.send('POST', admin, `/api/workers/${w.id}/enrolments`, { programs: ['JKK', 'JKM'], startMonth: '2026-12', declaredIncome: 1_000_000, fundingSource: 'SELF' });
    expect(again.json().error.code).toBe('WORKER_DECEASED');
  });
});

describe('rejection and appeal', () => {
  it('needs a reason to reject; a rejected claim can be reopened and submitted again', async () => {
    const w = await kit.worker(VILLAGE);
    await kit.insure(w.id, '2026-01', '2026-12');
    const claim = (await kit.report(operator, w.id, { event: 'work_accident_injury', eventDate: '2026-11-02', incapacityDays: 10 })).json();
    await kit.receive(operator, claim.id, INJURY_DOCUMENTS);
    await kit.send('POST', bpjs, `/api/claims/${claim.id}/submit`, {});
    expect((await kit.send('POST', bpjs, `/api/claims/${claim.id}/reject`, {})).json().error).toMatchObject({ code: 'REASON_REQUIRED', field: 'reason' });
    const rejected = (await kit.send('POST', bpjs, `/api/claims/${claim.id}/reject`, { reason: 'Kecelakaan terjadi di luar jam kerja' })).json();
    expect(rejected).toMatchObject({ status: 'rejected', can: { actions: ['reopen'] } });
    expect(rejected.timeline.at(-1)).toMatchObject({ step: 'rejected', note: 'Kecelakaan terjadi di luar jam kerja' });
    const reopened = (await kit.send('POST', bpjs, `/api/claims/${claim.id}/reopen`, { reason: 'Banding: saksi menyatakan saat bekerja' })).json();
    expect(reopened.status).toBe('documents_complete');
    expect((await kit.send('POST', bpjs, `/api/claims/${claim.id}/approve`, {})).json().error.code).toBe('CLAIM_STEP_NOT_ALLOWED');
    expect((await kit.send('POST', bpjs, `/api/claims/${claim.id}/submit`, {})).json().status).toBe('submitted');
  });
});

describe('hand-over ceremonies', () => {
  let paid: { id: string; number: string };
  let openClaimId = '';
  let handoverId = '';

  beforeAll(async () => {
    const w = await kit.worker(VILLAGE);
    await kit.insure(w.id, '2022-01', '2026-12');
    paid = await kit.paidDeathClaim(operator, w.id, [spouseHeir({ name: 'Baiq Sri Wahyuni' }), childHeir('2015-06-01', 'SD', 'Lalu Rizki Pratama')], '2026-11-18');
    const other = await kit.worker(VILLAGE);
    await kit.insure(other.id, '2026-01', '2026-12');
    openClaimId = (await kit.report(operator, other.id)).json().id;
  });

  it('takes paid claims only, and only from the manpower office or BPJS', async () => {
    const body = { name: 'Penyerahan santunan JKM Kecamatan Keruak', heldOn: '2026-11-28', place: 'Kantor Camat Keruak', claimIds: [paid.id, openClaimId] };
    const unpaid = await kit.send('POST', admin, '/api/claims/handovers', body);
    expect(unpaid.statusCode).toBe(409);
    expect(unpaid.json().error.code).toBe('CLAIM_NOT_PAID');
    expect((await kit.send('POST', operator, '/api/claims/handovers', { ...body, claimIds: [paid.id] })).statusCode).toBe(403);
    const created = await kit.send('POST', bpjs, '/api/claims/handovers', { ...body, claimIds: [paid.id] });
    expect(created.statusCode, created.body).toBe(201);
    handoverId = created.json().id;
    expect(created.json()).toMatchObject({ claims: 1, amount: 42_000_000 });
    expect(created.json().recipients[0]).toMatchObject({
      claimNumber: paid.number,
      villageName: 'Tanjung Luar',
      recipients: [{ name: 'Baiq Sri Wahyuni', relation: 'Suami/istri (janda/duda)' }],
      benefit: 'JKM — santunan kematian',
      amount: 42_000_000,
    });
    expect((await kit.get(viewer, `/api/claims/handovers/${handoverId}`)).statusCode).toBe(403);
    // Another village sees the ceremony but none of this village's families.
    expect((await kit.get(otherOperator, `/api/claims/handovers/${handoverId}`)).json().recipients).toEqual([]);
    expect((await kit.get(camat, '/api/claims/handovers')).json().items.map((h: { id: string }) => h.id)).toContain(handoverId);
  });

  it('prints the list of recipients as XLSX and PDF, each naming the heir and the amount, and audits the export', async () => {
    const xlsx = await kit.get(admin, `/api/claims/handovers/${handoverId}/recipients.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('.xlsx');
    const rows = await xlsxRows(xlsx.rawPayload, 'Penerima');
    const line = rows.find((r) => r[1] === paid.number)!;
    expect(line.slice(2, 8)).toEqual(['Tanjung Luar', 'Keruak', expect.any(String), 'Baiq Sri Wahyuni (suami/istri (janda/duda))', 'JKM — santunan kematian', 42_000_000]);
    const pdf = await kit.get(admin, `/api/claims/handovers/${handoverId}/recipients.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('Baiq Sri Wahyuni');
    expect(text).toContain('Rp42.000.000');
    const audit = (await kit.get(admin, `/api/audit?entity=claim_handover&id=${handoverId}`)).json();
    expect(audit.items.filter((e: { action: string }) => e.action === 'export')).toHaveLength(2);
  });
});

describe('the totals file adds up to the published figure', () => {
  it('lists every payment that counts; its amounts sum to the total', async () => {
    const totals = (await kit.get(admin, '/api/claims/totals?by=kind')).json();
    expect(totals.total).toBeGreaterThanOrEqual(42_000_000);
    const file = await kit.get(admin, '/api/claims/totals.xlsx?by=kind');
    expect(file.statusCode).toBe(200);
    const lines = await xlsxRows(file.rawPayload, 'Pembayaran');
    const amounts = lines.filter((r) => typeof r[0] === 'string' && /^KLM-/.test(r[0] as string)).map((r) => r[6] as number);
    expect(amounts).toHaveLength(totals.payments);
    expect(amounts.reduce((s, a) => s + a, 0)).toBe(totals.total);
    const summary = await xlsxRows(file.rawPayload, 'Ringkasan');
    expect(summary.some((r) => r[0] === 'Santunan sekaligus')).toBe(true);
    expect((await kit.get(otherOperator, '/api/claims/totals?region=52.03')).statusCode).toBe(403);
    expect((await kit.get(admin, '/api/claims/totals?from=2026-12-01&to=2026-11-01')).json().error.code).toBe('PERIOD_REVERSED');
  });
});

describe('settings and benefit rates', () => {
  it('deadlines and holidays are the admin’s, validated', async () => {
    const settings = { documentsDays: 21, decisionWorkingDays: 7, paymentWorkingDays: 7, holidays: [{ date: '2026-12-25', name: 'Hari Raya Natal' }] };
    expect((await kit.send('PUT', bpjs, '/api/claims/settings', settings)).statusCode).toBe(403);
    const bad = await kit.send('PUT', admin, '/api/claims/settings', { ...settings, holidays: [{ date: '2026-13-01', name: 'X' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('holidays.0.date');
    expect((await kit.send('PUT', admin, '/api/claims/settings', settings)).json()).toEqual(settings);
    expect((await kit.get(operator, '/api/claims/settings')).json().documentsDays).toBe(21);
  });

  it('a regulation change is a new dated row; events from its day are paid by it', async () => {
    const rates = (await kit.get(operator, '/api/benefits/rates')).json().items;
    expect(rates).toHaveLength(1);
    expect(rates[0]).toMatchObject({ validFrom: '2019-12-02', validUntil: null, regulation: 'PP 44/2015 jo. PP 82/2019' });
    const next = { validFrom: '2027-01-01', regulation: 'PP uji 2027 (contoh)', amounts: { ...rates[0].amounts, jkmLumpSum: 25_000_000 } };
    expect((await kit.send('POST', operator, '/api/benefits/rates', next)).statusCode).toBe(403);
    const created = await kit.send('POST', admin, '/api/benefits/rates', next);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().items[0].validUntil).toBe('2026-12-31');
    expect((await kit.send('POST', admin, '/api/benefits/rates', next)).json().error).toMatchObject({ code: 'RATE_EXISTS', field: 'validFrom' });
    const estimate = (eventDate: string) =>
      kit.send('POST', operator, '/api/benefits/estimate', { program: 'JKM', event: 'death', declaredIncome: 1_000_000, contributionMonths: 12, eventDate, children: [] });
    expect((await estimate('2026-12-31')).json().total).toBe(42_000_000);
    expect((await estimate('2027-01-02')).json()).toMatchObject({ total: 47_000_000, regulation: 'PP uji 2027 (contoh)' });
    const invalid = await kit.send('POST', admin, '/api/benefits/rates', { ...next, validFrom: '2028-01-01', amounts: { ...next.amounts, funeral: -1 } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.field).toBe('amounts.funeral');
  });
});

describe('the public page', () => {
  it('shows benefits paid in the regency only once five claims make the total, naming no one', async () => {
    const publicCoverage = async () => (await t.app.inject({ method: 'GET', url: '/api/public/coverage' })).json();
    const paidSoFar = (await kit.get(admin, '/api/claims/totals')).json();
    expect(paidSoFar.claims).toBeLessThan(5);
    expect((await publicCoverage()).benefitsPaid).toBeNull();
    for (let i = paidSoFar.claims; i < 5; i++) {
      const w = await kit.worker(VILLAGE);
      await kit.insure(w.id, '2026-01', '2026-12');
      await kit.paidDeathClaim(operator, w.id, [spouseHeir({ name: 'Janda Uji Publik' })], '2026-11-18');
    }
    const totals = (await kit.get(admin, '/api/claims/totals')).json();
    const shown = await publicCoverage();
    expect(shown.benefitsPaid).toEqual({ amount: totals.total, claims: 5 });
    expect(JSON.stringify(shown)).not.toContain('Janda Uji Publik');
  });
});

describe('needs action', () => {
  it('after heirs, re-checks, appeals, ceremonies, new deadlines and new rates, every claim’s first day of attention is the one derived from scratch', async () => {
    const rows = await findClaimIdsAfter(t.database.db, null, 1000).then((ids) => findClaimsByIds(t.database.db, ids));
    const bundle = await loadBundle(t.database.db, rows, await loadBenefitRates(t.database.db), false);
    expect(Object.fromEntries(rows.map((r) => [r.number, r.attentionOn]))).toEqual(Object.fromEntries(rows.map((r) => [r.number, attentionDayOf(r, bundle)])));
  });
});
