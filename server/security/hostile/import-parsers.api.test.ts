/**
 * Issue 9, hostile files for every import parser: the census/resident import, the BPJS participant import
 * and the upload preview. Random bytes, broken CSV (quotes, delimiters, BOMs, wrong encodings, a huge
 * cell, NUL bytes), formula cells, XLSX that is no zip or half a zip, zip bombs (a worksheet, a cell, the
 * shared strings or another entry inflating to hundreds of megabytes; a row numbered two billion) and
 * uploads over IMPORT_MAX_MB.
 *
 * Never a 5xx; a refusal in the standard error shape; a background job ends `done` or `failed` with a
 * reason in Indonesian (never "kesalahan sistem"); good rows kept and bad rows reported; memory stays
 * bounded; the server keeps answering.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENSID_COLUMNS } from '../../../core/import/resident-formats.ts';
import { makeNik, makeWorker } from '../../test/factories.ts';
import { testApp, type TestApp } from '../../test/test-app.ts';
import { upload } from '../../test/upload.ts';
import { detectDelimiter, formatOfFile, openTable, UnreadableFile, XLSX_MAX_ROWS } from '../../domains/imports/file-reader.ts';
import { FC_SEED, FORMULAS, HTML_INJECTION, runs, shortly, SQL_INJECTION, UNICODE_EDGES } from './arbitraries.ts';
import { NOW, VILLAGE_A } from './fixtures.ts';
import { buildXlsx, buildZip, repeated, rowXml, sheetOf, sheetWith, SST_START } from './xlsx-files.ts';

const IMPORT_MAX_MB = 2;
let t: TestApp;
let admin: string;
let operator: string;

beforeAll(async () => {
  t = await testApp({ now: NOW, env: { IMPORT_MAX_MB: String(IMPORT_MAX_MB) } });
  admin = await t.loginAs('admin');
  operator = await t.loginAs('village', VILLAGE_A);
});
afterAll(() => t?.close());

type Route = 'workers' | 'bpjs' | 'preview';
interface Job {
  status: string;
  failureMessage: string | null;
  created: number;
  rejected: number;
  total: number;
  errors: { row: number; field: string | null; code: string; message: string }[];
}

function expectErrorShape(res: LightMyRequestResponse, what: string): void {
  expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  const body = res.json() as { error?: { code?: unknown; message?: unknown } };
  expect(typeof body.error?.code, `${what}: ${res.body.slice(0, 300)}`).toBe('string');
  expect(typeof body.error?.message, `${what}: ${res.body.slice(0, 300)}`).toBe('string');
}

/** Uploads a file; an accepted import is run to its end. Checks what every answer must be. */
async function send(route: Route, fileName: string, content: string | Buffer, cookie = admin, fields: Record<string, string> = {}) {
  const res = await upload(t.app, `/api/imports/${route}`, { cookie, fileName, content, fields });
  const what = `${route} ${fileName} (${content.length} bytes)`;
  if (res.statusCode >= 400) {
    expectErrorShape(res, what);
    return { res, job: null };
  }
  expect([200, 202], `${what}: ${res.body.slice(0, 300)}`).toContain(res.statusCode);
  if (res.statusCode !== 202) return { res, job: null };
  await t.app.imports.idle();
  const { id } = res.json() as { id: string };
  const job = (await t.app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: { cookie } })).json() as Job & { id: string };
  expect(['done', 'failed'], `${what}: job ${JSON.stringify(job).slice(0, 300)}`).toContain(job.status);
  if (job.status === 'failed') expect(job.failureMessage, what).not.toMatch(/kesalahan sistem/i);
  return { res, job: { ...job, id } };
}

async function expectHealthy(): Promise<void> {
  expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
}

async function importCount(): Promise<number> {
  return (await t.app.inject({ method: 'GET', url: '/api/imports', headers: { cookie: admin } })).json().total as number;
}

/** The rejected-rows file of a job, parsed; every cell of it must be safe to open in a spreadsheet. */
async function rejectedFile(id: string): Promise<string[][]> {
  const res = await t.app.inject({ method: 'GET', url: `/api/imports/${id}/rejected`, headers: { cookie: admin } });
  expect(res.statusCode).toBe(200);
  const text = res.body.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(text);
  const rows = parseCsv(text, { delimiter, relax_column_count: true }) as string[][];
  for (const row of rows) for (const cell of row) expect(cell, `unneutralised cell in the rejected-rows file: ${shortly(cell)}`).not.toMatch(/^[=+\-@\t\r]/);
  return rows;
}

