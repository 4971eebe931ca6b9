import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNik } from '../../test/factories.ts';
import { testApp, type TestApp } from '../../test/test-app.ts';
import { importAndWait, upload } from '../../test/upload.ts';

const VILLAGE = '52.03.01.2001';
let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await testApp({ now: new Date('2026-11-24T03:00:00Z') });
  admin = await t.loginAs('admin');
});
afterAll(() => t.close());

function villageName(code: string): { village: string; district: string } {
  return { village: t.regions.get(code)!.name, district: t.regions.get(code.slice(0, 8))!.name };
}

async function findByNik(nik: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/workers?q=${nik}`, headers: { cookie: admin } });
  return (res.json() as { items: { id: string; name: string; birthDate: string; sex: string; occupation: string; villageCode: string }[] }).items[0];
}

describe('census import of a messy village spreadsheet', () => {
  const niks = Array.from({ length: 8 }, (_, i) => makeNik({ birthDate: '1985-07-01', sex: i % 2 ? 'F' : 'M' }));
  const { village, district } = { village: '', district: '' };
  let csv = '';

  beforeAll(() => {
    const names = villageName(VILLAGE);
    // Indonesian headers with the usual variants, `;` delimiter, a BOM, Desa + Kecamatan names instead of a code.
    const rows = [
      'No. KTP;Nama Lengkap;Tgl Lahir;L/P;Desa;Kecamatan;Pekerjaan;No HP;Penghasilan;Dusun;RT;RW;Keterangan',
      `'${niks[0]};  Ahmad   Saleh ;1985-07-01;L;${names.village};${names.district};Buruh Tani;0812 3456 7890;Rp 1.500.000;Dusun Lauk;1;2;`,
      `${niks[1]};Siti Aminah;01/07/1985;P;${names.village};${names.district};Nelayan;;1500000;;;;`,
      `${niks[2]};Muhammad Yusuf;01-07-1985;Laki-laki;${names.village};${names.district};ojek;;;;;;"catatan
dua baris"`,
      `${niks[3]};Baiq Nurul;1 Juli 1985;Perempuan;${names.village};${names.district};Marbot;;;;;;`,
      // NIK in scientific form: the last digits are gone; never guessed.
      `5.20301E+15;Lalu Hasan;1985-07-01;L;${names.village};${names.district};Buruh Tani;;;;;;`,
      // The same NIK again: first wins.
      `${niks[0]};Ahmad Saleh Dua;1985-07-01;L;${names.village};${names.district};Buruh Tani;;;;;;`,
      // Impossible date, unknown occupation.
      `${niks[4]};Zainal Abidin;31/02/1985;L;${names.village};${names.district};Astronot;;;;;;`,
      `${niks[5]};Hasanah;1985-07-01;M/F?;${names.village};${names.district};Petani;;;;;;`,
      ';;;;;;;;;;;;',
      ';;;;;;;;;;;;',
    ];
    csv = `\uFEFF${rows.join('\r\n')}\r\n`;
    void village;
    void district;
  });

  it('creates the good rows, rejects each bad one with row, field and reason, and skips empty rows', async () => {
    const { job } = await importAndWait(t.app, 'workers', { cookie: admin, fileName: 'sensus-desa.csv', content: csv });
    expect(job.status).toBe('done');
    expect(job).toMatchObject({ created: 4, updated: 0, unchanged: 0, rejected: 4, total: 8 });
    const byRow = Object.fromEntries(job.errors.map((e) => [e.row, e]));
    expect(byRow[5]).toMatchObject({ field: 'nik', code: 'NIK_NOT_TEXT' });
    expect(byRow[5]!.message).toMatch(/teks|Teks|TEKS/);
    expect(byRow[6]).toMatchObject({ field: 'nik', code: 'NIK_DUPLICATE_IN_FILE' });
    expect(job.errors.filter((e) => e.row === 7).map((e) => e.field).sort()).toEqual(['birthDate', 'occupation']);
    expect(byRow[8]).toMatchObject({ field: 'sex' });
    // Nothing about rows 9 and 10 (the trailing ;;;; lines).
    expect(job.errors.every((e) => e.row <= 8)).toBe(true);

    const ahmad = await findByNik(niks[0]!);
    expect(ahmad).toMatchObject({ name: 'Ahmad Saleh', birthDate: '1985-07-01', sex: 'M', occupation: 'farm_labourer', villageCode: VILLAGE });
    expect(await findByNik(niks[1]!)).toMatchObject({ name: 'Siti Aminah', sex: 'F', occupation: 'fisher' });
    expect(await findByNik(niks[2]!)).toMatchObject({ occupation: 'motorcycle_taxi' });
    expect(await findByNik(niks[3]!)).toMatchObject({ sex: 'F', occupation: 'community_service' });
    const detail = await t.app.inject({ method: 'GET', url: `/api/workers/${ahmad!.id}`, headers: { cookie: admin } });
    expect(detail.json()).toMatchObject({ phone: '081234567890', monthlyIncome: 1_500_000, hamlet: 'Dusun Lauk', rt: '001', rw: '002' });
    const yusuf = await findByNik(niks[2]!);
    const yusufDetail = await t.app.inject({ method: 'GET', url: `/api/workers/${yusuf!.id}`, headers: { cookie: admin } });
    expect(yusufDetail.json().notes).toBe('catatan dua baris');
  });

  it('changes nothing when the same file is imported again', async () => {
    const { job } = await importAndWait(t.app, 'workers', { cookie: admin, fileName: 'sensus-desa.csv', content: csv });
    expect(job).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 4, rejected: 4 });
  });

  it('updates a changed row, audits the change, and offers the rejected rows as a file to fix', async () => {
    const changed = csv.replace('Nelayan', 'Buruh Tani');
    const { id, job } = await importAndWait(t.app, 'workers', { cookie: admin, fileName: 'sensus-desa.csv', content: changed });
    expect(job).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    const siti = await findByNik(niks[1]!);
    expect(siti!.occupation).toBe('farm_labourer');
    const audit = await t.app.inject({ method: 'GET', url: `/api/audit?entity=worker&id=${siti!.id}`, headers: { cookie: admin } });
    const entries = audit.json().items as { action: string; changes: { updated?: Record<string, unknown> } }[];
    const entry = entries.find((e) => e.action === 'import' && e.changes.updated?.[siti!.id]);
    expect(entry?.changes.updated?.[siti!.id]).toEqual({ occupation: { before: 'fisher', after: 'farm_labourer' } });

    const file = await t.app.inject({ method: 'GET', url: `/api/imports/${id}/rejected`, headers: { cookie: admin } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('text/csv');
    const lines = file.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('No. KTP;Nama Lengkap;Tgl Lahir;L/P;Desa;Kecamatan;Pekerjaan;No HP;Penghasilan;Dusun;RT;RW;Keterangan;Alasan penolakan;Baris asal');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toContain('5.20301E+15;Lalu Hasan');
    expect(lines[1]).toMatch(/;5$/);
    // The file holds names and NIKs: reading it is in the audit trail.
    const reads = await t.app.inject({ method: 'GET', url: `/api/audit?entity=import_rejections&id=${id}`, headers: { cookie: admin } });
    expect(reads.json().items).toEqual([expect.objectContaining({ action: 'read', actorUsername: 'admin' })]);
  });

  it('neutralises formulas in the rejected-rows file', async () => {
    const evil = `NIK;Nama;Kode Desa;Pekerjaan\r\n=HYPERLINK("http://x");@SUM(1);${VILLAGE};Buruh Tani\r\n`;
    const { id, job } = await importAndWait(t.app, 'workers', { cookie: admin, fileName: 'evil.csv', content: evil });
    expect(job.rejected).toBe(1);
    const file = await t.app.inject({ method: 'GET', url: `/api/imports/${id}/rejected`, headers: { cookie: admin } });
    const row = file.body.split('\r\n')[1]!;
    expect(row.startsWith(`"'=HYPERLINK`)).toBe(true);
    expect(row).toContain(";'@SUM(1);");
  });
});

