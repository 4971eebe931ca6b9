/**
 * Record linkage between the BPJS participant list and the register, done where the data is: PostgreSQL
 * finds candidates through indexes (blocking), JavaScript scores the few candidates of each participant
 * with the rules in core/import/linkage.ts. Comparing every participant with every worker is never done.
 */
import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { decideLink, type PersonRecord } from '../../../core/import/linkage.ts';
import { queryRows, type Db } from '../../db/client.ts';
import { auditLog } from '../audit/audit.table.ts';
import type { ImportActor } from '../imports/imports.table.ts';
import { refreshProtection } from '../enrolment/enrolment.repo.ts';

export interface LinkageCounts {
  linkedExact: number;
  linkedAuto: number;
  /** Linked earlier by an officer's confirmation (kept across files). */
  linkedConfirmed: number;
  queued: number;
  unmatched: number;
}

/** Participants scored per round trip. */
const PAGE = 2000;

/**
 * Within a date or village block, only workers whose name shares at least this much with the participant's
 * (pg_trgm trigram similarity, computed by PostgreSQL) go on to the full comparison in JavaScript. Low on
 * purpose: "M. Saleh" and "Muhammad Saleh" score about 0.35; it only drops people with unrelated names,
 * which could never be a close match — and sends a block of a hundred people to JavaScript as a handful.
 */
const NAME_PREFILTER = 0.2;

interface Unlinked {
  kpj: string;
  nik: string | null;
  name: string;
  birth_date: string | null;
  village_code: string | null;
}

interface CandidateRow {
  kpj: string;
  id: string;
  nik: string;
  name: string;
  birth_date: string;
  sex: 'M' | 'F';
  village_code: string;
  /** Already linked to another participant by NIK or an officer: never linked again automatically. */
  taken: boolean;
}

/** `onPage` runs after each page of participants is linked (the job renews its lease there). */
export async function linkParticipants(db: Db, importId: string, actor: ImportActor, onPage: () => Promise<void> = async () => {}): Promise<LinkageCounts> {
  // 1. Exact NIK: the register and BPJS agree on the identity number.
  await db.execute(sql`
    update bpjs_participants p set worker_id = w.id, link_method = 'nik', link_score = 1
    from workers w
    where p.import_id = ${importId} and p.worker_id is null and p.nik is not null and w.nik = p.nik and w.deleted_at is null`);

  // 2. The rest, page by page in KPJ order: block, score, decide.
  let after = '';
  for (;;) {
    const page = await queryRows<Unlinked>(
      db,
      sql`select kpj, nik, name, birth_date::text as birth_date, village_code from bpjs_participants
        where import_id = ${importId} and worker_id is null and kpj > ${after}
        order by kpj limit ${PAGE}`,
    );
    if (page.length === 0) break;
    after = page.at(-1)!.kpj;
    const candidates = await findCandidates(db, page);
    const autoLinks: { kpj: string; workerId: string; score: number }[] = [];
    const reviews: { kpj: string; workerId: string; score: number; reasons: string[] }[] = [];
    for (const participant of page) {
      const rows = candidates.get(participant.kpj) ?? [];
      if (rows.length === 0) continue;
      const record: PersonRecord = {
        nik: participant.nik,
        name: participant.name,
        birthDate: participant.birth_date,
        villageCode: participant.village_code,
      };
      const decision = decideLink(
        record,
        rows.map((c) => ({ nik: c.nik, name: c.name, birthDate: c.birth_date, sex: c.sex, villageCode: c.village_code })),
      );
      if (decision.kind === 'auto') {
        const chosen = rows[decision.workerIndex]!;
        // A worker already holding a participant number by NIK or confirmation gets a second one only by an officer.
        if (chosen.taken) reviews.push({ kpj: participant.kpj, workerId: chosen.id, score: decision.score.score, reasons: decision.score.reasons });
        else autoLinks.push({ kpj: participant.kpj, workerId: chosen.id, score: decision.score.score });
      } else if (decision.kind === 'review') {
        for (const c of decision.candidates) {
          reviews.push({ kpj: participant.kpj, workerId: rows[c.workerIndex]!.id, score: c.score.score, reasons: c.score.reasons });
        }
      }
    }
    await db.transaction(async (tx) => {
      if (autoLinks.length > 0) {
        await tx.execute(sql`
          update bpjs_participants p set worker_id = r.worker_id, link_method = 'auto', link_score = r.score
          from jsonb_to_recordset(${JSON.stringify(autoLinks.map((a) => ({ kpj: a.kpj, worker_id: a.workerId, score: a.score })))}::jsonb)
            as r(kpj text, worker_id uuid, score real)
          where p.kpj = r.kpj`);
      }
      if (reviews.length > 0) {
        // A pair decided before keeps its decision; a new suggestion waits for an officer.
        await tx.execute(sql`
          insert into link_reviews (id, kpj, worker_id, score, reasons, import_id)
          select r.id, r.kpj, r.worker_id, r.score, r.reasons, ${importId}::uuid
          from jsonb_to_recordset(${JSON.stringify(reviews.map((r) => ({ id: randomUUID(), kpj: r.kpj, worker_id: r.workerId, score: r.score, reasons: r.reasons })))}::jsonb)
            as r(id uuid, kpj text, worker_id uuid, score real, reasons jsonb)
          on conflict (kpj, worker_id) do update set score = excluded.score, reasons = excluded.reasons, import_id = excluded.import_id
            where link_reviews.status = 'pending'`);
      }
    });
    await onPage();
  }

  // 3. Every linked participant of this file becomes (or refreshes) an enrolment per programme.
  await applyEnrolments(db, importId);
  const counts = await countLinkage(db, importId);
  await db.insert(auditLog).values({
    actorId: actor.id,
    actorUsername: actor.username,
    actorRole: actor.role,
    action: 'import',
    entity: 'bpjs_linkage',
    entityId: importId,
    regionCode: actor.regionCode,
    changes: { ...counts },
  });
  return counts;
}

