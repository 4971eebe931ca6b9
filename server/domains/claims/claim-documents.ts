/**
 * Files the claims domain prints: the recipients of a hand-over ceremony (XLSX and PDF, A4 landscape) and
 * the payment lines behind a benefits total (XLSX: add up the Jumlah column and the published figure comes
 * back). Text cells are neutralised against formula injection (names are typed by people).
 */
import ExcelJS from 'exceljs';
import type { Content, TableCell } from 'pdfmake/interfaces';
import { renderPdf } from '../reports/pdf.ts';
import { formatDateId, formatNumberId, formatRupiahId } from '../reports/report-format.ts';
import { addTableSheet, xlsxSafe, type XlsxColumn } from '../reports/xlsx-table.ts';

export const DEMO_LINE = 'DATA DEMO — semua nama dan angka sintetis';

export interface RecipientLine {
  claimNumber: string;
  villageName: string;
  districtName: string;
  participantName: string;
  recipients: string;
  benefit: string;
  amount: number;
  paidOn: string | null;
}

export interface HandoverSheetInput {
  regencyName: string;
  name: string;
  heldOn: string;
  place: string;
  lines: RecipientLine[];
  printedOn: string;
  isDemo: boolean;
}

const COLUMNS: XlsxColumn[] = [
  { header: 'No.', width: 6 },
  { header: 'No. klaim', width: 18 },
  { header: 'Desa', width: 20 },
  { header: 'Kecamatan', width: 18 },
  { header: 'Peserta', width: 26 },
  { header: 'Penerima (hubungan)', width: 34 },
  { header: 'Manfaat', width: 36 },
  { header: 'Jumlah (Rp)', width: 16, numFmt: '#,##0' },
  { header: 'Tanggal bayar', width: 14 },
];

/** Adds a bold total row under a table, the amount in `column` (1-based). */
function addTotal(sheet: ExcelJS.Worksheet, cells: (string | number)[], column: number): void {
  const total = sheet.addRow(cells);
  total.font = { bold: true };
  total.getCell(column).numFmt = '#,##0';
}

/** The recipients of a ceremony as one sheet "Penerima", with a total row. */
export async function renderHandoverXlsx(input: HandoverSheetInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jaring';
  const sheet = addTableSheet(
    workbook,
    'Penerima',
    COLUMNS,
    input.lines.map((l, i) => [i + 1, l.claimNumber, l.villageName, l.districtName, l.participantName, l.recipients, l.benefit, l.amount, l.paidOn]),
    {
      demoLine: input.isDemo ? DEMO_LINE : undefined,
      titleLines: [`Daftar penerima manfaat — ${input.name}`, `${input.regencyName} · ${formatDateId(input.heldOn)} · ${input.place}`],
    },
  );
  addTotal(sheet, ['', '', '', '', '', '', 'Jumlah', input.lines.reduce((s, l) => s + l.amount, 0), ''], 8);
  sheet.addRow([]);
  sheet.addRow([xlsxSafe(`Dicetak dari Jaring pada ${formatDateId(input.printedOn)}. Jumlah: manfaat yang dibayarkan menurut catatan pembayaran klaim.`)]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The same list as a PDF to print for the ceremony (A4 landscape, signature column for each recipient). */
export async function renderHandoverPdf(input: HandoverSheetInput): Promise<Buffer> {
  const headerCells: TableCell[] = ['No.', 'No. klaim', 'Desa / Kecamatan', 'Peserta', 'Penerima (hubungan)', 'Manfaat', 'Jumlah', 'Tanda tangan'].map((h) => ({
    text: h,
    bold: true,
    fillColor: '#e9ecef',
  }));
  const body: TableCell[][] = [
    headerCells,
    ...input.lines.map((l, i): TableCell[] => [
      String(i + 1),
      l.claimNumber,
      `${l.villageName}\n${l.districtName}`,
      l.participantName,
      l.recipients,
      l.benefit,
      { text: formatRupiahId(l.amount), alignment: 'right' },
      '',
    ]),
    [
      { text: 'Jumlah', bold: true, colSpan: 6 },
      '',
      '',
      '',
      '',
      '',
      { text: formatRupiahId(input.lines.reduce((s, l) => s + l.amount, 0)), bold: true, alignment: 'right' },
      '',
    ],
  ];
  const content: Content[] = [];
  if (input.isDemo) content.push({ text: DEMO_LINE, bold: true, color: '#c92a2a', alignment: 'center', margin: [0, 0, 0, 6] });
  content.push(
    { text: 'Daftar penerima manfaat BPJS Ketenagakerjaan', fontSize: 15, bold: true },
    { text: input.name, fontSize: 12, margin: [0, 2, 0, 0] },
    { text: `${input.regencyName} · ${formatDateId(input.heldOn)} · ${input.place} · ${formatNumberId(input.lines.length)} klaim`, fontSize: 9, color: '#555555', margin: [0, 2, 0, 10] },
    {
      table: { headerRows: 1, widths: [22, 70, 95, 95, 130, 130, 75, '*'], body, dontBreakRows: true },
      layout: 'lightHorizontalLines',
      fontSize: 8.5,
    },
  );
  return renderPdf({
    info: { title: `Daftar penerima — ${input.name}`, subject: 'Penyerahan manfaat BPJS Ketenagakerjaan' },
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [32, 32, 32, 40],
    content,
    footer: (page, pages) => ({
      text: `Jaring · ${input.regencyName} · dicetak ${formatDateId(input.printedOn)}${input.isDemo ? ' · DATA DEMO' : ''} · halaman ${page} dari ${pages}`,
      fontSize: 7.5,
      color: '#555555',
      margin: [32, 12, 32, 0],
    }),
  });
}

export interface TotalsSheetInput {
  title: string;
  subtitle: string;
  lines: { number: string; paidOn: string; program: string; kind: string; villageName: string; districtName: string; amount: number; reference: string }[];
  summary: { label: string; amount: number; claims: number }[];
  isDemo: boolean;
}

/** The payment lines behind a benefits total ("Pembayaran"), and the total per group ("Ringkasan"). */
export async function renderTotalsXlsx(input: TotalsSheetInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jaring';
  const demoLine = input.isDemo ? DEMO_LINE : undefined;
  const summary = addTableSheet(
    workbook,
    'Ringkasan',
    [
      { header: 'Kelompok', width: 40 },
      { header: 'Jumlah (Rp)', width: 20, numFmt: '#,##0' },
      { header: 'Klaim', width: 10 },
    ],
    input.summary.map((s) => [s.label, s.amount, s.claims]),
    { demoLine, titleLines: [input.title, input.subtitle] },
  );
  addTotal(summary, ['Jumlah', input.lines.reduce((s, l) => s + l.amount, 0), ''], 2);
  addTableSheet(
    workbook,
    'Pembayaran',
    [
      { header: 'No. klaim', width: 18 },
      { header: 'Tanggal bayar', width: 14 },
      { header: 'Program', width: 10 },
      { header: 'Manfaat', width: 40 },
      { header: 'Desa', width: 22 },
      { header: 'Kecamatan', width: 20 },
      { header: 'Jumlah (Rp)', width: 16, numFmt: '#,##0' },
      { header: 'Referensi', width: 24 },
    ],
    input.lines.map((l) => [l.number, l.paidOn, l.program, l.kind, l.villageName, l.districtName, l.amount, l.reference]),
    { demoLine, titleLines: [input.title, 'Setiap pembayaran yang dihitung (koreksi dan yang dikoreksi tidak dihitung).'] },
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
