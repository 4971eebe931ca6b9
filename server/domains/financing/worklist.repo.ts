/**
 * Renewal and lapse worklists: SQL over the worker_protection projection (one row per worker with open
 * JKK+JKM, indexed on paid_until). Every kind is a list of paid-until months (an IN list the index
 * answers) or, for hand-overs, the commitments ending soon; the caller computes the months.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';

export type WorklistFilter =
  /** Paid until one of these months. */
  | { kind: 'paidUntil'; months: string[]; unpaidStartMonths?: string[] }
  /** Paid until December and no live commitment reaching into January. */
  | { kind: 'yearEnd'; december: string; nextJanuary: string }
  /** A live commitment handing over to self-payment that ends in one of these months. */
  | { kind: 'handover'; toMonths: string[] };

export interface WorklistSelection {
  filter: WorklistFilter;
  /** The month of "today": a paid run that begins later does not protect yet. */
  month: string;
  /**
   * Which workers of a paid-until list: those whose latest paid run has begun (or who never paid),
   * those whose latest run is paid in advance after a gap (measured from the run before), or both.
   */
  part?: 'current' | 'advance' | 'all';
  /** Region column and code; none for the whole served regency. */
  region: { column: 'village' | 'district'; code: string } | null;
  sourceId?: string;
}

export interface WorklistRow {
  workerId: string;
  name: string;
  nik: string;
  villageCode: string;
  occupation: string;
  startMonth: string | null;
  paidUntil: string | null;
  sourceId: string | null;
  sourceKind: string | null;
  sourceName: string | null;
  handoverToSelf: boolean;
  declaredIncome: number | null;
  hasJht: boolean;
}

export interface WorklistGroup {
  declaredIncome: number | null;
  hasJht: boolean;
  /** First month a renewal would pay for: the month after paid-until (or the start month), at the earliest `fromMonth`. */
  renewFrom: string;
  workers: number;
}

/** Paid-until as seen in `month`: a run paid in advance after a gap counts only once it has begun. */
const effectivePaidUntil = (month: string) => sql`(case when wp.run_from > ${month} then wp.prev_paid_until else wp.paid_until end)`;

const monthList = (months: string[]) => sql.join(months.map((m) => sql`${m}`), sql`, `);

/**
 * FROM … WHERE shared by the page, the file and the totals: `wp` protection (it carries the village,
 * district, declared income and JHT, so counting and pricing never touch workers or enrolments), and
 * for hand-overs `c`, the commitment ending soon.
 */
function fromWhere(s: WorklistSelection, withWorkers = false): SQL {
  const workersJoin = withWorkers ? sql`join workers w on w.id = wp.worker_id` : sql``;
  const conditions: SQL[] = [];
  if (s.region?.column === 'village') conditions.push(sql`wp.village_code = ${s.region.code}`);
  if (s.region?.column === 'district') conditions.push(sql`wp.district_code = ${s.region.code}`);
  const f = s.filter;
  if (f.kind === 'handover') {
    if (s.sourceId) conditions.push(sql`c.source_id = ${s.sourceId}::uuid`);
    // Within a village or district, only its workers' commitments are read (not the regency's).
    const inRegion = s.region
      ? sql`and hc.worker_id in (select rp.worker_id from worker_protection rp where ${s.region.column === 'village' ? sql`rp.village_code` : sql`rp.district_code`} = ${s.region.code})`
      : sql``;
    // One row per worker: the hand-over commitment ending last (then the newest).
    return sql`from (
        select distinct on (hc.worker_id) hc.worker_id, hc.source_id, hc.to_month
        from funding_commitments hc
        where hc.cancelled_at is null and hc.handover_to_self and hc.to_month in (${monthList(f.toMonths)}) ${inRegion}
        order by hc.worker_id, hc.to_month desc, hc.created_at desc
      ) c
      join worker_protection wp on wp.worker_id = c.worker_id
      ${workersJoin}
      ${conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``}`;
  }
  if (s.sourceId) conditions.push(sql`wp.source_id = ${s.sourceId}::uuid`);
  const months = f.kind === 'paidUntil' ? f.months : [f.december];
  const unpaidStarts = f.kind === 'paidUntil' ? (f.unpaidStartMonths ?? []) : [];
  const or = (parts: SQL[]) => (parts.length ? sql`(${sql.join(parts, sql` or `)})` : null);
  // Never paid: unpaid from the start month, so it falls in the list by its start month.
  const current = or([
    ...(months.length ? [sql`wp.paid_until in (${monthList(months)})`] : []),
    ...(unpaidStarts.length ? [sql`(wp.paid_until is null and wp.start_month in (${monthList(unpaidStarts)}))`] : []),
  ]);
  const advance = or([
    ...(months.length ? [sql`wp.prev_paid_until in (${monthList(months)})`] : []),
    ...(unpaidStarts.length ? [sql`(wp.prev_paid_until is null and wp.start_month in (${monthList(unpaidStarts)}))`] : []),
  ]);
  const parts: SQL[] = [];
  if (current && s.part !== 'advance') parts.push(sql`((wp.run_from is null or wp.run_from <= ${s.month}) and ${current})`);
  if (advance && s.part !== 'current') parts.push(sql`(wp.run_from > ${s.month} and ${advance})`);
  conditions.push(or(parts) ?? sql`false`);
  if (f.kind === 'yearEnd') {
    conditions.push(sql`not exists (
      select 1 from funding_commitments nc
      where nc.worker_id = wp.worker_id and nc.cancelled_at is null and nc.to_month >= ${f.nextJanuary})`);
  }
  // The (village|district, paid_until) or (paid_until, village) index answers every kind: a few months.
  return sql`from worker_protection wp ${workersJoin} where ${sql.join(conditions, sql` and `)}`;
}

