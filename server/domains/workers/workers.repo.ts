import { and, asc, count, eq, gte, ilike, isNull, lt, type SQL, sql } from 'drizzle-orm';
import { regionLevelOf } from '../../../core/regions.ts';
import { hasSqlState, type Db } from '../../db/client.ts';
import { workers } from './workers.table.ts';
import { countingLine } from '../enrolment/enrolment.repo.ts';

export type WorkerRow = typeof workers.$inferSelect;
export type WorkerInsert = typeof workers.$inferInsert;

/** The INSERT of one worker, unexecuted: the service runs it together with its audit entry. */
export function insertWorkerStatement(db: Db, row: WorkerInsert) {
  return db.insert(workers).values(row);
}

export async function findWorkerById(db: Db, id: string): Promise<WorkerRow | undefined> {
  const [row] = await db.select().from(workers).where(and(eq(workers.id, id), isNull(workers.deletedAt)));
  return row;
}

export async function findWorkerByNik(db: Db, nik: string): Promise<WorkerRow | undefined> {
  const [row] = await db.select().from(workers).where(and(eq(workers.nik, nik), isNull(workers.deletedAt)));
  return row;
}

export async function updateWorkerRow(db: Db, id: string, values: Partial<WorkerInsert>): Promise<WorkerRow> {
  const [row] = await db.update(workers).set(values).where(eq(workers.id, id)).returning();
  return row!;
}

/** Rows inside a region: by the stored village or district code, nothing at all for the whole register. */
function withinRegion(code: string): SQL | undefined {
  switch (regionLevelOf(code)) {
    case 'village':
      return eq(workers.villageCode, code);
    case 'district':
      return eq(workers.districtCode, code);
    case 'regency':
    case 'province':
      return sql`${workers.villageCode} like ${`${code}.%`}`;
    default:
      return sql`false`;
  }
}

export interface WorkerSearch {
  /** Regions the rows must lie in (the caller's scope, and any village/district filter). */
  regionCodes: string[];
  q?: string;
  /** covered: JKK and JKM both active on `today`; uncovered: everyone else (grace, lapsed, never enrolled). */
  coverage?: 'covered' | 'uncovered';
  today?: string;
  limit: number;
  offset: number;
}

/** Digits search NIKs by prefix (as a range, so the NIK index serves it); anything else searches names. */
function matchesQuery(q: string): SQL | undefined {
  const digits = q.replace(/[\s.-]/g, '');
  if (/^\d+$/.test(digits)) {
    if (digits.length >= 16) return eq(workers.nik, digits.slice(0, 16));
    const upper = nextDigitString(digits);
    return upper ? and(gte(workers.nik, digits), lt(workers.nik, upper)) : gte(workers.nik, digits);
  }
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  return ilike(workers.name, `%${escaped}%`);
}

/** `5203` → `5204`, `5209` → `5210`; undefined for `999`, which has no upper bound of the same length. */
function nextDigitString(digits: string): string | undefined {
  const chars = digits.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] !== '9') {
      chars[i] = String(Number(chars[i]) + 1);
      return chars.join('');
    }
    chars[i] = '0';
  }
  return undefined;
}

/** Lists count exactly up to this many rows; past it they say "more than" (a regency-wide count costs too much). */
export const COUNT_CAP = 10_000;

export async function searchWorkers(
  db: Db,
  search: WorkerSearch,
): Promise<{ rows: WorkerRow[]; total: number; totalIsCapped: boolean }> {
  const conditions: (SQL | undefined)[] = [isNull(workers.deletedAt), ...search.regionCodes.map(withinRegion)];
  if (search.q) conditions.push(matchesQuery(search.q));
  if (search.coverage && search.today) {
    const covered = isCoveredOn(search.today);
    // The uncovered are the people to enrol: the deceased are not among them.
    conditions.push(search.coverage === 'covered' ? covered : and(sql`not ${covered}`, isNull(workers.deceasedOn)));
  }
  const where = and(...conditions);
  // A name search of 3+ letters must filter through the trigram index and then sort the few matches.
  // Ordered by the bare column, the planner walks the name index instead and discards most of the
  // register on the way; ordering by an expression (same order) takes that path away.
  const byTrigram = search.q !== undefined && isNameQuery(search.q) && search.q.trim().length >= 3;
  const rows = await db
    .select()
    .from(workers)
    .where(where)
    .orderBy(byTrigram ? sql`${workers.name} || ''` : asc(workers.name), asc(workers.id))
    .limit(search.limit)
    .offset(search.offset);
  const counted = db.select({ one: sql`1` }).from(workers).where(where).limit(COUNT_CAP + 1).as('counted');
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(counted);
  return { rows, total: Math.min(total, COUNT_CAP), totalIsCapped: total > COUNT_CAP };
}

/**
 * The SQL twin of core/coverage.ts for filtering: a programme is active on a day when it has started, has
 * not ended and that month is paid — by a payment line that counts, or up to the month the BPJS file
 * reports as paid (a month paid in advance after a lapse does not make an unpaid month count). Covered =
 * JKK and JKM.
 */
function isCoveredOn(today: string): SQL {
  const month = today.slice(0, 7);
  const active = (program: 'JKK' | 'JKM') => sql`exists (
    select 1 from enrolments e
    where e.worker_id = ${workers.id} and e.program = ${program} and e.start_month <= ${month}
      and (e.ended_on is null or e.ended_on > ${today}::date)
      and (e.bpjs_paid_until >= ${month} or exists (
        select 1 from premium_payments pl
        where pl.enrolment_id = e.id and pl.to_month >= ${month} and pl.from_month <= ${month} and ${countingLine(sql`pl`)})))`;
  return sql`(${active('JKK')} and ${active('JKM')})`;
}

function isNameQuery(q: string): boolean {
  return !/^\d+$/.test(q.replace(/[\s.-]/g, ''));
}

/** Worker counts per child region of `parentCode` (districts of a regency, villages of a district). */
export async function countWorkersByChild(db: Db, parentCode: string): Promise<Map<string, number>> {
  const level = regionLevelOf(parentCode);
  const key = level === 'district' ? workers.villageCode : workers.districtCode;
  if (level === 'village') return new Map();
  const rows = await db
    .select({ code: key, n: count() })
    .from(workers)
    .where(and(isNull(workers.deletedAt), withinRegion(parentCode)))
    .groupBy(key);
  if (level === 'province') {
    // Regencies are not stored on the row: fold district counts up to their regency.
    const byRegency = new Map<string, number>();
    for (const { code, n } of rows) byRegency.set(code.slice(0, 5), (byRegency.get(code.slice(0, 5)) ?? 0) + n);
    return byRegency;
  }
  return new Map(rows.map((r) => [r.code, r.n]));
}

export async function countWorkersIn(db: Db, regionCode: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(workers)
    .where(and(isNull(workers.deletedAt), withinRegion(regionCode)));
  return row?.n ?? 0;
}

/** True when the database refused a row because a unique index already holds its value. */
export function isUniqueViolation(err: unknown): boolean {
  return hasSqlState(err, '23505');
}
