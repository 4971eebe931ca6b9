/**
 * Coverage queries. Counts for a month come from coverage_deltas (summed per village up to the month),
 * which triggers keep equal to the per-worker spans in coverage_spans; breakdowns and growth read the
 * spans themselves. Region scopes are code prefixes: `52.03` covers every village code `52.03.…`.
 */
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { AGE_BANDS } from '../../../core/coverage-figures.ts';
import { queryRows, type Db } from '../../db/client.ts';
import { cachedRead } from '../../db/read-cache.ts';
import { users } from '../auth/auth.table.ts';
import { appSettings, awardRounds, coverageDenominators, coverageTargets } from './coverage.table.ts';

export interface StatusCounts {
  workers: number;
  /** Workers enrolled (JKK and JKM current) in this month or any month before it. */
  enrolled: number;
  covered: number;
  grace: number;
  lapsed: number;
}

export const ZERO_COUNTS: StatusCounts = { workers: 0, enrolled: 0, covered: 0, grace: 0, lapsed: 0 };

/** Village codes inside a region: the village itself, or every village under a larger region. */
export function villagesOf(column: SQL, regionCode: string): SQL {
  return regionCode.length >= 13 ? sql`${column} = ${regionCode}` : sql`${column} like ${`${regionCode}.%`}`;
}

function addCount(counts: StatusCounts, status: string, n: number): void {
  if (status === 'registered') counts.workers += n;
  else if (status === 'enrolled' || status === 'covered' || status === 'grace' || status === 'lapsed') counts[status] += n;
}

/**
 * Counts per area on a month: `groupLength` is the length of the area codes to group by (13 villages,
 * 8 districts, 5 regencies). Areas without any worker are absent.
 *
 * The register counts are read fresh (one index entry per village); the protection statuses, a sum over
 * every month of history, come from the read cache until protection changes — a new worker changes the
 * first, not the second.
 */
export async function countsByArea(db: Db, regionCode: string, month: string, groupLength: number): Promise<Map<string, StatusCounts>> {
  const [registered, statuses] = await Promise.all([
    registeredByArea(db, regionCode, groupLength),
    cachedRead(db, `coverage-statuses:${regionCode}:${month}:${groupLength}`, ['coverage_deltas'], () =>
      queryRows<{ code: string; status: string; n: number }>(
        db,
        sql`
          select left(d.village_code, ${groupLength}) as code, d.status, sum(d.delta)::integer as n
          from coverage_deltas d
          where ${villagesOf(sql`d.village_code`, regionCode)} and d.month <= ${month} and d.status <> 'registered'
          group by 1, 2`,
      ),
    ),
  ]);
  const out = new Map<string, StatusCounts>();
  for (const r of [...registered, ...statuses]) {
    const counts = out.get(r.code) ?? { ...ZERO_COUNTS };
    addCount(counts, r.status, Number(r.n));
    out.set(r.code, counts);
  }
  return out;
}

/** The register count per area ('registered' deltas, all in month 0000-00), from its partial index. */
function registeredByArea(db: Db, regionCode: string, groupLength: number): Promise<{ code: string; status: string; n: number }[]> {
  return queryRows(
    db,
    sql`
      select left(d.village_code, ${groupLength}) as code, 'registered' as status, sum(d.delta)::integer as n
      from coverage_deltas d
      where d.status = 'registered' and ${villagesOf(sql`d.village_code`, regionCode)}
      group by 1`,
  );
}

/** Net change per month and status in a region (the register count at month `0000-00`), oldest first. */
export async function monthlyDeltas(db: Db, regionCode: string): Promise<{ month: string; status: string; delta: number }[]> {
  const [registered, dated] = await Promise.all([
    registeredByArea(db, regionCode, 0),
    cachedRead(db, `coverage-monthly:${regionCode}`, ['coverage_deltas'], () =>
      queryRows<{ month: string; status: string; delta: number }>(
        db,
        sql`
          select d.month, d.status, sum(d.delta)::integer as delta
          from coverage_deltas d
          where ${villagesOf(sql`d.village_code`, regionCode)} and d.status <> 'registered'
          group by 1, 2
          having sum(d.delta) <> 0
          order by 1`,
      ),
    ),
  ]);
  const workers = registered.reduce((sum, r) => sum + Number(r.n), 0);
  return [...(workers !== 0 ? [{ month: '0000-00', status: 'registered', delta: workers }] : []), ...dated.map((r) => ({ ...r, delta: Number(r.delta) }))];
}

/** A span of the worker `s` holding the month. */
function spanHolds(s: SQL, month: string): SQL {
  return sql`${s}.from_month <= ${month} and (${s}.to_month is null or ${s}.to_month >= ${month})`;
}

