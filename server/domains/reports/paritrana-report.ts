/**
 * The regency's one-document summary along the Paritrana Award indicators (shared/domain.md, "Paritrana
 * Award"): coverage, vulnerable workers protected, coverage growth, regulations and budget lines, and
 * non-civil-servant government and election workers — as a PDF to hand to the jury and as an XLSX whose
 * numbers can be checked. Both are built from the same summary lines so they never disagree.
 * Every percentage says what it is measured against; aggregates only.
 */
import ExcelJS from 'exceljs';
import type { Content, TableCell } from 'pdfmake/interfaces';
import { FUNDING_KINDS, FUNDING_KIND_LABELS, type FundingKind } from '../../../core/funding.ts';
import { renderPdf } from './pdf.ts';
import { addTableSheet, xlsxSafe } from './xlsx-table.ts';
import {
  categoryLabel,
  formatDateId,
  formatNumberId,
  formatPercentId,
  formatPointsId,
  formatRupiahId,
  formatSignedNumberId,
} from './report-format.ts';

type Basis = 'register' | 'official';

export interface ParitranaInput {
  regencyName: string;
  regionCode: string;
  year: number;
  asOf: string; // YYYY-MM-DD the figures are taken (end of the year, or today while it runs)
  generatedOn: string; // YYYY-MM-DD
  isDemo: boolean;
  coverage: {
    workers: number;
    covered: number;
    grace: number;
    lapsed: number;
    coverageRegister: number | null;
    official: { value: number; source: string; year: number } | null;
    coverageOfficial: number | null;
    category: string | null;
    /** Which percentage the category was read from; defaults to the official one when there is one. */
    categoryBasis?: Basis;
  };
  previous: { asOf: string; covered: number; coverageRegister: number | null; coverageOfficial: number | null };
  /** covered = participants active at asOf who were not a year before. */
  growth: {
    covered: number;
    netChange: number;
    points: number | null;
    /** Which percentage `points` is the change of; defaults to the target's basis, else the register. */
    pointsBasis?: Basis;
  };
  target: { percent: number; basis: Basis } | null;
  nationalTarget: number | null; // national path value for the year (reference)
  vulnerable: { sponsoredCovered: number; bySource: { kind: string; label: string; covered: number }[] };
  regulations: {
    sourceName: string;
    kind: string;
    legalBasis: string | null;
    budgetLine: string | null;
    budget: number;
    committed: number;
    paid: number;
  }[];
  governmentWorkers: { label: string; workers: number; covered: number }[];
  districts: { code: string; name: string; workers: number; covered: number; coverageRegister: number | null; category: string | null }[];
  notes: string[];
}

export const PARITRANA_SECTIONS = {
  coverage: '1. Cakupan kepesertaan',
  vulnerable: '2. Perlindungan pekerja rentan',
  growth: '3. Pertumbuhan cakupan',
  regulations: '4. Regulasi dan anggaran',
  governmentWorkers: '5. Pekerja pemerintah non-ASN dan penyelenggara pemilu',
} as const;
const DISTRICTS_HEADING = 'Lampiran: Cakupan per kecamatan';

export const PARITRANA_SHEETS = ['Ringkasan', 'Kecamatan', 'Pembiayaan', 'Pekerja pemerintah'] as const;
export const DEMO_REPORT_LINE = 'DATA DEMO — semua angka sintetis, bukan laporan resmi';

export const REGISTER_BASIS = 'terhadap pekerja di register';
const NONE = '—';
const NO_DATA = 'Belum ada data yang dicatat.';

type LineKind = 'count' | 'signed' | 'percent' | 'points' | 'rupiah' | 'text';

/** One measured figure of an indicator, shown the same way in the PDF and the workbook. */
interface SummaryLine {
  section: keyof typeof PARITRANA_SECTIONS;
  measure: string;
  value: number | string | null;
  kind: LineKind;
  basis: string;
  note: string;
}

function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

