/**
 * Reads an uploaded CSV or XLSX file as a stream of rows of cells, never holding the whole file in memory.
 * Village spreadsheets are messy: `;` or `,` delimiters, a UTF-8 BOM, quoted cells with line breaks, title
 * lines above the header. The reader smooths the file format; what the cells mean is for the row rules.
 */
import fs from 'node:fs';
import { Transform } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import type { Cell } from '../../../core/import/cells.ts';
import { inflatedBytes, xlsxInflateLimit } from './xlsx-guard.ts';

export type FileFormat = 'csv' | 'xlsx';

export interface TableRow {
  /** 1-based data row, header excluded: the number the operator sees next to the row minus the header. */
  row: number;
  cells: Cell[];
}

export interface TableReader {
  header: string[];
  delimiter: string | null;
  rows: AsyncGenerator<TableRow>;
  /** Bytes of the file read so far (progress). */
  bytesRead(): number;
  close(): void;
}

/** How many leading lines may be titles before the header row ("DATA PEKERJA DESA …"). */
const HEADER_SEARCH_LINES = 10;
/** The most rows an Excel worksheet can have: a row numbered beyond it is a crafted file. */
export const XLSX_MAX_ROWS = 1_048_576;

/** A file the reader cannot go on with; the message (Indonesian) says why and what to do. */
export class UnreadableFile extends Error {}

/** A workbook that inflates past its limit (a zip bomb) or numbers rows beyond Excel's last row. */
export class XlsxTooLarge extends UnreadableFile {}

export function formatOfFile(fileName: string, firstBytes: Buffer): FileFormat | null {
  // XLSX is a zip archive: "PK\x03\x04". Trust the content over the name.
  if (firstBytes.length >= 4 && firstBytes.readUInt32LE(0) === 0x04034b50) return 'xlsx';
  if (/\.(xlsx|xlsm)$/i.test(fileName)) return null; // named xlsx but not a zip: broken or renamed
  if (/\.xls$/i.test(fileName) || (firstBytes.length >= 4 && firstBytes.readUInt32LE(0) === 0xe011cfd0)) return null; // old binary Excel
  return 'csv';
}

/**
 * Opens a table. `isHeader` recognises the header row among the first lines (the first row it accepts, or
 * else the first non-empty row, is the header).
 */
export async function openTable(filePath: string, format: FileFormat, isHeader: (cells: string[]) => boolean): Promise<TableReader> {
  if (format === 'xlsx') await assertXlsxInflatesSafely(filePath);
  for (let attempt = 1; ; attempt++) {
    try {
      return await openTableOnce(filePath, format, isHeader);
    } catch (error) {
      if (!(error instanceof UnreadSharedStrings) || attempt >= 5) throw error;
    }
  }
}

/** Refuses a workbook whose zip inflates to more than xlsxInflateLimit (counted before anything is parsed). */
async function assertXlsxInflatesSafely(filePath: string): Promise<void> {
  const limit = xlsxInflateLimit(fs.statSync(filePath).size);
  if ((await inflatedBytes(filePath, limit)) > limit) {
    throw new XlsxTooLarge(
      `Isi berkas Excel ini jauh lebih besar daripada berkasnya (lebih dari ${Math.round(limit / 1024 / 1024)} MB setelah dibuka), sehingga tidak dibaca. ` +
        'Buka berkas di Excel, hapus baris dan lembar yang tidak perlu, simpan ulang sebagai .xlsx atau CSV, lalu impor lagi.',
    );
  }
}