const CENSUS_HEADER = ['NIK', 'Nama Lengkap', 'Kode Desa', 'Pekerjaan', 'Dusun', 'Catatan'];
const BPJS_HEADER = ['No KPJ', 'NIK', 'Nama Peserta', 'Tgl Lahir', 'Program', 'Status', 'Tgl Kepesertaan', 'Iuran Terakhir', 'Kode Desa'];

function goodCensusRow(notes = 'Catatan'): string[] {
  const w = makeWorker({ villageCode: VILLAGE_A });
  return [w.nik, w.name, VILLAGE_A, 'Buruh Tani', 'Dusun Lauk', notes];
}

function csvText(rows: string[][], delimiter: string): string {
  const quote = (cell: string) => (/["\r\n]/.test(cell) || cell.includes(delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return rows.map((r) => r.map(quote).join(delimiter)).join('\r\n');
}

const hostileCell = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...SQL_INJECTION, ...HTML_INJECTION, ...FORMULAS, ...UNICODE_EDGES, '"', '""', '";"', ';', ',', '\t', '\r\n', '\n', "'", '=', '-', '+', '@') },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer({ min: 20_000, max: 150_000 }).map((n) => 'Z'.repeat(n)) },
);

describe('random bytes and broken CSV', () => {
  it('random bytes under any name are refused or imported, never a 5xx', async () => {
    const before = await importCount();
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 4000 }),
        fc.constantFrom('data.csv', 'data.xlsx', 'data.xls', 'data.txt', 'data', 'DATA.XLSM'),
        fc.constantFrom<Route>('workers', 'bpjs', 'preview'),
        async (bytes, name, route) => {
          await send(route, name, Buffer.from(bytes));
        },
      ),
      { seed: FC_SEED, numRuns: runs(40) },
    );
    // Random bytes have no header a census or BPJS file needs: nothing was accepted.
    expect(await importCount()).toBe(before);
    await expectHealthy();
  });

  it('a census CSV with hostile cells: good rows created, bad rows rejected with reasons, the file to fix neutralised', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          delimiter: fc.constantFrom(';', ',', '\t', '|'),
          bom: fc.boolean(),
          title: fc.boolean(),
          good: fc.integer({ min: 0, max: 4 }),
          bad: fc.array(fc.tuple(fc.constantFrom('=1+1', '+62', '-', '@SUM(A1)', '123', '', 'abc', '=HYPERLINK("http://x","y")'), hostileCell, hostileCell), { minLength: 1, maxLength: 4 }),
          notes: fc.constantFrom('=HYPERLINK("http://evil.example","klik")', '+cmd|\' /C calc\'!A0', '-1+1', '@SUM(1)', "'; drop table workers; --", '<script>alert(1)</script>'),
        }),
        async ({ delimiter, bom, title, good, bad, notes }) => {
          const goodRows = Array.from({ length: good }, () => goodCensusRow(notes));
          // A bad row: a NIK that cannot be right, and hostile text in the name and the notes.
          const badRows = bad.map(([nik, name, note]) => [nik, name, VILLAGE_A, 'Buruh Tani', 'Dusun', note]);
          const rows = [...(title ? [['DATA PEKERJA DESA TANJUNG LUAR', '', '', '', '', '']] : []), CENSUS_HEADER, ...goodRows, ...badRows];
          const content = `${bom ? '\uFEFF' : ''}${csvText(rows, delimiter)}\r\n`;
          const { job } = await send('workers', 'sensus.csv', content);
          expect(job, 'a census file with its header is accepted').not.toBeNull();
          expect(job!.status, JSON.stringify(job).slice(0, 400)).toBe('done');
          expect(job!.created).toBe(good);
          expect(job!.rejected).toBe(bad.length);
          expect(job!.errors.every((e) => e.message.length > 0)).toBe(true);
          const file = await rejectedFile(job!.id);
          expect(file.length).toBe(bad.length + 1);
        },
      ),
      { seed: FC_SEED + 1, numRuns: runs(15) },
    );
    await expectHealthy();
  });

  it('noise after a census header: the job ends done or failed with a reason, never a system error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(';', ',', '\t'),
        fc.array(fc.array(hostileCell, { maxLength: 8 }), { maxLength: 12 }),
        fc.constantFrom('\r\n', '\n', '\r'),
        async (delimiter, lines, eol) => {
          // Cells joined raw: quotes and delimiters inside them are left to break the CSV as they will.
          const content = [CENSUS_HEADER.join(delimiter), ...lines.map((l) => l.join(delimiter))].join(eol);
          await send('workers', 'acak.csv', content);
        },
      ),
      { seed: FC_SEED + 2, numRuns: runs(25) },
    );
    await expectHealthy();
  });

  it('a BPJS participant file with hostile cells: good rows kept, bad rows reported', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(hostileCell, hostileCell), { minLength: 1, maxLength: 4 }), async (bad) => {
        const kpj = String(41_000_000_000 + Math.floor(Math.random() * 1_000_000_000));
        const good = [kpj, '', 'Amaq Tak Dikenal', '1971-03-03', 'JKK,JKM', 'AKTIF', '', '2026-10', VILLAGE_A];
        const badRows = bad.map(([kpjCell, name]) => [`=${kpjCell}`.slice(0, 50), '', name, 'kemarin', '<b>JKK</b>', 'DROP', '', '13-2026', '52.03.99.9999']);
        const { job } = await send('bpjs', 'peserta.csv', csvText([BPJS_HEADER, good, ...badRows], ';'));
        expect(job!.status, JSON.stringify(job).slice(0, 400)).toBe('done');
        expect(job!.rejected).toBe(bad.length);
        await rejectedFile(job!.id);
      }),
      { seed: FC_SEED + 3, numRuns: runs(8) },
    );
    await expectHealthy();
  });

  it('an OpenSID resident export with hostile cells: the good resident is created, the job never fails on a system error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.dictionary(fc.constantFrom(...OPENSID_COLUMNS), hostileCell, { maxKeys: 8 }), { minLength: 1, maxLength: 4 }), async (hostileRows) => {
        // Each hostile row is a good resident with some of its cells replaced.
        const resident = (): Record<string, string> => ({
          dusun: 'Dusun Timur',
          nama: 'AMAQ SAHNUN',
          nik: makeNik({ birthDate: '1986-04-02' }),
          sex: 'L',
          tanggallahir: '1986-04-02',
          pekerjaan_id: 'BURUH TANI/PERKEBUNAN',
          status_dasar: 'HIDUP',
        });
        const workbook = new ExcelJS.Workbook();
        const sheet = workbook.addWorksheet('Penduduk');
        sheet.addRow([...OPENSID_COLUMNS]);
        const rows = [resident(), ...hostileRows.map((cells) => ({ ...resident(), ...cells }))];
        for (const cells of rows) sheet.addRow(OPENSID_COLUMNS.map((c) => cells[c] ?? ''));
        const content = Buffer.from(await workbook.xlsx.writeBuffer());
        const { res, job } = await send('workers', 'opensid.xlsx', content, admin, { village: VILLAGE_A });
        if (!job) return void expect(res.statusCode).toBe(400);
        if (job.status === 'done') {
          expect(job.created).toBeGreaterThanOrEqual(1);
          expect(job.total).toBeLessThanOrEqual(rows.length);
        }
      }),
      { seed: FC_SEED + 5, numRuns: runs(10) },
    );
    await expectHealthy();
  });

  it('hostile file names on a good file: imported, the name stored without control characters (regression: a NUL answered 500)', async () => {
    const names = fc.sample(fc.oneof(fc.constantFrom('nul\u0000.csv', 'a\u202Eb.csv', '../../etc/passwd', 'C:\\x\\y.csv', ' '), fc.string({ unit: 'binary', maxLength: 60 })), { seed: FC_SEED, numRuns: runs(12) });
    const disposition = (name: string) => [`filename="${name.replace(/["\r\n]/g, '')}"`, `filename*=UTF-8''${encodeURIComponent(name.replace(/[\uD800-\uDFFF]/g, ''))}%00%ED%A0%80`];
    for (const name of names) {
      for (const header of disposition(name)) {
        const content = `${CENSUS_HEADER.join(';')}\r\n${goodCensusRow().join(';')}\r\n`;
        const payload = Buffer.concat([
          Buffer.from(`--b42\r\nContent-Disposition: form-data; name="file"; ${header}\r\n\r\n`, 'utf8'),
          Buffer.from(content),
          Buffer.from('\r\n--b42--\r\n'),
        ]);
        const res = await t.app.inject({ method: 'POST', url: '/api/imports/workers', headers: { cookie: admin, 'content-type': 'multipart/form-data; boundary=b42' }, payload });
        expect(res.statusCode, `${shortly(header)}: ${res.body}`).toBe(202);
        await t.app.imports.idle();
        const job = (await t.app.inject({ method: 'GET', url: `/api/imports/${res.json().id}`, headers: { cookie: admin } })).json();
        expect(job).toMatchObject({ status: 'done', created: 1 });
        expect(job.fileName).not.toMatch(/[\u0000-\u001f\u202a-\u202e]/);
      }
    }
  });

  it('formula cells: a formula NIK is rejected, a formula in the notes is kept as text, the file to fix neutralised', async () => {
    const good = goodCensusRow('=HYPERLINK("http://evil.example","klik")');
    const rows = [CENSUS_HEADER, good, ...FORMULAS.map((f) => [f, 'Lalu Formula', VILLAGE_A, 'Buruh Tani', f, f])];
    const { job } = await send('workers', 'formula.csv', csvText(rows, ';'));
    expect(job).toMatchObject({ status: 'done', created: 1, rejected: FORMULAS.length });
    const file = await rejectedFile(job!.id);
    expect(file.slice(1).map((r) => r[0])).toEqual(FORMULAS.map((f) => `'${f}`));
    const found = await t.app.inject({ method: 'GET', url: `/api/workers?q=${good[0]}`, headers: { cookie: admin } });
    const detail = await t.app.inject({ method: 'GET', url: `/api/workers/${found.json().items[0].id}`, headers: { cookie: admin } });
    expect(detail.json().notes).toBe('=HYPERLINK("http://evil.example","klik")');
  });

  it('encodings: a BOM is read, Latin-1 accents do not pass as names, UTF-16 has no header to find', async () => {
    const [nik] = goodCensusRow();
    const latin1 = Buffer.from(`${CENSUS_HEADER.join(';')}\r\n${nik};Andr\u00e9 Ren\u00e9;${VILLAGE_A};Buruh Tani;;\r\n`, 'latin1');
    const latin = await send('workers', 'latin1.csv', latin1);
    expect(latin.job).toMatchObject({ status: 'done', created: 0, rejected: 1 });

    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${CENSUS_HEADER.join(';')}\r\n${goodCensusRow().join(';')}\r\n`, 'utf16le')]);
    const wide = await send('workers', 'utf16.csv', utf16);
    expect(wide.res.statusCode).toBeLessThan(500);

    const doubleBom = await send('workers', 'bom.csv', `\uFEFF\uFEFF${CENSUS_HEADER.join(';')}\r\n${goodCensusRow().join(';')}\r\n`);
    expect(doubleBom.res.statusCode).toBeLessThan(500);
  });

  it('NUL bytes in cells are dropped instead of failing the import (regression: it failed with a system error)', async () => {
    const good = goodCensusRow('catatan\u0000dengan NUL');
    const bad = ['123', 'Nama\u0000Rusak', VILLAGE_A, 'Buruh Tani', 'Dusun\u0000', 'x\u0000'];
    const { job } = await send('workers', 'nul.csv', csvText([CENSUS_HEADER, good, bad], ';'));
    expect(job).toMatchObject({ status: 'done', created: 1, rejected: 1 });
    await rejectedFile(job!.id);
  });

  it('a cell over the CSV reader limit fails the job with an Indonesian reason, or is refused at upload', async () => {
    // An unclosed quote at row 20 swallows the rest of the file into one cell (past 1 MB).
    const rows = [CENSUS_HEADER.join(';'), ...Array.from({ length: 20 }, () => goodCensusRow().join(';')), `${makeNik()};"Tanpa penutup;${VILLAGE_A};Buruh Tani;;${'x'.repeat(1_100_000)}`];
    const { res, job } = await send('workers', 'petik.csv', rows.join('\r\n'));
    if (job) expect(job).toMatchObject({ status: 'failed', failureMessage: expect.stringMatching(/CSV rusak/) });
    else expect(res.statusCode).toBe(400);
    const head = await send('workers', 'petik-awal.csv', `${CENSUS_HEADER.join(';')}\r\n"${'y'.repeat(1_100_000)}`);
    expect(head.res.statusCode).toBe(400);
    expect(head.res.json().error.code).toBe('IMPORT_UNREADABLE');
  });
});

