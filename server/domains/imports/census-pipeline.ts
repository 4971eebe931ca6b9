/**
 * The census import of one file: read rows as a stream, interpret each, apply them in batches. A job
 * resumed after a crash re-reads the rows already committed only to remember their NIKs (for the
 * duplicate-in-file rule) and applies from the first row not yet committed.
 */
import { matchCensusColumns, CENSUS_FIELD_LABELS } from '../../../core/import/census-columns.ts';
import { detectLayout } from '../../../core/import/resident-formats.ts';
import type { OccupationCode } from '../../../core/occupations.ts';
import { applyCensusBatch, type CensusBatch } from './census-import.ts';
import { censusRowReader, type CivilOccupationRule } from './census-rows.ts';
import { cellText, openTable, type TableReader } from './file-reader.ts';
import { NikRowIndex } from './nik-row-index.ts';
import { ImportFileError, type ImportDeps, type JobControl, type JobOutcome } from './import-runner.ts';
import { findCivilOccupations, finishJob, saveHeader, type ImportJobRow } from './imports.repo.ts';
import type { ImportLayout, SkippedCounts } from './imports.table.ts';

/** A header row is one in which at least two known census (or resident-export) columns appear. */
export function looksLikeCensusHeader(cells: string[]): boolean {
  if (detectLayout(cells) !== 'census') return true;
  return Object.keys(matchCensusColumns(cells).byField).length >= 2;
}

export async function loadCivilOccupationRules(deps: ImportDeps): Promise<Map<string, CivilOccupationRule>> {
  const rows = await findCivilOccupations(deps.db);
  return new Map(rows.map((r) => [r.key, { occupation: r.occupation as OccupationCode | null }]));
}

export function missingColumnsMessage(missing: { field: string }[]): string {
  const labels = missing.map(({ field }) => CENSUS_FIELD_LABELS[field as keyof typeof CENSUS_FIELD_LABELS]?.id ?? field);
  return `Kolom wajib tidak ditemukan: ${labels.join(', ')}. Pakai templat impor, atau ubah judul kolom di baris pertama berkas.`;
}

export async function runCensusImport(deps: ImportDeps, job: ImportJobRow, control: JobControl): Promise<JobOutcome> {
  const civilOccupations = await loadCivilOccupationRules(deps);
  const table: TableReader = await openTable(job.filePath, job.fileFormat, looksLikeCensusHeader);
  try {
    const layout = detectLayout(table.header) as ImportLayout;
    if (layout === 'bpjs') throw new ImportFileError('Berkas ini adalah data peserta BPJS. Impor lewat "Data peserta BPJS", bukan data pekerja.');
    await saveHeader(deps.db, job.id, { header: table.header, delimiter: table.delimiter, layout });
    const reader = censusRowReader({
      layout,
      header: table.header,
      regions: deps.regions,
      actor: job.actor,
      targetVillage: job.villageCode,
      today: deps.today(),
      civilOccupations,
      residentMinAge: deps.residentMinAge,
      residentMaxAge: deps.residentMaxAge,
    });
    if (reader.missing.length > 0) throw new ImportFileError(missingColumnsMessage(reader.missing));

    const firstRowOf = new NikRowIndex();
    let batch = emptyBatch();
    let lastRow = 0;
    const flush = async () => {
      batch.rowsDone = lastRow;
      batch.bytesRead = table.bytesRead();
      await applyCensusBatch(deps.db, job.id, job.actor, batch);
      control.onProgress?.({ rowsDone: lastRow, bytesRead: batch.bytesRead, fileSize: job.fileSize });
      batch = emptyBatch();
    };

    for await (const { row, cells } of table.rows) {
      const outcome = reader.interpret(cells);
      if (outcome.kind === 'end') break;
      const alreadyCommitted = row <= job.rowsDone;
      if (outcome.kind === 'worker') {
        const first = firstRowOf.firstRowOrAdd(outcome.worker.nik, row);
        if (first === undefined) {
          if (!alreadyCommitted) batch.workers.push({ row, worker: outcome.worker, cells });
        } else if (!alreadyCommitted) {
          batch.rejections.push({
            row,
            cells: cells.map(cellText),
            errors: [{ field: 'nik', code: 'NIK_DUPLICATE_IN_FILE', message: `NIK ini sudah ada di baris ${first} berkas ini; baris pertama yang dipakai. Hapus baris ganda.` }],
          });
        }
      } else if (alreadyCommitted) {
        // counted in the committed batches already
      } else if (outcome.kind === 'reject') {
        batch.rejections.push({ row, cells: cells.map(cellText), errors: outcome.errors });
      } else if (outcome.kind === 'skip') {
        batch.skipped[outcome.reason] += 1;
      }
      if (alreadyCommitted) continue;
      lastRow = row;
      if (batch.workers.length + batch.rejections.length >= deps.batchRows) {
        await flush();
        if (control.shouldStop()) return 'stopped';
      }
    }
    await flush();
    await finishJob(deps.db, job.id);
    return 'done';
  } finally {
    table.close();
  }
}

function emptyBatch(): CensusBatch {
  const skipped: SkippedCounts = { occupation: 0, age: 0, status: 0 };
  return { workers: [], rejections: [], skipped, rowsDone: 0, bytesRead: 0 };
}
