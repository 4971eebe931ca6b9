/**
 * Coverage figures against a small dataset computed by hand: seven workers in three villages, enrolled and
 * paid through the API, asked about across a month boundary (31 March → 1 April) and a lapse.
 * Grace rule in force: 2 unpaid months still protect, the third does not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorker } from '../../test/factories.ts';
import { testApp, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
let admin: string;
let camat: string;
let operator: string;
let selfSource: string;

const A = '52.03.01.2001';
const B = '52.03.01.2002';
const C = '52.03.02.2001';
/** JKK 1% of the Rp1.000.000 minimum + JKM Rp6.800, per worker per month. */
const MONTHLY = 16_800;

const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const send = (method: 'POST' | 'PUT' | 'DELETE', cookie: string, url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

async function worker(villageCode: string): Promise<string> {
  const res = await send('POST', admin, '/api/workers', makeWorker({ villageCode }));
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

async function enrol(workerId: string, startMonth: string): Promise<void> {
  const res = await send('POST', admin, `/api/workers/${workerId}/enrolments`, { programs: ['JKK', 'JKM'], startMonth, declaredIncome: 1_000_000, fundingSource: 'SELF' });
  expect(res.statusCode, res.body).toBe(201);
}

function monthsIn(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5)) - Number(from.slice(5)) + 1;
}

