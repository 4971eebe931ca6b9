import { asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { readCacheOf } from '../../db/read-cache.ts';
import { civilOccupationMap, importJobs, importRejections, type RowError, type SkippedCounts } from './imports.table.ts';

export type ImportJobRow = typeof importJobs.$inferSelect;
export type ImportJobInsert = typeof importJobs.$inferInsert;

export interface Rejection {
  row: number;
  errors: RowError[];
  cells: string[];
}

/** How long a running job stays claimed without a sign of life before another run may resume it. */
export const LEASE_SECONDS = 120;

export async function insertJob(db: Db, job: ImportJobInsert): Promise<void> {
  await db.insert(importJobs).values(job);
}

export async function findJob(db: Db, id: string): Promise<ImportJobRow | undefined> {
  const [row] = await db.select().from(importJobs).where(eq(importJobs.id, id));
  return row;
}

export async function findJobs(db: Db, filter: { limit: number; offset: number; createdBy?: string }): Promise<{ rows: ImportJobRow[]; total: number }> {
  const where = filter.createdBy ? sql`${importJobs.actor}->>'id' = ${filter.createdBy}` : undefined;
  const rows = await db.select().from(importJobs).where(where).orderBy(desc(importJobs.createdAt)).limit(filter.limit).offset(filter.offset);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(importJobs).where(where);
  return { rows, total };
}

/** Jobs waiting to run, or running under an expired lease (their process died): oldest first. */
export async function findResumableJobIds(db: Db, ignoreLeases: boolean): Promise<string[]> {
  const rows = await db
    .select({ id: importJobs.id })
    .from(importJobs)
    .where(
      ignoreLeases
        ? sql`${importJobs.status} in ('queued', 'running')`
        : sql`${importJobs.status} = 'queued' or (${importJobs.status} = 'running' and ${importJobs.leaseUntil} < now())`,
    )
    .orderBy(asc(importJobs.createdAt));
  return rows.map((r) => r.id);
}

/** Takes a job for this process; undefined when another process holds it or it is finished. */
export async function claimJob(db: Db, id: string, ignoreLease: boolean): Promise<ImportJobRow | undefined> {
  const [row] = await db
    .update(importJobs)
    .set({
      status: 'running',
      leaseUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})`,
      startedAt: sql`coalesce(${importJobs.startedAt}, now())`,
    })
    .where(
      sql`${importJobs.id} = ${id} and (${importJobs.status} = 'queued' or (${importJobs.status} = 'running' and (${ignoreLease} or ${importJobs.leaseUntil} is null or ${importJobs.leaseUntil} < now())))`,
    )
    .returning();
  return row;
}

export async function saveHeader(db: Db, id: string, values: { header: string[]; delimiter: string | null; layout: ImportJobRow['layout'] }): Promise<void> {
  await db.update(importJobs).set(values).where(eq(importJobs.id, id));
}

/** Adds a committed batch's counts and moves the resume point; renews the lease. Runs inside the batch's transaction. */
export async function saveProgress(
  db: Db,
  id: string,
  p: { created: number; updated: number; unchanged: number; rejected: number; skipped: SkippedCounts; rowsDone: number; bytesRead: number },
): Promise<void> {
  await db
    .update(importJobs)
    .set({
      created: sql`${importJobs.created} + ${p.created}`,
      updated: sql`${importJobs.updated} + ${p.updated}`,
      unchanged: sql`${importJobs.unchanged} + ${p.unchanged}`,
      rejected: sql`${importJobs.rejected} + ${p.rejected}`,
      skipped: sql`jsonb_build_object(
        'occupation', (${importJobs.skipped}->>'occupation')::int + ${p.skipped.occupation}::int,
        'age', (${importJobs.skipped}->>'age')::int + ${p.skipped.age}::int,
        'status', (${importJobs.skipped}->>'status')::int + ${p.skipped.status}::int)`,
      rowsDone: p.rowsDone,
      bytesRead: p.bytesRead,
      leaseUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})`,
    })
    .where(eq(importJobs.id, id));
}

/** A sign of life from a phase that commits no batches (BPJS linking): keeps other processes off the job. */
export async function renewLease(db: Db, id: string): Promise<void> {
  await db.update(importJobs).set({ leaseUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})` }).where(eq(importJobs.id, id));
}

export async function finishJob(db: Db, id: string, values: Partial<ImportJobInsert> = {}): Promise<void> {
  // Whoever sees the job finished reads figures that include its rows: hear its change notices first.
  await readCacheOf(db)?.sync();
  await db
    .update(importJobs)
    .set({ ...values, status: 'done', finishedAt: sql`now()`, leaseUntil: null })
    .where(eq(importJobs.id, id));
}

export async function failJob(db: Db, id: string, message: string): Promise<void> {
  await readCacheOf(db)?.sync(); // the batches committed before the failure stay, and count
  await db.update(importJobs).set({ status: 'failed', failureMessage: message, finishedAt: sql`now()`, leaseUntil: null }).where(eq(importJobs.id, id));
}

export async function insertRejections(db: Db, importId: string, rejections: Rejection[]): Promise<void> {
  if (rejections.length === 0) return;
  // Resuming after a crash may re-read rows whose rejections were committed: the first record stands.
  await db
    .insert(importRejections)
    .values(rejections.map((r) => ({ importId, row: r.row, errors: r.errors, cells: r.cells })))
    .onConflictDoNothing();
}

export async function findRejections(db: Db, importId: string, limit: number): Promise<{ row: number; errors: RowError[]; cells: string[] }[]> {
  return db
    .select({ row: importRejections.row, errors: importRejections.errors, cells: importRejections.cells })
    .from(importRejections)
    .where(eq(importRejections.importId, importId))
    .orderBy(asc(importRejections.row))
    .limit(limit);
}

/** Rejections in row order, page by page, for the rejected-rows file of a very large import. */
export async function* streamRejections(db: Db, importId: string, pageSize = 5000): AsyncGenerator<{ row: number; errors: RowError[]; cells: string[] }> {
  let after = 0;
  for (;;) {
    const page = await db
      .select({ row: importRejections.row, errors: importRejections.errors, cells: importRejections.cells })
      .from(importRejections)
      .where(sql`${importRejections.importId} = ${importId} and ${importRejections.row} > ${after}`)
      .orderBy(asc(importRejections.row))
      .limit(pageSize);
    for (const r of page) yield r;
    if (page.length < pageSize) return;
    after = page.at(-1)!.row;
  }
}

export type CivilOccupationRow = typeof civilOccupationMap.$inferSelect;

export async function findCivilOccupations(db: Db): Promise<CivilOccupationRow[]> {
  return db.select().from(civilOccupationMap).orderBy(asc(civilOccupationMap.civilId), asc(civilOccupationMap.label));
}

/** Adds default entries that are not in the table yet; never overwrites what an admin changed. */
export async function seedCivilOccupations(db: Db, rows: (typeof civilOccupationMap.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(civilOccupationMap).values(rows).onConflictDoNothing();
}

export async function updateCivilOccupation(db: Db, key: string, occupation: string | null, reason: string, by: string): Promise<CivilOccupationRow | undefined> {
  const [row] = await db
    .update(civilOccupationMap)
    .set({ occupation, reason, updatedAt: sql`now()`, updatedBy: by })
    .where(eq(civilOccupationMap.key, key))
    .returning();
  return row;
}
