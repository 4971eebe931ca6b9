/**
 * An XLSX file is a zip archive, and a zip can be a bomb: a few hundred kilobytes that inflate to
 * gigabytes of worksheet XML (one cell of 300 MB is enough to exhaust the server's memory). Before a
 * workbook is read, its entries are inflated once and only counted — in the order and with the entry
 * boundaries of the streaming reader ExcelJS uses (local headers, sizes or a data descriptor) — and a
 * workbook that inflates to more than its limit is refused.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';

/** Worksheet XML is rarely more than 10–20 times its zip; 100 times is what zip-bomb guards commonly allow. */
export const XLSX_MAX_INFLATE_RATIO = 100;
/** Small files may inflate this much whatever their ratio. */
export const XLSX_MIN_INFLATE_LIMIT = 50 * 1024 * 1024;

export function xlsxInflateLimit(fileSize: number): number {
  return Math.max(XLSX_MIN_INFLATE_LIMIT, fileSize * XLSX_MAX_INFLATE_RATIO);
}

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = Buffer.from([0x50, 0x4b, 0x07, 0x08]);

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const read = fs.readSync(fd, buffer, 0, length, position);
  return buffer.subarray(0, read);
}

/** Where the data descriptor signature first appears at or after `from` (or the end of the file). */
function findDescriptor(fd: number, from: number, fileSize: number): number {
  const chunk = 1024 * 1024;
  for (let position = from; position < fileSize; position += chunk - 3) {
    const at = readAt(fd, position, chunk).indexOf(DATA_DESCRIPTOR);
    if (at >= 0) return position + at;
  }
  return fileSize;
}

/** The ZIP64 compressed size from an extra field, as unzipper reads it. */
function zip64CompressedSize(extra: Buffer): number | null {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === 0x0001 && at + 4 + 16 <= extra.length) return Number(extra.readBigUInt64LE(at + 12));
    at += 4 + size;
  }
  return null;
}

/** Bytes the deflated range inflates to, stopping as soon as it passes `budget`. Broken data counts what it gave. */
function inflatedSize(filePath: string, start: number, end: number, budget: number): Promise<number> {
  if (end <= start) return Promise.resolve(0);
  return new Promise((resolve) => {
    let total = 0;
    const source = fs.createReadStream(filePath, { start, end: end - 1, highWaterMark: 256 * 1024 });
    const inflater = zlib.createInflateRaw();
    const finish = () => {
      source.destroy();
      inflater.destroy();
      resolve(total);
    };
    inflater.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > budget) finish();
    });
    inflater.on('end', finish);
    inflater.on('error', finish);
    source.on('error', finish);
    source.pipe(inflater);
  });
}

/**
 * The bytes the archive's entries inflate to, counted up to `limit` (the walk stops once past it).
 * Entries are walked as a streaming reader meets them; whatever is not a local header ends the walk
 * (the central directory, or damage the workbook reader will report itself).
 */
export async function inflatedBytes(filePath: string, limit: number): Promise<number> {
  const fd = fs.openSync(filePath, 'r');
  try {
    const fileSize = fs.fstatSync(fd).size;
    let total = 0;
    for (let position = 0; position + 30 <= fileSize && total <= limit; ) {
      const header = readAt(fd, position, 30);
      if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER) break;
      const flags = header.readUInt16LE(6);
      const method = header.readUInt16LE(8);
      let compressedSize = header.readUInt32LE(18);
      const nameLength = header.readUInt16LE(26);
      const extraLength = header.readUInt16LE(28);
      const dataStart = position + 30 + nameLength + extraLength;
      if (compressedSize === 0xffffffff) compressedSize = zip64CompressedSize(readAt(fd, position + 30 + nameLength, extraLength)) ?? fileSize;
      const sizeKnown = !(flags & 0x08) || compressedSize > 0;
      const dataEnd = Math.min(fileSize, sizeKnown ? dataStart + compressedSize : findDescriptor(fd, dataStart, fileSize));
      total += method === 0 ? dataEnd - dataStart : await inflatedSize(filePath, dataStart, dataEnd, limit - total);
      position = sizeKnown ? dataEnd : dataEnd + 16;
    }
    return total;
  } finally {
    fs.closeSync(fd);
  }
}