describe('XLSX that is not what it claims', () => {
  const valid = () => buildXlsx({ sheet: sheetOf([CENSUS_HEADER, goodCensusRow()]) });

  it('a hand-made workbook of one good row imports (the builder itself is sound)', async () => {
    const { job } = await send('workers', 'buatan.xlsx', await valid());
    expect(job).toMatchObject({ status: 'done', created: 1, rejected: 0 });
  });

  it('not a zip, half a zip, a zip without a workbook, old binary Excel, damaged deflate data: a clear 400', async () => {
    const whole = await valid();
    const damaged = Buffer.from(whole);
    for (let i = 200; i < damaged.length - 200; i += 37) damaged[i] = damaged[i]! ^ 0xff;
    // Regression: invalid deflate data inside an entry ExcelJS waits on left the upload without an answer.
    const relsAt = whole.indexOf('xl/_rels/workbook.xml.rels');
    const brokenEntry = Buffer.from(whole);
    brokenEntry.fill(0xff, relsAt + 26, relsAt + 26 + 40);
    const cases: [string, Buffer][] = [
      ['broken-entry.xlsx', brokenEntry],
      ['text.xlsx', Buffer.from('NIK;Nama\r\n')],
      ['half.xlsx', whole.subarray(0, Math.floor(whole.length / 2))],
      ['header-only.xlsx', whole.subarray(0, 30)],
      ['no-workbook.xlsx', await buildZip([{ name: 'hello.txt', chunks: ['halo'] }])],
      ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0])],
      ['damaged.xlsx', damaged],
      ['empty.xlsx', Buffer.alloc(0)],
    ];
    for (const [name, content] of cases) {
      for (const route of ['workers', 'bpjs', 'preview'] as const) {
        const { res } = await send(route, name, content);
        expect(res.statusCode, `${route} ${name}: ${res.body}`).toBe(400);
        expect(res.json().error.field).toBe('file');
      }
    }
    await expectHealthy();
  });

  it('random damage to a workbook never takes the server down', async () => {
    const whole = await valid();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(whole.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }), fc.nat(whole.length), async (flips, cut) => {
        const bytes = Buffer.from(whole.subarray(0, Math.max(4, cut)));
        for (const [at, value] of flips) if (at < bytes.length) bytes[at] = value;
        await send('workers', 'rusak.xlsx', bytes);
      }),
      { seed: FC_SEED + 4, numRuns: runs(30) },
    );
    await expectHealthy();
  });
});

