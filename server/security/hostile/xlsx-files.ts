/**
 * Hand-made XLSX files for the import tests: a zip written byte by byte, so a test can make what no
 * spreadsheet program would — a worksheet that inflates to hundreds of megabytes from a few hundred
 * kilobytes, entries in an unusual order, sizes left to a data descriptor, a row numbered two billion.
 */
import { once } from 'node:events';
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** The entry's content, as chunks (a generator keeps a huge entry out of memory while it is compressed). */
  chunks: Iterable<Buffer | string>;
  /** Sizes in a data descriptor after the data (general-purpose flag bit 3), as streaming writers do. */
  descriptor?: boolean;
}

/** Deflates chunks as a stream: the output of a repetitive gigabyte is a few hundred kilobytes. */
async function deflate(chunks: Iterable<Buffer | string>): Promise<{ data: Buffer; size: number; crc: number }> {
  const deflater = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    deflater.on('end', resolve);
    deflater.on('error', reject);
  });
  let size = 0;
  let crc = 0;
  for (const chunk of chunks) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    size += buffer.length;
    crc = zlib.crc32(buffer, crc);
    if (!deflater.write(buffer)) await once(deflater, 'drain');
  }
  deflater.end();
  await done;
  return { data: Buffer.concat(out), size, crc };
}

/** A zip archive of deflated entries, with a central directory and end record. */
export async function buildZip(entries: ZipEntry[]): Promise<Buffer> {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const { data, size, crc } = await deflate(entry.chunks);
    const name = Buffer.from(entry.name, 'utf8');
    const flags = entry.descriptor ? 0x0808 : 0x0800;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0, 10);
    local.writeUInt32LE(entry.descriptor ? 0 : crc, 14);
    local.writeUInt32LE(entry.descriptor ? 0 : data.length, 18);
    local.writeUInt32LE(entry.descriptor ? 0 : size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    out.push(local, name, data);
    let length = local.length + name.length + data.length;
    if (entry.descriptor) {
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(data.length, 8);
      descriptor.writeUInt32LE(size >>> 0, 12);
      out.push(descriptor);
      length += descriptor.length;
    }
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(flags, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt32LE(0, 12);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(size >>> 0, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    offset += length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, directory, end]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** One `<row>` of inline-string cells. */
export function rowXml(rowNumber: number, cells: readonly string[]): string {
  const xml = cells.map((text, i) => `<c r="${columnName(i)}${rowNumber}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`).join('');
  return `<row r="${rowNumber}">${xml}</row>`;
}

/** `count` copies of one string, in chunks of about a megabyte, without building the whole. */
export function* repeated(text: string, count: number): Generator<string> {
  const perChunk = Math.max(1, Math.floor((1 << 20) / Math.max(1, text.length)));
  const chunk = text.repeat(perChunk);
  let left = count;
  for (; left >= perChunk; left -= perChunk) yield chunk;
  if (left > 0) yield text.repeat(left);
}

export interface WorkbookParts {
  /** The worksheet's XML, in chunks. */
  sheet: Iterable<string>;
  sharedStrings?: Iterable<string>;
  /** Extra entries (e.g. an image), placed before the worksheet. */
  extra?: ZipEntry[];
  /** Worksheet before the workbook part and shared strings (ExcelJS then parks it in a temporary file). */
  sheetFirst?: boolean;
  descriptor?: boolean;
}

/** A workbook of one sheet whose XML the caller writes. */
export function buildXlsx(parts: WorkbookParts): Promise<Buffer> {
  const contentTypes =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>';
  const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  const workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  const d = parts.descriptor ?? false;
  const sheet: ZipEntry = { name: 'xl/worksheets/sheet1.xml', chunks: parts.sheet, descriptor: d };
  const head: ZipEntry[] = [
    { name: '[Content_Types].xml', chunks: [contentTypes], descriptor: d },
    { name: '_rels/.rels', chunks: [rootRels], descriptor: d },
  ];
  const book: ZipEntry[] = [
    { name: 'xl/workbook.xml', chunks: [workbook], descriptor: d },
    { name: 'xl/_rels/workbook.xml.rels', chunks: [workbookRels], descriptor: d },
    { name: 'xl/sharedStrings.xml', chunks: parts.sharedStrings ?? [`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="${NS}" count="0" uniqueCount="0"/>`], descriptor: d },
  ];
  const extra = parts.extra ?? [];
  return buildZip(parts.sheetFirst ? [...head, ...extra, sheet, ...book] : [...head, ...book, ...extra, sheet]);
}

/** A worksheet of rows given as arrays of text (row numbers 1, 2, …). */
export function* sheetOf(rows: readonly (readonly string[])[]): Generator<string> {
  yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${NS}"><sheetData>`;
  for (const [i, cells] of rows.entries()) yield rowXml(i + 1, cells);
  yield '</sheetData></worksheet>';
}

/** A worksheet: its first rows, then `body` (raw XML chunks), then the end. */
export function* sheetWith(first: readonly (readonly string[])[], body: Iterable<string>): Generator<string> {
  yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${NS}"><sheetData>`;
  for (const [i, cells] of first.entries()) yield rowXml(i + 1, cells);
  yield* body;
  yield '</sheetData></worksheet>';
}

export const SHEET_START = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${NS}"><sheetData>`;
export const SST_START = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="${NS}">`;
