import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/audit.table.ts';
import { testApp, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
let admin: string;
let operator: string;
let viewer: string;

beforeAll(async () => {
  t = await testApp({ now: new Date('2026-11-25T03:00:00Z') });
  admin = await t.loginAs('admin');
  operator = await t.loginAs('village', '52.03.01.2001');
  viewer = await t.loginAs('viewer');
});
afterAll(() => t.close());

const post = (cookie: string, url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
const quote = (cookie: string, payload: object) => post(cookie, '/api/premiums/quote', payload);

describe('quote', () => {
  it('prices the basic package: 16,800 a month, 201,600 a year', async () => {
    const res = await quote(operator, { income: 1_000_000, programs: ['JKK', 'JKM'], months: 12, startMonth: '2026-01' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      income: 1_000_000,
      declaredIncome: 1_000_000,
      incomeRaised: false,
      notice: null,
      startMonth: '2026-01',
      endMonth: '2026-12',
      monthlyTotal: 16_800,
      total: 201_600,
    });
    expect(body.programs).toEqual([
      { program: 'JKK', monthlyAmount: 10_000, totalAmount: 120_000, regulation: expect.stringContaining('PP 44/2015'), changesDuringPeriod: false },
      { program: 'JKM', monthlyAmount: 6_800, totalAmount: 81_600, regulation: expect.stringContaining('PP 44/2015'), changesDuringPeriod: false },
    ]);
    expect(body.months).toHaveLength(12);
    expect(body.months[0]).toEqual({ month: '2026-01', amounts: { JKK: 10_000, JKM: 6_800 }, total: 16_800 });
  });

  it('starts this month when no month is given, and raises a low income with a notice', async () => {
    const res = await quote(viewer, { income: 800_000, programs: ['JKK', 'JKM'], months: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      startMonth: '2026-11',
      endMonth: '2026-11',
      income: 800_000,
      declaredIncome: 1_000_000,
      incomeRaised: true,
      minimumIncome: 1_000_000,
      notice: 'Penghasilan Rp800.000 dinaikkan ke batas terendah Rp1.000.000 untuk menghitung iuran.',
      total: 16_800,
    });
  });

  it('adds JHT at 2% of the declared income', async () => {
    const res = await quote(operator, { income: 1_500_000, programs: ['JHT', 'JKM', 'JKK'], months: 2, startMonth: '2026-05' });
    expect(res.json()).toMatchObject({ monthlyTotal: 51_800, total: 103_600 });
    expect(res.json().programs.map((p: { program: string }) => p.program)).toEqual(['JKK', 'JKM', 'JHT']);
  });

  it('refuses a package without JKM, saying what to add', async () => {
    const res = await quote(operator, { income: 1_000_000, programs: ['JKK'], months: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'PROGRAMS_INCOMPLETE',
      field: 'programs',
      message: 'Peserta bukan penerima upah wajib ikut JKK dan JKM sekaligus; tambahkan JKM.',
    });
  });

  it('refuses a month before any rate', async () => {
    const res = await quote(operator, { income: 1_000_000, programs: ['JKK', 'JKM'], months: 1, startMonth: '2015-06' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'RATE_MISSING', field: 'startMonth' });
    expect(res.json().error.message).toContain('2015-06');
  });

  it('refuses malformed input with field errors', async () => {
    const res = await quote(operator, { income: -1, programs: ['JKK', 'JKM'], months: 0, startMonth: '2026-13' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['income', 'months', 'startMonth']);
  });

  it('needs a session', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/premiums/quote', payload: { income: 1, programs: ['JKK', 'JKM'], months: 1 } });
    expect(res.statusCode).toBe(401);
  });
});

describe('rates', () => {
  it('lists the seeded rates and grace rule, all in force', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/premiums/rates', headers: { cookie: viewer } });
    expect(res.statusCode).toBe(200);
    const { rates, graceRules } = res.json();
    expect(rates.map((r: { program: string; percentBp: number | null; flatAmount: number | null; minIncome: number | null; validFrom: string; validUntil: string | null }) => [r.program, r.percentBp, r.flatAmount, r.minIncome, r.validFrom, r.validUntil])).toEqual([
      ['JHT', 200, null, 1_000_000, '2015-07', null],
      ['JKK', 100, null, 1_000_000, '2015-07', null],
      ['JKM', null, 6_800, null, '2015-07', null],
    ]);
    expect(graceRules).toEqual([expect.objectContaining({ months: 2, validFrom: '2015-07', validUntil: null })]);
  });

  it('refuses a rate from a village operator', async () => {
    const res = await post(operator, '/api/premiums/rates', { program: 'JKM', flatAmount: 9_000, validFrom: '2027-06', regulation: 'PP 99/2026' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('records a new JKM rate from 2027-01 that changes a quote spanning the new year', async () => {
    const res = await post(admin, '/api/premiums/rates', { program: 'JKM', flatAmount: 8_000, validFrom: '2027-01', regulation: 'PP 12/2026', note: 'Kenaikan JKM' });
    expect(res.statusCode).toBe(201);
    const rate = res.json();
    expect(rate).toMatchObject({ program: 'JKM', percentBp: null, flatAmount: 8_000, minIncome: null, validFrom: '2027-01', validUntil: null, regulation: 'PP 12/2026', note: 'Kenaikan JKM' });
    const [audit] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entity, 'premium_rate'), eq(auditLog.entityId, rate.id)));
    expect(audit).toMatchObject({ action: 'create', actorRole: 'admin' });

    const rates = (await t.app.inject({ method: 'GET', url: '/api/premiums/rates', headers: { cookie: operator } })).json().rates;
    expect(rates.filter((r: { program: string }) => r.program === 'JKM').map((r: { validFrom: string; validUntil: string | null }) => [r.validFrom, r.validUntil])).toEqual([
      ['2015-07', '2026-12'],
      ['2027-01', null],
    ]);

    const q = (await quote(operator, { income: 1_000_000, programs: ['JKK', 'JKM'], months: 3, startMonth: '2026-12' })).json();
    expect(q.months.map((m: { month: string; total: number }) => [m.month, m.total])).toEqual([
      ['2026-12', 16_800],
      ['2027-01', 18_000],
      ['2027-02', 18_000],
    ]);
    expect(q.total).toBe(52_800);
    expect(q.programs[1]).toMatchObject({ program: 'JKM', monthlyAmount: 6_800, totalAmount: 22_800, changesDuringPeriod: true });
  });

  it('stores a percentage as basis points', async () => {
    const res = await post(admin, '/api/premiums/rates', { program: 'JKK', percent: 0.24, minIncome: 1_000_000, validFrom: '2028-01', regulation: 'PP 1/2027' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ percentBp: 24, flatAmount: null, minIncome: 1_000_000 });
  });

  it('refuses a second row of a programme for the same month', async () => {
    const res = await post(admin, '/api/premiums/rates', { program: 'JKM', flatAmount: 9_000, validFrom: '2027-01', regulation: 'PP 13/2026' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'RATE_EXISTS', field: 'validFrom' });
  });

  it('refuses a row with both or neither of a percentage and a flat amount', async () => {
    const res = await post(admin, '/api/premiums/rates', { program: 'JKM', validFrom: '2029-01', regulation: 'PP 13/2026' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('percent');
  });
});

describe('grace rules', () => {
  it('records a new rule (admin only) and refuses a second for the same month', async () => {
    const refused = await post(operator, '/api/premiums/grace-rules', { months: 1, validFrom: '2027-01', regulation: 'Ketentuan baru' });
    expect(refused.statusCode).toBe(403);
    const res = await post(admin, '/api/premiums/grace-rules', { months: 1, validFrom: '2027-01', regulation: 'Ketentuan baru' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ months: 1, validFrom: '2027-01', validUntil: null, note: null });
    const again = await post(admin, '/api/premiums/grace-rules', { months: 3, validFrom: '2027-01', regulation: 'Ketentuan lain' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'GRACE_RULE_EXISTS', field: 'validFrom' });
    const { graceRules } = (await t.app.inject({ method: 'GET', url: '/api/premiums/rates', headers: { cookie: admin } })).json();
    expect(graceRules.map((r: { months: number; validUntil: string | null }) => [r.months, r.validUntil])).toEqual([
      [2, '2026-12'],
      [1, null],
    ]);
  });
});
