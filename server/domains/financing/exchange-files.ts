/**
 * Files exchanged with BPJS Ketenagakerjaan: the payment list of a period and a source's collective
 * registration list. CSV (UTF-8 with BOM, `;`-separated, as Excel in an Indonesian locale opens it) or
 * XLSX. Every text cell is neutralised against formula injection (a leading apostrophe).
 */
import ExcelJS from 'exceljs';
import { XLSX_TYPE, type FileAnswer } from '../../http/files.ts';
import { csvLine, neutraliseCell } from '../imports/import-files.ts';

export type ExchangeFormat = 'csv' | 'xlsx';
export type Cell = string | number | null;

export interface ExchangeColumn {
  header: string;
  width: number;
  /** Numbers typed as text (NIK, KPJ): as numbers they would lose digits. */
  text?: boolean;
}

export type ExchangeFile = FileAnswer;

export function exchangeCsv(columns: readonly ExchangeColumn[], rows: readonly Cell[][]): Buffer {
  const lines = [`\uFEFF${csvLine(columns.map((c) => c.header), ';')}`];
  for (const row of rows) lines.push(csvLine(row.map((cell) => (cell === null ? '' : String(cell))), ';'));
  return Buffer.from(lines.join(''), 'utf8');
}

export async function exchangeXlsx(sheetName: string, columns: readonly ExchangeColumn[], rows: readonly Cell[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jaring';
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(columns.map((c) => c.header));
  sheet.getRow(1).font = { bold: true };
  columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c.width;
    if (c.text) column.numFmt = '@';
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of rows) sheet.addRow(row.map((cell) => (typeof cell === 'string' ? neutraliseCell(cell) : cell)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function exchangeFile(
  format: ExchangeFormat,
  baseName: string,
  sheetName: string,
  columns: readonly ExchangeColumn[],
  rows: readonly Cell[][],
): Promise<ExchangeFile> {
  const safeName = baseName.replace(/[^A-Za-z0-9._-]+/g, '-');
  if (format === 'xlsx') {
    return {
      body: await exchangeXlsx(sheetName, columns, rows),
      contentType: XLSX_TYPE,
      fileName: `${safeName}.xlsx`,
    };
  }
  return { body: exchangeCsv(columns, rows), contentType: 'text/csv; charset=utf-8', fileName: `${safeName}.csv` };
}
