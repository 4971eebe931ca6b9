/**
 * The benefit calculator over the dated rate rows in the database, and those rows themselves (an admin
 * adds one when a regulation changes; rows are never edited).
 */
import type { BenefitInput } from '../../../core/benefits.ts';
import { addDays } from '../../../core/dates.ts';
import type { BenefitEstimateDto, BenefitRateCreateInput } from '../../../core/claims.schema.ts';
import { canManageRates } from '../../../core/roles.ts';
import type { Db } from '../../db/client.ts';
import { AppError, errors } from '../../errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import { isUniqueViolation } from '../workers/workers.repo.ts';
import { estimateOrRefuse, loadBenefitRates, presentEstimate } from './benefit-rates.ts';
import { refreshAllAttention } from './claim-attention.ts';
import { findBenefitRates, insertBenefitRate } from './claims.repo.ts';

/** POST /api/benefits/estimate: what an event would pay, by the rates in force on its day. */
export async function estimate(db: Db, input: BenefitInput): Promise<BenefitEstimateDto> {
  for (const [i, child] of input.children.entries()) {
    // A child may be born after the father's death, but not years after it.
    if (child.birthDate > addYears(input.eventDate, 1)) {
      throw new AppError('validation', 'CHILD_BORN_AFTER_EVENT', 'Tanggal lahir anak lebih dari setahun sesudah tanggal kejadian. Periksa tanggalnya.', `children.${i}.birthDate`);
    }
  }
  return presentEstimate(estimateOrRefuse(input, await loadBenefitRates(db)));
}

function addYears(day: string, n: number): string {
  return `${Number(day.slice(0, 4)) + n}${day.slice(4)}`;
}

export async function listBenefitRates(db: Db) {
  const rows = await findBenefitRates(db);
  return {
    items: rows.map((row, i) => {
      const next = rows[i + 1];
      return {
        id: row.id,
        validFrom: row.validFrom,
        validUntil: next ? addDays(next.validFrom, -1) : null,
        regulation: row.regulation,
        note: row.note,
        amounts: row.amounts,
        createdAt: row.createdAt.toISOString(),
      };
    }),
  };
}

/** A new dated row of benefit amounts (admin only; audited). Two rows never start on the same day. */
export async function createBenefitRate(db: Db, ctx: AuditContext & { actor: SessionUser }, input: BenefitRateCreateInput) {
  if (!canManageRates(ctx.actor)) throw errors.forbidden('Hanya admin Disnakertrans yang dapat mencatat besaran manfaat.');
  const id = crypto.randomUUID();
  try {
    await db.transaction(async (tx) => {
      await insertBenefitRate(tx, { id, validFrom: input.validFrom, regulation: input.regulation, amounts: input.amounts, note: input.note ?? null, createdBy: ctx.actor.id });
      await recordAudit(tx, ctx, {
        action: 'create',
        entity: 'benefit_rate',
        entityId: id,
        changes: { validFrom: { before: null, after: input.validFrom }, regulation: { before: null, after: input.regulation }, amounts: { before: null, after: input.amounts } },
      });
      // Scholarship schedules of events from that day follow the new amounts.
      await refreshAllAttention(tx);
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError('conflict', 'RATE_EXISTS', `Sudah ada besaran manfaat yang berlaku mulai ${input.validFrom}. Pilih tanggal lain.`, 'validFrom');
    }
    throw err;
  }
  return listBenefitRates(db);
}
