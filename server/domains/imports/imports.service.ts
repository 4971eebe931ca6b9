/**
 * Starting, following and reading imports. An upload is checked before it is accepted — readable format,
 * the required columns present, the caller allowed to import it — so a wrong file gets a 400 at once,
 * not a failed job later; the rows themselves are read in the background by the ImportRunner.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { CENSUS_FIELD_LABELS, matchCensusColumns } from '../../../core/import/census-columns.ts';
import { matchBpjsColumns } from '../../../core/import/bpjs-columns.ts';
import { isEmptyCell } from '../../../core/import/cells.ts';
import { detectLayout } from '../../../core/import/resident-formats.ts';
import { CIVIL_OCCUPATIONS, civilOccupationKey } from '../../../core/import/civil-occupations.ts';
import { OCCUPATION_CODES } from '../../../core/occupations.ts';
import { canImport } from '../../../core/roles.ts';
import type { Db } from '../../db/client.ts';
import { AppError, errors } from '../../errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.service.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import type { RegionDirectory } from '../regions/region-directory.ts';
import { BPJS_FIELD_LABELS, looksLikeBpjsHeader } from '../reconciliation/bpjs-import.ts';
import { looksLikeCensusHeader, missingColumnsMessage } from './census-pipeline.ts';
import { censusRowReader } from './census-rows.ts';
import { cellText, formatOfFile, openTable, UnreadableFile, XlsxTooLarge, type FileFormat } from './file-reader.ts';
import {
  findCivilOccupations,
  findJob,
  findJobs,
  findRejections,
  insertJob,
  seedCivilOccupations,
  updateCivilOccupation,
  type ImportJobRow,
} from './imports.repo.ts';
import type { ImportActor, ImportKind, ImportLayout } from './imports.table.ts';

export interface ImportServiceContext extends AuditContext {
  actor: SessionUser;
  regions: RegionDirectory;
  today: string;
}

export interface UploadedFile {
  path: string;
  fileName: string;
  size: number;
}

/** How many errors GET /api/imports/:id lists; all of them are in the rejected-rows file. */
export const ERRORS_LISTED = 1000;

const LAYOUT_LABELS: Record<ImportLayout, string> = {
  census: 'Berkas sensus pekerja',
  opensid: 'Ekspor penduduk OpenSID',
  siak: 'Ekspor penduduk SIAK (Dukcapil)',
  bpjs: 'Data peserta BPJS Ketenagakerjaan',
};

/** Who may import what: census files by the regency office and village operators; BPJS files by the regency office and BPJS officers. */
export function assertMayImport(actor: SessionUser, kind: ImportKind): void {
  if (!canImport(actor.role, kind)) {
    throw errors.forbidden(
      kind === 'workers'
        ? 'Impor data pekerja hanya untuk operator desa dan admin Disnakertrans.'
        : 'Impor data peserta BPJS hanya untuk petugas BPJS dan admin Disnakertrans.',
    );
  }
}

/** The village rows go to: a village operator's own village, or the one an admin chose (optional). */
export function targetVillageFor(ctx: ImportServiceContext, kind: ImportKind, requested: string | undefined): string | null {
  if (kind !== 'workers') return null;
  if (ctx.actor.role === 'village') {
    if (requested && requested !== ctx.actor.regionCode) {
      throw errors.forbidden('Anda hanya dapat mengimpor pekerja desa Anda sendiri.');
    }
    return ctx.actor.regionCode;
  }
  if (!requested) return null;
  if (!ctx.regions.village(requested)) {
    throw new AppError('validation', 'VILLAGE_UNKNOWN', `Desa dengan kode ${requested} tidak ada di ${ctx.regions.served.name}. Pilih desa dari daftar.`, 'village');
  }
  return requested;
}

export interface FileAnalysis {
  format: FileFormat;
  layout: ImportLayout;
  header: string[];
  delimiter: string | null;
  columns: { index: number; header: string; field: string | null; fieldLabel: string | null }[];
  missing: { field: string; label: string }[];
  sampleRows: string[][];
}