function officialBasis(official: ParitranaInput['coverage']['official']): string {
  return official ? `terhadap ${official.source} (${official.year})` : 'terhadap angka resmi (belum dicatat)';
}

function basisText(basis: Basis, input: ParitranaInput): string {
  return basis === 'register' ? REGISTER_BASIS : officialBasis(input.coverage.official);
}

function kindLabel(kind: string): string {
  return (FUNDING_KINDS as readonly string[]).includes(kind) ? FUNDING_KIND_LABELS[kind as FundingKind].id : kind;
}

function sum<T>(items: readonly T[], pick: (item: T) => number): number {
  return items.reduce((total, item) => total + pick(item), 0);
}

function summaryLines(input: ParitranaInput): SummaryLine[] {
  const { coverage, previous, growth, vulnerable, regulations, governmentWorkers } = input;
  const asOf = formatDateId(input.asOf);
  const before = formatDateId(previous.asOf);
  const categoryBasis = coverage.categoryBasis ?? (coverage.official ? 'official' : 'register');
  const pointsBasis = growth.pointsBasis ?? input.target?.basis ?? 'register';
  const lines: SummaryLine[] = [];
  const add =
    (section: SummaryLine['section']) =>
    (measure: string, value: SummaryLine['value'], kind: LineKind, basis: string, note = ''): void => {
      lines.push({ section, measure, value, kind, basis, note });
    };

  const cov = add('coverage');
  cov('Pekerja informal di register', coverage.workers, 'count', `per ${asOf}`, 'penyebut cakupan register');
  cov('Peserta aktif (iuran berjalan)', coverage.covered, 'count', `per ${asOf}`, 'pembilang setiap persentase cakupan');
  cov('Cakupan', coverage.coverageRegister, 'percent', REGISTER_BASIS, `${formatNumberId(coverage.covered)} dari ${formatNumberId(coverage.workers)} pekerja`);
  cov(
    'Cakupan',
    coverage.coverageOfficial,
    'percent',
    officialBasis(coverage.official),
    coverage.official ? `penyebut ${formatNumberId(coverage.official.value)} pekerja` : 'angka resmi belum dicatat oleh admin',
  );
  cov('Kategori cakupan', categoryLabel(coverage.category), 'text', basisText(categoryBasis, input), 'menurut ambang kategori yang ditetapkan kabupaten');
  cov('Dalam masa tenggang', coverage.grace, 'count', `per ${asOf}`, 'iuran belum dibayar, masih terlindungi; tidak dihitung sebagai peserta aktif');
  cov('Kepesertaan terhenti', coverage.lapsed, 'count', `per ${asOf}`, 'pernah terdaftar, kini tidak terlindungi');
  if (input.target) cov(`Target cakupan kabupaten ${input.year}`, input.target.percent, 'percent', basisText(input.target.basis, input));
  if (input.nationalTarget !== null) {
    // the national path is measured against the whole working population, not our register
    cov(`Target nasional ${input.year} (acuan)`, input.nationalTarget, 'percent', 'terhadap penduduk bekerja (jalur target nasional)', 'acuan, tidak sebanding langsung dengan cakupan register');
  }

  const vul = add('vulnerable');
  vul('Pekerja rentan yang iurannya dibiayai dan aktif', vulnerable.sponsoredCovered, 'count', `per ${asOf}`, 'iuran dibayar pemerintah daerah, desa atau CSR');
  vul('Bagian dari peserta aktif', percentOf(vulnerable.sponsoredCovered, coverage.covered), 'percent', `terhadap seluruh peserta aktif (${formatNumberId(coverage.covered)})`);

  const gro = add('growth');
  gro(`Peserta aktif per ${before}`, previous.covered, 'count', 'awal pembanding');
  gro(`Peserta aktif per ${asOf}`, coverage.covered, 'count', 'akhir pembanding');
  gro('Peserta baru yang masih aktif', growth.covered, 'count', `aktif per ${asOf}, belum aktif per ${before}`, 'kepesertaan singkat yang sudah berhenti tidak dihitung');
  gro('Perubahan bersih peserta aktif', growth.netChange, 'signed', `${before} s.d. ${asOf}`, 'peserta baru dikurangi yang berhenti');
  gro(`Cakupan per ${before}`, previous.coverageRegister, 'percent', REGISTER_BASIS);
  if (coverage.official) gro(`Cakupan per ${before}`, previous.coverageOfficial, 'percent', officialBasis(coverage.official));
  gro('Perubahan cakupan', growth.points, 'points', basisText(pointsBasis, input), 'dalam poin persentase');

  const budget = sum(regulations, (r) => r.budget);
  const paid = sum(regulations, (r) => r.paid);
  const sources = `dari ${formatNumberId(regulations.length)} sumber`;
  const reg = add('regulations');
  reg('Sumber pembiayaan tercatat', regulations.length, 'count', `tahun ${input.year}`);
  reg('Dengan dasar hukum', regulations.filter((r) => r.legalBasis).length, 'count', sources, 'peraturan bupati, keputusan, peraturan desa');
  reg('Dengan mata anggaran', regulations.filter((r) => r.budgetLine).length, 'count', sources, 'kode rekening APBD/APBDes');
  reg('Pagu anggaran', budget, 'rupiah', 'jumlah semua sumber');
  reg('Terikat untuk iuran', sum(regulations, (r) => r.committed), 'rupiah', 'jumlah semua sumber', 'iuran yang sudah direncanakan');
  reg('Dibayar', paid, 'rupiah', 'jumlah semua sumber');
  reg('Realisasi pembayaran', percentOf(paid, budget), 'percent', 'terhadap pagu anggaran');

  const govWorkers = sum(governmentWorkers, (g) => g.workers);
  const govCovered = sum(governmentWorkers, (g) => g.covered);
  const gov = add('governmentWorkers');
  gov('Pekerja tercatat', govWorkers, 'count', `${formatNumberId(governmentWorkers.length)} kelompok`);
  gov('Peserta aktif', govCovered, 'count', `per ${asOf}`);
  gov('Cakupan', percentOf(govCovered, govWorkers), 'percent', 'terhadap pekerja non-ASN dan penyelenggara pemilu yang tercatat');
  return lines;
}

