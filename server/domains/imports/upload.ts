/**
 * Receives a multipart upload: the file (field `file`) is streamed to disk — never buffered whole — and
 * the small text fields come back as a record. Too large a file is a clear 413; no file is a 400.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import type { UploadedFile } from './imports.service.ts';

export async function receiveUpload(request: FastifyRequest, dir: string, maxBytes: number): Promise<{ file: UploadedFile; fields: Record<string, string> }> {
  if (!request.isMultipart()) {
    throw new AppError('validation', 'UPLOAD_NOT_MULTIPART', 'Kirim berkas sebagai formulir unggahan (multipart/form-data) dengan kolom "file".', 'file');
  }
  fs.mkdirSync(dir, { recursive: true });
  const fields: Record<string, string> = {};
  let file: UploadedFile | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 1000 } })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== 'file' || file) {
        part.file.resume();
        continue;
      }
      const target = path.join(dir, `${randomUUID()}.upload`);
      await pipeline(part.file, fs.createWriteStream(target, { mode: 0o600 }));
      if (part.file.truncated) {
        fs.rmSync(target, { force: true });
        throw tooLarge(maxBytes);
      }
      file = { path: target, fileName: storableFileName(part.filename), size: fs.statSync(target).size };
    }
  } catch (error) {
    if (file) fs.rmSync(file.path, { force: true });
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw new AppError('validation', 'UPLOAD_TOO_MANY_PARTS', 'Kirim satu berkas saja per impor.', 'file');
    }
    throw new AppError('validation', 'UPLOAD_BROKEN', 'Unggahan terputus atau rusak. Coba unggah lagi.', 'file');
  }
  if (!file) throw new AppError('validation', 'FILE_REQUIRED', 'Pilih berkas CSV atau XLSX untuk diimpor (kolom "file").', 'file');
  return { file, fields };
}

/**
 * The name the browser sent, as it can be stored and shown: no folders, no control characters (a NUL made
 * the insert fail with a 500), no direction overrides that disguise an extension, no half surrogate pairs.
 */
function storableFileName(sent: string | undefined): string {
  const name = path
    .basename(sent || '')
    .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .trim()
    .slice(0, 200);
  return name || 'berkas';
}

function tooLarge(maxBytes: number): AppError {
  const mb = Math.round(maxBytes / 1024 / 1024);
  return new AppError('tooLarge', 'FILE_TOO_LARGE', `Berkas lebih besar dari ${mb} MB. Bagi data menjadi beberapa berkas (misalnya per desa), lalu impor satu per satu.`, 'file');
}
