/**
 * Leaderboard, award rounds, their files and the public page, on four villages of one district:
 *   D: 10 workers enrolled in August 2026 and paid for August only (a short enrolment, lapsed by November);
 *   E and G: 3 workers each, enrolled in September 2026 and paid to December;
 *   F: 6 workers, 5 paid since December 2025, 1 never enrolled.
 * Today is 25 November 2026.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorker } from '../../test/factories.ts';
import { pdfInfo, pdfText } from '../../test/pdf-text.ts';
import { testApp, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
let admin: string;
let camat: string;
let selfSource: string;
const MONTHLY = 16_800;
const DISTRICT = '52.03.03';
let D = '';
let E = '';
let F = '';
let G = '';
const names: Record<string, string> = {};
const workerNames: string[] = [];

const get = (url: string, cookie = camat) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const post = (url: string, payload: object, cookie = admin) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload });

async function workersIn(village: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const input = makeWorker({ villageCode: village });
    workerNames.push(input.name);
    const res = await post('/api/workers', input);
    expect(res.statusCode, res.body).toBe(201);
    ids.push(res.json().id);
  }
  return ids;
}

async function enrolAndPay(ids: string[], startMonth: string, toMonth: string): Promise<void> {
  for (const id of ids) {
    const res = await post(`/api/workers/${id}/enrolments`, { programs: ['JKK', 'JKM'], startMonth, declaredIncome: 1_000_000, fundingSource: 'SELF' });
    expect(res.statusCode, res.body).toBe(201);
  }
  const months = (Number(toMonth.slice(0, 4)) - Number(startMonth.slice(0, 4))) * 12 + Number(toMonth.slice(5)) - Number(startMonth.slice(5)) + 1;
  const paid = await post('/api/payments', { sourceId: selfSource, workerIds: ids, fromMonth: startMonth, toMonth, amount: MONTHLY * months * ids.length, paidOn: '2026-11-20' });
  expect(paid.statusCode, paid.body).toBe(201);
}

beforeAll(async () => {
  t = await testApp({ now: new Date('2026-11-25T03:00:00Z') });
  admin = await t.loginAs('admin');
  camat = await t.loginAs('district', DISTRICT);
  selfSource = (await post('/api/funding/sources', { kind: 'SELF', regionCode: '52.03', name: 'Mandiri' })).json().id;
  [D, E, F, G] = t.regions.within(DISTRICT, 'village').slice(0, 4).map((v) => v.code) as [string, string, string, string];
  for (const code of [D, E, F, G]) names[code] = t.regions.get(code)!.name;
  await enrolAndPay(await workersIn(D, 10), '2026-08', '2026-08');
  await enrolAndPay(await workersIn(E, 3), '2026-09', '2026-12');
  await enrolAndPay(await workersIn(G, 3), '2026-09', '2026-12');
  const f = await workersIn(F, 6);
  await enrolAndPay(f.slice(0, 5), '2025-12', '2026-12');
});
afterAll(() => t.close());

type Row = { rank: number | null; code: string; covered: number; coveredAtStart: number; growth: number; netChange: number; coverageRegister: number | null; workers: number };

async function leaderboard(query: string): Promise<Row[]> {
  const res = await get(`/api/leaderboard?region=${DISTRICT}&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().rows;
}
const of = (rows: Row[], code: string) => rows.find((r) => r.code === code)!;

describe('leaderboard', () => {
  it('ranks by coverage with ties sharing a rank, villages without workers unranked', async () => {
    const rows = await leaderboard('period=2026&by=coverage');
    expect([of(rows, E).rank, of(rows, G).rank, of(rows, F).rank, of(rows, D).rank]).toEqual([1, 1, 3, 4]);
    expect(of(rows, F)).toMatchObject({ workers: 6, covered: 5, coverageRegister: 83.3 });
    expect(rows.filter((r) => r.workers === 0).every((r) => r.rank === null && r.coverageRegister === null)).toBe(true);
  });

  it('does not count a short enrolment that lapsed before the end of the period as growth', async () => {
    const rows = await leaderboard('period=2026&by=growth');
    // D enrolled ten workers for one month: none is active at the end of 2026 (November so far).
    expect(of(rows, D)).toMatchObject({ growth: 0, covered: 0, coveredAtStart: 0, netChange: 0 });
    expect(of(rows, E)).toMatchObject({ growth: 3, rank: 1 });
    expect(of(rows, G)).toMatchObject({ growth: 3, rank: 1 });
    // F's five were already active before the year began: not new.
    expect(of(rows, F)).toMatchObject({ growth: 0, coveredAtStart: 5, covered: 5 });
    expect(of(rows, D).rank).toBe(3);
    // Within the month they were paid for, D's workers are active at the period's end and do count.
    expect(of(await leaderboard('period=2026-08&by=growth'), D)).toMatchObject({ growth: 10, rank: 1 });
  });

  it('ranks by covered count and explains the period', async () => {
    const res = await get(`/api/leaderboard?region=${DISTRICT}&period=2026-Q3&by=covered`);
    const body = res.json();
    expect(body.period).toEqual({ period: '2026-Q3', label: 'Triwulan III 2026', fromMonth: '2026-07', toMonth: '2026-09', endMonth: '2026-09', baseMonth: '2026-06' });
    expect(of(body.rows, F)).toMatchObject({ rank: 1, covered: 5 });
    expect(of(body.rows, E)).toMatchObject({ rank: 2, covered: 3 });
    // In September D's workers are in grace, not active.
    expect(of(body.rows, D)).toMatchObject({ covered: 0 });
  });

  it('refuses a malformed or future period', async () => {
    const bad = await get('/api/leaderboard?period=2026-Q5');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('period');
    const future = await get('/api/leaderboard?period=2027');
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toMatchObject({ code: 'PERIOD_IN_FUTURE', field: 'period' });
  });

  it('downloads as XLSX naming every village', async () => {
    const res = await get(`/api/reports/leaderboard.xlsx?region=${DISTRICT}&period=2026&by=growth`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="peringkat-desa-.*2026-growth\.xlsx"/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const text = book.worksheets[0]!.getSheetValues().flat().map(String).join(' ');
    for (const code of [D, E, F, G]) expect(text).toContain(names[code]!);
  });
});

describe('award rounds', () => {
  let roundId = '';

  it('only an admin runs a round, with valid weights', async () => {
    const round = { name: 'Penghargaan Desa Peduli Jamsostek 2026', period: '2026', criteria: { coverage: 50, growth: 30, covered: 20 }, winners: 1, region: DISTRICT };
    expect((await post('/api/awards/rounds', round, camat)).statusCode).toBe(403);
    const zero = await post('/api/awards/rounds', { ...round, criteria: { coverage: 0, growth: 0, covered: 0 } });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.code).toBe('AWARD_WEIGHTS_ALL_ZERO');
  });

  it('ranks the villages with workers by weighted, normalised criteria; a tie at the cut-off shares the prize', async () => {
    const res = await post('/api/awards/rounds', { name: 'Penghargaan Desa Peduli Jamsostek 2026', period: '2026', criteria: { coverage: 50, growth: 30, covered: 20 }, winners: 1, region: DISTRICT });
    expect(res.statusCode, res.body).toBe(201);
    const round = res.json();
    roundId = round.id;
    // coverage 0/100/83.3/100, growth 0/3/0/3, covered 0/3/5/3 → E and G: 50 + 30 + 20 × 0.6 = 92; F: 41.65 + 20 = 61.65; D: 0.
    const byCode = Object.fromEntries(round.entries.map((e: { code: string; rank: number; score: number; isWinner: boolean }) => [e.code, [e.rank, e.score, e.isWinner]]));
    expect(byCode).toEqual({ [E]: [1, 92, true], [G]: [1, 92, true], [F]: [3, 61.65, false], [D]: [4, 0, false] });
    expect(round).toMatchObject({ winners: 1, winnerCount: 2, tiedAtCutoff: true });
    expect((await get('/api/awards/rounds')).json().items[0]).toMatchObject({ id: roundId, winnerNames: expect.arrayContaining([names[E], names[G]]) });
  });

  it('gives a winner an A4 landscape certificate naming the village, and refuses one to a non-winner', async () => {
    const res = await get(`/api/reports/awards/${roundId}/certificates/${E}.pdf`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfInfo(pdf)).toMatchObject({ pages: 1, landscape: true });
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('PIAGAM PENGHARGAAN');
    expect(text.toUpperCase()).toContain(names[E]!.toUpperCase().replace(/^DESA /, ''));
    expect(text).toContain('Peringkat 1 dari 4 desa');
    const loser = await get(`/api/reports/awards/${roundId}/certificates/${D}.pdf`);
    expect(loser.statusCode).toBe(404);
    expect(loser.json().error.code).toBe('AWARD_NOT_WINNER');
  });

  it('exports the full ranking as XLSX', async () => {
    const res = await get(`/api/reports/awards/${roundId}/ranking.xlsx`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const text = book.worksheets[0]!.getSheetValues().flat().map(String).join(' ');
    for (const code of [D, E, F, G]) expect(text).toContain(names[code]!);
    expect(text).toContain('92');
  });
});

describe('Paritrana summary', () => {
  it('is a PDF and an XLSX with the regency’s figures', async () => {
    const pdf = await get('/api/reports/paritrana.pdf?year=2026');
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    const text = pdfText(pdf.rawPayload).replace(/\s+/g, ' ');
    expect(text).toContain('Paritrana');
    expect(text).toContain('Kabupaten Lombok Timur');
    // 11 active of 22 workers in the register.
    expect(text).toContain('50,0%');
    const xlsx = await get('/api/reports/paritrana.xlsx?year=2026');
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Ringkasan', 'Kecamatan', 'Pembiayaan', 'Pekerja pemerintah']);
    expect((await get('/api/reports/paritrana.pdf?year=2030')).statusCode).toBe(400);
  });
});

describe('public page', () => {
  it('needs no login, names no one, and hides every count under 5 and what would give one back', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/coverage?region=${DISTRICT}&by=village` });
    expect(res.statusCode, res.body).toBe(200);
    for (const name of workerNames) expect(res.body).not.toContain(name);
    const body = res.json();
    const row = (code: string) => body.rows.find((r: { code: string }) => r.code === code);
    // E: 3 workers, all covered: every count hidden.
    expect(row(E)).toMatchObject({ workers: null, covered: null, coverageRegister: null, suppressed: true });
    // F: 5 of 6 covered — 83.3% would tell that one worker is not covered.
    expect(row(F)).toMatchObject({ workers: 6, covered: null, coverageRegister: null, suppressed: true });
    // D: 10 workers, all lapsed.
    expect(row(D)).toMatchObject({ workers: 10, lapsed: 10, grace: null, suppressed: true });
    // The district: 11 of 22 covered; 10 lapsed would leave a single not-enrolled worker to subtract.
    expect(body.region).toMatchObject({ workers: 22, covered: 11, coverageRegister: 50, lapsed: null });
    expect(body.minCount).toBe(5);
    const values = body.rows.flatMap((r: { workers: number | null; covered: number | null; grace: number | null; lapsed: number | null }) => [r.workers, r.covered, r.grace, r.lapsed]);
    expect(values.every((v: number | null) => v === null || v >= 5)).toBe(true);
  });

  it('shows the trend and the latest award round’s winners', async () => {
    const trend = await t.app.inject({ method: 'GET', url: `/api/public/trend?region=${DISTRICT}` });
    expect(trend.statusCode).toBe(200);
    const months = trend.json().months as { month: string; workers: number | null; covered: number | null }[];
    expect(months.at(-1)).toMatchObject({ month: '2026-11', workers: 22, covered: 11 });
    // December 2025: 5 covered of 22 and 17 not — shown; a month with 1–4 of either would not be.
    expect(months.every((m) => m.covered === null || m.covered >= 5)).toBe(true);
    const award = await t.app.inject({ method: 'GET', url: '/api/public/awards/latest' });
    expect(award.json().round.winners.map((w: { code: string }) => w.code).sort()).toEqual([E, G].sort());
  });
});
