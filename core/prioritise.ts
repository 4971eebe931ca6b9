/**
 * Who to fund first from a limited budget: the most vulnerable uncovered workers of a village, by rules
 * the operator can change (shared/domain.md: villages fund workers aged 65 or younger, hazardous work
 * first, never those another source already pays for).
 */
import { z } from 'zod';

export const priorityRulesSchema = z.object({
  /** Older workers are left out (null: no age limit). */
  maxAge: z.number().int().min(15).max(120).nullable().default(65),
  /** Farm labour, fishing, construction … before other work (core/occupations.ts `hazardous`). */
  hazardousFirst: z.boolean().default(true),
  /** Households with dependants before single workers. */
  dependantsFirst: z.boolean().default(true),
  /** Leave out workers another source already pays for in the period (double funding is refused anyway). */
  excludeFunded: z.boolean().default(true),
  /** Leave out workers already protected for the whole period. */
  excludeCovered: z.boolean().default(true),
});
export type PriorityRules = z.infer<typeof priorityRulesSchema>;
export const DEFAULT_PRIORITY_RULES: PriorityRules = priorityRulesSchema.parse({});

export interface PriorityCandidate {
  workerId: string;
  name: string;
  age: number;
  hazardous: boolean;
  dependants: number | null;
  /** The source already paying for some month of the period, if any. */
  fundedBy: string | null;
  /** Protected (paid) for every month of the period already. */
  coveredForPeriod: boolean;
  cost: number;
}

export type PriorityReason = 'hazardous' | 'dependants' | 'older' | 'age_over_limit' | 'funded_elsewhere' | 'already_covered';

export interface RankedCandidate extends PriorityCandidate {
  eligible: boolean;
  score: number;
  reasons: PriorityReason[];
  /** Chosen within the budget, in rank order. */
  selected: boolean;
  /** Running total of the selected candidates' cost up to this one (0 when not selected). */
  cumulativeCost: number;
}

/**
 * Ranks candidates (eligible first, then by score, then older first, then by name) and selects in rank
 * order while the budget lasts; a candidate too costly for what is left is skipped, not the rest.
 */
export function rankCandidates(candidates: readonly PriorityCandidate[], rules: PriorityRules, budget: number): RankedCandidate[] {
  const scored = candidates.map((c) => {
    const reasons: PriorityReason[] = [];
    let eligible = true;
    if (rules.maxAge !== null && c.age > rules.maxAge) {
      eligible = false;
      reasons.push('age_over_limit');
    }
    if (rules.excludeFunded && c.fundedBy) {
      eligible = false;
      reasons.push('funded_elsewhere');
    }
    if (rules.excludeCovered && c.coveredForPeriod) {
      eligible = false;
      reasons.push('already_covered');
    }
    let score = 0;
    if (rules.hazardousFirst && c.hazardous) {
      score += 4;
      reasons.push('hazardous');
    }
    if (rules.dependantsFirst && (c.dependants ?? 0) > 0) {
      score += 2;
      reasons.push('dependants');
    }
    // Older workers (45+) are likelier to die or be disabled at work and less often insured.
    if (c.age >= 45) {
      score += 1;
      reasons.push('older');
    }
    return { ...c, eligible, score, reasons, selected: false, cumulativeCost: 0 };
  });
  scored.sort(
    (a, b) =>
      Number(b.eligible) - Number(a.eligible) ||
      b.score - a.score ||
      (b.dependants ?? 0) - (a.dependants ?? 0) ||
      b.age - a.age ||
      a.name.localeCompare(b.name, 'id') ||
      a.workerId.localeCompare(b.workerId),
  );
  let spent = 0;
  for (const c of scored) {
    if (!c.eligible || spent + c.cost > budget) continue;
    spent += c.cost;
    c.selected = true;
    c.cumulativeCost = spent;
  }
  return scored;
}