/**
 * One page (or, without a limit, every row for a file) sorted by paid-until, village and name. The
 * projection is read in index order and workers are looked up by id, so a page costs its rows, not the list.
 */
export async function findWorklistRows(db: Db, s: WorklistSelection, page: { limit: number; offset: number } | null): Promise<WorklistRow[]> {
  const isHandover = s.filter.kind === 'handover';
  const source = isHandover ? sql`c.source_id` : sql`wp.source_id`;
  const columns = sql`wp.worker_id, wp.village_code, wp.start_month, ${effectivePaidUntil(s.month)} as paid_until, wp.declared_income, wp.has_jht,
    ${source} as source_id, ${isHandover ? sql`true` : sql`false`} as handover_to_self, w.name, w.nik, w.occupation`;
  // A page of a list spanning several paid-until months is read month by month, each in (village, name)
  // order from the index with a limit: one sort over tens of thousands of rows would cost far more.
  const f = s.filter;
  // Workers whose latest paid run has not begun (paid in advance after a gap) are few: one branch of their own.
  const branches: WorklistSelection[] = !page
    ? [s]
    : f.kind === 'paidUntil'
      ? [
          ...(f.unpaidStartMonths?.length
            ? [{ ...s, part: 'current' as const, filter: { kind: 'paidUntil' as const, months: [], unpaidStartMonths: f.unpaidStartMonths } }]
            : []),
          ...f.months.map((month) => ({ ...s, part: 'current' as const, filter: { kind: 'paidUntil' as const, months: [month] } })),
          { ...s, part: 'advance' as const },
        ]
      : f.kind === 'yearEnd'
        ? [
            { ...s, part: 'current' as const },
            { ...s, part: 'advance' as const },
          ]
        : [s];
  const reach = page ? page.limit + page.offset : null;
  const branchSql = (b: WorklistSelection) => sql`(select ${columns} ${fromWhere(b, true)}
      ${reach === null || branches.length === 1 ? sql`` : sql`order by wp.village_code, w.name, wp.worker_id limit ${reach}`})`;
  const rows = await queryRows<{
    worker_id: string;
    name: string;
    nik: string;
    village_code: string;
    occupation: string;
    start_month: string | null;
    paid_until: string | null;
    source_id: string | null;
    source_kind: string | null;
    source_name: string | null;
    handover_to_self: boolean;
    declared_income: number | null;
    has_jht: boolean;
  }>(
    db,
    sql`select x.*, fs.kind as source_kind, fs.name as source_name
      from (${sql.join(branches.map(branchSql), sql` union all `)}) x
      left join funding_sources fs on fs.id = x.source_id
      order by x.paid_until nulls first, x.village_code, x.name, x.worker_id
      ${page ? sql`limit ${page.limit} offset ${page.offset}` : sql``}`,
  );
  return rows.map((r) => ({
    workerId: r.worker_id,
    name: r.name,
    nik: r.nik,
    villageCode: r.village_code,
    occupation: r.occupation,
    startMonth: r.start_month,
    paidUntil: r.paid_until,
    sourceId: r.source_id,
    sourceKind: r.source_kind,
    sourceName: r.source_name,
    handoverToSelf: r.handover_to_self,
    declaredIncome: r.declared_income === null ? null : Number(r.declared_income),
    hasJht: r.has_jht,
  }));
}

/**
 * Every matching worker counted by what prices a renewal — declared JKK income, JHT or not, first month
 * to renew — in one grouped query over the projection; the total count is the sum of the groups.
 */
export async function countWorklistGroups(db: Db, s: WorklistSelection, fromMonth: string): Promise<WorklistGroup[]> {
  const rows = await queryRows<{ declared_income: number | null; has_jht: boolean; renew_from: string; workers: number }>(
    db,
    sql`select wp.declared_income, wp.has_jht, greatest(
          case when ${effectivePaidUntil(s.month)} is null then wp.start_month
            else to_char(to_date(${effectivePaidUntil(s.month)}, 'YYYY-MM') + interval '1 month', 'YYYY-MM') end,
          ${fromMonth}::text) as renew_from,
        count(*)::int as workers
      ${fromWhere(s)}
      group by 1, 2, 3`,
  );
  return rows.map((r) => ({
    declaredIncome: r.declared_income === null ? null : Number(r.declared_income),
    hasJht: r.has_jht,
    renewFrom: r.renew_from,
    workers: Number(r.workers),
  }));
}

