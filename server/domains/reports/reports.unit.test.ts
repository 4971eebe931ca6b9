import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { pdfInfo, pdfText } from '../../test/pdf-text.ts';
import { renderCertificatePdf, type CertificateInput } from './certificate.ts';
import { PARITRANA_SECTIONS, renderParitranaPdf, renderParitranaXlsx, type ParitranaInput } from './paritrana-report.ts';
import { renderPdf } from './pdf.ts';
import { renderRankingXlsx, type RankingSheetInput } from './ranking-xlsx.ts';
import { categoryLabel, formatDateId, formatNumberId, formatPercentId, formatRupiahId } from './report-format.ts';

const certificate: CertificateInput = {
  regencyName: 'Kabupaten Lombok Timur',
  roundName: 'Penghargaan Desa Peduli Jamsostek 2026',
  periodLabel: 'Tahun 2026',
  villageName: 'Sukamulia',
  districtName: 'Dasan Lekong',
  villageCode: '52.03.19.2001',
  rank: 1,
  villagesRanked: 254,
  score: 87.25,
  coverageRegister: 78.4,
  covered: 1234,
  workers: 1574,
  growth: 120,
  issuedOn: '2026-11-25',
  isDemo: false,
};

async function readWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** The values of one sheet row, 1-based like the sheet, without the leading empty slot exceljs keeps. */
function rowValues(sheet: ExcelJS.Worksheet, row: number): unknown[] {
  return (sheet.getRow(row).values as unknown[]).slice(1);
}

function findRow(sheet: ExcelJS.Worksheet, firstCell: string): number {
  for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).value === firstCell) return r;
  throw new Error(`no row starting with ${firstCell} in ${sheet.name}`);
}

