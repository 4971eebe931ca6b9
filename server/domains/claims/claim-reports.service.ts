/**
 * Benefits paid, reproducible from the records (per period, programme, kind, district, village), and the
 * hand-over ceremonies with their lists of recipients. Files are audited as exports.
 */
import { randomUUID } from 'node:crypto';
import { schoolYearLabel } from '../../../core/benefits.ts';
import { CLAIM_PAYMENT_KIND_LABELS, CLAIM_TYPE_LABELS, entitledHeirs, heirRelationLabel, type ClaimPaymentKind } from '../../../core/claims.ts';
import type { ClaimTotalsDto, HandoverCreateInput, HandoverDetailDto, HandoverDto } from '../../../core/claims.schema.ts';
import { CLAIM_TOTAL_GROUPS } from '../../../core/claims.schema.ts';
import { dateLabel, monthLabel } from '../../../core/months.ts';
import { canManageHandovers, canReadRegion } from '../../../core/roles.ts';
import { isWithinRegion } from '../../../core/regions.ts';
import type { Db } from '../../db/client.ts';
import { AppError, errors } from '../../errors.ts';
import { fileNameOf, PDF_TYPE, XLSX_TYPE, type FileAnswer } from '../../http/files.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { renderHandoverPdf, renderHandoverXlsx, renderTotalsXlsx, type RecipientLine } from './claim-documents.ts';
import { countedPayments, type ClaimContext } from './claim-view.ts';
import {
  benefitTotals,
  benefitTotalsLines,
  findClaimPayments,
  findClaimWorkers,
  findClaimsByIds,
  findHandover,
  findHandoverClaimIds,
  findHandovers,
  findHeirs,
  insertHandover,
  outstandingClaims,
  paidAmounts,
  replaceHandoverClaims,
  type ClaimRow,
  type HandoverRow,
} from './claims.repo.ts';

type ClaimFile = FileAnswer;

// ---- Totals --------------------------------------------------------------------------------------

function readableRegion(ctx: ClaimContext, region: string | undefined): { code: string; name: string } {
  const code = region ?? ctx.actor.regionCode;
  const record = ctx.regions.get(code);
  if (!record) throw new AppError('validation', 'REGION_UNKNOWN', `Wilayah ${code} tidak dikenal.`, 'region');
  if (!canReadRegion(ctx.actor, code)) throw errors.forbidden('Anda hanya dapat melihat angka wilayah Anda sendiri.');
  return { code, name: record.name };
}

const PROGRAM_LABELS: Record<string, string> = { JKM: 'JKM — Jaminan Kematian', JKK: 'JKK — Jaminan Kecelakaan Kerja' };

function groupLabel(ctx: ClaimContext, by: (typeof CLAIM_TOTAL_GROUPS)[number], key: string): string {
  if (by === 'program') return PROGRAM_LABELS[key] ?? key;
  if (by === 'kind') return CLAIM_PAYMENT_KIND_LABELS[key as ClaimPaymentKind] ?? key;
  if (by === 'district' || by === 'village') return ctx.regions.get(key)?.name ?? key;
  if (by === 'month') return monthLabel(key);
  return key;
}

/** GET /api/claims/totals — benefits paid in a region and period, by one grouping; aggregates only. */
export async function claimTotals(db: Db, ctx: ClaimContext, query: { region?: string; from?: string; to?: string; by: (typeof CLAIM_TOTAL_GROUPS)[number] }): Promise<ClaimTotalsDto> {
  const region = readableRegion(ctx, query.region);
  const to = query.to ?? ctx.today;
  if (query.from && query.from > to) throw new AppError('validation', 'PERIOD_REVERSED', 'Tanggal awal tidak boleh setelah tanggal akhir.', 'from');
  const [totals, outstanding] = await Promise.all([benefitTotals(db, { regionCode: region.code, from: query.from, to }, query.by), outstandingClaims(db, region.code)]);
  return {
    region,
    from: query.from ?? null,
    to,
    by: query.by,
    total: totals.total,
    claims: totals.claims,
    payments: totals.payments,
    participants: totals.participants,
    rows: totals.rows.map((r) => ({ ...r, label: groupLabel(ctx, query.by, r.key) })),
    outstanding,
  };
}

