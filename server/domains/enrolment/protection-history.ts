/**
 * Keeps coverage_spans (each worker's protection history as month spans) equal to what the enrolments,
 * payments, BPJS file and grace rules say. refreshProtection calls refreshProtectionHistory in the same
 * transaction as every write that changes them; triggers turn span changes into the per-village deltas
 * the coverage figures read (migration 0006). The spans come from core/coverage-timeline.ts, the very
 * rule the from-scratch figure uses, so the two cannot drift apart.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { PaidRange, Participation } from '../../../core/coverage.ts';
import { statusTimeline, type StatusSpan } from '../../../core/coverage-timeline.ts';
import type { GraceRule } from '../../../core/premiums.ts';
import type { Db } from '../../db/client.ts';
import { arrayLiteral } from '../../db/array-literal.ts';
import { findGraceRules } from '../premiums/premiums.repo.ts';
import { countingLine } from './enrolment.repo.ts';

/** Workers per round trip: large enough to amortise the queries, small enough for one statement each. */
const CHUNK = 2000;
const HISTORY_VERSION_KEY = 'coverage_history_version';
/** Bump when the span rules change: the next start rebuilds every history. */
export const HISTORY_VERSION = '1';

interface SpanRow {
  workerId: string;
  villageCode: string;
  status: StatusSpan['status'];
  fromMonth: string;
  toMonth: string | null;
}

function rowsOf(result: unknown): Record<string, unknown>[] {
  return (result as { rows: Record<string, unknown>[] }).rows;
}


/** Worker ids as one array parameter, for `= any(…)`. */
function idList(ids: readonly string[]): SQL {
  return sql`${arrayLiteral(ids)}::uuid[]`;
}

/** Worker ids named by a subquery (as refreshProtection accepts them), resolved once. */
export async function resolveWorkerIds(db: Db, subquery: SQL): Promise<string[]> {
  const result = await db.execute(sql`select distinct w.id from workers w where w.id in (${subquery})`);
  return rowsOf(result).map((r) => String(r.id));
}

function spanKey(rows: readonly Omit<SpanRow, 'workerId'>[]): string {
  return rows.map((r) => `${r.villageCode}|${r.status}|${r.fromMonth}|${r.toMonth ?? ''}`).join(';');
}

/**
 * What the timeline needs of each worker's JKK and JKM participations, in one query: start, end, and the
 * paid month ranges that count (payment lines not reversed, and the BPJS file's paid-until as a range
 * from the start) — the same inputs findParticipations gives, without the per-enrolment paid-until look-ups.
 */
async function findTimelineInputs(db: Db, workerIds: readonly string[]): Promise<{ villages: Map<string, string>; participations: Map<string, Participation[]> }> {
  const result = await db.execute(sql`
    select w.id as worker_id, w.village_code, e.id as enrolment_id, e.program, e.start_month, e.ended_on::text as ended_on, e.bpjs_paid_until,
      pl.from_month, pl.to_month
    from workers w
    left join enrolments e on e.worker_id = w.id and e.program <> 'JHT'
    left join premium_payments pl on pl.enrolment_id = e.id and ${countingLine(sql`pl`)}
    where w.id = any(${idList(workerIds)}) and w.deleted_at is null`);
  const villages = new Map<string, string>();
  const byEnrolment = new Map<string, Participation & { workerId: string; paidRanges: PaidRange[] }>();
  for (const r of rowsOf(result)) {
    villages.set(String(r.worker_id), String(r.village_code));
    if (r.enrolment_id === null) continue;
    let p = byEnrolment.get(String(r.enrolment_id));
    if (!p) {
      const startMonth = String(r.start_month);
      const bpjsPaidUntil = (r.bpjs_paid_until as string | null) ?? null;
      p = {
        workerId: String(r.worker_id),
        program: r.program as Participation['program'],
        startMonth,
        paidUntil: null,
        endedOn: (r.ended_on as string | null) ?? null,
        // BPJS reports how far a participation is paid, not month by month: paid from its start up to then.
        paidRanges: bpjsPaidUntil && bpjsPaidUntil >= startMonth ? [{ from: startMonth, to: bpjsPaidUntil }] : [],
      };
      byEnrolment.set(String(r.enrolment_id), p);
    }
    if (r.from_month !== null) p.paidRanges.push({ from: String(r.from_month), to: String(r.to_month) });
  }
  const participations = new Map<string, Participation[]>();
  for (const { workerId, ...p } of byEnrolment.values()) {
    const list = participations.get(workerId) ?? [];
    list.push(p);
    participations.set(workerId, list);
  }
  return { villages, participations };
}

