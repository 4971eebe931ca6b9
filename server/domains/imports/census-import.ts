/**
 * Applies census rows to the register, one batch per transaction: each row ends created, updated,
 * unchanged or rejected, and the job's counters and resume point move in the same transaction, so a crash
 * leaves either the whole batch or none of it.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { canWriteWorkers, type Role } from '../../../core/roles.ts';
import { queryRows, type Db } from '../../db/client.ts';
import { auditLog } from '../audit/audit.table.ts';
import { workers } from '../workers/workers.table.ts';
import type { Cell } from '../../../core/import/cells.ts';
import type { ImportedWorker, UpdatableField } from './census-rows.ts';
import { cellText } from './file-reader.ts';
import type { ImportActor, RowError, SkippedCounts } from './imports.table.ts';
import { insertRejections, saveProgress, type Rejection } from './imports.repo.ts';

export interface WorkerRowIn {
  row: number;
  worker: ImportedWorker;
  /** The row as read; turned into text only if the row is rejected (rare), not for every row. */
  cells: Cell[];
}

export interface CensusBatch {
  workers: WorkerRowIn[];
  rejections: Rejection[];
  skipped: SkippedCounts;
  /** Data rows read up to the end of this batch (the resume point). */
  rowsDone: number;
  bytesRead: number;
}

export interface BatchCounts {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

interface ExistingWorker {
  id: string;
  nik: string;
  name: string;
  birth_date: string;
  sex: 'M' | 'F';
  village_code: string;
  occupation: string;
  phone: string | null;
  monthly_income: number | null;
  dependants: number | null;
  hamlet: string | null;
  rt: string | null;
  rw: string | null;
  notes: string | null;
  family_card_number: string | null;
}

const COLUMN: Record<UpdatableField, keyof ExistingWorker> = {
  name: 'name',
  birthDate: 'birth_date',
  sex: 'sex',
  villageCode: 'village_code',
  occupation: 'occupation',
  phone: 'phone',
  monthlyIncome: 'monthly_income',
  dependants: 'dependants',
  hamlet: 'hamlet',
  rt: 'rt',
  rw: 'rw',
  notes: 'notes',
  familyCardNumber: 'family_card_number',
};

/** Another import or a form created one of the batch's NIKs between our read and our insert: read again. */
class ConcurrentInsert extends Error {}

export async function applyCensusBatch(db: Db, importId: string, actor: ImportActor, batch: CensusBatch): Promise<BatchCounts> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction((tx) => applyOnce(tx as unknown as Db, importId, actor, batch));
    } catch (error) {
      if (!(error instanceof ConcurrentInsert) || attempt >= 3) throw error;
    }
  }
}

async function applyOnce(tx: Db, importId: string, actor: ImportActor, batch: CensusBatch): Promise<BatchCounts> {
  const existing = await findExistingByNik(
    tx,
    batch.workers.map((r) => r.worker.nik),
  );
  const creates: (ImportedWorker & { id: string })[] = [];
  const updates: { id: string; worker: ExistingWorker; changes: Record<string, { before: unknown; after: unknown }> }[] = [];
  const rejections: Rejection[] = [...batch.rejections];
  let unchanged = 0;
  const scope = { role: actor.role as Role, regionCode: actor.regionCode };

  for (const { row, worker, cells } of batch.workers) {
    const current = existing.get(worker.nik);
    if (!current) {
      creates.push({ ...worker, id: randomUUID() });
      continue;
    }
    if (!canWriteWorkers(scope, current.village_code)) {
      // The person is registered in a village the importer may not change: say so without naming them.
      rejections.push({ row, cells: cells.map(cellText), errors: [outOfScope()] });
      continue;
    }
    const next: ExistingWorker = { ...current };
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    for (const field of worker.provided) {
      const value = worker[field];
      // An empty cell means "not known here", never "erase what the register holds".
      if (value === null || value === undefined) continue;
      const column = COLUMN[field];
      if (current[column] !== value) {
        changes[field] = { before: current[column], after: value };
        (next as unknown as Record<string, unknown>)[column] = value;
      }
    }
    if (Object.keys(changes).length === 0) unchanged += 1;
    else updates.push({ id: current.id, worker: next, changes });
  }

  if (creates.length > 0) {
    const inserted = await insertWorkers(tx, creates, actor);
    if (inserted !== creates.length) throw new ConcurrentInsert();
  }
  if (updates.length > 0) await updateWorkers(tx, updates, actor);
  await insertRejections(tx, importId, rejections);
  if (creates.length > 0 || updates.length > 0) {
    // One audit entry per batch names every worker created or changed (with before/after): the trail stays
    // complete without doubling the rows written by a million-row import.
    await tx.insert(auditLog).values({
      actorId: actor.id,
      actorUsername: actor.username,
      actorRole: actor.role,
      action: 'import',
      entity: 'worker',
      entityId: importId,
      regionCode: actor.regionCode,
      changes: {
        importId,
        created: creates.map((c) => c.id),
        updated: Object.fromEntries(updates.map((u) => [u.id, u.changes])),
      },
    });
  }
  const counts = { created: creates.length, updated: updates.length, unchanged, rejected: rejections.length };
  await saveProgress(tx, importId, { ...counts, skipped: batch.skipped, rowsDone: batch.rowsDone, bytesRead: batch.bytesRead });
  return counts;
}