/** Reads the header and the first rows: what the file is, how its columns map, what is missing. */
export async function analyseFile(
  file: UploadedFile,
  kind: ImportKind,
  targetVillage: string | null,
  ctx: { regions: RegionDirectory; today: string; actor: ImportActor },
): Promise<FileAnalysis> {
  const firstBytes = Buffer.alloc(8);
  const fd = fs.openSync(file.path, 'r');
  const read = fs.readSync(fd, firstBytes, 0, 8, 0);
  fs.closeSync(fd);
  if (read === 0) throw new AppError('validation', 'IMPORT_EMPTY', 'Berkas kosong. Pilih berkas CSV atau XLSX yang berisi data.', 'file');
  const format = formatOfFile(file.fileName, firstBytes.subarray(0, read));
  if (!format) {
    throw new AppError(
      'validation',
      'IMPORT_FORMAT_UNSUPPORTED',
      'Format berkas tidak didukung. Simpan sebagai Excel Workbook (.xlsx) atau CSV, lalu unggah lagi.',
      'file',
    );
  }
  let table;
  try {
    table = await openTable(file.path, format, kind === 'bpjs' ? looksLikeBpjsHeader : looksLikeCensusHeader);
  } catch (error) {
    throw unreadable(error);
  }
  try {
    const sampleRows: string[][] = [];
    try {
      for await (const { cells } of table.rows) {
        if (cells.every(isEmptyCell)) continue;
        sampleRows.push(cells.map(cellText));
        if (sampleRows.length >= 5) break;
      }
    } catch (error) {
      throw unreadable(error);
    }
    const { header } = table;
    if (header.every((h) => h === '')) throw new AppError('validation', 'IMPORT_EMPTY', 'Berkas tidak berisi judul kolom maupun data.', 'file');
    const detected = detectLayout(header) as ImportLayout;
    if (kind === 'bpjs') {
      const match = matchBpjsColumns(header);
      return {
        format,
        layout: 'bpjs',
        header,
        delimiter: table.delimiter,
        columns: match.columns.map((c) => ({ ...c, fieldLabel: c.field ? BPJS_FIELD_LABELS[c.field] : null })),
        missing: match.missing.map((field) => ({ field, label: BPJS_FIELD_LABELS[field] })),
        sampleRows,
      };
    }
    if (detected === 'bpjs') {
      throw new AppError('validation', 'IMPORT_WRONG_KIND', 'Berkas ini adalah data peserta BPJS. Impor lewat "Data peserta BPJS", bukan data pekerja.', 'file');
    }
    const layout = detected;
    const reader = censusRowReader({
      layout,
      header,
      regions: ctx.regions,
      actor: ctx.actor,
      targetVillage,
      today: ctx.today,
      civilOccupations: new Map(),
      residentMinAge: 15,
      residentMaxAge: 200,
    });
    const labelOf = (field: string) => CENSUS_FIELD_LABELS[field as keyof typeof CENSUS_FIELD_LABELS]?.id ?? field;
    const columns =
      layout === 'census'
        ? matchCensusColumns(header).columns.map((c) => ({ ...c, fieldLabel: c.field ? labelOf(c.field) : null }))
        : header.map((h, index) => ({ index, header: h, field: null, fieldLabel: null }));
    return {
      format,
      layout,
      header,
      delimiter: table.delimiter,
      columns,
      missing: reader.missing.map(({ field }) => ({ field, label: labelOf(field) })),
      sampleRows,
    };
  } finally {
    table.close();
  }
}

/** Why a file could not be read, as the answer to the upload: a zip bomb is too large, anything else unreadable. */
function unreadable(error: unknown): AppError {
  if (error instanceof XlsxTooLarge) return new AppError('tooLarge', 'IMPORT_XLSX_TOO_LARGE', error.message, 'file');
  const message = error instanceof UnreadableFile ? error.message : 'Berkas tidak dapat dibaca. Pastikan berkas tidak rusak dan disimpan sebagai .xlsx atau .csv.';
  return new AppError('validation', 'IMPORT_UNREADABLE', message, 'file');
}

export function importActor(actor: SessionUser): ImportActor {
  return { id: actor.id, username: actor.username, role: actor.role, regionCode: actor.regionCode };
}