async function pay(workerIds: string[], fromMonth: string, toMonth: string): Promise<string> {
  const res = await send('POST', admin, '/api/payments', {
    sourceId: selfSource,
    workerIds,
    fromMonth,
    toMonth,
    amount: MONTHLY * monthsIn(fromMonth, toMonth) * workerIds.length,
    paidOn: '2026-11-20',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp({ now: new Date('2026-11-25T03:00:00Z') });
  admin = await t.loginAs('admin');
  camat = await t.loginAs('district', '52.03.01');
  operator = await t.loginAs('village', A);
  const source = await send('POST', admin, '/api/funding/sources', { kind: 'SELF', regionCode: '52.03', name: 'Mandiri (bayar sendiri)' });
  expect(source.statusCode, source.body).toBe(201);
  selfSource = source.json().id;

  // Village A: W1 paid all 2026; W2 paid Jan–Mar (grace Apr–May, lapsed from June); W3 paid March only; W4 never enrolled.
  for (const [key, village] of [['w1', A], ['w2', A], ['w3', A], ['w4', A], ['w5', B], ['w6', B], ['w7', C]] as const) ids[key] = await worker(village);
  await enrol(ids.w1!, '2026-01');
  await enrol(ids.w2!, '2026-01');
  await enrol(ids.w3!, '2026-03');
  await pay([ids.w1!], '2026-01', '2026-12');
  await pay([ids.w2!], '2026-01', '2026-03');
  await pay([ids.w3!], '2026-03', '2026-03');
  // Village B: W5 paid Feb–Nov; W6 enrolled in June and never paid (grace Jun–Jul, lapsed from August).
  await enrol(ids.w5!, '2026-02');
  await pay([ids.w5!], '2026-02', '2026-11');
  await enrol(ids.w6!, '2026-06');
  // Village C: W7 paid Jan–Jun, lapsed in September, paid again October–November.
  await enrol(ids.w7!, '2026-01');
  await pay([ids.w7!], '2026-01', '2026-06');
  await pay([ids.w7!], '2026-10', '2026-11');
});
afterAll(() => t.close());

type Row = { code: string; workers: number; covered: number; grace: number; lapsed: number; notEnrolled: number; neverEnrolled: number; coverageRegister: number | null; coverageOfficial: number | null; category: string | null };

async function coverage(query: string): Promise<{ region: Row; rows: Row[] }> {
  const res = await get(camat, `/api/coverage?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

function pick(rows: Row[], code: string) {
  const row = rows.find((r) => r.code === code)!;
  return { workers: row.workers, covered: row.covered, grace: row.grace, lapsed: row.lapsed, notEnrolled: row.notEnrolled, coverageRegister: row.coverageRegister, category: row.category };
}

describe('coverage of villages on a date', () => {
  it('on 31 March every paid worker is covered', async () => {
    const { region, rows } = await coverage('region=52.03.01&date=2026-03-31&by=village');
    expect(pick(rows, A)).toEqual({ workers: 4, covered: 3, grace: 0, lapsed: 0, notEnrolled: 1, coverageRegister: 75, category: 'high' });
    // W6 starts only in June: not enrolled yet.
    expect(pick(rows, B)).toEqual({ workers: 2, covered: 1, grace: 0, lapsed: 0, notEnrolled: 1, coverageRegister: 50, category: 'medium' });
    expect(region).toMatchObject({ code: '52.03.01', workers: 6, covered: 4, grace: 0, lapsed: 0, coverageRegister: 66.7 });
    // Never enrolled by then: W4, and W6 (whose enrolment starts in June).
    expect(rows.find((r) => r.code === A)).toMatchObject({ neverEnrolled: 1 });
    expect(rows.find((r) => r.code === B)).toMatchObject({ neverEnrolled: 1 });
    // Villages of the district without workers are listed too, without a percentage.
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.find((r) => r.code !== A && r.code !== B)).toMatchObject({ workers: 0, covered: 0, coverageRegister: null, category: null });
  });

  it('on 1 April the workers paid up to March are in grace', async () => {
    const { region, rows } = await coverage('region=52.03.01&date=2026-04-01&by=village');
    expect(pick(rows, A)).toEqual({ workers: 4, covered: 1, grace: 2, lapsed: 0, notEnrolled: 1, coverageRegister: 25, category: 'low' });
    expect(pick(rows, B)).toMatchObject({ covered: 1, grace: 0, lapsed: 0 });
    expect(region).toMatchObject({ workers: 6, covered: 2, grace: 2, lapsed: 0, coverageRegister: 33.3 });
  });

  it('the third unpaid month is a lapse', async () => {
    const may = await coverage('region=52.03.01&date=2026-05-31&by=village');
    expect(pick(may.rows, A)).toMatchObject({ covered: 1, grace: 2, lapsed: 0 });
    const june = await coverage('region=52.03.01&date=2026-06-01&by=village');
    expect(pick(june.rows, A)).toMatchObject({ covered: 1, grace: 0, lapsed: 2 });
    // W6 enrolled in June without paying: in grace in June and July, lapsed from August.
    expect(pick(june.rows, B)).toMatchObject({ workers: 2, covered: 1, grace: 1, lapsed: 0, notEnrolled: 0 });
    expect(june.rows.find((r) => r.code === B)).toMatchObject({ neverEnrolled: 0 });
    const august = await coverage('region=52.03.01&date=2026-08-15&by=village');
    expect(pick(august.rows, B)).toMatchObject({ covered: 1, grace: 0, lapsed: 1 });
  });

  it('counts the districts of the regency, and a worker paying again after a lapse', async () => {
    const september = await coverage('region=52.03&date=2026-09-30&by=district');
    expect(pick(september.rows, '52.03.02')).toMatchObject({ workers: 1, covered: 0, grace: 0, lapsed: 1 });
    const today = await coverage('region=52.03&by=district');
    expect(pick(today.rows, '52.03.02')).toMatchObject({ workers: 1, covered: 1, grace: 0, lapsed: 0, coverageRegister: 100 });
    expect(pick(today.rows, '52.03.01')).toMatchObject({ workers: 6, covered: 2, grace: 0, lapsed: 3, notEnrolled: 1, coverageRegister: 33.3 });
    expect(today.region).toMatchObject({ code: '52.03', workers: 7, covered: 3, grace: 0, lapsed: 3, notEnrolled: 1, coverageRegister: 42.9 });
    // Without `by`, the next level down.
    const plain = await coverage('region=52.03');
    expect(plain.rows.every((r) => r.code.length === 8)).toBe(true);
    // A village asked for by district: the village itself.
    const village = await coverage(`region=${C}&by=district`);
    expect(village.rows).toEqual([expect.objectContaining({ code: C, workers: 1, covered: 1 })]);
    expect(village.region).toMatchObject({ code: C, workers: 1, covered: 1 });
  });

  it('measures against an official denominator once an admin records it, and says so', async () => {
    expect((await coverage('region=52.03&date=2026-03-31')).region.coverageOfficial).toBeNull();
    const put = await send('PUT', admin, '/api/coverage/denominators/52.03/2026', { value: 20, source: 'BPS Sakernas Agustus 2025' });
    expect(put.statusCode, put.body).toBe(200);
    const res = await get(camat, '/api/coverage?region=52.03&date=2026-03-31');
    const body = res.json();
    // 5 covered on 31 March (W1, W2, W3, W5, W7) of 20.
    expect(body.region).toMatchObject({ covered: 5, workers: 7, coverageRegister: 71.4, coverageOfficial: 25, official: { value: 20, source: 'BPS Sakernas Agustus 2025', year: 2026 } });
    expect(body.denominators.official).toContain('BPS Sakernas Agustus 2025');
    expect(body.denominators.register).toContain('register');
    // A year before the first official figure has none.
    expect((await coverage('region=52.03&date=2025-12-31')).region.coverageOfficial).toBeNull();
  });

  it('refuses an unknown region and a bad date with the field named', async () => {
    const unknown = await get(camat, '/api/coverage?region=52.99');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'REGION_UNKNOWN', field: 'region' });
    const badDate = await get(camat, '/api/coverage?date=2026-02-30');
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.field).toBe('date');
    expect((await t.app.inject({ method: 'GET', url: '/api/coverage' })).statusCode).toBe(401);
  });
});

describe('trend', () => {
  it('derives every month from the first payment on, from enrolment and payment history', async () => {
    const res = await get(operator, `/api/coverage/trend?region=${A}`);
    expect(res.statusCode, res.body).toBe(200);
    const months = res.json().months as { month: string; workers: number; covered: number; grace: number; lapsed: number; coverageRegister: number | null }[];
    expect(months.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(months.map((m) => [m.covered, m.grace, m.lapsed])).toEqual([
      [2, 0, 0],
      [2, 0, 0],
      [3, 0, 0],
      [1, 2, 0],
      [1, 2, 0],
      [1, 0, 2],
      [1, 0, 2],
      [1, 0, 2],
      [1, 0, 2],
      [1, 0, 2],
      [1, 0, 2],
    ]);
    expect(months.every((m) => m.workers === 4)).toBe(true);
    expect(months[2]!.coverageRegister).toBe(75);
  });

  it('projects the month a target is reached and what it takes', async () => {
    const put = await send('PUT', admin, '/api/coverage/targets/52.03.01/2027', { percent: 50, basis: 'register' });
    expect(put.statusCode, put.body).toBe(200);
    const settings = await send('PUT', admin, '/api/coverage/settings', { thresholds: { low: 25, medium: 50, high: 75 }, categoryBasis: 'register', projectionMonths: 6 });
    expect(settings.statusCode, settings.body).toBe(200);
    const body = (await get(camat, '/api/coverage/trend?region=52.03.01')).json();
    expect(body.targets).toEqual([{ regionCode: '52.03.01', year: 2027, percent: 50, basis: 'register', note: null }]);
    // Covered in the district: May 2026 → 2 (W1, W5), November → 2: no net growth over the last six months.
    expect(body.projection).toMatchObject({ targetYear: 2027, targetPercent: 50, denominator: 6, targetCovered: 3, ratePerMonth: 0, monthReached: null, requiredPerMonth: 1 });
    expect(body.national.points).toEqual(expect.arrayContaining([{ year: 2026, percent: expect.any(Number) }]));
  });
});

describe('settings, targets and denominators are the admin’s', () => {
  it('refuses others and bad values with an Indonesian message on the field', async () => {
    expect((await send('PUT', camat, '/api/coverage/targets/52.03/2027', { percent: 60 })).statusCode).toBe(403);
    const bad = await send('PUT', admin, '/api/coverage/targets/52.03/2027', { percent: 140 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ field: 'percent', message: 'Target paling tinggi 100%.' });
    const thresholds = await send('PUT', admin, '/api/coverage/settings', { thresholds: { low: 60, medium: 50, high: 75 }, categoryBasis: 'register', projectionMonths: 6 });
    expect(thresholds.statusCode).toBe(400);
    expect(thresholds.json().error.field).toMatch(/^thresholds/);
    const noSource = await send('PUT', admin, '/api/coverage/denominators/52.03/2026', { value: 10 });
    expect(noSource.statusCode).toBe(400);
    expect(noSource.json().error.field).toBe('source');
  });

  it('uses the thresholds an admin sets for the category', async () => {
    const put = await send('PUT', admin, '/api/coverage/settings', { thresholds: { low: 10, medium: 20, high: 30 }, categoryBasis: 'register', projectionMonths: 6 });
    expect(put.statusCode, put.body).toBe(200);
    const { rows } = await coverage('region=52.03.01&date=2026-04-01&by=village');
    expect(pick(rows, A)).toMatchObject({ coverageRegister: 25, category: 'medium' });
    await send('PUT', admin, '/api/coverage/settings', { thresholds: { low: 25, medium: 50, high: 75 }, categoryBasis: 'register', projectionMonths: 6 });
  });
});

describe('headline and breakdown', () => {
  it('counts uncovered workers and those whose protection ends within 30 days', async () => {
    const res = await get(camat, '/api/coverage/headline?region=52.03.01');
    expect(res.statusCode, res.body).toBe(200);
    // Today 25 November: W5 is paid up to November (grace to January), W1 to December: nobody ends by 25 December.
    expect(res.json()).toMatchObject({ region: { workers: 6, covered: 2 }, uncovered: 4, lapsingWithin30Days: 0, benefitsPaid: null });
  });

  it('breaks coverage down by occupation, sex, age band and who pays', async () => {
    const res = await get(camat, '/api/coverage/breakdown?region=52.03.01&date=2026-03-31');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.occupation).toEqual([expect.objectContaining({ key: 'farm_labourer', workers: 6, covered: 4, coverageRegister: 66.7 })]);
    expect(body.sex).toEqual([expect.objectContaining({ key: 'M', workers: 6, covered: 4 })]);
    // Born 1 July 1985: 40 on 31 March 2026.
    expect(body.ageBand).toEqual([expect.objectContaining({ key: '35-44', workers: 6 })]);
    expect(body.fundingSource).toEqual([expect.objectContaining({ key: 'SELF', covered: 4, grace: 0 })]);
  });
});