function formatLineValue(line: SummaryLine): string {
  if (line.value === null) return NONE;
  if (typeof line.value === 'string') return line.value;
  switch (line.kind) {
    case 'percent':
      return formatPercentId(line.value);
    case 'points':
      return formatPointsId(line.value);
    case 'rupiah':
      return formatRupiahId(line.value);
    case 'signed':
      return formatSignedNumberId(line.value);
    default:
      return formatNumberId(line.value);
  }
}

// ---- PDF -------------------------------------------------------------------------------------------

const INK = '#1f3a5f';
const MUTED = '#555555';
const HEADER_FILL = '#e9ecef';

function headerCells(labels: string[], rightFrom = Infinity): TableCell[] {
  return labels.map((text, i) => ({ text, bold: true, fillColor: HEADER_FILL, alignment: i >= rightFrom ? 'right' : 'left' }));
}

function right(text: string, bold = false): TableCell {
  return { text, alignment: 'right', bold };
}

function table(widths: (number | string)[], header: TableCell[], body: TableCell[][]): Content {
  return {
    table: { headerRows: 1, widths, body: [header, ...body], dontBreakRows: true },
    layout: 'lightHorizontalLines',
    fontSize: 8.5,
    margin: [0, 4, 0, 8],
  };
}

function summaryTable(lines: SummaryLine[]): Content {
  return table(
    [150, 70, '*'],
    headerCells(['Ukuran', 'Nilai', 'Penyebut / dasar'], 1),
    lines.map((l) => [
      { text: l.measure },
      right(formatLineValue(l), true),
      { stack: [{ text: l.basis }, ...(l.note ? [{ text: l.note, color: MUTED, fontSize: 7.5 }] : [])] },
    ]),
  );
}

