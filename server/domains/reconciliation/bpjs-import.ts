/**
 * The BPJS participant file: each row refreshes one participant (by KPJ number); then every participant of
 * the file not yet linked is linked to a register worker — exact NIK first, then candidates blocked by birth
 * date, village and NIK typos, scored by core/import/linkage.ts — and the linked participations become
 * enrolments with the file's status and paid-until month.
 */
import { sql } from 'drizzle-orm';
import { matchBpjsColumns, parseBpjsStatusCell, parseKpjCell, parseProgramsCell, type BpjsField } from '../../../core/import/bpjs-columns.ts';
import { cleanText, isEmptyCell, parseDateCell, parseMonthCell, parseNikCell, type Cell } from '../../../core/import/cells.ts';
import { queryRows, type Db } from '../../db/client.ts';
import { cellText, openTable } from '../imports/file-reader.ts';
import { ImportFileError, type ImportDeps, type JobControl, type JobOutcome } from '../imports/import-runner.ts';
import { finishJob, insertRejections, renewLease, saveHeader, saveProgress, type ImportJobRow, type Rejection } from '../imports/imports.repo.ts';
import type { RowError } from '../imports/imports.table.ts';
import { villageNames } from '../imports/village-names.ts';
import { linkParticipants } from './linkage.repo.ts';

export interface ParticipantIn {
  row: number;
  kpj: string;
  nik: string | null;
  name: string;
  birthDate: string | null;
  villageCode: string | null;
  programs: ('JKK' | 'JKM' | 'JHT')[];
  status: 'active' | 'non_active';
  membershipDate: string | null;
  paidUntil: string | null;
}

export function looksLikeBpjsHeader(cells: string[]): boolean {
  return matchBpjsColumns(cells).byField.kpj !== undefined;
}

export const BPJS_FIELD_LABELS: Record<BpjsField, string> = {
  kpj: 'No. KPJ',
  nik: 'NIK',
  name: 'Nama',
  birthDate: 'Tanggal Lahir',
  program: 'Program',
  status: 'Status',
  membershipDate: 'Tanggal Kepesertaan',
  paidUntil: 'Iuran Terakhir',
  villageCode: 'Kode Desa',
  villageName: 'Desa',
  districtName: 'Kecamatan',
};

export async function runBpjsImport(deps: ImportDeps, job: ImportJobRow, control: JobControl): Promise<JobOutcome> {
  const table = await openTable(job.filePath, job.fileFormat, looksLikeBpjsHeader);
  const reportedOn = deps.today();
  try {
    const { byField, missing } = matchBpjsColumns(table.header);
    if (missing.length > 0) {
      throw new ImportFileError(
        `Kolom wajib tidak ditemukan: ${missing.map((f) => BPJS_FIELD_LABELS[f]).join(', ')}. Berkas peserta BPJS perlu kolom No. KPJ, Nama dan Program.`,
      );
    }
    await saveHeader(deps.db, job.id, { header: table.header, delimiter: table.delimiter, layout: 'bpjs' });
    const at = (cells: Cell[], field: BpjsField): Cell => (byField[field] === undefined ? undefined : cells[byField[field]!]);
    const villageByName = villageIndex(deps);
    const firstRowOf = new Map<string, number>();
    let participants: ParticipantIn[] = [];
    let rejections: Rejection[] = [];
    let lastRow = 0;
    const flush = async () => {
      await deps.db.transaction(async (tx) => {
        const db = tx as unknown as Db;
        const counts = await upsertParticipants(db, job.id, reportedOn, participants);
        await insertRejections(db, job.id, rejections);
        await saveProgress(db, job.id, {
          ...counts,
          rejected: rejections.length,
          skipped: { occupation: 0, age: 0, status: 0 },
          rowsDone: lastRow,
          bytesRead: table.bytesRead(),
        });
      });
      control.onProgress?.({ rowsDone: lastRow, bytesRead: table.bytesRead(), fileSize: job.fileSize });
      participants = [];
      rejections = [];
    };

    for await (const { row, cells } of table.rows) {
      if (cells.every(isEmptyCell)) {
        if (row > job.rowsDone) lastRow = row;
        continue;
      }
      const parsed = parseParticipant(row, cells, at, (code, name, district) => villageByName(code, name, district));
      const committed = row <= job.rowsDone;
      if ('errors' in parsed) {
        if (!committed) rejections.push({ row, cells: cells.map(cellText), errors: parsed.errors });
      } else {
        const first = firstRowOf.get(parsed.kpj);
        if (first === undefined) {
          firstRowOf.set(parsed.kpj, row);
          if (!committed) participants.push(parsed);
        } else if (!committed) {
          rejections.push({
            row,
            cells: cells.map(cellText),
            errors: [{ field: 'kpj', code: 'KPJ_DUPLICATE_IN_FILE', message: `No. KPJ ini sudah ada di baris ${first} berkas ini; baris pertama yang dipakai.` }],
          });
        }
      }
      if (committed) continue;
      lastRow = row;
      if (participants.length + rejections.length >= deps.batchRows) {
        await flush();
        if (control.shouldStop()) return 'stopped';
      }
    }
    await flush();
    // Linking is idempotent: after a crash it simply runs again over the file's participants.
    const linkage = await linkParticipants(deps.db, job.id, job.actor, () => renewLease(deps.db, job.id));
    await finishJob(deps.db, job.id, { linkage });
    return 'done';
  } finally {
    table.close();
  }
}

