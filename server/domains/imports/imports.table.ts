import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export type ImportKind = 'workers' | 'bpjs';
export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';
export type ImportLayout = 'census' | 'opensid' | 'siak' | 'bpjs';

/** Who started an import, kept with the job so a resumed run applies the same scope rules. */
export interface ImportActor {
  id: string | null;
  username: string;
  role: string;
  regionCode: string;
}

export interface SkippedCounts {
  occupation: number;
  age: number;
  status: number;
}

/**
 * One uploaded file and its run. The counters and `rowsDone` are written in the same transaction as each
 * batch of rows, so after a crash the job resumes exactly after the last committed row.
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').$type<ImportKind>().notNull(),
    layout: text('layout').$type<ImportLayout>(),
    status: text('status').$type<ImportStatus>().notNull().default('queued'),
    fileName: text('file_name').notNull(),
    /** Where the uploaded file waits on the disk of the process that received it. */
    filePath: text('file_path').notNull(),
    fileFormat: text('file_format').$type<'csv' | 'xlsx'>().notNull(),
    fileSize: bigint('file_size', { mode: 'number' }).notNull(),
    /** The village the rows go to when the file has no village column (or the operator's own village). */
    villageCode: text('village_code'),
    actor: jsonb('actor').$type<ImportActor>().notNull(),
    /** The header row as read, so the rejected-rows file repeats the operator's own columns. */
    header: jsonb('header').$type<string[]>(),
    delimiter: text('delimiter'),
    rowsDone: integer('rows_done').notNull().default(0),
    bytesRead: bigint('bytes_read', { mode: 'number' }).notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    skipped: jsonb('skipped').$type<SkippedCounts>().notNull().default({ occupation: 0, age: 0, status: 0 }),
    /** BPJS imports: how the participants were linked to workers. */
    linkage: jsonb('linkage').$type<{ linkedExact: number; linkedAuto: number; queued: number; unmatched: number }>(),
    failureMessage: text('failure_message'),
    /** A running job whose lease has expired (its process died) may be resumed by another run. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('import_jobs_created_idx').on(t.createdAt), index('import_jobs_open_idx').on(t.status).where(sql`${t.status} in ('queued', 'running')`)],
);

export interface RowError {
  field: string | null;
  code: string;
  message: string;
}

/** A rejected row: its number, why, and its original cells for the fix-and-re-upload file. */
export const importRejections = pgTable(
  'import_rejections',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => importJobs.id, { onDelete: 'cascade' }),
    /** 1-based data row, header excluded. */
    row: integer('row').notNull(),
    errors: jsonb('errors').$type<RowError[]>().notNull(),
    cells: jsonb('cells').$type<string[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.row] })],
);

/**
 * How the civil registry's 89 occupations (OpenSID and SIAK exports) map to Jaring's occupation codes.
 * Seeded with core/import/civil-occupations.ts; admins review and change it. A null occupation means
 * "not an informal worker": such residents are skipped, counted by reason.
 */
export const civilOccupationMap = pgTable('civil_occupation_map', {
  key: text('key').primaryKey(),
  civilId: integer('civil_id'),
  label: text('label').notNull(),
  occupation: text('occupation'),
  reason: text('reason').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
});