describe('zip bombs', () => {
  const header = [CENSUS_HEADER];
  /** Each inflates to about 300 MB from well under IMPORT_MAX_MB. */
  const bombs: [string, () => Promise<Buffer>][] = [
    ['three million rows', () => buildXlsx({ sheet: sheetWith(header, repeated(rowXml(2, ['x']), 3_000_000)) })],
    ['one cell of 300 MB', () => buildXlsx({ sheet: sheetWith(header, ['<row r="2"><c r="A2" t="inlineStr"><is><t>', ...repeated('A', 300_000_000), '</t></is></c></row>']) })],
    ['300 MB of shared strings', () => buildXlsx({ sheet: sheetOf(header), sharedStrings: [SST_START, ...repeated('<si><t>x</t></si>', 17_000_000), '</sst>'] })],
    ['an image of 300 MB before the sheet', () => buildXlsx({ sheet: sheetOf(header), extra: [{ name: 'xl/media/image1.png', chunks: repeated('\u0000', 300_000_000) }] })],
    ['the sheet before the workbook (parked in a temporary file)', () => buildXlsx({ sheet: sheetWith(header, repeated(rowXml(2, ['x']), 3_000_000)), sheetFirst: true })],
    ['sizes in data descriptors', () => buildXlsx({ sheet: sheetWith(header, repeated(rowXml(2, ['x']), 3_000_000)), descriptor: true })],
  ];

  for (const [label, build] of bombs) {
    it(`${label}: 413 at upload, fast, memory bounded, nothing stored`, async () => {
      const file = await build();
      expect(file.length).toBeLessThan(IMPORT_MAX_MB * 1024 * 1024);
      const before = await importCount();
      let peak = process.memoryUsage().rss;
      const start = process.memoryUsage().rss;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
      const began = Date.now();
      try {
        for (const route of ['workers', 'bpjs', 'preview'] as const) {
          const { res } = await send(route, 'bom.xlsx', file);
          expect(res.statusCode, `${route}: ${res.body}`).toBe(413);
          expect(res.json().error).toMatchObject({ code: 'IMPORT_XLSX_TOO_LARGE', field: 'file' });
          expect(res.json().error.message).toMatch(/Excel/);
        }
      } finally {
        clearInterval(sampler);
      }
      expect(Date.now() - began).toBeLessThan(30_000);
      expect(peak - start, 'memory taken while refusing the bomb').toBeLessThan(200 * 1024 * 1024);
      expect(await importCount()).toBe(before);
      await expectHealthy();
    });
  }

  it('a row numbered two billion is refused at once instead of looping for hours (regression)', async () => {
    const file = await buildXlsx({ sheet: sheetWith(header, [rowXml(2_000_000_000, ['x'])]) });
    const began = Date.now();
    const { res } = await send('workers', 'baris.xlsx', file);
    expect(Date.now() - began).toBeLessThan(5_000);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('IMPORT_XLSX_TOO_LARGE');
  });

  it('… and further down the sheet, past the rows the upload reads, it fails the job with the reason', async () => {
    const goodRows = Array.from({ length: 30 }, () => goodCensusRow());
    const file = await buildXlsx({ sheet: sheetWith([CENSUS_HEADER, ...goodRows], [rowXml(XLSX_MAX_ROWS + 1, ['x'])]) });
    const { job } = await send('workers', 'baris-jauh.xlsx', file);
    expect(job).toMatchObject({ status: 'failed', failureMessage: expect.stringMatching(/batas Excel/) });
    await expectHealthy();
  });
});