describe('census import of an XLSX workbook', () => {
  it('reads date cells and text NIKs, and rejects a NIK stored as a number', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Data');
    sheet.addRow(['DATA PEKERJA INFORMAL DESA']); // a title line above the header
    sheet.addRow(['NIK', 'Nama', 'Tanggal Lahir', 'Jenis Kelamin', 'Kode Desa', 'Pekerjaan']);
    const good = makeNik({ birthDate: '1990-03-15', sex: 'M' });
    sheet.addRow([good, 'Rahmat Hidayat', new Date(Date.UTC(1990, 2, 15)), 'L', VILLAGE, 'Petani']);
    sheet.addRow([Number(makeNik({ birthDate: '1990-03-15' })), 'Angka Saja', new Date(Date.UTC(1990, 2, 15)), 'L', VILLAGE, 'Petani']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const { job } = await importAndWait(t.app, 'workers', { cookie: admin, fileName: 'data.xlsx', content: buffer });
    expect(job).toMatchObject({ status: 'done', created: 1, rejected: 1 });
    expect(job.errors[0]).toMatchObject({ row: 2, field: 'nik', code: 'NIK_NOT_TEXT' });
    expect(await findByNik(good)).toMatchObject({ name: 'Rahmat Hidayat', birthDate: '1990-03-15', occupation: 'farmer' });
  });
});

