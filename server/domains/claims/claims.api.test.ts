/**
 * Claims through the HTTP API, as the village, the BPJS branch and the manpower office use them: a death
 * reported by the village operator, protection on the day checked from enrolments and payments, the
 * checklist gate, the workflow to payment, heirs' payments in the totals, scopes and the audit trail.
 * "Today" is a clock the tests move (the JKK 7-working-day deadline needs days to pass).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childHeir as child, claimKit, INJURY_DOCUMENTS, JKM_DOCUMENTS, spouseHeir as heir, type ClaimKit } from '../../test/claim-kit.ts';
import { makeNik } from '../../test/factories.ts';
import { testApp, type TestApp } from '../../test/test-app.ts';
import { loadBenefitRates } from './benefit-rates.ts';
import { attentionDayOf, loadBundle } from './claim-view.ts';
import { findClaimIdsAfter, findClaimsByIds } from './claims.repo.ts';

let t: TestApp;
let kit: ClaimKit;
let admin: string;
let operator: string; // village operator of Tanjung Luar (52.03.01.2001)
let otherOperator: string; // village operator of 52.03.02.2001
let camat: string; // district office of 52.03.01
let bpjs: string;
let viewer: string;
let clock = new Date('2026-11-20T03:00:00Z'); // Friday 20 November 2026, WITA

const VILLAGE = '52.03.01.2001';
const OTHER_VILLAGE = '52.03.02.2001';

const get = (cookie: string, url: string) => kit.get(cookie, url);
const send = (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', cookie: string, url: string, payload?: object) => kit.send(method, cookie, url, payload);
const worker = (villageCode = VILLAGE, overrides: Parameters<ClaimKit['worker']>[1] = {}) => kit.worker(villageCode, overrides);
const insured = (workerId: string, startMonth: string, paidTo: string | null, declaredIncome?: number) => kit.insure(workerId, startMonth, paidTo, declaredIncome);
const report = (cookie: string, workerId: string, body?: Record<string, unknown>) => kit.report(cookie, workerId, body);
const receiveAll = async (cookie: string, claimId: string, codes: readonly string[], on?: string) => (await kit.receive(cookie, claimId, codes, on)) as Record<string, any>;

function setToday(day: string): void {
  clock = new Date(`${day}T03:00:00Z`);
}

beforeAll(async () => {
  // Sessions outlive the days the clock is moved forward.
  t = await testApp({ now: () => clock, env: { SESSION_TTL_HOURS: '100000' } });
  admin = await t.loginAs('admin');
  operator = await t.loginAs('village', VILLAGE);
  otherOperator = await t.loginAs('village', OTHER_VILLAGE);
  camat = await t.loginAs('district', '52.03.01');
  bpjs = await t.loginAs('bpjs');
  viewer = await t.loginAs('viewer');
  kit = await claimKit(t, admin);
});
afterAll(() => t.close());

describe('POST /api/benefits/estimate', () => {
  it('JKM death: Rp42.000.000 in its three parts, scholarship apart', async () => {
    const res = await send('POST', operator, '/api/benefits/estimate', {
      program: 'JKM',
      event: 'death',
      declaredIncome: 1_000_000,
      contributionMonths: 48,
      eventDate: '2026-11-10',
      children: [{ birthDate: '2016-02-01', schoolLevel: 'SD' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items.map((i: { code: string; amount: number }) => [i.code, i.amount])).toEqual([
      ['lump_sum', 20_000_000],
      ['periodic', 12_000_000],
      ['funeral', 10_000_000],
    ]);
    expect(body.total).toBe(42_000_000);
    expect(body.scholarship.eligible).toBe(true);
    // Aged 10 in SD: the rest of SD (6 years at Rp1,5 juta, counted from this school year), SMP, SMA, and PT until 23.
    expect(body.scholarship.children[0]).toMatchObject({ yearlyAmount: 1_500_000 });
    expect(body.scholarship.children[0].schedule[0]).toMatchObject({ year: 2026, schoolYear: '2026/2027', level: 'SD' });
  });

  it('JKK death: 48 × declared income plus periodic and funeral; a third child gets nothing, with the reason', async () => {
    const res = await send('POST', operator, '/api/benefits/estimate', {
      program: 'JKK',
      event: 'death',
      declaredIncome: 2_500_000,
      contributionMonths: 2,
      eventDate: '2026-11-10',
      children: [
        { birthDate: '2012-01-01', schoolLevel: 'SMP' },
        { birthDate: '2015-01-01', schoolLevel: 'SD' },
        { birthDate: '2019-01-01', schoolLevel: 'TK' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.total).toBe(48 * 2_500_000 + 12_000_000 + 10_000_000);
    expect(body.total).toBe(body.items.reduce((s: number, i: { amount: number }) => s + i.amount, 0));
    expect(body.scholarship.children).toHaveLength(3);
    expect(body.scholarship.children[0].yearlyAmount).toBe(2_000_000);
    expect(body.scholarship.children[1].yearlyAmount).toBe(1_500_000);
    expect(body.scholarship.children[2]).toMatchObject({ yearlyAmount: 0, totalEntitlement: 0 });
    expect(body.scholarship.children[2].reason).toContain('2 anak');
  });

  it('answers 400 with the field to fix', async () => {
    const wrong = await send('POST', operator, '/api/benefits/estimate', { program: 'JKX', event: 'death', declaredIncome: 1, contributionMonths: 1, eventDate: '2026-11-10', children: [] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.field).toBe('program');
    const jkmDisability = await send('POST', operator, '/api/benefits/estimate', { program: 'JKM', event: 'permanent_disability', declaredIncome: 1_000_000, contributionMonths: 1, eventDate: '2026-11-10', children: [] });
    expect(jkmDisability.statusCode).toBe(400);
    expect(jkmDisability.json().error).toMatchObject({ code: 'EVENT_NOT_COVERED', field: 'event' });
    const level = await send('POST', operator, '/api/benefits/estimate', { program: 'JKM', event: 'death', declaredIncome: 1_000_000, contributionMonths: 40, eventDate: '2026-11-10', children: [{ birthDate: '2015-01-01', schoolLevel: 'S1' }] });
    expect(level.statusCode).toBe(400);
    expect(level.json().error.field).toBe('children.0.schoolLevel');
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/benefits/estimate', payload: { program: 'JKM', event: 'death', declaredIncome: 1_000_000, contributionMonths: 1, eventDate: '2026-11-10', children: [] } });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('reporting an event', () => {
  it('tells at once whether the worker was protected on the day, across a lapse', async () => {
    // Paid January–March 2026; grace April–May (two months), lapsed from June.
    const w = await worker();
    await insured(w.id, '2026-01', '2026-03');
    const check = (eventDate: string) => get(operator, `/api/claims/check?workerId=${w.id}&event=death_natural&eventDate=${eventDate}`);
    const inGrace = (await check('2026-05-31')).json();
    expect(inGrace).toMatchObject({ eligible: true, program: 'JKM', type: 'jkm_death' });
    expect(inGrace.protection.find((p: { program: string }) => p.program === 'JKM')).toMatchObject({ status: 'grace', protected: true, paidUntil: '2026-03' });
    expect(inGrace.estimate.total).toBe(42_000_000);
    const lapsed = (await check('2026-06-01')).json();
    expect(lapsed).toMatchObject({ eligible: false, program: 'JKM', estimate: null });
    expect(lapsed.reason).toContain('nonaktif');
    expect(lapsed.reason).toContain('Maret 2026');
    // A work-accident death the same day: JKK decides, and it lapsed too.
    const jkk = (await get(operator, `/api/claims/check?workerId=${w.id}&event=death_work_accident&eventDate=2026-04-15`)).json();
    expect(jkk).toMatchObject({ eligible: true, program: 'JKK', type: 'jkk_death' });
  });

  it('records an unprotected worker too, as not eligible with the reason; it cannot be submitted', async () => {
    const w = await worker();
    await insured(w.id, '2026-01', '2026-03');
    const res = await report(operator, w.id, { eventDate: '2026-08-03' });
    expect(res.statusCode, res.body).toBe(201);
    const claim = res.json();
    expect(claim).toMatchObject({ status: 'not_eligible', eligible: false, estimatedAmount: 0, estimate: null, missing: [] });
    expect(claim.ineligibleReason).toContain('nonaktif');
    expect(claim.number).toMatch(/^KLM-2026-\d{5}$/);
    const submit = await send('POST', bpjs, `/api/claims/${claim.id}/submit`, {});
    expect(submit.statusCode).toBe(409);
    expect(submit.json().error.code).toBe('CLAIM_NOT_ELIGIBLE');
  });

  it('refuses a date in the future, a second death, and a worker outside the operator’s village', async () => {
    const w = await worker();
    await insured(w.id, '2026-01', '2026-12');
    const future = await report(operator, w.id, { eventDate: '2026-11-21' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toMatchObject({ code: 'EVENT_IN_FUTURE', field: 'eventDate' });
    const missing = await send('POST', operator, '/api/claims', { workerId: w.id, event: 'death_natural', eventDate: '2026-11-10' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe('place');
    expect((await report(operator, w.id)).statusCode).toBe(201);
    const again = await report(operator, w.id, { eventDate: '2026-11-11' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CLAIM_DEATH_EXISTS');
    const elsewhere = await worker(OTHER_VILLAGE);
    expect((await report(operator, elsewhere.id)).statusCode).toBe(404);
    expect((await report(camat, w.id, { event: 'work_accident_injury', eventDate: '2026-11-01' })).statusCode).toBe(403);
  });
});

describe('a death claim from the village to the heirs', () => {
  let w: { id: string; nik: string; name: string };
  let claimId = '';
  let spouseId = '';

  it('the village operator reports the death with the heirs; the participations end and the worker leaves the register', async () => {
    setToday('2026-11-20');
    w = await worker(VILLAGE, { birthDate: '1980-05-05', sex: 'M', nik: makeNik({ districtCode: '52.03.01', sex: 'M', birthDate: '1980-05-05' }) });
    await insured(w.id, '2022-01', '2026-12');
    const before = (await get(admin, `/api/coverage/headline?region=${VILLAGE}`)).json();
    const res = await report(operator, w.id, {
      heirs: [heir(), child('2016-02-01', 'SD', 'Lalu Ahmad Fauzi'), child('2024-03-01', 'none', 'Baiq Nur Aini')],
    });
    expect(res.statusCode, res.body).toBe(201);
    const claim = res.json();
    claimId = claim.id;
    spouseId = claim.heirs[0].id;
    expect(claim).toMatchObject({ status: 'reported', eligible: true, type: 'jkm_death', program: 'JKM', estimatedAmount: 42_000_000, contributionMonths: 59 });
    expect(claim.protection.find((p: { program: string }) => p.program === 'JKM')).toMatchObject({ status: 'active', protected: true });
    expect(claim.heirs.map((h: { relation: string; entitled: boolean; rank: number }) => [h.relation, h.entitled, h.rank])).toEqual([
      ['spouse', true, 1],
      ['child', true, 1],
      ['child', true, 1],
    ]);
    // The spouse is an heir: the marriage book joins the seven JKM documents.
    expect(claim.missing.map((d: { code: string }) => d.code)).toEqual([...JKM_DOCUMENTS, 'marriage_book']);
    // Two children under 23, scholarship path from this school year; the younger starts when she enters school.
    expect(claim.scholarships).toHaveLength(2);
    expect(claim.scholarships[0]).toMatchObject({ name: 'Lalu Ahmad Fauzi', eligible: true, next: { year: 2026, schoolYear: '2026/2027', state: 'due' } });
    // Aged 2: kindergarten from the school year she turns 4 (2028/2029).
    expect(claim.scholarships[1].next).toMatchObject({ year: 2028, dueOn: '2028-07-01', state: 'upcoming' });
    expect(claim.timeline.map((s: { step: string; actor: string }) => s.step)).toEqual(['reported']);

    const enrolments = (await get(admin, `/api/workers/${w.id}/enrolments`)).json().items;
    expect(enrolments.map((e: { endedOn: string }) => e.endedOn)).toEqual(['2026-11-11', '2026-11-11']);
    const person = (await get(admin, `/api/workers/${w.id}`)).json();
    expect(person.deceasedOn).toBe('2026-11-10');
    const after = (await get(admin, `/api/coverage/headline?region=${VILLAGE}`)).json();
    expect(after.region.workers).toBe(before.region.workers - 1);
  });

  it('cannot be submitted until the checklist is complete, and says what is missing', async () => {
    const early = await send('POST', bpjs, `/api/claims/${claimId}/submit`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('DOCUMENTS_INCOMPLETE');
    expect(early.json().error.message).toContain('Buku nikah');
    const almost = await receiveAll(operator, claimId, JKM_DOCUMENTS);
    expect(almost.status).toBe('reported');
    expect(almost.missing).toEqual([{ code: 'marriage_book', label: 'Buku nikah (ahli waris suami/istri)' }]);
    const complete = await receiveAll(operator, claimId, ['marriage_book']);
    expect(complete.status).toBe('documents_complete');
    expect(complete.missing).toEqual([]);
    // Withdrawn by mistake: back to reported; marked again: complete.
    const withdrawn = await send('DELETE', operator, `/api/claims/${claimId}/documents/marriage_book`);
    expect(withdrawn.json().status).toBe('reported');
    expect((await receiveAll(operator, claimId, ['marriage_book'])).status).toBe('documents_complete');
  });

  it('only BPJS officers and the manpower office move it to submission, approval and payment', async () => {
    expect((await send('POST', operator, `/api/claims/${claimId}/submit`, {})).statusCode).toBe(403);
    const submitted = await send('POST', bpjs, `/api/claims/${claimId}/submit`, { on: '2026-11-20' });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', can: { edit: true, actions: ['approve', 'reject'] } });
    // Documents are with BPJS now.
    expect((await send('DELETE', operator, `/api/claims/${claimId}/documents/kpj_card`)).json().error.code).toBe('CLAIM_LOCKED');
    setToday('2026-11-24');
    const approved = await send('POST', bpjs, `/api/claims/${claimId}/approve`, { on: '2026-11-24' });
    expect(approved.json()).toMatchObject({ status: 'approved', approvedAmount: 42_000_000 });
    // Paying more than approved is refused; the right kinds only; to a named heir.
    const tooMuch = await send('POST', bpjs, `/api/claims/${claimId}/payments`, { kind: 'lump_sum', amount: 50_000_000, paidOn: '2026-11-24', reference: 'TRF-001', heirId: spouseId });
    expect(tooMuch.json().error.code).toBe('PAYMENT_EXCEEDS_APPROVED');
    const wrongKind = await send('POST', bpjs, `/api/claims/${claimId}/payments`, { kind: 'medical', amount: 1_000, paidOn: '2026-11-24', reference: 'TRF-001', heirId: spouseId });
    expect(wrongKind.json().error).toMatchObject({ code: 'PAYMENT_KIND_NOT_ALLOWED', field: 'kind' });
    expect((await send('POST', operator, `/api/claims/${claimId}/payments`, { kind: 'lump_sum', amount: 20_000_000, paidOn: '2026-11-24', reference: 'TRF-001', heirId: spouseId })).statusCode).toBe(403);
    for (const [kind, amount] of [['lump_sum', 20_000_000], ['periodic', 12_000_000]] as const) {
      const res = await send('POST', bpjs, `/api/claims/${claimId}/payments`, { kind, amount, paidOn: '2026-11-24', reference: `TRF-${kind}`, heirId: spouseId });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().status).toBe('approved');
    }
    setToday('2026-11-25');
    const funeral = await send('POST', bpjs, `/api/claims/${claimId}/payments`, { kind: 'funeral', amount: 10_000_000, paidOn: '2026-11-25', reference: 'TRF-funeral', heirId: spouseId });
    expect(funeral.json()).toMatchObject({ status: 'paid', paidAmount: 42_000_000 });
    const paid = (await get(camat, `/api/claims/${claimId}`)).json();
    expect(paid.status).toBe('paid');
    expect(paid.timeline.map((s: { step: string }) => s.step)).toEqual(['reported', 'documents_complete', 'documents_incomplete', 'documents_complete', 'submitted', 'approved', 'paid']);
    expect(paid.timeline.find((s: { step: string }) => s.step === 'submitted').actor).toMatch(/^bpjs\./);
    // The district office reads it with NIKs masked.
    expect(paid.heirs[0].nik).toMatch(/\*{6}/);
  });

  it('shows in the totals the regency quotes, reproducible line by line', async () => {
    const totals = (await get(viewer, '/api/claims/totals?by=program')).json();
    expect(totals.rows.find((r: { key: string }) => r.key === 'JKM')).toMatchObject({ amount: 42_000_000, claims: 1, payments: 3 });
    const byVillage = (await get(admin, `/api/claims/totals?by=village&region=52.03.01`)).json();
    expect(byVillage.rows).toEqual([expect.objectContaining({ key: VILLAGE, label: 'Tanjung Luar', amount: 42_000_000 })]);
    const november = (await get(admin, '/api/claims/totals?by=month&from=2026-11-25&to=2026-11-30')).json();
    expect(november.total).toBe(10_000_000);
    const headline = (await get(viewer, '/api/coverage/headline')).json();
    expect(headline.benefitsPaid).toEqual({ amount: 42_000_000, claims: 1 });
    // Another village's operator sees that village's coverage figures, but not the money paid to its families.
    expect((await get(otherOperator, `/api/coverage/headline?region=${VILLAGE}`)).json().benefitsPaid).toBeNull();
    expect((await get(operator, `/api/coverage/headline?region=${VILLAGE}`)).json().benefitsPaid).toEqual({ amount: 42_000_000, claims: 1 });
  });

  it('keeps a correction as a reversing entry: the claim is owed again until paid', async () => {
    const detail = (await get(bpjs, `/api/claims/${claimId}`)).json();
    const funeral = detail.payments.find((p: { kind: string }) => p.kind === 'funeral');
    const reversed = await send('POST', bpjs, `/api/claims/${claimId}/payments/${funeral.id}/reverse`, { reason: 'Salah rekening tujuan' });
    expect(reversed.statusCode, reversed.body).toBe(200);
    expect(reversed.json()).toMatchObject({ status: 'approved', paidAmount: 32_000_000 });
    expect(reversed.json().payments.filter((p: { reversed: boolean }) => p.reversed)).toHaveLength(2);
    expect((await get(admin, '/api/claims/totals')).json().total).toBe(32_000_000);
    const again = await send('POST', bpjs, `/api/claims/${claimId}/payments/${funeral.id}/reverse`, { reason: 'Dua kali' });
    expect(again.json().error.code).toBe('PAYMENT_ALREADY_REVERSED');
    const repaid = await send('POST', bpjs, `/api/claims/${claimId}/payments`, { kind: 'funeral', amount: 10_000_000, paidOn: '2026-11-24', reference: 'TRF-funeral-2', heirId: spouseId });
    expect(repaid.json().status).toBe('paid');
  });

  it('claims the scholarship school year by school year, within the child’s entitlement', async () => {
    const detail = (await get(operator, `/api/claims/${claimId}`)).json();
    // Paid: the file is closed, but scholarship years are still claimed under it.
    expect(detail.can).toMatchObject({ edit: false, claimScholarship: true });
    const fauzi = detail.heirs.find((h: { name: string }) => h.name === 'Lalu Ahmad Fauzi');
    const res = await send('POST', operator, `/api/claims/${claimId}/scholarships`, { heirId: fauzi.id, year: 2026, schoolLevel: 'SD' });
    expect(res.statusCode, res.body).toBe(201);
    const scholarship = res.json();
    expect(scholarship).toMatchObject({ type: 'scholarship', status: 'reported', estimatedAmount: 1_500_000, year: 2026, childName: 'Lalu Ahmad Fauzi', parent: { id: claimId } });
    expect(scholarship.missing.map((d: { code: string }) => d.code)).toEqual(['claim_form', 'birth_certificate', 'family_card', 'school_letter', 'report_card', 'savings_book', 'ktp_guardian']);
    const twice = await send('POST', operator, `/api/claims/${claimId}/scholarships`, { heirId: fauzi.id, year: 2026, schoolLevel: 'SD' });
    expect(twice.json().error.code).toBe('SCHOLARSHIP_YEAR_CLAIMED');
    const early = await send('POST', operator, `/api/claims/${claimId}/scholarships`, { heirId: fauzi.id, year: 2028, schoolLevel: 'SD' });
    expect(early.json().error).toMatchObject({ code: 'SCHOLARSHIP_TOO_EARLY', field: 'year' });
    const spouse = await send('POST', operator, `/api/claims/${claimId}/scholarships`, { heirId: spouseId, year: 2026, schoolLevel: 'SD' });
    expect(spouse.json().error.code).toBe('HEIR_NOT_CHILD');
    const parent = (await get(operator, `/api/claims/${claimId}`)).json();
    expect(parent.scholarships[0]).toMatchObject({ claimedYears: 1, next: { year: 2027, dueOn: '2027-07-01', state: 'upcoming' } });
    expect(parent.scholarships[0].entries[0]).toMatchObject({ year: 2026, state: 'claimed', claimStatus: 'reported' });
  });

  it('lists the village’s own claims to its operator and nothing to another village', async () => {
    const mine = (await get(operator, '/api/claims')).json();
    expect(mine.items.some((c: { id: string }) => c.id === claimId)).toBe(true);
    expect(mine.items.every((c: { villageCode: string }) => c.villageCode === VILLAGE)).toBe(true);
    expect((await get(otherOperator, '/api/claims')).json().items).toEqual([]);
    expect((await get(otherOperator, `/api/claims/${claimId}`)).statusCode).toBe(404);
    expect((await get(otherOperator, `/api/claims?region=${VILLAGE}`)).statusCode).toBe(403);
    expect((await get(camat, '/api/claims?q=KLM')).json().total).toBeGreaterThan(0);
  });

  it('writes every step and every read to the audit trail', async () => {
    const audit = (await get(admin, `/api/audit?entity=claim&id=${claimId}&pageSize=100`)).json();
    const actions = audit.items.map((e: { action: string }) => e.action);
    expect(actions).toContain('create');
    expect(actions).toContain('read');
    expect(audit.items.filter((e: { action: string; changes: { status?: { after: string } } }) => e.action === 'update' && e.changes?.status).map((e: { changes: { status: { after: string } } }) => e.changes.status.after)).toEqual(
      expect.arrayContaining(['submitted', 'approved']),
    );
    const payments = (await get(admin, '/api/audit?entity=claim_payment&pageSize=100')).json();
    expect(payments.items.length).toBeGreaterThanOrEqual(5);
  });
});

describe('JKK: the 7-working-day deadline and its late interest', () => {
  it('warns on an unpaid complete JKK claim and shows the interest accrued', async () => {
    setToday('2026-11-20');
    const w = await worker();
    await insured(w.id, '2026-01', '2026-12', 2_000_000);
    const res = await report(operator, w.id, { event: 'work_accident_injury', eventDate: '2026-11-16', description: 'Jatuh dari pematang sawah, kaki patah.', incapacityDays: 60 });
    expect(res.statusCode, res.body).toBe(201);
    const claim = res.json();
    // 60 days off work at 100% of Rp2.000.000: Rp4.000.000.
    expect(claim).toMatchObject({ type: 'jkk_injury', program: 'JKK', estimatedAmount: 4_000_000, injuryOutcome: 'temporary' });
    await receiveAll(operator, claim.id, INJURY_DOCUMENTS);
    await send('POST', bpjs, `/api/claims/${claim.id}/submit`, { on: '2026-11-20' });
    // Friday 20 November + 7 working days = Tuesday 1 December; on Friday 4 December it is 3 days late.
    setToday('2026-12-04');
    const late = (await get(bpjs, `/api/claims/${claim.id}`)).json();
    expect(late.lateness).toMatchObject({ dueOn: '2026-12-01', daysLate: 3, interest: 120_000 });
    expect(late.warnings).toEqual([expect.objectContaining({ code: 'jkk_payment_late', daysLate: 3, interest: 120_000 })]);
    const overdue = (await get(bpjs, '/api/claims?warning=jkk_payment_late')).json();
    expect(overdue.items.map((c: { id: string }) => c.id)).toContain(claim.id);
    // A public holiday recorded by the admin moves the deadline.
    await send('PUT', admin, '/api/claims/settings', { documentsDays: 14, decisionWorkingDays: 7, paymentWorkingDays: 7, holidays: [{ date: '2026-11-30', name: 'Libur uji' }] });
    expect((await get(bpjs, `/api/claims/${claim.id}`)).json().lateness).toMatchObject({ dueOn: '2026-12-02', daysLate: 2, interest: 80_000 });
    setToday('2026-11-20');
  });
});

describe('cancelling a death reported in error', () => {
  it('reopens the participations it ended and returns the worker to the register', async () => {
    setToday('2026-11-20');
    const w = await worker();
    await insured(w.id, '2026-01', '2026-12');
    const claim = (await report(operator, w.id)).json();
    expect((await get(admin, `/api/workers/${w.id}`)).json().deceasedOn).toBe('2026-11-10');
    const noReason = await send('POST', operator, `/api/claims/${claim.id}/cancel`, {});
    expect(noReason.json().error).toMatchObject({ code: 'REASON_REQUIRED', field: 'reason' });
    const cancelled = await send('POST', operator, `/api/claims/${claim.id}/cancel`, { reason: 'Salah orang: yang meninggal saudaranya' });
    expect(cancelled.json().status).toBe('cancelled');
    expect((await get(admin, `/api/workers/${w.id}`)).json().deceasedOn).toBeNull();
    const enrolments = (await get(admin, `/api/workers/${w.id}/enrolments`)).json().items;
    expect(enrolments.map((e: { endedOn: string | null; status: string }) => [e.endedOn, e.status])).toEqual([
      [null, 'active'],
      [null, 'active'],
    ]);
    // The person may be reported again, correctly.
    expect((await report(operator, w.id, { eventDate: '2026-11-12' })).statusCode).toBe(201);
  });
});

describe('needs action', () => {
  it('keeps every claim’s first day of attention equal to the one derived from scratch', async () => {
    // The last write to this one is the payment that makes it paid.
    const w = await worker();
    await insured(w.id, '2026-01', '2026-12');
    await kit.paidDeathClaim(operator, w.id, [heir()], '2026-11-20');
    const rows = await findClaimIdsAfter(t.database.db, null, 1000).then((ids) => findClaimsByIds(t.database.db, ids));
    const bundle = await loadBundle(t.database.db, rows, await loadBenefitRates(t.database.db), false);
    const stored = Object.fromEntries(rows.map((r) => [r.number, r.attentionOn]));
    expect(stored).toEqual(Object.fromEntries(rows.map((r) => [r.number, attentionDayOf(r, bundle)])));
    expect(Object.values(stored).some((d) => d !== null)).toBe(true);
  });

  it('lists exactly the claims whose warnings, derived live, say something — on any day', async () => {
    for (const day of ['2026-11-20', '2026-12-04', '2027-05-31', '2027-06-01', '2027-07-02', '2029-08-01']) {
      setToday(day);
      const all = (await get(admin, '/api/claims?pageSize=200')).json();
      const live = all.items.filter((c: { warnings: unknown[] }) => c.warnings.length > 0).map((c: { id: string }) => c.id).sort();
      const listed = (await get(admin, '/api/claims?warning=any&pageSize=200')).json();
      expect({ day, ids: listed.items.map((c: { id: string }) => c.id).sort() }).toEqual({ day, ids: live });
      expect(listed.total).toBe(live.length);
    }
    // A paid death claim with a child in school comes back when the next school year approaches.
    setToday('2027-06-01');
    const reminders = (await get(admin, '/api/claims?warning=scholarship_due&pageSize=200')).json();
    expect(reminders.items.length).toBeGreaterThan(0);
    setToday('2026-11-20');
  });
});
