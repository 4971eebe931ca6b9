/** Claims, heirs, documents, workflow steps, payments to heirs, hand-over ceremonies and benefit rates: SQL only. */
import { and, asc, desc, eq, getTableColumns, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';
import { arrayLiteral } from '../../db/array-literal.ts';
import { villagesOf } from '../ucj/coverage.repo.ts';
import { workers } from '../workers/workers.table.ts';
import {
  benefitRates,
  claimDocuments,
  claimEvents,
  claimHandoverClaims,
  claimHandovers,
  claimHeirs,
  claimPayments,
  claims,
} from './claims.table.ts';

export type ClaimRow = typeof claims.$inferSelect;
export type ClaimInsert = typeof claims.$inferInsert;
export type HeirRow = typeof claimHeirs.$inferSelect;
export type DocumentRow = typeof claimDocuments.$inferSelect;
export type ClaimEventRow = typeof claimEvents.$inferSelect;
export type ClaimPaymentRow = typeof claimPayments.$inferSelect;
export type HandoverRow = typeof claimHandovers.$inferSelect;
export type BenefitRateRow = typeof benefitRates.$inferSelect;

/** `column = any('{…}'::uuid[])`: one parameter however many ids (a regency's open claims run to thousands). */
function anyId(column: SQL | typeof claims.id, ids: readonly string[]): SQL {
  return sql`${column} = any(${arrayLiteral(ids)}::uuid[])`;
}

// ---- Claims --------------------------------------------------------------------------------------

/** The next claim number of a year: KLM-2026-00012 (one sequence, so numbers never repeat). */
export async function nextClaimNumber(db: Db, year: string): Promise<string> {
  const [row] = (await queryRows<{ n: string }>(db, sql`select nextval('claim_number_seq')::text as n`));
  return `KLM-${year}-${row!.n.padStart(5, '0')}`;
}

export async function insertClaim(db: Db, row: ClaimInsert): Promise<void> {
  await db.insert(claims).values(row);
}

export async function updateClaimRow(db: Db, id: string, patch: Partial<ClaimInsert>): Promise<void> {
  await db
    .update(claims)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(claims.id, id));
}

