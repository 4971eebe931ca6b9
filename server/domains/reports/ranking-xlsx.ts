/**
 * The village ranking as a spreadsheet (leaderboard, or the award round with its score parts): one sheet
 * "Peringkat" with title rows, a frozen header, the rows and the notes that explain the denominator and
 * the rules. Numbers stay numbers so the sheet can be sorted and summed; village codes stay text; every
 * text cell is neutralised against formula injection (a village or district name is user-typed data).
 */
import ExcelJS from 'exceljs';
import { neutraliseCell } from '../imports/import-files.ts';

export interface RankingSheetRow {
  rank: number | null;
  code: string;
  name: string;
  districtName: string;
  workers: number;
  covered: number;
  coverageRegister: number | null;
  coveredAtStart: number;
  growth: number;
  netChange: number;
  score?: number;
  parts?: { coverage: number; growth: number; covered: number };
  isWinner?: boolean;
}

export interface RankingSheetInput {
  kind: 'leaderboard' | 'award';
  title: string; // e.g. 'Peringkat desa menurut cakupan — Tahun 2026'
  subtitle: string; // region and the date figures are taken
  rows: RankingSheetRow[];
  notes: string[]; // written under the table
  isDemo: boolean; // true: first line 'DATA DEMO — semua angka sintetis'
}

export const RANKING_SHEET_NAME = 'Peringkat';
export const DEMO_SHEET_LINE = 'DATA DEMO — semua angka sintetis';
const NONE = '—';

type CellValue = string | number;

interface RankingColumn {
  header: string;
  width: number;
  numFmt?: string;
  value: (row: RankingSheetRow) => CellValue;
}

const WHOLE = '#,##0';
const SIGNED = '+#,##0;-#,##0;0';
const ONE_DECIMAL = '0.0';
const TWO_DECIMALS = '0.00';

const orNone = (n: number | null | undefined): CellValue => (n === null || n === undefined ? NONE : n);

const BASE_COLUMNS: RankingColumn[] = [
  { header: 'Peringkat', width: 10, numFmt: '0', value: (r) => orNone(r.rank) },
  // '@' keeps codes such as 52.03.01.2001 as typed, never read back as a number or a date
  { header: 'Kode desa', width: 16, numFmt: '@', value: (r) => r.code },
  { header: 'Desa', width: 26, value: (r) => r.name },
  { header: 'Kecamatan', width: 22, value: (r) => r.districtName },
  { header: 'Pekerja di register', width: 13, numFmt: WHOLE, value: (r) => r.workers },
  { header: 'Peserta aktif', width: 12, numFmt: WHOLE, value: (r) => r.covered },
  { header: 'Cakupan (%)', width: 12, numFmt: ONE_DECIMAL, value: (r) => orNone(r.coverageRegister) },
  { header: 'Aktif di awal periode', width: 14, numFmt: WHOLE, value: (r) => r.coveredAtStart },
  { header: 'Pertumbuhan', width: 13, numFmt: WHOLE, value: (r) => r.growth },
  { header: 'Perubahan bersih', width: 13, numFmt: SIGNED, value: (r) => r.netChange },
];

const AWARD_COLUMNS: RankingColumn[] = [
  { header: 'Skor', width: 9, numFmt: TWO_DECIMALS, value: (r) => orNone(r.score) },
  { header: 'Nilai cakupan', width: 11, numFmt: TWO_DECIMALS, value: (r) => orNone(r.parts?.coverage) },
  { header: 'Nilai pertumbuhan', width: 13, numFmt: TWO_DECIMALS, value: (r) => orNone(r.parts?.growth) },
  { header: 'Nilai jumlah peserta', width: 14, numFmt: TWO_DECIMALS, value: (r) => orNone(r.parts?.covered) },
  { header: 'Pemenang', width: 10, value: (r) => (r.isWinner ? 'Ya' : NONE) },
];

function rankingColumns(kind: RankingSheetInput['kind']): readonly RankingColumn[] {
  return kind === 'award' ? [...BASE_COLUMNS, ...AWARD_COLUMNS] : BASE_COLUMNS;
}

function safe(value: CellValue): CellValue {
  return typeof value === 'string' ? neutraliseCell(value) : value;
}

/** Renders the ranking (leaderboard or award round) as an XLSX workbook with one sheet "Peringkat". */
export async function renderRankingXlsx(input: RankingSheetInput): Promise<Buffer> {
  const columns = rankingColumns(input.kind);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jaring';
  workbook.title = input.title;
  const sheet = workbook.addWorksheet(RANKING_SHEET_NAME);
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width;
  });

  if (input.isDemo) {
    sheet.addRow([DEMO_SHEET_LINE]).font = { bold: true, color: { argb: 'FFC92A2A' } };
  }
  sheet.addRow([safe(input.title)]).font = { bold: true, size: 14 };
  sheet.addRow([safe(input.subtitle)]).font = { italic: true };
  sheet.addRow([]);

  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE9ECEF' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  // freeze everything down to the header so it stays in view while scrolling through 254 villages
  sheet.views = [{ state: 'frozen', ySplit: header.number, xSplit: 0 }];
  sheet.autoFilter = { from: { row: header.number, column: 1 }, to: { row: header.number, column: columns.length } };

  for (const row of input.rows) {
    const added = sheet.addRow(columns.map((c) => safe(c.value(row))));
    columns.forEach((c, i) => {
      const cell = added.getCell(i + 1);
      if (c.numFmt) cell.numFmt = c.numFmt;
      // "—" in a number column reads better centred than as stray text on the left
      if (cell.value === NONE) cell.alignment = { horizontal: 'center' };
    });
    if (row.isWinner) added.font = { bold: true };
  }

  if (input.notes.length > 0) {
    sheet.addRow([]);
    sheet.addRow(['Catatan']).font = { bold: true };
    for (const note of input.notes) sheet.addRow([safe(note)]);
  }

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
