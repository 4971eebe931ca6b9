import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Premium rates as dated data, never code constants: a regulation change is a new row with the month
 * it takes effect. The rate in force for a month is the row of that programme with the latest
 * `validFrom` on or before it (core/premiums.ts). Rows are never edited or deleted.
 */
export const premiumRates = pgTable(
  'premium_rates',
  {
    id: uuid('id').primaryKey(),
    program: text('program', { enum: ['JKK', 'JKM', 'JHT'] }).notNull(),
    /** Share of the declared income in basis points (100 = 1%); null for a flat rate. */
    percentBp: integer('percent_bp'),
    /** Flat Rupiah per month; null for a share of income. */
    flatAmount: integer('flat_amount'),
    /** Declared income is raised to this before the share is taken (JKK: Rp1,000,000). */
    minIncome: integer('min_income'),
    /** First month (YYYY-MM) the rate applies to. */
    validFrom: text('valid_from').notNull(),
    /** The regulation the rate comes from, e.g. "PP 44/2015 jo. PP 82/2019". */
    regulation: text('regulation').notNull(),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('premium_rates_program_from_uq').on(t.program, t.validFrom)],
);

/**
 * How many unpaid months a participant stays protected ("grace"), as a dated rule like the rates:
 * the row with the latest `validFrom` on or before the month asked about applies.
 */
export const graceRules = pgTable(
  'grace_rules',
  {
    id: uuid('id').primaryKey(),
    months: integer('months').notNull(),
    validFrom: text('valid_from').notNull(),
    regulation: text('regulation').notNull(),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('grace_rules_from_uq').on(t.validFrom), index('grace_rules_created_idx').on(t.createdAt)],
);
