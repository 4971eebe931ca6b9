/**
 * The review queue of suggested participant–worker pairs, and the BPJS participants the register does not
 * know. Only the regency office and BPJS officers reconcile; every decision and every list of personal
 * data read lands in the audit trail.
 */
import { sql } from 'drizzle-orm';
import { canReconcile } from '../../../core/roles.ts';
import { queryRows, type Db } from '../../db/client.ts';
import { AppError, errors } from '../../errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.service.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import type { RegionDirectory } from '../regions/region-directory.ts';
import { applyEnrolments } from './linkage.repo.ts';
import type { ReviewStatus } from './reconciliation.table.ts';

export interface ReconciliationContext extends AuditContext {
  actor: SessionUser;
  regions: RegionDirectory;
}

/** Indonesian labels of the reasons a pair was suggested (core/import/linkage.ts). */
export const REASON_LABELS: Record<string, string> = {
  nik_exact: 'NIK sama',
  nik_one_digit: 'NIK beda satu angka',
  nik_transposed: 'NIK: dua angka bertukar tempat',
  nik_different: 'NIK berbeda',
  nik_missing: 'NIK tidak ada di data BPJS',
  birth_exact: 'Tanggal lahir sama',
  birth_day_month_swapped: 'Tanggal lahir: hari dan bulan tertukar',
  birth_different: 'Tanggal lahir berbeda',
  birth_missing: 'Tanggal lahir tidak ada',
  village_same: 'Desa sama',
  village_different: 'Desa berbeda',
  village_missing: 'Desa tidak diketahui',
  sex_conflict: 'Jenis kelamin menurut NIK berbeda',
  name_exact: 'Nama sama persis',
  name_variant: 'Nama sama (beda ejaan/gelar)',
  name_missing_middle: 'Nama sama, tanpa nama tengah',
  name_similar: 'Nama mirip',
  name_initial: 'Nama disingkat (inisial)',
  name_different: 'Nama berbeda',
};

export function assertMayReconcile(actor: SessionUser): void {
  if (!canReconcile(actor.role)) {
    throw errors.forbidden('Pencocokan data BPJS hanya untuk petugas BPJS dan admin Disnakertrans.');
  }
}

interface ReviewRow {
  id: string;
  status: ReviewStatus;
  score: number;
  reasons: string[];
  decided_by: string | null;
  decided_at: Date | string | null;
  kpj: string;
  p_nik: string | null;
  p_name: string;
  p_birth_date: string | null;
  p_village_code: string | null;
  programs: string[];
  p_status: 'active' | 'non_active';
  paid_until: string | null;
  worker_id: string;
  w_nik: string;
  w_name: string;
  w_birth_date: string;
  w_sex: 'M' | 'F';
  w_village_code: string;
  w_occupation: string;
}

const REVIEW_SELECT = sql`
  select r.id, r.status, r.score, r.reasons, r.decided_by, r.decided_at,
    p.kpj, p.nik as p_nik, p.name as p_name, p.birth_date::text as p_birth_date, p.village_code as p_village_code, p.programs,
    p.status as p_status, p.paid_until,
    w.id as worker_id, w.nik as w_nik, w.name as w_name, w.birth_date::text as w_birth_date, w.sex as w_sex,
    w.village_code as w_village_code, w.occupation as w_occupation
  from link_reviews r join bpjs_participants p on p.kpj = r.kpj join workers w on w.id = r.worker_id`;

function presentReview(row: ReviewRow, regions: RegionDirectory) {
  const villageName = (code: string | null) => (code ? (regions.get(code)?.name ?? null) : null);
  return {
    id: row.id,
    status: row.status,
    score: Math.round(row.score * 1000) / 1000,
    reasons: row.reasons.map((code) => ({ code, label: REASON_LABELS[code] ?? code })),
    participant: {
      kpj: row.kpj,
      nik: row.p_nik,
      name: row.p_name,
      birthDate: row.p_birth_date,
      villageCode: row.p_village_code,
      villageName: villageName(row.p_village_code),
      programs: row.programs,
      status: row.p_status,
      paidUntil: row.paid_until,
    },
    worker: {
      id: row.worker_id,
      nik: row.w_nik,
      name: row.w_name,
      birthDate: row.w_birth_date,
      sex: row.w_sex,
      villageCode: row.w_village_code,
      villageName: villageName(row.w_village_code),
      occupation: row.w_occupation,
    },
    decidedBy: row.decided_by,
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
  };
}

export type ReviewDto = ReturnType<typeof presentReview>;

