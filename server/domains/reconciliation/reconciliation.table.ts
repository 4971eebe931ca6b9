import { sql } from 'drizzle-orm';
import { date, index, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { importJobs } from '../imports/imports.table.ts';
import { workers } from '../workers/workers.table.ts';

export type LinkMethod = 'nik' | 'auto' | 'confirmed';

/**
 * The latest BPJS participant list, one row per participant number (KPJ): each import of the branch's file
 * refreshes it. `workerId` is the register person it was linked to, and how.
 */
export const bpjsParticipants = pgTable(
  'bpjs_participants',
  {
    kpj: text('kpj').primaryKey(),
    nik: text('nik'),
    name: text('name').notNull(),
    birthDate: date('birth_date', { mode: 'string' }),
    villageCode: text('village_code'),
    programs: jsonb('programs').$type<('JKK' | 'JKM' | 'JHT')[]>().notNull(),
    status: text('status').$type<'active' | 'non_active'>().notNull(),
    membershipDate: date('membership_date', { mode: 'string' }),
    /** Last month paid for, YYYY-MM. */
    paidUntil: text('paid_until'),
    importId: uuid('import_id')
      .notNull()
      .references(() => importJobs.id),
    /** The date of the file (the day it was imported): its statuses are as of then. */
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    workerId: uuid('worker_id').references(() => workers.id),
    linkMethod: text('link_method').$type<LinkMethod>(),
    linkScore: real('link_score'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('bpjs_participants_import_idx').on(t.importId),
    index('bpjs_participants_worker_idx').on(t.workerId),
    index('bpjs_participants_unlinked_idx').on(t.name).where(sql`${t.workerId} is null`),
  ],
);

export type ReviewStatus = 'pending' | 'confirmed' | 'rejected';

/**
 * A suggested pair (participant, worker) that an officer must confirm or reject. A rejected pair is kept
 * so the same suggestion never comes back with the next monthly file.
 */
export const linkReviews = pgTable(
  'link_reviews',
  {
    id: uuid('id').primaryKey(),
    kpj: text('kpj')
      .notNull()
      .references(() => bpjsParticipants.kpj),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id),
    score: real('score').notNull(),
    reasons: jsonb('reasons').$type<string[]>().notNull(),
    status: text('status').$type<ReviewStatus>().notNull().default('pending'),
    importId: uuid('import_id').references(() => importJobs.id),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('link_reviews_pair_uq').on(t.kpj, t.workerId), index('link_reviews_status_idx').on(t.status, t.createdAt)],
);