export async function previewImport(file: UploadedFile, kind: ImportKind, village: string | undefined, ctx: ImportServiceContext) {
  assertMayImport(ctx.actor, kind);
  const targetVillage = targetVillageFor(ctx, kind, village);
  const analysis = await analyseFile(file, kind, targetVillage, { regions: ctx.regions, today: ctx.today, actor: importActor(ctx.actor) });
  return {
    layout: analysis.layout,
    layoutLabel: LAYOUT_LABELS[analysis.layout],
    fileName: file.fileName,
    format: analysis.format,
    sheet: null,
    delimiter: analysis.delimiter,
    headers: analysis.header,
    columns: analysis.columns,
    missing: analysis.missing,
    sampleRows: analysis.sampleRows,
    estimatedRows: estimateRows(file, analysis),
  };
}

function estimateRows(file: UploadedFile, analysis: FileAnalysis): number | null {
  if (analysis.format !== 'csv' || analysis.sampleRows.length === 0) return null;
  const sep = analysis.delimiter ?? ',';
  const bytesPerRow = analysis.sampleRows.reduce((sum, r) => sum + Buffer.byteLength(r.join(sep)) + 2, 0) / analysis.sampleRows.length;
  return Math.max(analysis.sampleRows.length, Math.round(file.size / bytesPerRow) - 1);
}

/** Where a new import comes from: who runs it, the village its rows go to, and the audit context. */
export interface ImportRequest extends AuditContext {
  kind: ImportKind;
  /** Who the job runs as (a session user, or the command line as admin). */
  importer: ImportActor;
  targetVillage: string | null;
  regions: RegionDirectory;
  today: string;
}

/**
 * Checks an uploaded file and records it as a new job (audited). The caller checked the right to import
 * (assertMayImport, targetVillageFor) and hands the id to the runner.
 */
export async function createImport(db: Db, file: UploadedFile, request: ImportRequest): Promise<{ id: string; analysis: FileAnalysis }> {
  const { kind, importer: actor, targetVillage } = request;
  const analysis = await analyseFile(file, kind, targetVillage, { regions: request.regions, today: request.today, actor });
  if (analysis.missing.length > 0) {
    const message =
      kind === 'bpjs'
        ? `Kolom wajib tidak ditemukan: ${analysis.missing.map((m) => m.label).join(', ')}. Berkas peserta BPJS perlu kolom No. KPJ, Nama dan Program.`
        : missingColumnsMessage(analysis.missing);
    throw new AppError('validation', 'IMPORT_COLUMNS_MISSING', message, 'file', {
      fields: analysis.missing.map((m) => ({ field: m.field, code: 'COLUMN_MISSING', message: `Kolom "${m.label}" tidak ada di berkas.` })),
    });
  }
  const id = randomUUID();
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await insertJob(t, {
      id,
      kind,
      layout: analysis.layout,
      fileName: file.fileName.slice(0, 200),
      filePath: file.path,
      fileFormat: analysis.format,
      fileSize: file.size,
      villageCode: targetVillage,
      actor,
      header: analysis.header,
      delimiter: analysis.delimiter,
    });
    await recordAudit(t, request, {
      action: 'create',
      entity: 'import',
      entityId: id,
      regionCode: targetVillage ?? actor.regionCode,
      changes: { kind, fileName: file.fileName, size: file.size, layout: analysis.layout, village: targetVillage },
    });
  });
  return { id, analysis };
}

/** A job as the API shows it. Only the regency office sees every import; others see their own. */
export async function getImport(db: Db, id: string, ctx: ImportServiceContext) {
  const job = await findJob(db, id);
  if (!job || !mayReadJob(ctx.actor, job)) throw errors.notFound('Impor');
  const rejections = await findRejections(db, id, ERRORS_LISTED + 1);
  const errorsList = rejections.flatMap((r) => r.errors.map((e) => ({ row: r.row, field: e.field, code: e.code, message: e.message })));
  return {
    ...presentJob(job, ctx),
    errors: errorsList.slice(0, ERRORS_LISTED),
    errorsTruncated: rejections.length > ERRORS_LISTED || errorsList.length > ERRORS_LISTED,
  };
}