async function openTableOnce(filePath: string, format: FileFormat, isHeader: (cells: string[]) => boolean): Promise<TableReader> {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  const source = fs.createReadStream(filePath, { highWaterMark: 256 * 1024 });
  source.on('error', (err) => counter.destroy(err));
  source.pipe(counter);

  const raw: AsyncIterator<Cell[]> = format === 'csv' ? await csvRows(filePath, counter) : xlsxRows(counter);
  const close = () => {
    source.destroy();
    counter.destroy();
  };

  // Find the header: the first row isHeader accepts within the first lines, else the first non-empty one.
  const leading: Cell[][] = [];
  let header: string[] | null = null;
  while (leading.length < HEADER_SEARCH_LINES) {
    const next = await raw.next();
    if (next.done) break;
    const cells = next.value;
    const texts = cells.map((c) => headerText(c));
    if (isHeader(texts)) {
      header = texts;
      leading.length = 0;
      break;
    }
    leading.push(cells);
  }
  let pending: Cell[][] = [];
  if (!header) {
    // No recognisable header: take the first non-empty row; the column check will then say what is missing.
    const firstIndex = leading.findIndex((cells) => cells.some((c) => headerText(c) !== ''));
    header = firstIndex >= 0 ? leading[firstIndex]!.map(headerText) : [];
    pending = firstIndex >= 0 ? leading.slice(firstIndex + 1) : [];
  }
  const delimiter = format === 'csv' ? ((raw as { delimiter?: string }).delimiter ?? null) : null;

  async function* rows(): AsyncGenerator<TableRow> {
    let row = 0;
    try {
      for (const cells of pending) yield { row: ++row, cells };
      pending = [];
      for (;;) {
        const next = await raw.next();
        if (next.done) return;
        yield { row: ++row, cells: next.value };
      }
    } finally {
      close();
    }
  }
  return { header, delimiter, rows: rows(), bytesRead: () => bytes, close };
}

/** A cell as text, as it stood in the file: for the rejected-rows file and previews (dates as YYYY-MM-DD). */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell);
}

function headerText(cell: Cell): string {
  return cellText(cell).replace(/^\uFEFF/, '').replace(/\s+/g, ' ').trim();
}

/** Picks the delimiter that splits the first line into the most columns, counting only outside quotes. */
export function detectDelimiter(sample: string): string {
  const firstLine: string[] = [];
  let inQuotes = false;
  for (const ch of sample) {
    if (ch === '"') inQuotes = !inQuotes;
    if (!inQuotes && (ch === '\n' || ch === '\r')) {
      if (firstLine.join('').trim() !== '') break;
      firstLine.length = 0;
      continue;
    }
    firstLine.push(inQuotes ? '' : ch);
  }
  const counts = { ';': 0, ',': 0, '\t': 0, '|': 0 } as Record<string, number>;
  for (const ch of firstLine) if (ch in counts) counts[ch]! += 1;
  let best = ',';
  for (const candidate of [';', '\t', '|']) if (counts[candidate]! > counts[best]!) best = candidate;
  return best;
}

async function csvRows(filePath: string, input: NodeJS.ReadableStream): Promise<AsyncIterator<Cell[]> & { delimiter: string }> {
  const sample = await readStart(filePath, 64 * 1024);
  const delimiter = detectDelimiter(sample.replace(/^\uFEFF/, ''));
  const parser = input.pipe(
    parseCsv({
      bom: true,
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      // A stray quote inside a cell must not swallow the rest of the file into one cell.
      max_record_size: 1_000_000,
    }),
  );
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const iterator: AsyncIterator<Cell[]> = {
    async next() {
      try {
        const next = await records.next();
        return next.done ? next : { done: false, value: next.value.map(storableText) };
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (typeof code !== 'string' || !code.startsWith('CSV_')) throw error;
        const line = (error as { lines?: number }).lines;
        throw new UnreadableFile(
          `Berkas CSV rusak${line ? ` di sekitar baris ${line}` : ''}: ada sel yang terlalu panjang atau tanda petik (") yang tidak ditutup. ` +
            'Perbaiki baris itu (atau simpan ulang dari Excel sebagai CSV), lalu impor lagi.',
        );
      }
    },
  };
  return Object.assign(iterator, { delimiter });
}

/**
 * Text as the database can store it: a NUL character dropped, half a surrogate pair replaced (PostgreSQL
 * refuses both in text and jsonb, so one such cell used to fail the whole import).
 */
function storableText(text: string): string {
  return text.replace(/\u0000/g, '').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function readStart(filePath: string, length: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const fd = fs.openSync(filePath, 'r');
    try {
      const buffer = Buffer.alloc(length);
      const read = fs.readSync(fd, buffer, 0, length, 0);
      resolve(buffer.subarray(0, read).toString('utf8'));
    } catch (err) {
      reject(err);
    } finally {
      fs.closeSync(fd);
    }
  });
}