/** The spans the data says each worker should have (deleted workers: none). */
async function deriveSpans(db: Db, workerIds: readonly string[], graceRules: readonly GraceRule[]): Promise<Map<string, SpanRow[]>> {
  const out = new Map<string, SpanRow[]>();
  const { villages, participations } = await findTimelineInputs(db, workerIds);
  for (const [workerId, villageCode] of villages) {
    const spans = statusTimeline(participations.get(workerId) ?? [], graceRules);
    out.set(
      workerId,
      spans.map((s) => ({ workerId, villageCode, status: s.status, fromMonth: s.from, toMonth: s.to })),
    );
  }
  return out;
}

/**
 * Rows go in as five arrays (one statement parameter each): thousands of rows without thousands of
 * parameters. All spans of a worker go in one statement — the deltas trigger counts a worker's first
 * month from the statement's rows — so callers pass whole workers, a few thousand at a time.
 */
async function insertSpans(db: Db, rows: readonly SpanRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    insert into coverage_spans (worker_id, village_code, status, from_month, to_month)
    select * from unnest(${arrayLiteral(rows.map((r) => r.workerId))}::uuid[], ${arrayLiteral(rows.map((r) => r.villageCode))}::text[],
      ${arrayLiteral(rows.map((r) => r.status))}::text[], ${arrayLiteral(rows.map((r) => r.fromMonth))}::text[], ${arrayLiteral(rows.map((r) => r.toMonth))}::text[])`);
}

/**
 * Rewrites the protection history of the given workers where it changed. Call inside the transaction
 * that changed their enrolments or payments (refreshProtection does).
 */
export async function refreshProtectionHistory(db: Db, workerIds: readonly string[], graceRules?: readonly GraceRule[]): Promise<void> {
  if (workerIds.length === 0) return;
  const rules = graceRules ?? (await findGraceRules(db));
  for (let i = 0; i < workerIds.length; i += CHUNK) {
    const ids = [...new Set(workerIds.slice(i, i + CHUNK))];
    const wanted = await deriveSpans(db, ids, rules);
    const existing = new Map<string, Omit<SpanRow, 'workerId'>[]>();
    const old = await db.execute(sql`
      select worker_id, village_code, status, from_month, to_month from coverage_spans
      where worker_id = any(${idList(ids)}) order by worker_id, from_month`);
    for (const r of rowsOf(old)) {
      const list = existing.get(String(r.worker_id)) ?? [];
      list.push({ villageCode: String(r.village_code), status: r.status as SpanRow['status'], fromMonth: String(r.from_month), toMonth: (r.to_month as string | null) ?? null });
      existing.set(String(r.worker_id), list);
    }
    // Only workers whose history changed are rewritten: a re-run import or a payment for one month
    // touches a handful of rows, not every span of the batch.
    const changed = ids.filter((id) => spanKey(existing.get(id) ?? []) !== spanKey(wanted.get(id) ?? []));
    if (changed.length === 0) continue;
    await db.execute(sql`delete from coverage_spans where worker_id = any(${idList(changed)})`);
    await insertSpans(
      db,
      changed.flatMap((id) => wanted.get(id) ?? []),
    );
  }
}

/**
 * Derives every worker's history again (after a grace rule changes, or when this database has never had
 * one): spans from scratch, the deltas follow through the triggers. `onProgress` gets workers done/total.
 */
export async function rebuildProtectionHistory(db: Db, onProgress?: (done: number, total: number) => void): Promise<void> {
  const rules = await findGraceRules(db);
  await db.execute(sql`delete from coverage_spans`);
  // Start the deltas clean too: the register count is recounted, the rest follows the spans inserted below.
  await db.execute(sql`delete from coverage_deltas`);
  await db.execute(sql`
    insert into coverage_deltas (village_code, month, status, delta)
    select village_code, '0000-00', 'registered', count(*)::integer from workers where deleted_at is null and deceased_on is null group by 1`);
  const ids = rowsOf(await db.execute(sql`select distinct e.worker_id from enrolments e join workers w on w.id = e.worker_id and w.deleted_at is null order by 1`)).map(
    (r) => String(r.worker_id),
  );
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const wanted = await deriveSpans(db, chunk, rules);
    await insertSpans(db, [...wanted.values()].flat());
    onProgress?.(Math.min(i + CHUNK, ids.length), ids.length);
  }
  await db.execute(sql`
    insert into app_meta (key, value) values (${HISTORY_VERSION_KEY}, ${HISTORY_VERSION})
    on conflict (key) do update set value = excluded.value`);
}

/** Whether this database's histories were derived by the current rules (false: rebuild at start). */
export async function isProtectionHistoryCurrent(db: Db): Promise<boolean> {
  const rows = rowsOf(await db.execute(sql`select value from app_meta where key = ${HISTORY_VERSION_KEY}`));
  return rows[0]?.value === HISTORY_VERSION;
}