/** Benefits paid in a region up to today (the dashboard's card): null when nothing was paid yet. */
export async function benefitsPaidIn(db: Db, regionCode: string, today: string): Promise<{ amount: number; claims: number } | null> {
  const totals = await benefitTotals(db, { regionCode, to: today }, 'program');
  return totals.payments === 0 ? null : { amount: totals.total, claims: totals.claims };
}

/** GET /api/claims/totals.xlsx — every payment line behind the total, so the published figure can be re-added. */
export async function claimTotalsXlsx(db: Db, ctx: ClaimContext, isDemo: boolean, query: { region?: string; from?: string; to?: string; by: (typeof CLAIM_TOTAL_GROUPS)[number] }): Promise<ClaimFile> {
  const totals = await claimTotals(db, ctx, query);
  const lines = await benefitTotalsLines(db, { regionCode: totals.region.code, from: totals.from ?? undefined, to: totals.to });
  const period = totals.from ? `${dateLabel(totals.from)} s.d. ${dateLabel(totals.to)}` : `sampai ${dateLabel(totals.to)}`;
  const body = await renderTotalsXlsx({
    title: `Manfaat BPJS Ketenagakerjaan yang dibayarkan — ${totals.region.name}`,
    subtitle: `Tanggal bayar ${period}; ${totals.claims} klaim, ${totals.payments} pembayaran.`,
    lines: lines.map((l) => ({
      number: l.number,
      paidOn: l.paidOn,
      program: l.program,
      kind: CLAIM_PAYMENT_KIND_LABELS[l.kind as ClaimPaymentKind] ?? l.kind,
      villageName: ctx.regions.get(l.villageCode)?.name ?? l.villageCode,
      districtName: ctx.regions.get(l.districtCode)?.name ?? l.districtCode,
      amount: l.amount,
      reference: l.reference,
    })),
    summary: totals.rows.map((r) => ({ label: r.label, amount: r.amount, claims: r.claims })),
    isDemo,
  });
  await recordAudit(db, ctx, {
    action: 'export',
    entity: 'claim_totals',
    regionCode: totals.region.code,
    changes: { from: totals.from, to: totals.to, by: totals.by, lines: lines.length, total: totals.total },
  });
  return { body, contentType: XLSX_TYPE, fileName: `${fileNameOf('manfaat-dibayar', totals.region.name, totals.to)}.xlsx` };
}

// ---- Hand-over ceremonies ------------------------------------------------------------------------

function assertCanManage(ctx: ClaimContext): void {
  if (!canManageHandovers(ctx.actor)) throw errors.forbidden('Hanya admin Disnakertrans atau petugas BPJS yang dapat menyusun acara penyerahan.');
}

/** Roles that may see who received what (names of heirs): not the dashboard viewer. */
function assertMayReadRecipients(ctx: ClaimContext): void {
  if (ctx.actor.role === 'viewer') throw errors.forbidden('Daftar penerima memuat nama ahli waris; peran Anda hanya melihat angka gabungan.');
}

function isVisible(ctx: ClaimContext, handover: HandoverRow): boolean {
  return isWithinRegion(handover.regionCode, ctx.actor.regionCode) || isWithinRegion(ctx.actor.regionCode, handover.regionCode);
}

/** Claims chosen for a ceremony: each one readable by the caller and paid. */
async function checkedClaims(db: Db, ctx: ClaimContext, ids: readonly string[]): Promise<ClaimRow[]> {
  const unique = [...new Set(ids)];
  const rows = await findClaimsByIds(db, unique);
  const readable = rows.filter((r) => canReadRegion(ctx.actor, r.villageCode));
  if (readable.length !== unique.length) throw new AppError('validation', 'CLAIM_UNKNOWN', 'Sebagian klaim yang dipilih tidak ditemukan di wilayah Anda.', 'claimIds');
  const unpaid = readable.filter((r) => r.status !== 'paid');
  if (unpaid.length > 0) {
    throw new AppError('conflict', 'CLAIM_NOT_PAID', `Hanya klaim yang sudah dibayar yang dapat diserahkan. Belum dibayar: ${unpaid.map((r) => r.number).join(', ')}.`, 'claimIds');
  }
  return readable;
}