function outOfScope(): RowError {
  return {
    field: 'nik',
    code: 'NIK_REGISTERED_ELSEWHERE',
    message: 'NIK ini sudah terdaftar di desa lain. Bila orang ini pindah ke desa Anda, minta Disnakertrans memindahkan datanya.',
  };
}

async function findExistingByNik(tx: Db, niks: string[]): Promise<Map<string, ExistingWorker>> {
  const out = new Map<string, ExistingWorker>();
  if (niks.length === 0) return out;
  const rows = await queryRows<ExistingWorker>(tx, sql`
    select w.id, w.nik, w.name, w.birth_date::text as birth_date, w.sex, w.village_code, w.occupation, w.phone, w.monthly_income,
           w.dependants, w.hamlet, w.rt, w.rw, w.notes, w.family_card_number
    from ${workers} w
    where w.deleted_at is null and w.nik in (select jsonb_array_elements_text(${JSON.stringify(niks)}::jsonb))`);
  for (const row of rows) out.set(row.nik, row);
  return out;
}

/** One INSERT … SELECT over a JSON array: a single statement and round trip per batch. Returns rows inserted. */
async function insertWorkers(tx: Db, rows: (ImportedWorker & { id: string })[], actor: ImportActor): Promise<number> {
  const json = JSON.stringify(
    rows.map((w) => ({
      id: w.id,
      nik: w.nik,
      name: w.name,
      birth_date: w.birthDate,
      sex: w.sex,
      village_code: w.villageCode,
      district_code: w.districtCode,
      occupation: w.occupation,
      phone: w.phone,
      monthly_income: w.monthlyIncome,
      dependants: w.dependants,
      hamlet: w.hamlet,
      rt: w.rt,
      rw: w.rw,
      notes: w.notes,
      family_card_number: w.familyCardNumber,
    })),
  );
  const [result] = await queryRows<{ n: number }>(tx, sql`
    with inserted as (
      insert into ${workers} (id, nik, name, birth_date, sex, village_code, district_code, occupation, phone, monthly_income,
                              dependants, hamlet, rt, rw, notes, family_card_number, created_by, updated_by)
      select r.id, r.nik, r.name, r.birth_date, r.sex, r.village_code, r.district_code, r.occupation, r.phone, r.monthly_income,
             r.dependants, r.hamlet, r.rt, r.rw, r.notes, r.family_card_number, ${actor.id}::uuid, ${actor.id}::uuid
      from jsonb_to_recordset(${json}::jsonb) as r(id uuid, nik text, name text, birth_date date, sex text, village_code text,
           district_code text, occupation text, phone text, monthly_income int, dependants int, hamlet text, rt text, rw text,
           notes text, family_card_number text)
      on conflict (nik) where deleted_at is null do nothing
      returning 1
    ) select count(*)::int as n from inserted`);
  return result?.n ?? 0;
}

async function updateWorkers(tx: Db, rows: { id: string; worker: ExistingWorker }[], actor: ImportActor): Promise<void> {
  const json = JSON.stringify(rows.map((u) => ({ ...u.worker, id: u.id, district_code: u.worker.village_code.slice(0, 8) })));
  await tx.execute(sql`
    update ${workers} w set
      name = r.name, birth_date = r.birth_date, sex = r.sex, village_code = r.village_code, district_code = r.district_code,
      occupation = r.occupation, phone = r.phone, monthly_income = r.monthly_income, dependants = r.dependants, hamlet = r.hamlet,
      rt = r.rt, rw = r.rw, notes = r.notes, family_card_number = r.family_card_number, updated_at = now(),
      updated_by = ${actor.id}::uuid
    from jsonb_to_recordset(${json}::jsonb) as r(id uuid, name text, birth_date date, sex text, village_code text, district_code text,
         occupation text, phone text, monthly_income int, dependants int, hamlet text, rt text, rw text, notes text,
         family_card_number text)
    where w.id = r.id`);
}
