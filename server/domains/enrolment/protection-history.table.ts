import { index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { workers } from '../workers/workers.table.ts';

/**
 * Each worker's protection history as month spans (core/coverage-timeline.ts statusTimeline): covered,
 * grace or lapsed from `fromMonth` to `toMonth` (null: from then on). Rewritten for a worker in the same
 * transaction as every write that changes its enrolments or payments (protection-history.ts), so it
 * always equals the history derived from scratch. `villageCode` follows the worker (trigger on workers).
 */
export const coverageSpans = pgTable(
  'coverage_spans',
  {
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id, { onDelete: 'cascade' }),
    villageCode: text('village_code').notNull(),
    status: text('status', { enum: ['covered', 'grace', 'lapsed'] }).notNull(),
    fromMonth: text('from_month').notNull(),
    toMonth: text('to_month'),
  },
  (t) => [primaryKey({ columns: [t.workerId, t.fromMonth] }), index('coverage_spans_village_idx').on(t.villageCode, t.status, t.fromMonth)],
);

/**
 * The spans summed per village and month: +1 in a span's first month, −1 in the month after its last.
 * The count of a status in a month is the sum of its deltas up to that month, so a regency's village
 * table or trend reads a few thousand rows instead of a million workers. `registered` holds the
 * register count at month `0000-00` (always summed); `enrolled` counts each worker once, in the first
 * month it had any span (so "never enrolled" by a month = registered − enrolled). Kept by triggers on coverage_spans and workers
 * (migration 0006), never written by application code.
 */
export const coverageDeltas = pgTable(
  'coverage_deltas',
  {
    villageCode: text('village_code').notNull(),
    month: text('month').notNull(),
    status: text('status', { enum: ['registered', 'enrolled', 'covered', 'grace', 'lapsed'] }).notNull(),
    delta: integer('delta').notNull(),
  },
  (t) => [primaryKey({ columns: [t.villageCode, t.month, t.status] })],
);