/** The claim, locked for the rest of the transaction when `forUpdate` (two officers cannot both move it). */
export async function findClaimById(db: Db, id: string, forUpdate = false): Promise<ClaimRow | undefined> {
  const query = db.select().from(claims).where(eq(claims.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

export async function findClaimsByIds(db: Db, ids: readonly string[]): Promise<ClaimRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(claims).where(anyId(claims.id, ids));
}

/** Scholarship claims under the given claims. */
export async function findChildClaims(db: Db, parentIds: readonly string[]): Promise<ClaimRow[]> {
  if (parentIds.length === 0) return [];
  return db.select().from(claims).where(anyId(sql`${claims.parentClaimId}`, parentIds)).orderBy(asc(claims.schoolYear), asc(claims.createdAt));
}

/** A worker's live death claim (a person dies once). */
export async function findDeathClaimOfWorker(db: Db, workerId: string): Promise<ClaimRow | undefined> {
  const [row] = await db
    .select()
    .from(claims)
    .where(and(eq(claims.workerId, workerId), inArray(claims.type, ['jkm_death', 'jkk_death']), sql`${claims.status} <> 'cancelled'`));
  return row;
}

export interface ClaimFilter {
  regionCode: string;
  status?: ClaimRow['status'];
  type?: ClaimRow['type'];
  workerId?: string;
  /** A claim number or part of the worker's name. */
  q?: string;
  /** Only claims needing attention on this day (`attention_on` reached). */
  attentionBy?: string;
}

function filterConditions(filter: ClaimFilter): SQL {
  const conditions: (SQL | undefined)[] = [villagesOf(sql`${claims.villageCode}`, filter.regionCode)];
  if (filter.status) conditions.push(eq(claims.status, filter.status));
  if (filter.type) conditions.push(eq(claims.type, filter.type));
  if (filter.workerId) conditions.push(eq(claims.workerId, filter.workerId));
  if (filter.attentionBy) conditions.push(sql`${claims.attentionOn} <= ${filter.attentionBy}::date`);
  if (filter.q) {
    const like = `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(claims.number, like), sql`exists (select 1 from workers w where w.id = ${claims.workerId} and w.name ilike ${like})`));
  }
  return and(...conditions)!;
}

/**
 * A claim as lists carry it: every column but the protection and estimate snapshots (lists never show
 * them, and at thousands of claims they are most of the bytes).
 */
export type ClaimListRow = Omit<ClaimRow, 'protection' | 'estimate'>;
const { protection: _protection, estimate: _estimate, ...listColumns } = getTableColumns(claims);

/** One page of claims, newest event first. */
export async function findClaimsPage(db: Db, filter: ClaimFilter, page: number, pageSize: number): Promise<{ rows: ClaimListRow[]; total: number }> {
  const where = filterConditions(filter);
  const [rows, [count]] = await Promise.all([
    db
      .select(listColumns)
      .from(claims)
      .where(where)
      // Needing attention: the longest-waiting first; otherwise the newest report first.
      .orderBy(...(filter.attentionBy ? [asc(claims.attentionOn), asc(claims.number)] : [desc(claims.reportedOn), desc(claims.createdAt)]))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::integer` }).from(claims).where(where),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

/** Every claim matching (for warning filters, which are derived per claim; a region holds a few thousand). */
export async function findClaimsAll(db: Db, filter: ClaimFilter): Promise<ClaimListRow[]> {
  return db.select(listColumns).from(claims).where(filterConditions(filter)).orderBy(desc(claims.reportedOn), desc(claims.createdAt));
}

export interface ClaimWorker {
  id: string;
  name: string;
  nik: string;
  villageCode: string;
  districtCode: string;
  birthDate: string;
  sex: 'M' | 'F';
  deceasedOn: string | null;
  deleted: boolean;
}

/** The workers of the given claims (removed workers too: a claim keeps its subject). */
export async function findClaimWorkers(db: Db, workerIds: readonly string[]): Promise<Map<string, ClaimWorker>> {
  if (workerIds.length === 0) return new Map();
  const rows = await db
    .select({
      id: workers.id,
      name: workers.name,
      nik: workers.nik,
      villageCode: workers.villageCode,
      districtCode: workers.districtCode,
      birthDate: workers.birthDate,
      sex: workers.sex,
      deceasedOn: workers.deceasedOn,
      deletedAt: workers.deletedAt,
    })
    .from(workers)
    .where(anyId(sql`${workers.id}`, [...new Set(workerIds)]));
  return new Map(rows.map(({ deletedAt, ...r }) => [r.id, { ...r, deleted: deletedAt !== null }]));
}

/** Every claim id, in pages (re-deriving what depends on settings or rates). */
export async function findClaimIdsAfter(db: Db, after: string | null, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: claims.id })
    .from(claims)
    .where(after ? sql`${claims.id} > ${after}::uuid` : undefined)
    .orderBy(asc(claims.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Stores the first day each claim needs attention (only where it changed). */
export async function saveAttention(db: Db, days: ReadonlyMap<string, string | null>, current: ReadonlyMap<string, string | null>): Promise<void> {
  for (const [id, day] of days) {
    if (current.get(id) !== day) await db.update(claims).set({ attentionOn: day }).where(eq(claims.id, id));
  }
}

/** Marks (or, with null, clears) a worker's day of death. */
export async function setWorkerDeceased(db: Db, workerId: string, deceasedOn: string | null, userId: string): Promise<void> {
  await db.update(workers).set({ deceasedOn, updatedAt: sql`now()`, updatedBy: userId }).where(eq(workers.id, workerId));
}

// ---- Heirs ---------------------------------------------------------------------------------------

export async function findHeirs(db: Db, claimIds: readonly string[]): Promise<HeirRow[]> {
  if (claimIds.length === 0) return [];
  return db.select().from(claimHeirs).where(anyId(sql`${claimHeirs.claimId}`, claimIds)).orderBy(asc(claimHeirs.position));
}

export async function findHeirById(db: Db, id: string): Promise<HeirRow | undefined> {
  const [row] = await db.select().from(claimHeirs).where(eq(claimHeirs.id, id));
  return row;
}

export async function insertHeirs(db: Db, rows: (typeof claimHeirs.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(claimHeirs).values(rows);
}

export async function updateHeirRow(db: Db, id: string, patch: Partial<typeof claimHeirs.$inferInsert>): Promise<void> {
  await db
    .update(claimHeirs)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(claimHeirs.id, id));
}

export async function deleteHeirRow(db: Db, id: string): Promise<void> {
  await db.delete(claimHeirs).where(eq(claimHeirs.id, id));
}

/** Only one payee per claim: the others are cleared when one is chosen. */
export async function clearPayees(db: Db, claimId: string): Promise<void> {
  await db.update(claimHeirs).set({ isPayee: false }).where(eq(claimHeirs.claimId, claimId));
}

/** Whether anything (a payment, a scholarship claim) refers to the heir, so it cannot be removed. */
export async function isHeirReferenced(db: Db, heirId: string): Promise<boolean> {
  const rows = (await queryRows<{ n: number }>(db, sql`select (
      (select count(*) from claim_payments where heir_id = ${heirId}) + (select count(*) from claims where heir_id = ${heirId}))::integer as n`));
  return Number(rows[0]?.n ?? 0) > 0;
}

// ---- Documents and steps -------------------------------------------------------------------------

export async function findDocuments(db: Db, claimIds: readonly string[]): Promise<DocumentRow[]> {
  if (claimIds.length === 0) return [];
  return db.select().from(claimDocuments).where(anyId(sql`${claimDocuments.claimId}`, claimIds));
}

export async function upsertDocument(db: Db, row: typeof claimDocuments.$inferInsert): Promise<void> {
  await db
    .insert(claimDocuments)
    .values(row)
    .onConflictDoUpdate({
      target: [claimDocuments.claimId, claimDocuments.code],
      set: { receivedOn: row.receivedOn, receivedBy: row.receivedBy, receivedByUsername: row.receivedByUsername, note: row.note ?? null },
    });
}

export async function deleteDocument(db: Db, claimId: string, code: string): Promise<DocumentRow | undefined> {
  const [row] = await db
    .delete(claimDocuments)
    .where(and(eq(claimDocuments.claimId, claimId), eq(claimDocuments.code, code)))
    .returning();
  return row;
}

export async function insertClaimEvent(db: Db, row: Omit<typeof claimEvents.$inferInsert, 'id'>): Promise<void> {
  await db.insert(claimEvents).values({ id: crypto.randomUUID(), ...row });
}

export async function findClaimEvents(db: Db, claimId: string): Promise<ClaimEventRow[]> {
  return db.select().from(claimEvents).where(eq(claimEvents.claimId, claimId)).orderBy(asc(claimEvents.at), asc(claimEvents.onDate));
}

// ---- Payments ------------------------------------------------------------------------------------

export async function findClaimPayments(db: Db, claimIds: readonly string[]): Promise<ClaimPaymentRow[]> {
  if (claimIds.length === 0) return [];
  return db.select().from(claimPayments).where(anyId(sql`${claimPayments.claimId}`, claimIds)).orderBy(asc(claimPayments.paidOn), asc(claimPayments.createdAt));
}

export async function findClaimPaymentById(db: Db, id: string): Promise<ClaimPaymentRow | undefined> {
  const [row] = await db.select().from(claimPayments).where(eq(claimPayments.id, id));
  return row;
}

export async function insertClaimPayment(db: Db, row: typeof claimPayments.$inferInsert): Promise<void> {
  await db.insert(claimPayments).values(row);
}

/** A claim_payments row (`p`) that counts: neither a reversal nor reversed. */
export function countingClaimPayment(p: SQL): SQL {
  return sql`(${p}.reverses_payment_id is null and not exists (select 1 from claim_payments r where r.reverses_payment_id = ${p}.id))`;
}

/**
 * What was paid on each claim, net of reversals: towards its benefit (late interest apart, it comes on
 * top), or with `withInterest` everything the family received.
 */
export async function paidAmounts(db: Db, claimIds: readonly string[], withInterest = false): Promise<Map<string, number>> {
  if (claimIds.length === 0) return new Map();
  const rows = (await queryRows<{ claim_id: string; paid: string }>(db, sql`select p.claim_id, sum(p.amount)::text as paid from claim_payments p
      where ${anyId(sql`p.claim_id`, claimIds)} ${withInterest ? sql`` : sql`and p.kind <> 'late_interest'`} and ${countingClaimPayment(sql`p`)} group by 1`));
  return new Map(rows.map((r) => [r.claim_id, Number(r.paid)]));
}

// ---- Totals --------------------------------------------------------------------------------------

export interface TotalsFilter {
  regionCode: string;
  from?: string;
  to: string;
}

/** Every payment that counts in a region and period, with the claim's programme, kind, place and month. */
function totalsSource(filter: TotalsFilter): SQL {
  return sql`
    select p.id, p.claim_id, p.kind, p.amount, p.paid_on, c.program, c.type, c.worker_id, c.village_code, c.district_code
    from claim_payments p join claims c on c.id = p.claim_id
    where ${countingClaimPayment(sql`p`)} and ${villagesOf(sql`c.village_code`, filter.regionCode)}
      and p.paid_on <= ${filter.to}::date ${filter.from ? sql`and p.paid_on >= ${filter.from}::date` : sql``}`;
}

const GROUP_KEY: Record<string, SQL> = {
  program: sql`t.program`,
  kind: sql`t.kind`,
  district: sql`t.district_code`,
  village: sql`t.village_code`,
  month: sql`to_char(t.paid_on, 'YYYY-MM')`,
  year: sql`to_char(t.paid_on, 'YYYY')`,
};

/** Benefits paid per group (amount, claims, payments) and overall (plus the participants reached). */
export async function benefitTotals(
  db: Db,
  filter: TotalsFilter,
  by: keyof typeof GROUP_KEY,
): Promise<{ rows: { key: string; amount: number; claims: number; payments: number }[]; total: number; claims: number; payments: number; participants: number }> {
  const source = totalsSource(filter);
  const [grouped, [o]] = await Promise.all([
    queryRows<{ key: string; amount: string; claims: number; payments: number }>(
      db,
      sql`with t as (${source})
      select ${GROUP_KEY[by]!} as key, sum(t.amount)::text as amount, count(distinct t.claim_id)::integer as claims, count(*)::integer as payments
      from t group by 1 order by 1`,
    ),
    queryRows<{ amount: string; claims: number; payments: number; participants: number }>(
      db,
      sql`with t as (${source})
      select coalesce(sum(t.amount), 0)::text as amount, count(distinct t.claim_id)::integer as claims, count(*)::integer as payments,
        count(distinct t.worker_id)::integer as participants from t`,
    ),
  ]);
  return {
    rows: grouped.map((r) => ({
      key: String(r.key),
      amount: Number(r.amount),
      claims: Number(r.claims),
      payments: Number(r.payments),
    })),
    total: Number(o!.amount),
    claims: Number(o!.claims),
    payments: Number(o!.payments),
    participants: Number(o!.participants),
  };
}

export interface TotalsLine {
  paymentId: string;
  claimId: string;
  number: string;
  program: string;
  type: string;
  kind: string;
  amount: number;
  paidOn: string;
  reference: string;
  villageCode: string;
  districtCode: string;
}

/** The payment lines behind a total, one per payment, oldest first: the figure can be re-added by hand. */
export async function benefitTotalsLines(db: Db, filter: TotalsFilter): Promise<TotalsLine[]> {
  const rows = (await queryRows<Record<string, unknown>>(db, sql`
      select p.id as payment_id, p.claim_id, c.number, c.program, c.type, p.kind, p.amount::text as amount, p.paid_on::text as paid_on, p.reference, c.village_code, c.district_code
      from claim_payments p join claims c on c.id = p.claim_id
      where ${countingClaimPayment(sql`p`)} and ${villagesOf(sql`c.village_code`, filter.regionCode)}
        and p.paid_on <= ${filter.to}::date ${filter.from ? sql`and p.paid_on >= ${filter.from}::date` : sql``}
      order by p.paid_on, c.number, p.created_at`));
  return rows.map((r) => ({
    paymentId: String(r.payment_id),
    claimId: String(r.claim_id),
    number: String(r.number),
    program: String(r.program),
    type: String(r.type),
    kind: String(r.kind),
    amount: Number(r.amount),
    paidOn: String(r.paid_on),
    reference: String(r.reference),
    villageCode: String(r.village_code),
    districtCode: String(r.district_code),
  }));
}

/** Approved claims not yet paid in full: how many, and how much is still owed. */
export async function outstandingClaims(db: Db, regionCode: string): Promise<{ claims: number; amount: number }> {
  const [row] = (await queryRows<{ claims: number; amount: string }>(db, sql`
      select count(*)::integer as claims, coalesce(sum(c.approved_amount - coalesce((
        select sum(p.amount) from claim_payments p where p.claim_id = c.id and ${countingClaimPayment(sql`p`)}), 0)), 0)::text as amount
      from claims c where c.status = 'approved' and ${villagesOf(sql`c.village_code`, regionCode)}`));
  return { claims: Number(row?.claims ?? 0), amount: Number(row?.amount ?? 0) };
}

// ---- Hand-over ceremonies ------------------------------------------------------------------------

export async function insertHandover(db: Db, row: typeof claimHandovers.$inferInsert, claimIds: readonly string[]): Promise<void> {
  await db.insert(claimHandovers).values(row);
  await replaceHandoverClaims(db, row.id, claimIds);
}

export async function replaceHandoverClaims(db: Db, handoverId: string, claimIds: readonly string[]): Promise<void> {
  await db.delete(claimHandoverClaims).where(eq(claimHandoverClaims.handoverId, handoverId));
  if (claimIds.length > 0) await db.insert(claimHandoverClaims).values(claimIds.map((claimId) => ({ handoverId, claimId })));
}

export async function findHandover(db: Db, id: string): Promise<HandoverRow | undefined> {
  const [row] = await db.select().from(claimHandovers).where(eq(claimHandovers.id, id));
  return row;
}

/** Ceremonies visible from a region: made in it or in a region inside it, or made above it. */
export async function findHandovers(db: Db, regionCode: string): Promise<(HandoverRow & { claimIds: string[] })[]> {
  const rows = await db
    .select()
    .from(claimHandovers)
    .where(or(sql`${claimHandovers.regionCode} = ${regionCode}`, sql`${claimHandovers.regionCode} like ${`${regionCode}.%`}`, sql`${regionCode} like ${claimHandovers.regionCode} || '.%'`))
    .orderBy(desc(claimHandovers.heldOn), desc(claimHandovers.createdAt));
  const links = await findHandoverClaimIds(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, claimIds: links.get(r.id) ?? [] }));
}

export async function findHandoverClaimIds(db: Db, handoverIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (handoverIds.length === 0) return out;
  const rows = await db.select().from(claimHandoverClaims).where(inArray(claimHandoverClaims.handoverId, [...handoverIds]));
  for (const r of rows) out.set(r.handoverId, [...(out.get(r.handoverId) ?? []), r.claimId]);
  return out;
}

/** The ceremonies a claim was handed over at. */
export async function findHandoversOfClaim(db: Db, claimId: string): Promise<HandoverRow[]> {
  return db
    .select({ h: claimHandovers })
    .from(claimHandoverClaims)
    .innerJoin(claimHandovers, eq(claimHandovers.id, claimHandoverClaims.handoverId))
    .where(eq(claimHandoverClaims.claimId, claimId))
    .then((rows) => rows.map((r) => r.h));
}

// ---- Benefit rates -------------------------------------------------------------------------------

export async function findBenefitRates(db: Db): Promise<BenefitRateRow[]> {
  return db.select().from(benefitRates).orderBy(asc(benefitRates.validFrom));
}

export async function insertBenefitRate(db: Db, row: typeof benefitRates.$inferInsert): Promise<void> {
  await db.insert(benefitRates).values(row);
}
