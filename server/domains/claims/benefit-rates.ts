/** The dated benefit amounts as the calculator takes them, and the calculator's refusals as 400s. */
import { BenefitError, estimateBenefits, schoolYearLabel, type BenefitEstimate, type BenefitInput, type BenefitRates } from '../../../core/benefits.ts';
import type { BenefitEstimateDto } from '../../../core/claims.schema.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { findBenefitRates, type BenefitRateRow } from './claims.repo.ts';

/** Every rate row as the calculator takes it, oldest first. */
export async function loadBenefitRates(db: Db): Promise<BenefitRates[]> {
  return (await findBenefitRates(db)).map(toRates);
}

function toRates(row: BenefitRateRow): BenefitRates {
  return { validFrom: row.validFrom, regulation: row.regulation, ...row.amounts };
}

/** The calculator, with its refusals as 400s naming the field to fix. */
export function estimateOrRefuse(input: BenefitInput, rates: readonly BenefitRates[]): BenefitEstimate {
  try {
    return estimateBenefits(input, rates);
  } catch (err) {
    if (err instanceof BenefitError) throw new AppError('validation', err.code, err.message, err.field);
    throw err;
  }
}

/** The estimate as the API answers it: each scholarship year also written as "2026/2027". */
export function presentEstimate(estimate: BenefitEstimate): BenefitEstimateDto {
  return {
    ...estimate,
    scholarship: {
      ...estimate.scholarship,
      children: estimate.scholarship.children.map((c) => ({ ...c, schedule: c.schedule.map((y) => ({ ...y, schoolYear: schoolYearLabel(y.year) })) })),
    },
  };
}