function heading(text: string): Content {
  return { text, style: 'heading' };
}

function sectionContent(input: ParitranaInput, lines: SummaryLine[]): Content[] {
  const of = (section: SummaryLine['section']) => lines.filter((l) => l.section === section);
  const { vulnerable, regulations, governmentWorkers, districts, coverage } = input;
  const content: Content[] = [];

  content.push(heading(PARITRANA_SECTIONS.coverage), summaryTable(of('coverage')));

  content.push(heading(PARITRANA_SECTIONS.vulnerable), summaryTable(of('vulnerable')));
  content.push(
    vulnerable.bySource.length === 0
      ? { text: NO_DATA, italics: true, color: MUTED, margin: [0, 0, 0, 8] }
      : table(
          ['*', 80, 110],
          headerCells(['Pembiaya iuran', 'Peserta aktif', 'Bagian, terhadap seluruh peserta yang dibiayai'], 1),
          vulnerable.bySource.map((s) => [
            { text: s.label },
            right(formatNumberId(s.covered)),
            right(formatPercentId(percentOf(s.covered, vulnerable.sponsoredCovered))),
          ]),
        ),
  );

  content.push(heading(PARITRANA_SECTIONS.growth), summaryTable(of('growth')));

  content.push(heading(PARITRANA_SECTIONS.regulations), summaryTable(of('regulations')));
  content.push(
    regulations.length === 0
      ? { text: NO_DATA, italics: true, color: MUTED, margin: [0, 0, 0, 8] }
      : table(
          // Rupiah columns fit Rp10.000.000.000 without breaking inside the number
          [120, '*', 74, 74, 74],
          headerCells(['Sumber pembiayaan', 'Dasar hukum / mata anggaran', 'Pagu', 'Terikat', 'Dibayar'], 2),
          [
            ...regulations.map((r): TableCell[] => [
              { stack: [{ text: r.sourceName }, { text: kindLabel(r.kind), color: MUTED, fontSize: 7.5 }] },
              {
                stack: [
                  r.legalBasis ? { text: r.legalBasis } : { text: 'Dasar hukum belum dicatat', color: MUTED, italics: true },
                  { text: r.budgetLine ?? 'Mata anggaran belum dicatat', color: MUTED, fontSize: 7.5 },
                ],
              },
              right(formatRupiahId(r.budget)),
              right(formatRupiahId(r.committed)),
              right(formatRupiahId(r.paid)),
            ]),
            [
              { text: 'Jumlah', bold: true },
              '',
              right(formatRupiahId(sum(regulations, (r) => r.budget)), true),
              right(formatRupiahId(sum(regulations, (r) => r.committed)), true),
              right(formatRupiahId(sum(regulations, (r) => r.paid)), true),
            ],
          ],
        ),
  );

  content.push(heading(PARITRANA_SECTIONS.governmentWorkers), summaryTable(of('governmentWorkers')));
  content.push(
    governmentWorkers.length === 0
      ? { text: NO_DATA, italics: true, color: MUTED, margin: [0, 0, 0, 8] }
      : table(
          ['*', 70, 70, 110],
          headerCells(['Kelompok', 'Pekerja', 'Peserta aktif', 'Cakupan, terhadap pekerja kelompok'], 1),
          governmentWorkers.map((g) => [
            { text: g.label },
            right(formatNumberId(g.workers)),
            right(formatNumberId(g.covered)),
            right(formatPercentId(percentOf(g.covered, g.workers))),
          ]),
        ),
  );

  content.push(heading(DISTRICTS_HEADING));
  content.push({ text: `Cakupan ${REGISTER_BASIS} tiap kecamatan, per ${formatDateId(input.asOf)}.`, fontSize: 8.5, color: MUTED });
  content.push(
    districts.length === 0
      ? { text: NO_DATA, italics: true, color: MUTED, margin: [0, 0, 0, 8] }
      : table(
          [62, '*', 70, 62, 55, 65],
          headerCells(['Kode', 'Kecamatan', 'Pekerja di register', 'Peserta aktif', 'Cakupan, terhadap pekerja di register', 'Kategori'], 2),
          [
            ...districts.map((d) => [
              { text: d.code },
              { text: d.name },
              right(formatNumberId(d.workers)),
              right(formatNumberId(d.covered)),
              right(formatPercentId(d.coverageRegister)),
              { text: categoryLabel(d.category) },
            ]),
            [
              { text: input.regionCode, bold: true },
              { text: input.regencyName, bold: true },
              right(formatNumberId(coverage.workers), true),
              right(formatNumberId(coverage.covered), true),
              right(formatPercentId(coverage.coverageRegister), true),
              { text: categoryLabel(coverage.category), bold: true },
            ],
          ],
        ),
  );
  return content;
}