/**
 * Candidates for a page of participants, each block served by an index: the same birth date, the birth date
 * with day and month swapped, the same village and birth year, and — for a participant whose birth date is
 * unknown — NIKs one typo away (one digit changed or two neighbours swapped). Names are compared afterwards,
 * in JavaScript, only within these small blocks (a name-similarity join over a village costs thousands of
 * comparisons per participant). Pairs an officer rejected are left out.
 */
async function findCandidates(db: Db, page: Unlinked[]): Promise<Map<string, CandidateRow[]>> {
  const input = page.map((p) => ({
    kpj: p.kpj,
    name: p.name,
    birth_date: p.birth_date,
    swapped: swapDayMonth(p.birth_date),
    // Same village and birth year: catches a birth date mistyped beyond a day/month swap.
    year_start: p.birth_date ? `${p.birth_date.slice(0, 4)}-01-01` : null,
    year_end: p.birth_date ? `${Number(p.birth_date.slice(0, 4)) + 1}-01-01` : null,
    village_code: p.village_code,
    nik_variants: p.birth_date === null && p.nik ? nikTypoVariants(p.nik) : null,
  }));
  // Each block is a LATERAL index lookup per participant: the planner cannot know how few participants a
  // page holds (a JSON function hides it), and a hash join would scan the whole register once per page.
  const lookup = (condition: SQL) => sql`
    select p.kpj, w.id, w.nik, w.name, w.birth_date, w.sex, w.village_code
    from p cross join lateral (
      select w.id, w.nik, w.name, w.birth_date, w.sex, w.village_code from workers w where ${condition} and w.deleted_at is null
      offset 0 -- keeps the subquery a per-participant index lookup (otherwise it is flattened into a hash join)
    ) w`;
  const rows = await queryRows<CandidateRow>(db, sql`
    with p as materialized (
      select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb)
        as r(kpj text, name text, birth_date date, swapped date, year_start date, year_end date, village_code text, nik_variants text[])
    ), pairs as (
      ${lookup(sql`w.birth_date = p.birth_date and similarity(w.name, p.name) >= ${NAME_PREFILTER}`)}
      union
      ${lookup(sql`w.birth_date = p.swapped and similarity(w.name, p.name) >= ${NAME_PREFILTER}`)}
      union
      ${lookup(sql`w.village_code = p.village_code and w.birth_date >= p.year_start and w.birth_date < p.year_end
        and similarity(w.name, p.name) >= ${NAME_PREFILTER}`)}
      union
      ${lookup(sql`w.nik = any(p.nik_variants)`)}
    )
    select c.kpj, c.id, c.nik, c.name, c.birth_date::text as birth_date, c.sex, c.village_code,
      exists (select 1 from bpjs_participants o where o.worker_id = c.id and o.kpj <> c.kpj and o.link_method in ('nik', 'confirmed')) as taken
    from pairs c
    where not exists (select 1 from link_reviews r where r.kpj = c.kpj and r.worker_id = c.id and r.status = 'rejected')`);
  const out = new Map<string, CandidateRow[]>();
  for (const row of rows) {
    const list = out.get(row.kpj) ?? [];
    list.push(row);
    out.set(row.kpj, list);
  }
  return out;
}

