/**
 * One sheet of a report workbook: an optional demo line and title lines, a bold frozen header, then the
 * rows — numbers stay numbers (with the column's format), text is neutralised against formula injection,
 * a missing value is "—". Returns the sheet for rows of its own (a total).
 */
import type ExcelJS from 'exceljs';
import { neutraliseCell } from '../imports/import-files.ts';

export type XlsxCell = string | number | null;

export interface XlsxColumn {
  header: string;
  width: number;
  numFmt?: string;
}

const NONE = '—';

export function xlsxSafe(value: XlsxCell): string | number {
  if (value === null) return NONE;
  return typeof value === 'string' ? neutraliseCell(value) : value;
}

export function addTableSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: readonly XlsxColumn[],
  rows: readonly XlsxCell[][],
  options: { demoLine?: string; titleLines?: readonly string[] } = {},
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width;
  });
  if (options.demoLine) sheet.addRow([options.demoLine]).font = { bold: true, color: { argb: 'FFC92A2A' } };
  if (options.titleLines?.length) {
    options.titleLines.forEach((line, i) => {
      sheet.addRow([xlsxSafe(line)]).font = i === 0 ? { bold: true, size: 14 } : { italic: true };
    });
    sheet.addRow([]);
  }
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE9ECEF' } };
  });
  sheet.views = [{ state: 'frozen', ySplit: header.number }];
  for (const row of rows) {
    const added = sheet.addRow(row.map(xlsxSafe));
    columns.forEach((c, i) => {
      const cell = added.getCell(i + 1);
      if (c.numFmt && typeof cell.value === 'number') cell.numFmt = c.numFmt;
    });
  }
  return sheet;
}