/** Renders the Paritrana summary as an A4 portrait PDF: one numbered section per indicator, with tables. */
export async function renderParitranaPdf(input: ParitranaInput): Promise<Buffer> {
  const lines = summaryLines(input);
  const title = `Ringkasan Indikator Paritrana Award ${input.year}`;
  const content: Content[] = [];
  if (input.isDemo) {
    content.push({
      table: { widths: ['*'], body: [[{ text: DEMO_REPORT_LINE, bold: true, color: '#c92a2a', alignment: 'center', margin: [0, 3, 0, 3] }]] },
      layout: { hLineColor: '#c92a2a', vLineColor: '#c92a2a' },
      margin: [0, 0, 0, 8],
    });
  }
  content.push(
    { text: title, fontSize: 16, bold: true, color: INK },
    { text: `${input.regencyName} · kode wilayah ${input.regionCode}`, fontSize: 11, margin: [0, 2, 0, 2] },
    {
      text: `Angka per ${formatDateId(input.asOf)}, dibandingkan dengan ${formatDateId(input.previous.asOf)}. Dibuat ${formatDateId(input.generatedOn)}.`,
      fontSize: 9,
      color: MUTED,
    },
    {
      text:
        'Ringkasan ini menyusun data Jaring menurut indikator penilaian Paritrana Award. Setiap persentase menyebut ' +
        'penyebutnya: pekerja informal di register Jaring, atau angka resmi yang dicatat admin beserta sumber dan tahunnya. ' +
        'Dokumen hanya memuat angka agregat, tanpa nama atau NIK.',
      fontSize: 9,
      margin: [0, 6, 0, 4],
    },
    ...sectionContent(input, lines),
  );
  if (input.notes.length > 0) {
    content.push(heading('Catatan'), { ul: input.notes, fontSize: 8.5 });
  }

  return renderPdf({
    info: { title: `${title} — ${input.regencyName}`, subject: `Indikator Paritrana Award ${input.regencyName}, angka per ${formatDateId(input.asOf)}` },
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [40, 40, 40, 46],
    footer: (page, pages) => ({
      columns: [
        { text: `Jaring · ${input.regencyName} · Paritrana ${input.year}${input.isDemo ? ' · DATA DEMO' : ''}` },
        { text: `Halaman ${page} dari ${pages}`, alignment: 'right' },
      ],
      fontSize: 7.5,
      color: MUTED,
      margin: [40, 16, 40, 0],
    }),
    styles: { heading: { fontSize: 12, bold: true, color: INK, margin: [0, 10, 0, 2] } },
    defaultStyle: { fontSize: 10, color: '#222222' },
    content,
  });
}

// ---- XLSX ------------------------------------------------------------------------------------------

const NUMBER_FORMATS: Record<LineKind, string | undefined> = {
  count: '#,##0',
  signed: '+#,##0;-#,##0;0',
  percent: '0.0"%"',
  points: '+0.0" poin";-0.0" poin";0.0" poin"',
  rupiah: '"Rp"#,##0',
  text: undefined,
};

