import { asc } from 'drizzle-orm';
import type { GraceRule, PremiumRate } from '../../../core/premiums.ts';
import type { Db } from '../../db/client.ts';
import { graceRules, premiumRates } from './premiums.table.ts';

/** Every rate row, oldest first (a few dozen at most: one per programme per regulation change). */
export async function findRates(db: Db): Promise<(PremiumRate & { id: string; note: string | null; createdAt: Date })[]> {
  return db.select().from(premiumRates).orderBy(asc(premiumRates.program), asc(premiumRates.validFrom));
}

export async function findGraceRules(db: Db): Promise<(GraceRule & { id: string; note: string | null; createdAt: Date })[]> {
  return db.select().from(graceRules).orderBy(asc(graceRules.validFrom));
}

export type RateInsert = typeof premiumRates.$inferInsert;
export type GraceRuleInsert = typeof graceRules.$inferInsert;

export async function insertRate(db: Db, row: RateInsert): Promise<void> {
  await db.insert(premiumRates).values(row);
}

export async function insertGraceRule(db: Db, row: GraceRuleInsert): Promise<void> {
  await db.insert(graceRules).values(row);
}
