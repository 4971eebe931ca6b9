import { boolean, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AwardEntryDto, PeriodInfo } from '../../../core/coverage.schema.ts';
import { users } from '../auth/auth.table.ts';

/** An official count of workers for a region and year (e.g. BPS Sakernas), the denominator of official coverage. */
export const coverageDenominators = pgTable(
  'coverage_denominators',
  {
    regionCode: text('region_code').notNull(),
    year: integer('year').notNull(),
    value: integer('value').notNull(),
    source: text('source').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.year] })],
);

/** A region's coverage target for a year, against the register or the official denominator. */
export const coverageTargets = pgTable(
  'coverage_targets',
  {
    regionCode: text('region_code').notNull(),
    year: integer('year').notNull(),
    percent: numeric('percent', { precision: 5, scale: 2, mode: 'number' }).notNull(),
    basis: text('basis', { enum: ['register', 'official'] }).notNull(),
    note: text('note'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.year] })],
);

/** Settings an admin changes without a deployment (category thresholds, projection window), as JSON by key. */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by').references(() => users.id),
});

/**
 * An award round with its ranking frozen when it was run: the certificates and the published list must
 * not change when later payments change the figures.
 */
export const awardRounds = pgTable('award_rounds', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  regionCode: text('region_code').notNull(),
  period: jsonb('period').$type<PeriodInfo>().notNull(),
  criteria: jsonb('criteria').$type<{ coverage: number; growth: number; covered: number }>().notNull(),
  winners: integer('winners').notNull(),
  winnerCount: integer('winner_count').notNull(),
  tiedAtCutoff: boolean('tied_at_cutoff').notNull(),
  entries: jsonb('entries').$type<AwardEntryDto[]>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by')
    .notNull()
    .references(() => users.id),
});