function parseParticipant(
  row: number,
  cells: Cell[],
  at: (cells: Cell[], field: BpjsField) => Cell,
  village: (code: Cell, name: Cell, district: Cell) => string | null,
): ParticipantIn | { errors: RowError[] } {
  const errors: RowError[] = [];
  const kpj = parseKpjCell(at(cells, 'kpj'));
  if (!kpj.ok) errors.push({ field: 'kpj', code: kpj.code, message: kpj.message });
  const name = cleanText(at(cells, 'name'));
  if (name.length < 2) errors.push({ field: 'name', code: 'NAME_REQUIRED', message: 'Nama peserta wajib diisi.' });
  let nik: string | null = null;
  const nikCell = at(cells, 'nik');
  if (!isEmptyCell(nikCell)) {
    const parsed = parseNikCell(nikCell);
    if (parsed.ok) nik = parsed.value;
    else if (parsed.code === 'NIK_NOT_TEXT') errors.push({ field: 'nik', code: parsed.code, message: parsed.message });
    else {
      // A mistyped NIK (wrong date, wrong length) is still evidence for linking: keep its digits.
      const digits = cleanText(nikCell).replace(/[\s.-]/g, '');
      nik = /^\d{16}$/.test(digits) ? digits : null;
    }
  }
  let birthDate: string | null = null;
  const dateCell = at(cells, 'birthDate');
  if (!isEmptyCell(dateCell)) {
    const parsed = parseDateCell(dateCell);
    if (parsed.ok) birthDate = parsed.value;
    else errors.push({ field: 'birthDate', code: parsed.code, message: parsed.message });
  }
  const programs = parseProgramsCell(at(cells, 'program'));
  if (!programs.ok) errors.push({ field: 'program', code: programs.code, message: programs.message });
  const statusCell = at(cells, 'status');
  const status = isEmptyCell(statusCell) ? ({ ok: true, value: 'active' } as const) : parseBpjsStatusCell(statusCell);
  if (!status.ok) errors.push({ field: 'status', code: status.code, message: status.message });
  let membershipDate: string | null = null;
  if (!isEmptyCell(at(cells, 'membershipDate'))) {
    const parsed = parseDateCell(at(cells, 'membershipDate'));
    if (parsed.ok) membershipDate = parsed.value;
    else errors.push({ field: 'membershipDate', code: parsed.code, message: parsed.message });
  }
  let paidUntil: string | null = null;
  if (!isEmptyCell(at(cells, 'paidUntil'))) {
    const parsed = parseMonthCell(at(cells, 'paidUntil'));
    if (parsed.ok) paidUntil = parsed.value;
    else errors.push({ field: 'paidUntil', code: parsed.code, message: parsed.message });
  }
  if (errors.length > 0 || !kpj.ok || !programs.ok || !status.ok) return { errors };
  return {
    row,
    kpj: kpj.value,
    nik,
    name,
    birthDate,
    villageCode: village(at(cells, 'villageCode'), at(cells, 'villageName'), at(cells, 'districtName')),
    programs: programs.value,
    status: status.value,
    membershipDate,
    paidUntil,
  };
}