export async function listReviews(db: Db, ctx: ReconciliationContext, query: { status: ReviewStatus; page: number; pageSize: number }) {
  assertMayReconcile(ctx.actor);
  const offset = (query.page - 1) * query.pageSize;
  // Pending pairs: the most likely first, so officers clear the easy ones fast; decided ones: latest first.
  const order = query.status === 'pending' ? sql`r.score desc, r.kpj` : sql`r.decided_at desc`;
  const rows = await queryRows<ReviewRow>(db, sql`${REVIEW_SELECT} where r.status = ${query.status} order by ${order} limit ${query.pageSize} offset ${offset}`);
  const [{ total } = { total: 0 }] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from link_reviews where status = ${query.status}`);
  if (rows.length > 0) {
    await recordAudit(db, ctx, { action: 'read', entity: 'link_review', changes: { ids: rows.map((r) => r.id) } });
  }
  return { items: rows.map((r) => presentReview(r, ctx.regions)), total, page: query.page, pageSize: query.pageSize };
}

/**
 * An officer's decision on a suggested pair. Confirming links the participant to the worker (its
 * participations become enrolments) and closes the participant's other suggestions; rejecting is remembered
 * so the pair is never suggested again.
 */
export async function decideReview(db: Db, id: string, decision: 'confirmed' | 'rejected', ctx: ReconciliationContext): Promise<ReviewDto> {
  assertMayReconcile(ctx.actor);
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const [row] = await queryRows<ReviewRow>(t, sql`${REVIEW_SELECT} where r.id = ${id} for update of r`);
    if (!row) throw errors.notFound('Usulan pencocokan');
    if (row.status !== 'pending') {
      throw new AppError('conflict', 'REVIEW_ALREADY_DECIDED', `Usulan ini sudah diputuskan (${row.status === 'confirmed' ? 'dikonfirmasi' : 'ditolak'}) oleh ${row.decided_by ?? 'petugas lain'}.`);
    }
    if (decision === 'confirmed') {
      const [linked] = await queryRows<{ worker_id: string | null }>(t, sql`select worker_id from bpjs_participants where kpj = ${row.kpj} for update`);
      if (linked?.worker_id && linked.worker_id !== row.worker_id) {
        throw new AppError('conflict', 'PARTICIPANT_ALREADY_LINKED', 'Peserta ini sudah ditautkan ke pekerja lain. Periksa data peserta terlebih dahulu.');
      }
      await t.execute(sql`update bpjs_participants set worker_id = ${row.worker_id}, link_method = 'confirmed', link_score = ${row.score} where kpj = ${row.kpj}`);
      await t.execute(sql`update link_reviews set status = 'rejected', decided_by = ${ctx.actor.username}, decided_at = now()
        where kpj = ${row.kpj} and id <> ${id} and status = 'pending'`);
      await applyEnrolments(t, null, row.kpj);
    }
    await t.execute(sql`update link_reviews set status = ${decision}, decided_by = ${ctx.actor.username}, decided_at = now() where id = ${id}`);
    await recordAudit(t, ctx, {
      action: 'update',
      entity: 'link_review',
      entityId: id,
      regionCode: row.w_village_code,
      changes: { status: { before: 'pending', after: decision }, kpj: row.kpj, workerId: row.worker_id },
    });
    const [updated] = await queryRows<ReviewRow>(t, sql`${REVIEW_SELECT} where r.id = ${id}`);
    return presentReview(updated!, ctx.regions);
  });
}

export async function listUnmatched(db: Db, ctx: ReconciliationContext, query: { q?: string; page: number; pageSize: number }) {
  assertMayReconcile(ctx.actor);
  const q = query.q?.trim();
  const digits = q?.replace(/[\s.-]/g, '') ?? '';
  const search = !q
    ? sql`true`
    : /^\d+$/.test(digits)
      ? sql`(p.kpj like ${`${digits}%`} or p.nik like ${`${digits}%`})`
      : sql`p.name ilike ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`;
  const where = sql`p.worker_id is null and not exists (select 1 from link_reviews r where r.kpj = p.kpj and r.status = 'pending') and ${search}`;
  const offset = (query.page - 1) * query.pageSize;
  const rows = await queryRows<{
    kpj: string;
    nik: string | null;
    name: string;
    birth_date: string | null;
    village_code: string | null;
    programs: string[];
    status: 'active' | 'non_active';
    paid_until: string | null;
    import_id: string;
  }>(
    db,
    sql`
      select p.kpj, p.nik, p.name, p.birth_date::text as birth_date, p.village_code, p.programs, p.status, p.paid_until, p.import_id
      from bpjs_participants p where ${where} order by p.name, p.kpj limit ${query.pageSize} offset ${offset}`,
  );
  const [{ total } = { total: 0 }] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from bpjs_participants p where ${where}`);
  if (rows.length > 0) await recordAudit(db, ctx, { action: 'read', entity: 'bpjs_participant', changes: { kpjs: rows.map((r) => r.kpj) } });
  return {
    items: rows.map((r) => ({
      id: r.kpj,
      kpj: r.kpj,
      nik: r.nik,
      name: r.name,
      birthDate: r.birth_date,
      villageCode: r.village_code,
      villageName: r.village_code ? (ctx.regions.get(r.village_code)?.name ?? null) : null,
      programs: r.programs,
      status: r.status,
      paidUntil: r.paid_until,
      importId: r.import_id,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