/**
 * Per village: participants covered in `endMonth` who were not covered in `baseMonth` (growth that a
 * short enrolment, lapsed by the end, cannot inflate). A worker has at most one span per month.
 */
export async function growthByVillage(db: Db, regionCode: string, baseMonth: string, endMonth: string): Promise<Map<string, number>> {
  const rows = await cachedRead(db, `growth:${regionCode}:${baseMonth}:${endMonth}`, ['coverage_spans'], () =>
    queryRows<{ village_code: string; n: number }>(
      db,
      sql`
        select s.village_code, count(*)::integer as n
        from coverage_spans s
        where ${villagesOf(sql`s.village_code`, regionCode)} and s.status = 'covered' and ${spanHolds(sql`s`, endMonth)}
          and not exists (select 1 from coverage_spans b where b.worker_id = s.worker_id and b.status = 'covered' and ${spanHolds(sql`b`, baseMonth)})
        group by 1`,
    ),
  );
  return new Map(rows.map((r) => [r.village_code, Number(r.n)]));
}

export interface BreakdownCell {
  occupation: string;
  sex: string;
  /** An AGE_BANDS key, or 'under-15'. */
  band: string;
  status: 'covered' | 'grace' | 'lapsed' | null;
  n: number;
}

/**
 * The age band on `day` of a birth date: the oldest band whose lower age the person has reached, i.e.
 * born on or before `day` that many years earlier (the bounds are computed here, not once per row).
 */
function ageBandOn(birthDate: SQL, day: string): SQL {
  const oldestFirst = [...AGE_BANDS].sort((a, b) => b.min - a.min);
  const whens = oldestFirst.map((b) => sql`when ${birthDate} <= ${yearsBefore(day, b.min)}::date then ${b.key}::text`);
  return sql`case ${sql.join(whens, sql` `)} else 'under-15' end`;
}

/** `day` (YYYY-MM-DD) `years` earlier; 29 February becomes 28 February in a common year, as PostgreSQL does. */
export function yearsBefore(day: string, years: number): string {
  const year = Number(day.slice(0, 4)) - years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDay = day.slice(5) === '02-29' && !leap ? '02-28' : day.slice(5);
  return `${String(year).padStart(4, '0')}-${monthDay}`;
}

/**
 * Workers of a region by occupation, sex, age band on `day` and their status in its month: the living
 * and not removed, and the deceased still holding a span that month (the months a deceased participant
 * was protected keep counting).
 *
 * Two reads: every living worker per cell, fresh (a new worker lands there), and the workers holding a
 * span per cell and status, from the read cache until spans or workers change.
 */
export async function breakdownCells(db: Db, regionCode: string, day: string): Promise<BreakdownCell[]> {
  const month = day.slice(0, 7);
  const band = ageBandOn(sql`w.birth_date`, day);
  const [living, holders] = await Promise.all([
    queryRows<{ occupation: string; sex: string; band: string; n: number }>(
      db,
      sql`
        select w.occupation, w.sex, ${band} as band, count(*)::integer as n
        from workers w
        where w.deleted_at is null and w.deceased_on is null and ${villagesOf(sql`w.village_code`, regionCode)}
        group by 1, 2, 3`,
    ),
    cachedRead(db, `breakdown-holders:${regionCode}:${day}`, ['coverage_spans', 'workers'], () =>
      queryRows<{ occupation: string; sex: string; band: string; status: 'covered' | 'grace' | 'lapsed'; deceased: boolean; n: number }>(
        db,
        sql`
          select w.occupation, w.sex, ${band} as band, s.status, w.deceased_on is not null as deceased, count(*)::integer as n
          from coverage_spans s join workers w on w.id = s.worker_id
          where w.deleted_at is null and ${spanHolds(sql`s`, month)} and ${villagesOf(sql`w.village_code`, regionCode)}
          group by 1, 2, 3, 4, 5`,
      ),
    ),
  ]);
  // A living worker holds at most one span a month: those without one are the cell's rest.
  const cellKey = (r: { occupation: string; sex: string; band: string }) => `${r.occupation}|${r.sex}|${r.band}`;
  const withoutSpan = new Map(living.map((r) => [cellKey(r), { occupation: r.occupation, sex: r.sex, band: r.band, status: null, n: Number(r.n) } as BreakdownCell]));
  const cells: BreakdownCell[] = [];
  for (const h of holders) {
    cells.push({ occupation: h.occupation, sex: h.sex, band: h.band, status: h.status, n: Number(h.n) });
    const rest = withoutSpan.get(cellKey(h));
    if (!h.deceased && rest) rest.n -= Number(h.n);
  }
  for (const rest of withoutSpan.values()) if (rest.n > 0) cells.push(rest);
  return cells;
}