/** The same summary as a workbook: Ringkasan, Kecamatan, Pembiayaan and Pekerja pemerintah. */
export async function renderParitranaXlsx(input: ParitranaInput): Promise<Buffer> {
  const lines = summaryLines(input);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jaring';
  workbook.title = `Ringkasan Indikator Paritrana Award ${input.year} — ${input.regencyName}`;

  const [summarySheet, districtSheet, financeSheet, governmentSheet] = PARITRANA_SHEETS;
  const summary = addTableSheet(
    workbook,
    summarySheet,
    [
      { header: 'Indikator', width: 34 },
      { header: 'Ukuran', width: 36 },
      { header: 'Nilai', width: 16 },
      { header: 'Penyebut / dasar', width: 50 },
      { header: 'Catatan', width: 50 },
    ],
    lines.map((l) => [PARITRANA_SECTIONS[l.section], l.measure, l.value, l.basis, l.note]),
    { demoLine: input.isDemo ? DEMO_REPORT_LINE : undefined },
  );
  // each summary row carries its own format (counts, percentages, Rupiah share one column)
  const firstLineRow = (input.isDemo ? 2 : 1) + 1;
  lines.forEach((l, i) => {
    const cell = summary.getRow(firstLineRow + i).getCell(3);
    const format = NUMBER_FORMATS[l.kind];
    if (format && typeof cell.value === 'number') cell.numFmt = format;
    cell.alignment = { horizontal: 'right' };
  });
  summary.addRow([]);
  summary.addRow([xlsxSafe(`${input.regencyName} (${input.regionCode}) · angka per ${formatDateId(input.asOf)} · dibuat ${formatDateId(input.generatedOn)}`)]);
  for (const note of input.notes) summary.addRow([xlsxSafe(note)]);

  addTableSheet(
    workbook,
    districtSheet,
    [
      { header: 'Kode kecamatan', width: 16 },
      { header: 'Kecamatan', width: 26 },
      { header: 'Pekerja di register', width: 14, numFmt: '#,##0' },
      { header: 'Peserta aktif', width: 13, numFmt: '#,##0' },
      { header: 'Cakupan (%) terhadap pekerja di register', width: 18, numFmt: '0.0' },
      { header: 'Kategori', width: 14 },
    ],
    [
      ...input.districts.map((d) => [d.code, d.name, d.workers, d.covered, d.coverageRegister, categoryLabel(d.category)]),
      [input.regionCode, input.regencyName, input.coverage.workers, input.coverage.covered, input.coverage.coverageRegister, categoryLabel(input.coverage.category)],
    ],
    { demoLine: input.isDemo ? DEMO_REPORT_LINE : undefined },
  ).lastRow!.font = { bold: true };

  addTableSheet(
    workbook,
    financeSheet,
    [
      { header: 'Sumber pembiayaan', width: 34 },
      { header: 'Jenis', width: 24 },
      { header: 'Dasar hukum', width: 40 },
      { header: 'Mata anggaran', width: 28 },
      { header: 'Pagu (Rp)', width: 16, numFmt: '#,##0' },
      { header: 'Terikat (Rp)', width: 16, numFmt: '#,##0' },
      { header: 'Dibayar (Rp)', width: 16, numFmt: '#,##0' },
    ],
    input.regulations.map((r) => [r.sourceName, kindLabel(r.kind), r.legalBasis, r.budgetLine, r.budget, r.committed, r.paid]),
    { demoLine: input.isDemo ? DEMO_REPORT_LINE : undefined },
  );

  addTableSheet(
    workbook,
    governmentSheet,
    [
      { header: 'Kelompok', width: 40 },
      { header: 'Pekerja', width: 12, numFmt: '#,##0' },
      { header: 'Peserta aktif', width: 13, numFmt: '#,##0' },
      { header: 'Cakupan (%) terhadap pekerja kelompok', width: 18, numFmt: '0.0' },
    ],
    input.governmentWorkers.map((g) => [g.label, g.workers, g.covered, percentOf(g.covered, g.workers)]),
    { demoLine: input.isDemo ? DEMO_REPORT_LINE : undefined },
  );

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