/**
 * ExcelJS's streaming reader now and then (about 1 read in 400 here) hands over a worksheet before its
 * shared-string table, so text cells arrive as `{sharedString: n}`. Text is never guessed: the read starts
 * again (openTable retries), and a file that keeps doing it fails rather than import wrong values.
 */
export class UnreadSharedStrings extends Error {
  constructor() {
    super('The workbook could not be read completely (shared strings missing).');
  }
}

/**
 * Settles with an UnreadableFile when the unzip stream ExcelJS pipes the input into fails. A damaged
 * entry (bad deflate data, a size past the end) fails that stream while ExcelJS waits on the entry
 * forever; without this an upload of a damaged workbook never got an answer.
 */
function watchUnzip(input: NodeJS.ReadableStream): Promise<never> {
  let fail!: (error: Error) => void;
  const broken = new Promise<never>((_, reject) => {
    fail = reject;
  });
  broken.catch(() => {}); // observed through Promise.race below; this only marks it handled
  const damaged = () =>
    fail(new UnreadableFile('Berkas Excel rusak atau tidak lengkap. Buka berkas di Excel, simpan ulang sebagai .xlsx (atau CSV), lalu impor lagi.'));
  const pipe = input.pipe.bind(input);
  input.pipe = ((destination: NodeJS.WritableStream, options?: { end?: boolean }) => {
    destination.on('error', damaged);
    return pipe(destination, options);
  }) as typeof input.pipe;
  input.on('error', damaged);
  return broken;
}

/** The first worksheet of a workbook, row by row, cells flattened to plain values (dates stay Dates). */
async function* xlsxRows(input: NodeJS.ReadableStream): AsyncGenerator<Cell[]> {
  const broken = watchUnzip(input);
  // styles: 'cache' is what lets ExcelJS recognise date-formatted cells and hand them over as Dates.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input as unknown as import('node:stream').Stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  // ExcelJS occasionally (about 1 read in 300 here) reaches the first worksheet with the workbook part's
  // model still unset and throws on `model.sheets`; the model only names the sheets, which we do not need.
  let model: unknown = { sheets: [] };
  Object.defineProperty(reader, 'model', {
    get: () => model,
    set: (value: unknown) => {
      if (value) model = value;
    },
    configurable: true,
  });
  const worksheets = reader[Symbol.asyncIterator]();
  for (;;) {
    const nextSheet = await Promise.race([worksheets.next(), broken]);
    if (nextSheet.done) return;
    const rows = nextSheet.value[Symbol.asyncIterator]();
    let expected = 1;
    for (;;) {
      const nextRow = await Promise.race([rows.next(), broken]);
      if (nextRow.done) break;
      const row = nextRow.value;
      // Missing rows are yielded as empty ones below; a row numbered two billion would be an endless loop.
      if (row.number > XLSX_MAX_ROWS) {
        throw new XlsxTooLarge(
          `Lembar pertama berkas Excel memuat baris nomor ${row.number.toLocaleString('id-ID')}, melebihi batas Excel (${XLSX_MAX_ROWS.toLocaleString('id-ID')} baris). ` +
            'Berkas ini rusak atau dibuat dengan program lain; simpan ulang dari Excel sebagai .xlsx atau CSV, lalu impor lagi.',
        );
      }
      // Rows missing from the sheet are empty rows: keep the numbering the operator sees.
      for (; expected < row.number; expected++) yield [];
      expected = row.number + 1;
      const values = row.values as unknown[];
      const cells: Cell[] = [];
      for (let i = 1; i < values.length; i++) {
        const value = values[i];
        if (typeof value === 'object' && value !== null && 'sharedString' in value) throw new UnreadSharedStrings();
        cells.push(flattenXlsxValue(value));
      }
      yield cells;
    }
    return; // only the first worksheet
  }
}

function flattenXlsxValue(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return storableText(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string; formula?: string };
    if (v.richText) return storableText(v.richText.map((part) => part.text).join(''));
    if ('result' in v || v.formula !== undefined) return flattenXlsxValue(v.result);
    if (v.text !== undefined) return flattenXlsxValue(v.text);
    if (v.error) return null;
  }
  return storableText(String(value));
}