describe('upload limits', () => {
  it('a file over IMPORT_MAX_MB is a 413 with the standard body on every upload route, and nothing is kept', async () => {
    const before = await importCount();
    const big = `${CENSUS_HEADER.join(';')}\r\n${`${goodCensusRow().join(';')}\r\n`.repeat(Math.ceil((IMPORT_MAX_MB * 1024 * 1024) / 60))}`;
    for (const route of ['workers', 'bpjs', 'preview'] as const) {
      for (const cookie of [admin, operator]) {
        const { res } = await send(route, 'besar.csv', big, cookie);
        if (route === 'bpjs' && cookie === operator) {
          expect(res.statusCode).toBe(403);
          continue;
        }
        expect(res.statusCode, `${route}: ${res.body}`).toBe(413);
        expect(res.json().error).toMatchObject({ code: 'FILE_TOO_LARGE', field: 'file', message: expect.stringMatching(/MB/) });
      }
    }
    expect(await importCount()).toBe(before);
    await expectHealthy();
  });
});

describe('the readers themselves', () => {
  it('detectDelimiter always picks one of ; , tab |', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (sample) => {
        expect([';', ',', '\t', '|']).toContain(detectDelimiter(sample));
      }),
      { seed: FC_SEED, numRuns: runs(200) },
    );
  });

  it('formatOfFile trusts the zip signature over the name, and never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.uint8Array({ maxLength: 8 }), (name, bytes) => {
        const format = formatOfFile(name, Buffer.from(bytes));
        expect([null, 'csv', 'xlsx']).toContain(format);
        if (bytes.length >= 4 && Buffer.from(bytes).readUInt32LE(0) === 0x04034b50) expect(format).toBe('xlsx');
      }),
      { seed: FC_SEED, numRuns: runs(200) },
    );
  });

  it('openTable reads any bytes as CSV to the end, or stops with an UnreadableFile reason', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jaring-hostile-'));
    try {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 3000 }).map((a) => Buffer.from(a)), fc.string({ unit: 'binary', maxLength: 2000 }).map((s) => Buffer.from(s))), async (bytes) => {
          const file = path.join(dir, 'x.csv');
          fs.writeFileSync(file, bytes);
          try {
            const table = await openTable(file, 'csv', () => false);
            for await (const row of table.rows) {
              for (const cell of row.cells) if (typeof cell === 'string') expect(cell).not.toContain('\u0000');
            }
          } catch (error) {
            expect(error).toBeInstanceOf(UnreadableFile);
          }
        }),
        { seed: FC_SEED, numRuns: runs(100) },
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a workbook written by ExcelJS with formula and hostile cells reads back as text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Data');
    sheet.addRow(CENSUS_HEADER);
    sheet.addRow(['5203010107850001', { formula: 'HYPERLINK("http://x","y")', result: 'y' }, VILLAGE_A, 'Buruh Tani', '=1+1', 'a\u0000b']);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jaring-hostile-'));
    try {
      const file = path.join(dir, 'x.xlsx');
      fs.writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
      const table = await openTable(file, 'xlsx', (cells) => cells.includes('NIK'));
      const rows = [];
      for await (const row of table.rows) rows.push(row.cells);
      expect(rows[0]).toEqual(['5203010107850001', 'y', VILLAGE_A, 'Buruh Tani', '=1+1', 'ab']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