/** The village of a participant when the file says it; an unknown or ambiguous village is simply not used for linking. */
function villageIndex(deps: ImportDeps): (code: Cell, name: Cell, district: Cell) => string | null {
  const names = villageNames(deps.regions);
  return (code, name, district) => {
    const found = names.lookup(code, name, district);
    return found.ok ? found.code : null;
  };
}

/**
 * Inserts or refreshes participants by KPJ in one statement, classifying each against the row it replaces.
 * A changed NIK drops an automatic or NIK link (it is re-linked afterwards); an officer's confirmation stays.
 */
async function upsertParticipants(
  db: Db,
  importId: string,
  reportedOn: string,
  rows: ParticipantIn[],
): Promise<{ created: number; updated: number; unchanged: number }> {
  if (rows.length === 0) return { created: 0, updated: 0, unchanged: 0 };
  const json = JSON.stringify(
    rows.map((p) => ({
      kpj: p.kpj,
      nik: p.nik,
      name: p.name,
      birth_date: p.birthDate,
      village_code: p.villageCode,
      programs: p.programs,
      status: p.status,
      membership_date: p.membershipDate,
      paid_until: p.paidUntil,
    })),
  );
  const [result] = await queryRows<{ created: number; updated: number }>(db, sql`
    with input as (
      select * from jsonb_to_recordset(${json}::jsonb) as r(kpj text, nik text, name text, birth_date date, village_code text,
        programs jsonb, status text, membership_date date, paid_until text)
    ), before as (
      select p.* from bpjs_participants p where p.kpj in (select kpj from input)
    ), written as (
      insert into bpjs_participants (kpj, nik, name, birth_date, village_code, programs, status, membership_date, paid_until, import_id, reported_on)
      select kpj, nik, name, birth_date, village_code, programs, status, membership_date, paid_until, ${importId}::uuid, ${reportedOn}::date from input
      on conflict (kpj) do update set
        nik = excluded.nik, name = excluded.name, birth_date = excluded.birth_date, village_code = excluded.village_code,
        programs = excluded.programs, status = excluded.status, membership_date = excluded.membership_date, paid_until = excluded.paid_until,
        import_id = excluded.import_id, reported_on = excluded.reported_on, updated_at = now(),
        worker_id = case when bpjs_participants.link_method = 'confirmed' or bpjs_participants.nik is not distinct from excluded.nik
                         then bpjs_participants.worker_id end,
        link_method = case when bpjs_participants.link_method = 'confirmed' or bpjs_participants.nik is not distinct from excluded.nik
                           then bpjs_participants.link_method end
      returning 1
    )
    select
      count(*) filter (where b.kpj is null)::int as created,
      count(*) filter (where b.kpj is not null and (b.nik, b.name, b.birth_date, b.village_code, b.programs, b.status, b.membership_date, b.paid_until)
        is distinct from (i.nik, i.name, i.birth_date, i.village_code, i.programs, i.status, i.membership_date, i.paid_until))::int as updated,
      (select count(*) from written)::int as written
    from input i left join before b on b.kpj = i.kpj`);
  const { created, updated } = result ?? { created: 0, updated: 0 };
  return { created, updated, unchanged: rows.length - created - updated };
}