describe('census import of jumlah tanggungan (dependants)', () => {
  const [tiga, nol, kosong, kata] = Array.from({ length: 4 }, () => makeNik({ birthDate: '1988-04-12' }));
  const header = 'NIK;Nama;Kode Desa;Pekerjaan;Jumlah Tanggungan';
  const csv = (rows: string[]) => `${[header, ...rows].join('\r\n')}\r\n`;

  async function detail(nik: string): Promise<{ id: string; dependants: number | null }> {
    const found = await findByNik(nik);
    const res = await t.app.inject({ method: 'GET', url: `/api/workers/${found!.id}`, headers: { cookie: admin } });
    return res.json();
  }

  it('creates workers with their dependants and rejects a count written in words, naming row and field', async () => {
    const content = csv([
      `${tiga};Tanggungan Tiga;${VILLAGE};Nelayan;3 orang`,
      `${nol};Tanggungan Nol;${VILLAGE};Nelayan;0`,
      `${kosong};Tanggungan Kosong;${VILLAGE};Nelayan;`,
      `${kata};Tanggungan Kata;${VILLAGE};Nelayan;tiga`,
    ]);
    const { job } = await importAndWait(t.app, 'workers', { cookie: admin, fileName: 'tanggungan.csv', content });
    expect(job).toMatchObject({ status: 'done', created: 3, rejected: 1 });
    expect(job.errors).toEqual([expect.objectContaining({ row: 4, field: 'dependants', code: 'DEPENDANTS_INVALID' })]);
    expect(job.errors[0]!.message).toMatch(/Jumlah tanggungan/);
    expect(await findByNik(kata!)).toBeUndefined();
    expect(await detail(tiga!)).toMatchObject({ dependants: 3 });
    expect(await detail(nol!)).toMatchObject({ dependants: 0 });
    expect(await detail(kosong!)).toMatchObject({ dependants: null });
  });

  it('keeps the stored count when a re-import leaves the cell empty, and updates a changed count', async () => {
    const content = csv([
      `${tiga};Tanggungan Tiga;${VILLAGE};Nelayan;`,
      `${nol};Tanggungan Nol;${VILLAGE};Nelayan;2`,
      `${kosong};Tanggungan Kosong;${VILLAGE};Nelayan;-`,
    ]);
    const { job } = await importAndWait(t.app, 'workers', { cookie: admin, fileName: 'tanggungan.csv', content });
    expect(job).toMatchObject({ status: 'done', created: 0, updated: 1, unchanged: 2, rejected: 0 });
    expect(await detail(tiga!)).toMatchObject({ dependants: 3 });
    const changed = await detail(nol!);
    expect(changed).toMatchObject({ dependants: 2 });
    expect(await detail(kosong!)).toMatchObject({ dependants: null });

    const audit = await t.app.inject({ method: 'GET', url: `/api/audit?entity=worker&id=${changed.id}`, headers: { cookie: admin } });
    const entries = audit.json().items as { action: string; changes: { updated?: Record<string, unknown> } }[];
    const entry = entries.find((e) => e.action === 'import' && e.changes.updated?.[changed.id]);
    expect(entry?.changes.updated?.[changed.id]).toEqual({ dependants: { before: 0, after: 2 } });
  });

  it('reads an Excel number in the column', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Data');
    sheet.addRow(['NIK', 'Nama', 'Kode Desa', 'Pekerjaan', 'Jumlah Tanggungan']);
    const nik = makeNik({ birthDate: '1991-09-09' });
    sheet.addRow([nik, 'Tanggungan Angka', VILLAGE, 'Petani', 4]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const { job } = await importAndWait(t.app, 'workers', { cookie: admin, fileName: 'tanggungan.xlsx', content: buffer });
    expect(job).toMatchObject({ status: 'done', created: 1, rejected: 0 });
    expect(await detail(nik)).toMatchObject({ dependants: 4 });
  });
});

