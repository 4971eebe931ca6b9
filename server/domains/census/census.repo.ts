/** Queries of census rounds, their villages and the entries phones send. Takes a db or a transaction. */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import { workers } from '../workers/workers.table.ts';
import { censusEntries, censusRounds, censusRoundVillages } from './census.table.ts';

export type CensusRoundRow = typeof censusRounds.$inferSelect;
export type CensusRoundVillageRow = typeof censusRoundVillages.$inferSelect;
export type CensusEntryRow = typeof censusEntries.$inferSelect;

/** `52.03.01` → rows whose code lies in that region (the code itself or below it). */
function codeWithin(column: typeof censusRoundVillages.villageCode | typeof censusEntries.villageCode, scope: string) {
  return sql`(${column} = ${scope} or ${column} like ${`${scope}.%`})`;
}

export interface RoundInScope extends CensusRoundRow {
  villageCount: number;
  targetTotal: number | null;
}

/** Rounds with at least one village inside `scope`, newest first, with that part's village count and target. */
export async function findRoundsInScope(db: Db, scope: string, roundId?: string): Promise<RoundInScope[]> {
  const rows = await db
    .select({
      round: censusRounds,
      villageCount: sql<number>`count(*)::int`,
      targetTotal: sql<number | null>`sum(${censusRoundVillages.target})::int`,
    })
    .from(censusRounds)
    .innerJoin(censusRoundVillages, eq(censusRoundVillages.roundId, censusRounds.id))
    .where(and(codeWithin(censusRoundVillages.villageCode, scope), roundId ? eq(censusRounds.id, roundId) : undefined))
    .groupBy(censusRounds.id)
    .orderBy(desc(censusRounds.startsOn), desc(censusRounds.createdAt));
  return rows.map((r) => ({ ...r.round, villageCount: r.villageCount, targetTotal: r.targetTotal }));
}

export async function findRound(db: Db, id: string): Promise<CensusRoundRow | undefined> {
  const [row] = await db.select().from(censusRounds).where(eq(censusRounds.id, id));
  return row;
}

export async function findRoundsByIds(db: Db, ids: string[]): Promise<CensusRoundRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(censusRounds).where(inArray(censusRounds.id, ids));
}

export async function findRoundVillages(db: Db, roundId: string, scope?: string): Promise<CensusRoundVillageRow[]> {
  return db
    .select()
    .from(censusRoundVillages)
    .where(and(eq(censusRoundVillages.roundId, roundId), scope ? codeWithin(censusRoundVillages.villageCode, scope) : undefined))
    .orderBy(asc(censusRoundVillages.villageCode));
}

/** The round–village pairs among `pairs` that exist, as `roundId|villageCode`. */
export async function findRoundVillagePairs(db: Db, roundIds: string[]): Promise<Set<string>> {
  if (roundIds.length === 0) return new Set();
  const rows = await db
    .select({ roundId: censusRoundVillages.roundId, villageCode: censusRoundVillages.villageCode })
    .from(censusRoundVillages)
    .where(inArray(censusRoundVillages.roundId, roundIds));
  return new Set(rows.map((r) => `${r.roundId}|${r.villageCode}`));
}

export async function insertRound(db: Db, row: typeof censusRounds.$inferInsert): Promise<void> {
  await db.insert(censusRounds).values(row);
}

export async function updateRoundRow(db: Db, id: string, values: Partial<typeof censusRounds.$inferInsert>): Promise<void> {
  await db.update(censusRounds).set(values).where(eq(censusRounds.id, id));
}

export async function replaceRoundVillages(db: Db, roundId: string, villages: CensusRoundVillageRow[]): Promise<void> {
  await db.delete(censusRoundVillages).where(eq(censusRoundVillages.roundId, roundId));
  // Chunked: a province-wide round may hold thousands of villages, past a statement's parameter limit.
  for (let i = 0; i < villages.length; i += 1000) await db.insert(censusRoundVillages).values(villages.slice(i, i + 1000));
}

