import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { CensusEntryStatus } from '../../../core/census.ts';
import type { OccupationCode } from '../../../core/occupations.ts';
import { users } from '../auth/auth.table.ts';
import { workers } from '../workers/workers.table.ts';

/** A census round the manpower office opens: a period, the groups it looks for, and its villages. */
export const censusRounds = pgTable('census_rounds', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  startsOn: date('starts_on', { mode: 'string' }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }).notNull(),
  targetGroups: text('target_groups').array().$type<OccupationCode[]>().notNull(),
  /** Set when the admin closes the round early or for good: no entry is taken after it. */
  closedAt: timestamp('closed_at', { withTimezone: true }),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The villages of a round, each with an optional target count of workers to list. */
export const censusRoundVillages = pgTable(
  'census_round_villages',
  {
    roundId: uuid('round_id')
      .notNull()
      .references(() => censusRounds.id),
    villageCode: text('village_code').notNull(),
    /** Stored so a district's progress reads an index. */
    districtCode: text('district_code').notNull(),
    target: integer('target'),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.villageCode] }), index('census_round_villages_district_idx').on(t.roundId, t.districtCode)],
);

/**
 * One entry a phone (or a form) sent, keyed by the idempotency key the phone made when the entry was
 * first saved. An accepted entry is final and a resend answers what it answered; a refused one may be
 * resent, corrected, under the same key. The entry holds no personal data: the worker row does.
 */
export const censusEntries = pgTable(
  'census_entries',
  {
    key: uuid('key').primaryKey(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => censusRounds.id),
    villageCode: text('village_code').notNull(),
    districtCode: text('district_code').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: ['new', 'update', 'confirm'] }).notNull(),
    status: text('status').$type<CensusEntryStatus>().notNull(),
    outcome: text('outcome', { enum: ['created', 'updated', 'confirmed'] }),
    workerId: uuid('worker_id').references(() => workers.id),
    /** The worker's version (updatedAt, ISO) the accepted entry left, replayed on a resend. */
    resultVersion: text('result_version'),
    /** The worker was not protected (JKK and JKM) when the entry was accepted or refused as a duplicate. */
    wasUncovered: boolean('was_uncovered').notNull().default(false),
    errorCode: text('error_code'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(1),
  },
  (t) => [
    index('census_entries_round_village_idx').on(t.roundId, t.villageCode, t.status),
    index('census_entries_round_district_idx').on(t.roundId, t.districtCode),
    index('census_entries_worker_idx').on(t.workerId).where(sql`${t.workerId} is not null`),
  ],
);