describe('scope of a village operator', () => {
  it('imports into the own village only and rejects rows for other villages', async () => {
    const operator = await t.loginAs('village', VILLAGE);
    const other = '52.03.01.2002';
    const mine = makeNik({ birthDate: '1980-01-01' });
    const content = `NIK;Nama;Kode Desa;Pekerjaan\r\n${mine};Operator Punya;${VILLAGE};Buruh Tani\r\n${makeNik()};Desa Lain;${other};Buruh Tani\r\n`;
    const { job } = await importAndWait(t.app, 'workers', { cookie: operator, fileName: 'a.csv', content });
    expect(job).toMatchObject({ created: 1, rejected: 1 });
    expect(job.errors[0]).toMatchObject({ row: 2, code: 'VILLAGE_MISMATCH' });

    // Rows without a village go to the operator's own village.
    const noVillage = `NIK;Nama;Pekerjaan\r\n${makeNik()};Tanpa Kolom Desa;Nelayan\r\n`;
    const second = await importAndWait(t.app, 'workers', { cookie: operator, fileName: 'b.csv', content: noVillage });
    expect(second.job).toMatchObject({ created: 1, village: VILLAGE });

    const elsewhere = await upload(t.app, '/api/imports/workers', { cookie: operator, fileName: 'c.csv', content: noVillage, fields: { village: other } });
    expect(elsewhere.statusCode).toBe(403);

    const district = await t.loginAs('district', '52.03.01');
    const refused = await upload(t.app, '/api/imports/workers', { cookie: district, fileName: 'd.csv', content: noVillage });
    expect(refused.statusCode).toBe(403);
  });
});

describe('a file that cannot be imported', () => {
  it('is refused at once with the missing columns named', async () => {
    const res = await upload(t.app, '/api/imports/workers', { cookie: admin, fileName: 'x.csv', content: 'Nama;Alamat\r\nAhmad;Jl. Raya\r\n' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'IMPORT_COLUMNS_MISSING', field: 'file' });
    expect(res.json().error.message).toContain('NIK');
  });

  it('refuses an old .xls workbook and an empty file', async () => {
    const xls = await upload(t.app, '/api/imports/workers', { cookie: admin, fileName: 'lama.xls', content: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]) });
    expect(xls.json().error.code).toBe('IMPORT_FORMAT_UNSUPPORTED');
    const empty = await upload(t.app, '/api/imports/workers', { cookie: admin, fileName: 'kosong.csv', content: '' });
    expect(empty.json().error.code).toBe('IMPORT_EMPTY');
  });

  it('previews the mapping before anything is imported', async () => {
    const res = await upload(t.app, '/api/imports/preview', {
      cookie: admin,
      fileName: 'p.csv',
      content: `No KTP,Nama Lengkap,Tgl Lahir,Kode Desa,Pekerjaan,Warna Favorit\r\n${makeNik()},Ahmad,1985-07-01,${VILLAGE},Nelayan,Biru\r\n`,
      fields: { kind: 'workers' },
    });
    expect(res.statusCode).toBe(200);
    const preview = res.json();
    expect(preview).toMatchObject({ layout: 'census', delimiter: ',', missing: [] });
    expect(preview.columns.map((c: { field: string | null }) => c.field)).toEqual(['nik', 'name', 'birthDate', 'villageCode', 'occupation', null]);
    expect(preview.sampleRows).toHaveLength(1);
  });
});