/** 1985-07-01 → 1985-01-07 (a day and month written the wrong way round), when that is a real date. */
export function swapDayMonth(date: string | null): string | null {
  if (!date) return null;
  const [y, m, d] = date.split('-');
  if (!y || !m || !d || m === d || Number(d) > 12) return null;
  return `${y}-${d}-${m}`;
}

/** Every NIK one typo away: one digit replaced (16 × 9) or two neighbouring digits swapped (15). */
export function nikTypoVariants(nik: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < nik.length; i++) {
    for (let d = 0; d <= 9; d++) {
      const digit = String(d);
      if (digit !== nik[i]) out.push(nik.slice(0, i) + digit + nik.slice(i + 1));
    }
    if (i < nik.length - 1 && nik[i] !== nik[i + 1]) out.push(nik.slice(0, i) + nik[i + 1] + nik[i] + nik.slice(i + 2));
  }
  return out;
}

/** Turns linked participants into enrolments: those of one import, or one participant (after an officer's confirmation). */
export async function applyEnrolments(db: Db, importId: string | null, kpj?: string): Promise<void> {
  const which = importId ? sql`p.import_id = ${importId}` : sql`p.kpj = ${kpj ?? ''}`;
  // Paid-until: the file's month, or else what its status implies — AKTIF: paid for the month of the file;
  // NON AKTIF: three months unpaid by then (that is what makes BPJS call a participation non-active).
  // Start: the membership date, or else no later than the paid-until month and the month of the file.
  await db.execute(sql`
    with linked as (
      -- One participation per worker and programme: a person registered twice at BPJS (two KPJ numbers
      -- for one NIK) is enrolled once, under the active and furthest-paid number.
      select distinct on (p.worker_id, prog.program) p.*, prog.program
      from bpjs_participants p cross join lateral jsonb_array_elements_text(p.programs) as prog(program)
      where ${which} and p.worker_id is not null
      order by p.worker_id, prog.program, (p.status = 'active') desc, p.paid_until desc nulls last, p.kpj
    ), source as (
      select p.*, coalesce(p.paid_until,
        case when p.status = 'active' then to_char(p.reported_on, 'YYYY-MM')
             else to_char(p.reported_on - interval '3 months', 'YYYY-MM') end) as bpjs_paid_until
      from linked p
    )
    insert into enrolments (id, worker_id, program, kpj, start_month, declared_income, funding_source, bpjs_status, bpjs_paid_until, bpjs_reported_on)
    select gen_random_uuid(), p.worker_id, p.program, p.kpj,
      coalesce(to_char(p.membership_date, 'YYYY-MM'), least(p.bpjs_paid_until, to_char(p.reported_on, 'YYYY-MM'))),
      1000000, 'UNKNOWN', p.status, p.bpjs_paid_until, p.reported_on
    from source p
    on conflict (worker_id, program) where ended_on is null do update set
      kpj = excluded.kpj, bpjs_status = excluded.bpjs_status, bpjs_paid_until = excluded.bpjs_paid_until,
      bpjs_reported_on = excluded.bpjs_reported_on`);
  await refreshProtection(db, sql`select p.worker_id from bpjs_participants p where ${which} and p.worker_id is not null`);
}

export async function countLinkage(db: Db, importId: string): Promise<LinkageCounts> {
  // One pass over the file's participants against the set of those with a pending suggestion (a hash join;
  // a correlated EXISTS per participant costs seconds on a 150,000-row file).
  const [counts] = await queryRows<LinkageCounts>(db, sql`
    with pending as (select distinct kpj from link_reviews where status = 'pending')
    select
      count(*) filter (where p.link_method = 'nik')::int as "linkedExact",
      count(*) filter (where p.link_method = 'auto')::int as "linkedAuto",
      count(*) filter (where p.link_method = 'confirmed')::int as "linkedConfirmed",
      count(*) filter (where p.worker_id is null and q.kpj is not null)::int as queued,
      count(*) filter (where p.worker_id is null and q.kpj is null)::int as unmatched
    from bpjs_participants p left join pending q on q.kpj = p.kpj
    where p.import_id = ${importId}`);
  return counts!;
}
