/**
 * Files Jaring hands out for imports: the template to fill in, and the rejected rows to fix and upload
 * again. Every cell is neutralised against formula injection: a cell starting with = + - @ (or a tab or
 * carriage return) gets a leading apostrophe, which spreadsheets show as text and the import strips again.
 */
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { CENSUS_TEMPLATE_HEADERS } from '../../../core/import/census-columns.ts';
import { OCCUPATIONS } from '../../../core/occupations.ts';
import type { Db } from '../../db/client.ts';
import type { RegionDirectory } from '../regions/region-directory.ts';
import { streamRejections, type ImportJobRow } from './imports.repo.ts';
import type { RowError } from './imports.table.ts';

export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: string, delimiter: string): string {
  const safe = neutraliseCell(value);
  return /["\n\r]/.test(safe) || safe.includes(delimiter) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: string[], delimiter: string): string {
  return `${cells.map((c) => csvCell(c, delimiter)).join(delimiter)}\r\n`;
}

export const REASON_HEADER = 'Alasan penolakan';

export function reasonText(row: number, errors: RowError[]): string {
  return errors.map((e) => e.message).join(' | ') || `Baris ${row} ditolak.`;
}

/**
 * The rejected rows as CSV, in the file's own columns and delimiter plus a reason column, with a BOM so
 * Excel opens it as UTF-8. Streamed page by page: a file with many rejections never sits in memory.
 */
export function rejectedRowsCsv(db: Db, job: ImportJobRow): Readable {
  const out = new PassThrough();
  const delimiter = job.delimiter ?? ';';
  const header = job.header ?? [];
  void (async () => {
    try {
      out.write(`\uFEFF${csvLine([...header, REASON_HEADER, 'Baris asal'], delimiter)}`);
      for await (const r of streamRejections(db, job.id)) {
        const cells = header.length > 0 ? header.map((_, i) => r.cells[i] ?? '') : r.cells;
        if (!out.write(csvLine([...cells, reasonText(r.row, r.errors), String(r.row)], delimiter))) {
          await new Promise((resolve) => out.once('drain', resolve));
        }
      }
      out.end();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}

export function censusTemplateCsv(): string {
  return `\uFEFF${csvLine(CENSUS_TEMPLATE_HEADERS, ';')}`;
}

/** The census template as a workbook: the data sheet (NIK and KK columns formatted as text) and two help sheets. */
export async function censusTemplateXlsx(regions: RegionDirectory): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jaring';
  const data = workbook.addWorksheet('Data Pekerja');
  data.addRow(CENSUS_TEMPLATE_HEADERS);
  data.getRow(1).font = { bold: true };
  CENSUS_TEMPLATE_HEADERS.forEach((header, i) => {
    const column = data.getColumn(i + 1);
    column.width = Math.max(14, header.length + 4);
    // Typed as numbers, NIKs lose their last digit (15 significant digits): these columns are text.
    if (/NIK|KK|HP|Kode Desa|RT|RW/i.test(header)) column.numFmt = '@';
  });
  data.views = [{ state: 'frozen', ySplit: 1 }];

  const help = workbook.addWorksheet('Petunjuk');
  help.addRow(['Kolom', 'Cara mengisi']);
  help.getRow(1).font = { bold: true };
  const hints: [string, string][] = [
    ['NIK', '16 angka sesuai KTP/KK. Kolom ini berformat Teks; jangan diubah menjadi Angka (angka terakhir bisa hilang).'],
    ['Nama Lengkap', 'Sesuai KTP.'],
    ['Tanggal Lahir', 'Contoh 1985-07-01, 01/07/1985 atau 1 Juli 1985. Boleh kosong: diambil dari NIK.'],
    ['Jenis Kelamin (L/P)', 'L atau P. Boleh kosong: diambil dari NIK.'],
    ['Kode Desa', 'Kode Kemendagri, lihat lembar "Kode Desa". Boleh diganti kolom Desa dan Kecamatan.'],
    ['Pekerjaan', 'Salah satu dari daftar di bawah (kode atau nama).'],
    ['No HP', 'Contoh 081234567890.'],
    ['Penghasilan per Bulan', 'Rupiah tanpa titik, contoh 1500000.'],
    ['Jumlah Tanggungan', 'Banyaknya orang yang dinafkahi pekerja (anak, suami/istri, orang tua), angka 0–30, contoh 3. Boleh kosong.'],
  ];
  for (const hint of hints) help.addRow(hint);
  help.addRow([]);
  help.addRow(['Kode pekerjaan', 'Nama pekerjaan']).font = { bold: true };
  for (const o of OCCUPATIONS) help.addRow([o.code, o.id]);
  help.getColumn(1).width = 28;
  help.getColumn(2).width = 100;

  const villages = workbook.addWorksheet('Kode Desa');
  villages.addRow(['Kode Desa', 'Desa/Kelurahan', 'Kecamatan']).font = { bold: true };
  for (const village of regions.within(regions.servedCode, 'village')) {
    const district = regions.get(village.code.slice(0, 8));
    villages.addRow([village.code, village.name, district?.name ?? '']);
  }
  villages.getColumn(1).width = 16;
  villages.getColumn(2).width = 28;
  villages.getColumn(3).width = 24;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