/** One line per claim: the village, the participant, who received it, the benefit and what was paid. */
async function recipientLines(db: Db, ctx: ClaimContext, claims: readonly ClaimRow[]): Promise<(RecipientLine & { claimId: string; recipientList: { name: string; relation: string }[] })[]> {
  const [workers, heirs, payments] = await Promise.all([
    findClaimWorkers(db, claims.map((c) => c.workerId)),
    findHeirs(db, [...new Set(claims.map((c) => c.parentClaimId ?? c.id))]),
    findClaimPayments(db, claims.map((c) => c.id)),
  ]);
  return [...claims]
    .sort((a, b) => a.districtCode.localeCompare(b.districtCode) || a.villageCode.localeCompare(b.villageCode) || a.number.localeCompare(b.number))
    .map((claim) => {
      const worker = workers.get(claim.workerId)!;
      const own = heirs.filter((h) => h.claimId === (claim.parentClaimId ?? claim.id));
      let people: { name: string; relation: string }[];
      if (claim.type === 'scholarship') {
        people = own.filter((h) => h.id === claim.heirId).map((h) => ({ name: h.name, relation: heirRelationLabel(h.relation) }));
      } else if (claim.type === 'jkk_injury') {
        people = [{ name: worker.name, relation: 'Peserta' }];
      } else {
        const payees = own.filter((h) => h.isPayee);
        const chosen = payees.length > 0 ? payees : entitledHeirs(own);
        people = chosen.map((h) => ({ name: h.name, relation: heirRelationLabel(h.relation) }));
      }
      const amount = countedPayments(payments.filter((p) => p.claimId === claim.id)).reduce((s, p) => s + p.amount, 0);
      const benefit = claim.type === 'scholarship' ? `Beasiswa ${claim.schoolLevel} tahun ajaran ${schoolYearLabel(claim.schoolYear!)}` : CLAIM_TYPE_LABELS[claim.type];
      return {
        claimId: claim.id,
        claimNumber: claim.number,
        villageName: ctx.regions.get(claim.villageCode)?.name ?? claim.villageCode,
        districtName: ctx.regions.get(claim.districtCode)?.name ?? claim.districtCode,
        participantName: worker.name,
        recipients: people.map((p) => `${p.name} (${p.relation.toLowerCase()})`).join(', ') || '—',
        recipientList: people,
        benefit,
        amount,
        paidOn: claim.paidOn,
      };
    });
}

function handoverDto(row: HandoverRow, claims: number, amount: number): HandoverDto {
  return {
    id: row.id,
    name: row.name,
    heldOn: row.heldOn,
    place: row.place,
    note: row.note,
    regionCode: row.regionCode,
    claims,
    amount,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdByUsername,
  };
}

/** A ceremony's claims within the caller's region, one recipient line each. */
async function recipientsOf(db: Db, ctx: ClaimContext, handoverId: string) {
  const claimIds = (await findHandoverClaimIds(db, [handoverId])).get(handoverId) ?? [];
  const claims = (await findClaimsByIds(db, claimIds)).filter((c) => canReadRegion(ctx.actor, c.villageCode));
  return recipientLines(db, ctx, claims);
}

function detailOf(row: HandoverRow, lines: Awaited<ReturnType<typeof recipientLines>>): HandoverDetailDto {
  return {
    ...handoverDto(row, lines.length, lines.reduce((s, l) => s + l.amount, 0)),
    recipients: lines.map((l) => ({
      claimId: l.claimId,
      claimNumber: l.claimNumber,
      villageName: l.villageName,
      districtName: l.districtName,
      participantName: l.participantName,
      recipients: l.recipientList,
      benefit: l.benefit,
      amount: l.amount,
      paidOn: l.paidOn,
    })),
  };
}