/**
 * Covered and grace workers of a region in a month by the kind of funding source committed for that
 * month (the latest commitment when several; SELF when none: paid by the worker or reported by BPJS).
 */
export async function protectedBySource(db: Db, regionCode: string, month: string): Promise<{ kind: string; status: 'covered' | 'grace'; n: number }[]> {
  // One pass over the month's commitments (latest per worker) joined to the month's spans: a lateral
  // look-up per protected worker costs seconds at a million workers.
  const rows = await cachedRead(db, `protected-by-source:${regionCode}:${month}`, ['funding_commitments', 'funding_sources', 'coverage_spans'], () =>
    queryRows<{ kind: string; status: 'covered' | 'grace'; n: number }>(
      db,
      sql`
        with src as (
          select distinct on (c.worker_id) c.worker_id, fs.kind
          from funding_commitments c join funding_sources fs on fs.id = c.source_id
          where c.cancelled_at is null and c.from_month <= ${month} and c.to_month >= ${month}
          order by c.worker_id, c.created_at desc
        )
        select coalesce(src.kind, 'SELF') as kind, s.status, count(*)::integer as n
        from coverage_spans s
        left join src on src.worker_id = s.worker_id
        where ${villagesOf(sql`s.village_code`, regionCode)} and s.status in ('covered', 'grace') and ${spanHolds(sql`s`, month)}
        group by 1, 2`,
    ),
  );
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/**
 * A worker (`w`) counted in a month's figures: not removed, and alive — or deceased but still holding a
 * span (`s`) that month, so the months a deceased participant was protected keep counting.
 */
function registeredIn(w: SQL, s: SQL): SQL {
  return sql`${w}.deleted_at is null and (${w}.deceased_on is null or ${s}.status is not null)`;
}

/** Covered workers of a region in a month by occupation (for the Paritrana government-worker indicator). */
export async function coveredByOccupation(db: Db, regionCode: string, month: string, occupations: readonly string[]): Promise<Map<string, StatusCounts>> {
  if (occupations.length === 0) return new Map();
  const rows = await queryRows<{ occupation: string; status: string | null; n: number }>(
    db,
    sql`
    select w.occupation, s.status, count(*)::integer as n
    from workers w
    left join coverage_spans s on s.worker_id = w.id and ${spanHolds(sql`s`, month)}
    where ${registeredIn(sql`w`, sql`s`)} and ${villagesOf(sql`w.village_code`, regionCode)}
      and w.occupation in (${sql.join(
        occupations.map((o) => sql`${o}`),
        sql`, `,
      )})
    group by 1, 2`,
  );
  const out = new Map<string, StatusCounts>();
  for (const r of rows) {
    const counts = out.get(r.occupation) ?? { ...ZERO_COUNTS };
    counts.workers += Number(r.n);
    if (r.status) addCount(counts, r.status, Number(r.n));
    out.set(r.occupation, counts);
  }
  return out;
}

/**
 * Workers protected on `day` (covered or in grace) whose protection ends by `until` unless paid: from
 * worker_protection, the same effective paid-until the renewal worklists use (months paid in advance
 * after a gap do not count before they begin).
 */
export async function countLapsingBetween(db: Db, regionCode: string, day: string, until: string, graceMonths: number): Promise<number> {
  const month = day.slice(0, 7);
  return cachedRead(db, `lapsing:${regionCode}:${day}:${until}:${graceMonths}`, ['worker_protection'], async () => {
    const rows = await queryRows<{ n: number }>(
      db,
      sql`
        with p as (
          select wp.start_month,
            coalesce(case when wp.run_from > ${month} then wp.prev_paid_until else wp.paid_until end,
              to_char(to_date(wp.start_month, 'YYYY-MM') - interval '1 month', 'YYYY-MM')) as base
          from worker_protection wp
          where ${villagesOf(sql`wp.village_code`, regionCode)} and wp.start_month <= ${month}
        )
        select count(*)::integer as n from p
        where (to_date(p.base, 'YYYY-MM') + make_interval(months => ${graceMonths + 1}) - interval '1 day')::date between ${day}::date and ${until}::date`,
    );
    return Number(rows[0]?.n ?? 0);
  });
}

// ---- Denominators, targets, settings ---------------------------------------------------------------

export type DenominatorRow = typeof coverageDenominators.$inferSelect;
export type TargetRow = typeof coverageTargets.$inferSelect;

export async function findDenominators(db: Db, regionCodes?: readonly string[]): Promise<DenominatorRow[]> {
  const where = regionCodes ? inArray(coverageDenominators.regionCode, [...regionCodes]) : undefined;
  return db.select().from(coverageDenominators).where(where).orderBy(coverageDenominators.regionCode, desc(coverageDenominators.year));
}

export async function upsertDenominator(db: Db, row: typeof coverageDenominators.$inferInsert): Promise<void> {
  await db
    .insert(coverageDenominators)
    .values(row)
    .onConflictDoUpdate({
      target: [coverageDenominators.regionCode, coverageDenominators.year],
      set: { value: row.value, source: row.source, updatedAt: sql`now()`, updatedBy: row.updatedBy },
    });
}

export async function deleteDenominator(db: Db, regionCode: string, year: number): Promise<DenominatorRow | undefined> {
  const [row] = await db
    .delete(coverageDenominators)
    .where(and(eq(coverageDenominators.regionCode, regionCode), eq(coverageDenominators.year, year)))
    .returning();
  return row;
}

export async function findTargets(db: Db, regionCodes?: readonly string[]): Promise<TargetRow[]> {
  const where = regionCodes ? inArray(coverageTargets.regionCode, [...regionCodes]) : undefined;
  return db.select().from(coverageTargets).where(where).orderBy(coverageTargets.regionCode, coverageTargets.year);
}

export async function upsertTarget(db: Db, row: typeof coverageTargets.$inferInsert): Promise<void> {
  await db
    .insert(coverageTargets)
    .values(row)
    .onConflictDoUpdate({
      target: [coverageTargets.regionCode, coverageTargets.year],
      set: { percent: row.percent, basis: row.basis, note: row.note, updatedAt: sql`now()`, updatedBy: row.updatedBy },
    });
}

export async function deleteTarget(db: Db, regionCode: string, year: number): Promise<TargetRow | undefined> {
  const [row] = await db
    .delete(coverageTargets)
    .where(and(eq(coverageTargets.regionCode, regionCode), eq(coverageTargets.year, year)))
    .returning();
  return row;
}

export async function findSetting<T>(db: Db, key: string): Promise<T | undefined> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key));
  return row?.value as T | undefined;
}

