/**
 * Files the claims domain prints: the recipients of a hand-over ceremony (XLSX and PDF, A4 landscape) and
 * the payment lines behind a benefits total (XLSX: add up the Jumlah column and the published figure comes
 * back). Text cells are neutralised against formula injection (names are typed by people).
 */
import ExcelJS from 'exceljs';
import type { Content, TableCell } from 'pdfmake/interfaces';
import { neutraliseCell } from '../imports/import-files.ts';
import { renderPdf } from '../reports/pdf.ts';
import { formatDateId, formatNumberId, formatRupiahId } from '../reports/report-format.ts';

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

const COLUMNS = [
  { header: 'No.', width: 6 },
  { header: 'No. klaim', width: 18 },
  { header: 'Desa', width: 20 },
  { header: 'Kecamatan', width: 18 },
  { header: 'Peserta', width: 26 },
  { header: 'Penerima (hubungan)', width: 34 },
  { header: 'Manfaat', width: 36 },
  { header: 'Jumlah (Rp)', width: 16 },
  { header: 'Tanggal bayar', width: 14 },
] as const;

const text = (value: string) => neutraliseCell(value);

function addTitle(sheet: ExcelJS.Worksheet, isDemo: boolean, lines: string[]): void {
  if (isDemo) sheet.addRow([DEMO_LINE]).font = { bold: true, color: { argb: 'FFC92A2A' } };
  lines.forEach((line, i) => {
    const row = sheet.addRow([text(line)]);
    row.font = i === 0 ? { bold: true, size: 14 } : { italic: true };
  });
  sheet.addRow([]);
}

function addHeader(sheet: ExcelJS.Worksheet, headers: readonly { header: string; width: number }[]): ExcelJS.Row {
  headers.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width));
  const header = sheet.addRow(headers.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE9ECEF' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  sheet.views = [{ state: 'frozen', ySplit: header.number }];
  return header;
}

/** The recipients of a ceremony as one sheet "Penerima", with a total row. */
export async function renderHandoverXlsx(input: HandoverSheetInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jaring';
  const sheet = workbook.addWorksheet('Penerima');
  addTitle(sheet, input.isDemo, [`Daftar penerima manfaat — ${input.name}`, `${input.regencyName} · ${formatDateId(input.heldOn)} · ${input.place}`]);
  addHeader(sheet, COLUMNS);
  input.lines.forEach((l, i) => {
    const row = sheet.addRow([i + 1, text(l.claimNumber), text(l.villageName), text(l.districtName), text(l.participantName), text(l.recipients), text(l.benefit), l.amount, l.paidOn ?? '']);
    row.getCell(8).numFmt = '#,##0';
  });
  const total = sheet.addRow(['', '', '', '', '', '', 'Jumlah', input.lines.reduce((s, l) => s + l.amount, 0), '']);
  total.font = { bold: true };
  total.getCell(8).numFmt = '#,##0';
  sheet.addRow([]);
  sheet.addRow([text(`Dicetak dari Jaring pada ${formatDateId(input.printedOn)}. Jumlah: manfaat yang dibayarkan menurut catatan pembayaran klaim.`)]);
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
  const summary = workbook.addWorksheet('Ringkasan');
  addTitle(summary, input.isDemo, [input.title, input.subtitle]);
  addHeader(summary, [
    { header: 'Kelompok', width: 40 },
    { header: 'Jumlah (Rp)', width: 20 },
    { header: 'Klaim', width: 10 },
  ]);
  for (const s of input.summary) summary.addRow([text(s.label), s.amount, s.claims]).getCell(2).numFmt = '#,##0';
  const total = summary.addRow(['Jumlah', input.lines.reduce((s, l) => s + l.amount, 0), '']);
  total.font = { bold: true };
  total.getCell(2).numFmt = '#,##0';

  const sheet = workbook.addWorksheet('Pembayaran');
  addTitle(sheet, input.isDemo, [input.title, 'Setiap pembayaran yang dihitung (koreksi dan yang dikoreksi tidak dihitung).']);
  addHeader(sheet, [
    { header: 'No. klaim', width: 18 },
    { header: 'Tanggal bayar', width: 14 },
    { header: 'Program', width: 10 },
    { header: 'Manfaat', width: 40 },
    { header: 'Desa', width: 22 },
    { header: 'Kecamatan', width: 20 },
    { header: 'Jumlah (Rp)', width: 16 },
    { header: 'Referensi', width: 24 },
  ]);
  for (const l of input.lines) {
    sheet.addRow([text(l.number), l.paidOn, l.program, text(l.kind), text(l.villageName), text(l.districtName), l.amount, text(l.reference)]).getCell(7).numFmt = '#,##0';
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