describe('report formats', () => {
  it.each([
    [formatNumberId(1234567), '1.234.567'],
    [formatNumberId(0), '0'],
    [formatPercentId(78.44), '78,4%'],
    [formatPercentId(100), '100,0%'],
    [formatPercentId(-0.01), '0,0%'],
    [formatPercentId(null), '—'],
    [formatRupiahId(1500000), 'Rp1.500.000'],
    [formatDateId('2026-11-25'), '25 November 2026'],
    [formatDateId('2026-01-05'), '5 Januari 2026'],
    [categoryLabel('very_low'), 'Sangat rendah'],
    [categoryLabel('high'), 'Tinggi'],
    [categoryLabel(null), '—'],
  ])('%s is %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});

describe('renderPdf', () => {
  it('writes uncompressed standard-font PDFs with Jaring as author and creator', async () => {
    const pdf = await renderPdf({ info: { title: 'Uji (kurung) — garis', subject: 'uji' }, content: ['Cakupan 78,4% (terhadap pekerja di register) \\ selesai'] });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).not.toContain('/FlateDecode');
    expect(raw).toContain('/BaseFont /Helvetica');
    expect(raw).not.toContain('/FontFile');
    expect(pdfText(pdf)).toContain('Cakupan 78,4% (terhadap pekerja di register) \\ selesai');
    expect(pdfInfo(pdf)).toEqual({ pages: 1, title: 'Uji (kurung) — garis', landscape: false });
    expect(raw).toMatch(/\/Author \d+ 0 R/);
  });

  it('refuses images from URLs and local files', async () => {
    await expect(renderPdf({ info: { title: 'x', subject: 'x' }, content: [{ image: 'https://example.org/logo.png' }] })).rejects.toThrow(/denied/);
    await expect(renderPdf({ info: { title: 'x', subject: 'x' }, content: [{ image: '/etc/passwd' }] })).rejects.toThrow(/denied/);
  });
});

describe('renderCertificatePdf', () => {
  it('is one A4 landscape page naming the village, its rank and the figures', async () => {
    const pdf = await renderCertificatePdf(certificate);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfInfo(pdf)).toEqual({ pages: 1, title: 'Piagam Penghargaan — Desa Sukamulia', landscape: true });
    const text = pdfText(pdf);
    const flat = text.replace(/\s+/g, ' ');
    for (const expected of [
      'PIAGAM PENGHARGAAN',
      'Penghargaan Desa Peduli Jamsostek 2026',
      'diberikan kepada',
      'DESA SUKAMULIA',
      'Kecamatan Dasan Lekong, Kabupaten Lombok Timur',
      'Universal',
      'Peringkat 1 dari 254 desa',
      '78,4%',
      '1.234 dari 1.574 pekerja di register',
      '+120 peserta baru yang masih aktif di akhir periode',
      '87,25',
      'Lombok Timur, 25 November 2026',
      'Bupati Lombok Timur',
      'Kepala Dinas Tenaga Kerja dan Transmigrasi',
    ]) {
      expect(flat).toContain(expected);
    }
    expect(text).not.toContain('DATA DEMO');
  });

  it('says a demo certificate is not an official one, and keeps a long name on one page', async () => {
    const pdf = await renderCertificatePdf({
      ...certificate,
      villageName: 'Desa Pringgasela Selatan Bagian Timur Laut',
      rank: 12,
      coverageRegister: null,
      isDemo: true,
    });
    expect(pdfInfo(pdf)).toEqual({ pages: 1, title: 'Piagam Penghargaan — Desa Pringgasela Selatan Bagian Timur Laut', landscape: true });
    const text = pdfText(pdf);
    expect(text).toContain('DATA DEMO — bukan piagam resmi');
    expect(text).toContain('DESA PRINGGASELA SELATAN BAGIAN TIMUR LAUT');
    expect(text).toContain('Peringkat 12 dari 254 desa');
    expect(text).toContain('—'); // no coverage percentage without workers in the register
  });
});

const rankingRows: RankingSheetInput['rows'] = [
  {
    rank: 1, code: '52.03.19.2001', name: 'Sukamulia', districtName: 'Dasan Lekong', workers: 1574, covered: 1234,
    coverageRegister: 78.4, coveredAtStart: 1114, growth: 120, netChange: 120, score: 87.25,
    parts: { coverage: 78.4, growth: 100, covered: 95.5 }, isWinner: true,
  },
  {
    rank: 2, code: '52.03.01.2002', name: '=HYPERLINK("http://x","klik")', districtName: 'Keruak', workers: 900, covered: 610,
    coverageRegister: 67.8, coveredAtStart: 650, growth: 12, netChange: -40, score: 61.3,
    parts: { coverage: 67.8, growth: 10, covered: 47.2 }, isWinner: false,
  },
  {
    rank: null, code: '52.03.02.2010', name: 'Lenek', districtName: 'Aikmel', workers: 0, covered: 0,
    coverageRegister: null, coveredAtStart: 0, growth: 0, netChange: 0,
  },
];

describe('renderRankingXlsx', () => {
  it('writes the award ranking with a frozen header, numbers as numbers and the winner marked', async () => {
    const buffer = await renderRankingXlsx({
      kind: 'award',
      title: 'Penghargaan Desa Peduli Jamsostek 2026 — Tahun 2026',
      subtitle: 'Kabupaten Lombok Timur · angka per 31 Desember 2026',
      rows: rankingRows,
      notes: ['Cakupan dihitung terhadap pekerja di register desa.', '+ desa tanpa pekerja di register tidak diberi peringkat'],
      isDemo: true,
    });
    const workbook = await readWorkbook(buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Peringkat']);
    const sheet = workbook.getWorksheet('Peringkat')!;
    expect(sheet.getCell('A1').value).toBe('DATA DEMO — semua angka sintetis');
    expect(sheet.getCell('A2').value).toBe('Penghargaan Desa Peduli Jamsostek 2026 — Tahun 2026');

    const header = findRow(sheet, 'Peringkat');
    expect(rowValues(sheet, header)).toEqual([
      'Peringkat', 'Kode desa', 'Desa', 'Kecamatan', 'Pekerja di register', 'Peserta aktif', 'Cakupan (%)',
      'Aktif di awal periode', 'Pertumbuhan', 'Perubahan bersih', 'Skor', 'Nilai cakupan', 'Nilai pertumbuhan',
      'Nilai jumlah peserta', 'Pemenang',
    ]);
    expect(sheet.getRow(header).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: header });

    expect(rowValues(sheet, header + 1)).toEqual([1, '52.03.19.2001', 'Sukamulia', 'Dasan Lekong', 1574, 1234, 78.4, 1114, 120, 120, 87.25, 78.4, 100, 95.5, 'Ya']);
    expect(sheet.getRow(header + 1).getCell(7).numFmt).toBe('0.0');
    expect(sheet.getRow(header + 1).getCell(2).numFmt).toBe('@');
    const second = rowValues(sheet, header + 2);
    expect(second[2]).toBe('\'=HYPERLINK("http://x","klik")'); // neutralised, shown as text
    expect(second.slice(9)).toEqual([-40, 61.3, 67.8, 10, 47.2, '—']);
    expect(rowValues(sheet, header + 3).slice(0, 7)).toEqual(['—', '52.03.02.2010', 'Lenek', 'Aikmel', 0, 0, '—']);

    const notes = findRow(sheet, 'Catatan');
    expect(sheet.getCell(notes + 1, 1).value).toBe('Cakupan dihitung terhadap pekerja di register desa.');
    expect(sheet.getCell(notes + 2, 1).value).toBe("'+ desa tanpa pekerja di register tidak diberi peringkat");
  });

  it('leaves the award columns out of the leaderboard', async () => {
    const buffer = await renderRankingXlsx({ kind: 'leaderboard', title: 'Peringkat desa menurut cakupan — Tahun 2026', subtitle: 'Kabupaten Lombok Timur', rows: rankingRows, notes: [], isDemo: false });
    const sheet = (await readWorkbook(buffer)).getWorksheet('Peringkat')!;
    expect(sheet.getCell('A1').value).toBe('Peringkat desa menurut cakupan — Tahun 2026');
    const header = findRow(sheet, 'Peringkat');
    expect(rowValues(sheet, header)).toHaveLength(10);
    expect(rowValues(sheet, header).at(-1)).toBe('Perubahan bersih');
  });
});

const paritrana: ParitranaInput = {
  regencyName: 'Kabupaten Lombok Timur',
  regionCode: '52.03',
  year: 2026,
  asOf: '2026-12-31',
  generatedOn: '2027-01-04',
  isDemo: false,
  coverage: {
    workers: 188000,
    covered: 147392,
    grace: 6120,
    lapsed: 9870,
    coverageRegister: 78.4,
    official: { value: 412000, source: 'BPS Sakernas Agustus 2025', year: 2025 },
    coverageOfficial: 35.8,
    category: 'high',
  },
  previous: { asOf: '2025-12-31', covered: 144110, coverageRegister: 76.7, coverageOfficial: 35.0 },
  growth: { covered: 9850, netChange: 3282, points: 0.8, pointsBasis: 'official' },
  target: { percent: 40, basis: 'official' },
  nationalTarget: 35.1,
  vulnerable: {
    sponsoredCovered: 22850,
    bySource: [
      { kind: 'DBHCHT', label: 'DBH Cukai Hasil Tembakau', covered: 17500 },
      { kind: 'APBD', label: 'APBD kabupaten', covered: 4800 },
      { kind: 'ADD', label: 'Alokasi Dana Desa (ADD)', covered: 550 },
    ],
  },
  regulations: [
    {
      sourceName: 'DBHCHT 2026 — petani tembakau', kind: 'DBHCHT', legalBasis: 'Perbup Lombok Timur No. 12/2026',
      budgetLine: '5.1.02.01.01.0026', budget: 2_268_000_000, committed: 2_100_000_000, paid: 1_950_000_000,
    },
    { sourceName: 'APBD 2026 — linmas desa', kind: 'APBD', legalBasis: null, budgetLine: null, budget: 700_000_000, committed: 622_080_000, paid: 600_000_000 },
  ],
  governmentWorkers: [
    { label: 'Pegawai pemerintah non-ASN', workers: 5200, covered: 4940 },
    { label: 'Penyelenggara pemilu ad hoc (PPK, PPS, KPPS)', workers: 3100, covered: 1860 },
  ],
  districts: [
    { code: '52.03.01', name: 'Keruak', workers: 9100, covered: 6300, coverageRegister: 69.2, category: 'medium' },
    { code: '52.03.19', name: 'Dasan Lekong', workers: 4000, covered: 3500, coverageRegister: 87.5, category: 'high' },
    { code: '52.03.20', name: '@Kecamatan uji', workers: 0, covered: 0, coverageRegister: null, category: null },
  ],
  notes: ['Penyebut resmi dicatat admin dari publikasi BPS.'],
};

describe('renderParitranaPdf', () => {
  it('has a section per indicator and names every denominator', async () => {
    const pdf = await renderParitranaPdf(paritrana);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const info = pdfInfo(pdf);
    expect(info.landscape).toBe(false);
    expect(info.title).toBe('Ringkasan Indikator Paritrana Award 2026 — Kabupaten Lombok Timur');
    const text = pdfText(pdf);
    // table cells wrap where the column ends; a cell's lines stay together, so read them as one
    const flat = text.replace(/\s+/g, ' ');
    for (const heading of Object.values(PARITRANA_SECTIONS)) expect(text).toContain(heading);
    for (const expected of [
      'Kabupaten Lombok Timur',
      'Angka per 31 Desember 2026',
      '78,4%',
      'terhadap pekerja di register',
      '35,8%',
      'terhadap BPS Sakernas Agustus 2025 (2025)',
      'Tinggi',
      '147.392',
      '17.500',
      '+3.282',
      '+0,8 poin',
      'Perbup Lombok Timur No. 12/2026',
      '5.1.02.01.01.0026',
      'Mata anggaran belum dicatat',
      'Dasar hukum belum dicatat',
      'Rp2.268.000.000',
      'Rp2.968.000.000',
      'Penyelenggara pemilu ad hoc (PPK, PPS, KPPS)',
      'Penyelenggara pemilu ad hoc (PPK, PPS, KPPS) 3.100 1.860 60,0%',
      'terhadap pekerja kelompok',
      'Penyebut resmi dicatat admin dari publikasi BPS.',
    ]) {
      expect(flat).toContain(expected);
    }
    expect(text).not.toContain('DATA DEMO');
  });

  it('says a demo report is one at the top, and prints — for a missing percentage', async () => {
    const pdf = await renderParitranaPdf({
      ...paritrana,
      isDemo: true,
      coverage: { ...paritrana.coverage, official: null, coverageOfficial: null },
      growth: { ...paritrana.growth, points: null },
      regulations: [],
    });
    const text = pdfText(pdf);
    expect(text.split('\n')[0]).toBe('DATA DEMO — semua angka sintetis, bukan laporan resmi');
    expect(text).toContain('terhadap angka resmi (belum dicatat)');
    expect(text).toContain('Belum ada data yang dicatat.');
    expect(text).toMatch(/Perubahan cakupan\s+—/);
  });
});

describe('renderParitranaXlsx', () => {
  it('has the four sheets with the same figures', async () => {
    const workbook = await readWorkbook(await renderParitranaXlsx(paritrana));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Ringkasan', 'Kecamatan', 'Pembiayaan', 'Pekerja pemerintah']);

    const summary = workbook.getWorksheet('Ringkasan')!;
    expect(rowValues(summary, 1)).toEqual(['Indikator', 'Ukuran', 'Nilai', 'Penyebut / dasar', 'Catatan']);
    const rows = Array.from({ length: summary.rowCount - 1 }, (_, i) => rowValues(summary, i + 2));
    const coverage = rows.filter((r) => r[0] === PARITRANA_SECTIONS.coverage && r[1] === 'Cakupan');
    expect(coverage.map((r) => [r[2], r[3]])).toEqual([
      [78.4, 'terhadap pekerja di register'],
      [35.8, 'terhadap BPS Sakernas Agustus 2025 (2025)'],
    ]);
    expect(summary.getCell(rows.indexOf(coverage[0]!) + 2, 3).numFmt).toBe('0.0"%"');
    expect(rows.find((r) => r[1] === 'Kategori cakupan')?.[2]).toBe('Tinggi');
    expect(rows.find((r) => r[1] === 'Pagu anggaran')?.[2]).toBe(2_968_000_000);
    expect(rows.find((r) => r[1] === 'Perubahan bersih peserta aktif')?.[2]).toBe(3282);
    for (const heading of Object.values(PARITRANA_SECTIONS)) expect(rows.some((r) => r[0] === heading)).toBe(true);

    const districts = workbook.getWorksheet('Kecamatan')!;
    expect(rowValues(districts, 2)).toEqual(['52.03.01', 'Keruak', 9100, 6300, 69.2, 'Sedang']);
    expect(rowValues(districts, 4)).toEqual(['52.03.20', "'@Kecamatan uji", 0, 0, '—', '—']);
    expect(rowValues(districts, 5)).toEqual(['52.03', 'Kabupaten Lombok Timur', 188000, 147392, 78.4, 'Tinggi']);

    const finance = workbook.getWorksheet('Pembiayaan')!;
    expect(rowValues(finance, 3)).toEqual(['APBD 2026 — linmas desa', 'APBD kabupaten', '—', '—', 700_000_000, 622_080_000, 600_000_000]);

    const government = workbook.getWorksheet('Pekerja pemerintah')!;
    expect(rowValues(government, 3)).toEqual(['Penyelenggara pemilu ad hoc (PPK, PPS, KPPS)', 3100, 1860, 60]);
  });

  it('puts the demo line on top of every sheet', async () => {
    const workbook = await readWorkbook(await renderParitranaXlsx({ ...paritrana, isDemo: true }));
    for (const sheet of workbook.worksheets) expect(sheet.getCell('A1').value).toBe('DATA DEMO — semua angka sintetis, bukan laporan resmi');
  });
});