export async function saveSetting(db: Db, key: string, value: unknown, userId: string): Promise<void> {
  await db
    .insert(appSettings)
    .values({ key, value, updatedBy: userId })
    .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: sql`now()`, updatedBy: userId } });
}

// ---- Award rounds ----------------------------------------------------------------------------------

export type AwardRoundRow = typeof awardRounds.$inferSelect;

export async function insertAwardRound(db: Db, row: typeof awardRounds.$inferInsert): Promise<void> {
  await db.insert(awardRounds).values(row);
}

/** A round with the username of the admin who ran it. */
export type AwardRoundRecord = AwardRoundRow & { createdByName: string };

function selectRounds(db: Db) {
  return db
    .select({ round: awardRounds, createdByName: users.username })
    .from(awardRounds)
    .leftJoin(users, eq(users.id, awardRounds.createdBy));
}

export async function findAwardRound(db: Db, id: string): Promise<AwardRoundRecord | undefined> {
  const [row] = await selectRounds(db).where(eq(awardRounds.id, id));
  return row && { ...row.round, createdByName: row.createdByName ?? '' };
}

export async function findAwardRounds(db: Db, limit = 100): Promise<AwardRoundRecord[]> {
  const rows = await selectRounds(db).orderBy(desc(awardRounds.createdAt)).limit(limit);
  return rows.map((r) => ({ ...r.round, createdByName: r.createdByName ?? '' }));
}

/** The figures of a region's funding budgets for a year, for the Paritrana regulation indicator. */
export async function findBudgetLines(
  db: Db,
  regionCode: string,
  year: number,
): Promise<{ sourceName: string; kind: string; legalBasis: string | null; budgetLine: string | null; budget: number; committed: number; paid: number }[]> {
  const rows = await queryRows<{ sourceName: string; kind: string; legalBasis: string | null; budgetLine: string | null; budget: unknown; committed: unknown; paid: unknown }>(
    db,
    sql`
    select fs.name as "sourceName", fs.kind, b.legal_basis as "legalBasis", b.budget_line as "budgetLine", b.amount as budget,
      coalesce((select sum(c.total_amount) from funding_commitments c where c.source_id = fs.id and c.cancelled_at is null and c.fiscal_year = ${year}), 0) as committed,
      -- Reversals are negative payments: summing both gives what still stands.
      coalesce((select sum(p.amount) from payments p where p.source_id = fs.id and p.from_month like ${`${year}-%`}), 0) as paid
    from funding_budgets b join funding_sources fs on fs.id = b.source_id
    where b.fiscal_year = ${year} and (fs.region_code = ${regionCode} or fs.region_code like ${`${regionCode}.%`})
    order by fs.kind, fs.name`,
  );
  return rows.map(
    (r) => ({ ...r, budget: Number(r.budget), committed: Number(r.committed), paid: Number(r.paid) }),
  );
}