/** Villages of a round that already have entries: they cannot leave the round. */
export async function findVillagesWithEntries(db: Db, roundId: string): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ villageCode: censusEntries.villageCode })
    .from(censusEntries)
    .where(eq(censusEntries.roundId, roundId));
  return new Set(rows.map((r) => r.villageCode));
}

export interface VillageProgressRow {
  village_code: string;
  district_code: string;
  target: number | null;
  collected: number;
  accepted: number;
  added: number;
  duplicates: number;
  rejected: number;
  uncovered_found: number;
  last_entry_at: string | null;
}

/** Each village of the round inside `scope`, with its target and the counts of its entries. */
export async function findVillageProgress(db: Db, roundId: string, scope: string): Promise<VillageProgressRow[]> {
  return queryRows<VillageProgressRow>(
    db,
    sql`select v.village_code, v.district_code, v.target,
          count(e.key)::int as collected,
          (count(*) filter (where e.status = 'accepted'))::int as accepted,
          (count(*) filter (where e.outcome = 'created'))::int as added,
          (count(*) filter (where e.outcome = 'confirmed' or e.status = 'duplicate'))::int as duplicates,
          (count(*) filter (where e.status in ('rejected', 'conflict')))::int as rejected,
          (count(distinct e.worker_id) filter (where e.was_uncovered and e.status in ('accepted', 'duplicate')))::int as uncovered_found,
          to_char(max(e.received_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as last_entry_at
        from census_round_villages v
        left join census_entries e on e.round_id = v.round_id and e.village_code = v.village_code
        where v.round_id = ${roundId} and (v.village_code = ${scope} or v.village_code like ${`${scope}.%`})
        group by v.village_code, v.district_code, v.target
        order by v.village_code`,
  );
}

/** Claims an idempotency key: inserts the entry unless the key exists. True when this call inserted it. */
export async function claimEntryKey(db: Db, row: typeof censusEntries.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(censusEntries).values(row).onConflictDoNothing({ target: censusEntries.key }).returning({ key: censusEntries.key });
  return inserted.length > 0;
}

/** The entry under `key`, locked until the transaction ends so a concurrent resend waits for this one. */
export async function lockEntry(db: Db, key: string): Promise<CensusEntryRow | undefined> {
  const [row] = await db.select().from(censusEntries).where(eq(censusEntries.key, key)).for('update');
  return row;
}

/** Records what became of an entry; `resent` counts another attempt under the same key. */
export async function updateEntry(db: Db, key: string, values: Partial<typeof censusEntries.$inferInsert>, resent: boolean): Promise<void> {
  await db
    .update(censusEntries)
    .set({ ...values, ...(resent ? { attempts: sql`${censusEntries.attempts} + 1` } : {}) })
    .where(eq(censusEntries.key, key));
}

/** A live worker, locked for the rest of the transaction (an offline edit compares and writes it). */
export async function lockWorker(db: Db, id: string): Promise<typeof workers.$inferSelect | undefined> {
  const [row] = await db.select().from(workers).where(and(eq(workers.id, id), isNull(workers.deletedAt))).for('update');
  return row;
}

/** The live workers of one village, in name order: what a phone downloads for the census. */
export async function findVillageRegister(db: Db, villageCode: string) {
  return db
    .select({
      id: workers.id,
      updatedAt: workers.updatedAt,
      nik: workers.nik,
      name: workers.name,
      sex: workers.sex,
      birthDate: workers.birthDate,
      hamlet: workers.hamlet,
      rt: workers.rt,
      rw: workers.rw,
      occupation: workers.occupation,
      deceasedOn: workers.deceasedOn,
    })
    .from(workers)
    .where(and(eq(workers.villageCode, villageCode), isNull(workers.deletedAt)))
    .orderBy(asc(workers.name));
}