/** POST /api/claims/handovers — a ceremony and the paid claims handed over at it. */
export async function createHandover(db: Db, ctx: ClaimContext, input: HandoverCreateInput): Promise<HandoverDetailDto> {
  assertCanManage(ctx);
  const claims = await checkedClaims(db, ctx, input.claimIds);
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await insertHandover(
      tx,
      { id, name: input.name, heldOn: input.heldOn, place: input.place, note: input.note ?? null, regionCode: ctx.actor.regionCode, createdBy: ctx.actor.id, createdByUsername: ctx.actor.username },
      claims.map((c) => c.id),
    );
    await recordAudit(tx, ctx, {
      action: 'create',
      entity: 'claim_handover',
      entityId: id,
      regionCode: ctx.actor.regionCode,
      changes: { name: { before: null, after: input.name }, heldOn: { before: null, after: input.heldOn }, claimIds: { before: null, after: claims.map((c) => c.id) } },
    });
  });
  return getHandover(db, ctx, id, false);
}

async function loadHandover(db: Db, ctx: ClaimContext, id: string): Promise<HandoverRow> {
  const row = await findHandover(db, id);
  if (!row || !isVisible(ctx, row)) throw errors.notFound('Acara penyerahan');
  return row;
}

/** GET /api/claims/handovers/:id — the recipients within the caller's region (audited: it names heirs). */
export async function getHandover(db: Db, ctx: ClaimContext, id: string, audit = true): Promise<HandoverDetailDto> {
  assertMayReadRecipients(ctx);
  const row = await loadHandover(db, ctx, id);
  if (audit) await recordAudit(db, ctx, { action: 'read', entity: 'claim_handover', entityId: id, regionCode: row.regionCode });
  return detailOf(row, await recipientsOf(db, ctx, id));
}

/** GET /api/claims/handovers — ceremonies made in, above or below the caller's region, newest first. */
export async function listHandovers(db: Db, ctx: ClaimContext): Promise<{ items: HandoverDto[] }> {
  assertMayReadRecipients(ctx);
  const rows = await findHandovers(db, ctx.actor.regionCode);
  // Every ceremony's claims and what was paid on them, in two queries whatever the number of ceremonies.
  const claims = await findClaimsByIds(db, [...new Set(rows.flatMap((r) => r.claimIds))]);
  const readable = new Set(claims.filter((c) => canReadRegion(ctx.actor, c.villageCode)).map((c) => c.id));
  const paid = await paidAmounts(db, [...readable], true);
  return {
    items: rows.map((row) => {
      const mine = row.claimIds.filter((id) => readable.has(id));
      return handoverDto(row, mine.length, mine.reduce((s, id) => s + (paid.get(id) ?? 0), 0));
    }),
  };
}

/** PUT /api/claims/handovers/:id/claims — the claims handed over, chosen again. */
export async function replaceHandoverSelection(db: Db, ctx: ClaimContext, id: string, claimIds: readonly string[]): Promise<HandoverDetailDto> {
  assertCanManage(ctx);
  const row = await loadHandover(db, ctx, id);
  const claims = await checkedClaims(db, ctx, claimIds);
  const before = (await findHandoverClaimIds(db, [id])).get(id) ?? [];
  await db.transaction(async (tx) => {
    await replaceHandoverClaims(tx, id, claims.map((c) => c.id));
    await recordAudit(tx, ctx, { action: 'update', entity: 'claim_handover', entityId: id, regionCode: row.regionCode, changes: { claimIds: { before, after: claims.map((c) => c.id) } } });
  });
  return getHandover(db, ctx, id, false);
}

/** GET /api/claims/handovers/:id/recipients.xlsx|pdf — the list to read out and sign at the ceremony. */
export async function handoverFile(db: Db, ctx: ClaimContext, isDemo: boolean, id: string, format: 'xlsx' | 'pdf'): Promise<ClaimFile> {
  assertMayReadRecipients(ctx);
  const row = await loadHandover(db, ctx, id);
  const lines = await recipientsOf(db, ctx, id);
  const input = { regencyName: ctx.regions.served.name, name: row.name, heldOn: row.heldOn, place: row.place, lines, printedOn: ctx.today, isDemo };
  const body = format === 'pdf' ? await renderHandoverPdf(input) : await renderHandoverXlsx(input);
  await recordAudit(db, ctx, { action: 'export', entity: 'claim_handover', entityId: id, regionCode: row.regionCode, changes: { format, recipients: lines.length } });
  return {
    body,
    contentType: format === 'pdf' ? PDF_TYPE : XLSX_TYPE,
    fileName: `${fileNameOf('penerima', row.name, row.heldOn)}.${format}`,
  };
}