export async function listImports(db: Db, ctx: ImportServiceContext, page: number, pageSize: number) {
  const createdBy = ctx.actor.role === 'admin' ? undefined : ctx.actor.id;
  const { rows, total } = await findJobs(db, { limit: pageSize, offset: (page - 1) * pageSize, createdBy });
  return { items: rows.map((job) => presentJob(job, ctx)), total, page, pageSize };
}

/** The job whose rejected rows (names, NIKs: personal data) the caller downloads; the read is audited. */
export async function jobForRejectedFile(db: Db, id: string, ctx: ImportServiceContext): Promise<ImportJobRow> {
  const job = await findJob(db, id);
  if (!job || !mayReadJob(ctx.actor, job)) throw errors.notFound('Impor');
  await recordAudit(db, ctx, { action: 'read', entity: 'import_rejections', entityId: id, regionCode: job.villageCode ?? job.actor.regionCode });
  return job;
}

function mayReadJob(actor: SessionUser, job: ImportJobRow): boolean {
  return actor.role === 'admin' || job.actor.id === actor.id;
}

function presentJob(job: ImportJobRow, ctx: ImportServiceContext) {
  const linkage = job.kind === 'bpjs' ? (job.linkage ?? { linkedExact: 0, linkedAuto: 0, queued: 0, unmatched: 0 }) : null;
  return {
    id: job.id,
    kind: job.kind,
    layout: job.layout,
    fileName: job.fileName,
    village: job.villageCode,
    villageName: job.villageCode ? (ctx.regions.get(job.villageCode)?.name ?? null) : null,
    status: job.status,
    failureMessage: job.failureMessage,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    createdBy: job.actor.username,
    progress: { bytesRead: job.status === 'done' ? job.fileSize : Math.min(job.bytesRead, job.fileSize), bytesTotal: job.fileSize, rowsDone: job.rowsDone },
    total: job.created + job.updated + job.unchanged + job.rejected + job.skipped.occupation + job.skipped.age + job.skipped.status,
    created: job.created,
    updated: job.updated,
    unchanged: job.unchanged,
    rejected: job.rejected,
    skipped: job.skipped,
    ...(linkage ?? {}),
  };
}

// ------------------------------------------------------------ civil occupations

/** Puts the default mapping of the 89 civil-registry occupations into the table (admins' changes stay). */
export async function ensureCivilOccupations(db: Db): Promise<void> {
  await seedCivilOccupations(
    db,
    CIVIL_OCCUPATIONS.map((c) => ({ key: civilOccupationKey(c.label), civilId: c.id, label: c.label, occupation: c.occupation, reason: c.reason })),
  );
}

export async function listCivilOccupations(db: Db) {
  const rows = await findCivilOccupations(db);
  return rows.map((r) => ({
    key: r.key,
    civilId: r.civilId,
    label: r.label,
    occupation: r.occupation,
    reason: r.reason,
    updatedAt: r.updatedAt.toISOString(),
    updatedBy: r.updatedBy,
  }));
}

export async function changeCivilOccupation(db: Db, key: string, occupation: string | null, ctx: ImportServiceContext) {
  if (ctx.actor.role !== 'admin') throw errors.forbidden('Hanya admin Disnakertrans yang dapat mengubah pemetaan pekerjaan.');
  if (occupation !== null && !(OCCUPATION_CODES as readonly string[]).includes(occupation)) {
    throw new AppError('validation', 'OCCUPATION_UNKNOWN', 'Pekerjaan harus salah satu kode pekerjaan Jaring, atau kosong (bukan pekerja informal).', 'occupation');
  }
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const before = (await findCivilOccupations(t)).find((r) => r.key === key);
    if (!before) throw new AppError('notFound', 'NOT_FOUND', 'Pekerjaan ini tidak ada di daftar Dukcapil.');
    const reason = occupation ? 'informal' : before.reason === 'informal' ? 'not_informal' : before.reason;
    const row = await updateCivilOccupation(t, key, occupation, reason, ctx.actor.username);
    await recordAudit(t, ctx, {
      action: 'update',
      entity: 'civil_occupation_map',
      entityId: key,
      changes: { occupation: { before: before.occupation, after: occupation } },
    });
    return row!;
  });
}
