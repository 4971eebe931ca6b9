/**
 * Ranking villages and running an award round (in the spirit of the Paritrana Award: coverage, growth,
 * reach; official weights are unknown, so weights are the round's settings). Growth counts only
 * participants still active at the end of the period, so short enrolments cannot buy a prize.
 */
import { SettingError } from './coverage-figures.ts';
import { addDays } from './dates.ts';

export interface RankKey {
  code: string;
  name: string;
}

export interface Ranked<T> {
  item: T;
  score: number | null;
  /** Competition rank ("1, 2, 2, 4"); null for an item without a score. */
  rank: number | null;
}

/**
 * Ranks by score with competition ranking: equal scores share a rank and the next rank skips
 * ("1, 2, 2, 4"). Scores are compared exactly. Items with equal scores are listed by name (Indonesian
 * collation), then code, so the order is stable whatever the input order; items without a score
 * (e.g. no denominator) come last, unranked.
 */
export function rankWithTies<T extends RankKey>(items: readonly T[], score: (item: T) => number | null, direction: 'desc' | 'asc'): Ranked<T>[] {
  const sign = direction === 'desc' ? -1 : 1;
  const scored = items.map((item) => ({ item, score: score(item) }));
  scored.sort((a, b) => {
    if (a.score === null || b.score === null) {
      if (a.score !== b.score) return a.score === null ? 1 : -1;
    } else if (a.score !== b.score) {
      return sign * (a.score - b.score);
    }
    return a.item.name.localeCompare(b.item.name, 'id') || (a.item.code < b.item.code ? -1 : a.item.code > b.item.code ? 1 : 0);
  });
  const ranked: Ranked<T>[] = [];
  scored.forEach(({ item, score: s }, i) => {
    const previous = ranked[i - 1];
    const rank = s === null ? null : previous && previous.score === s ? previous.rank : i + 1;
    ranked.push({ item, score: s, rank });
  });
  return ranked;
}

/** A span of days (YYYY-MM-DD, inclusive) in which a participant was covered; `to` null = still covered. */
export interface ActiveSpan {
  from: string;
  to: string | null;
}

function isActiveOn(spans: readonly ActiveSpan[], day: string): boolean {
  return spans.some((s) => s.from <= day && (s.to === null || day <= s.to));
}

/**
 * Whether a participant is growth in the period `periodStart`..`periodEnd` (days, inclusive): covered
 * on `periodEnd` and not covered when the period opened (the day before `periodStart`, so an enrolment
 * starting on `periodStart` counts). Enrolled and lapsed within the period: no. Covered throughout,
 * or lapsed and back again: no (not new).
 */
export function countsTowardGrowth(spans: readonly ActiveSpan[], periodStart: string, periodEnd: string): boolean {
  if (periodEnd < periodStart) throw new RangeError(`period ends (${periodEnd}) before it starts (${periodStart})`);
  return isActiveOn(spans, periodEnd) && !isActiveOn(spans, addDays(periodStart, -1));
}

/** How many participants count toward growth in the period (see countsTowardGrowth). */
export function countGrowth(participants: readonly (readonly ActiveSpan[])[], periodStart: string, periodEnd: string): number {
  return participants.filter((spans) => countsTowardGrowth(spans, periodStart, periodEnd)).length;
}

export const AWARD_CRITERIA = ['coverage', 'growth', 'covered'] as const;
export type AwardCriterion = (typeof AWARD_CRITERIA)[number];

/** Weight of each criterion; any non-negative numbers, not all zero (they are divided by their sum). */
export type AwardCriteria = Record<AwardCriterion, number>;

export interface AwardVillage extends RankKey {
  coveragePercent: number;
  /** Participants counted by countsTowardGrowth over the round's period. */
  growth: number;
  covered: number;
}

export type AwardEntry<V extends AwardVillage> = V & {
  rank: number;
  /** Weighted score 0..100, two decimals; the rank is decided on this very number. */
  score: number;
  /** Each criterion normalised to 0..100 within the round (two decimals). */
  parts: Record<AwardCriterion, number>;
  isWinner: boolean;
};

export interface AwardResult<V extends AwardVillage> {
  entries: AwardEntry<V>[];
  /** Can exceed the number of prizes when villages tie at the cut-off (they all win). */
  winnerCount: number;
  tiedAtCutoff: boolean;
}

const VALUE_OF: Record<AwardCriterion, (v: AwardVillage) => number> = {
  coverage: (v) => v.coveragePercent,
  growth: (v) => v.growth,
  covered: (v) => v.covered,
};

/** Why a round's settings are unusable (a negative weight, all weights zero, no prize), or null. */
export function validateAwardSettings(criteria: AwardCriteria, winners: number): SettingError | null {
  for (const c of AWARD_CRITERIA) {
    if (!Number.isFinite(criteria[c]) || criteria[c] < 0) {
      return new SettingError('AWARD_WEIGHT_INVALID', `Bobot kriteria "${c}" harus angka 0 atau lebih.`, c);
    }
  }
  if (AWARD_CRITERIA.every((c) => criteria[c] === 0)) {
    return new SettingError('AWARD_WEIGHTS_ALL_ZERO', 'Setidaknya satu kriteria harus berbobot lebih dari 0.', 'criteria');
  }
  if (!Number.isInteger(winners) || winners < 1) {
    return new SettingError('AWARD_WINNERS_INVALID', 'Jumlah pemenang harus bilangan bulat 1 atau lebih.', 'winners');
  }
  return null;
}

// Two-step rounding: first drop float noise (so scores equal in exact arithmetic become the same
// double), then round to the two decimals that are shown and ranked on.
function roundScore(x: number): number {
  return Math.round(Math.round(x * 1e6) / 1e4) / 100;
}

/**
 * Ranks the villages of an award round. Each criterion is normalised min-max within the round
 * ((value − min) ÷ (max − min) × 100; everyone gets 100 when all are equal, which changes no order),
 * then weighted by weight ÷ sum of weights, so the score is 0..100. Competition ranking on the score;
 * the first `winners` ranks win, and villages tied at the cut-off all win (a name must not decide a
 * prize; `tiedAtCutoff` tells the jury). Throws SettingError on unusable settings.
 */
export function awardRound<V extends AwardVillage>(round: { villages: readonly V[]; criteria: AwardCriteria; winners: number }): AwardResult<V> {
  const problem = validateAwardSettings(round.criteria, round.winners);
  if (problem) throw problem;
  const { villages, criteria, winners } = round;
  for (const v of villages) {
    for (const c of AWARD_CRITERIA) {
      if (!Number.isFinite(VALUE_OF[c](v))) throw new RangeError(`village ${v.code}: ${c} is not a number`);
    }
  }
  const totalWeight = AWARD_CRITERIA.reduce((sum, c) => sum + criteria[c], 0);
  const bounds = Object.fromEntries(
    AWARD_CRITERIA.map((c) => {
      const values = villages.map(VALUE_OF[c]);
      return [c, { min: Math.min(...values), max: Math.max(...values) }];
    }),
  ) as Record<AwardCriterion, { min: number; max: number }>;
  const normalise = (c: AwardCriterion, value: number): number => {
    const { min, max } = bounds[c];
    return max === min ? 100 : ((value - min) / (max - min)) * 100;
  };

  const scored = villages.map((v) => {
    const raw = Object.fromEntries(AWARD_CRITERIA.map((c) => [c, normalise(c, VALUE_OF[c](v))])) as Record<AwardCriterion, number>;
    const weighted = AWARD_CRITERIA.reduce((sum, c) => sum + criteria[c] * raw[c], 0) / totalWeight;
    const parts = Object.fromEntries(AWARD_CRITERIA.map((c) => [c, roundScore(raw[c])])) as Record<AwardCriterion, number>;
    return { village: v, code: v.code, name: v.name, score: roundScore(weighted), parts };
  });

  const entries = rankWithTies(scored, (s) => s.score, 'desc').map(({ item, rank }) => ({
    ...item.village,
    rank: rank!,
    score: item.score,
    parts: item.parts,
    isWinner: rank! <= winners,
  }));
  const winnerCount = entries.filter((e) => e.isWinner).length;
  return { entries, winnerCount, tiedAtCutoff: winnerCount > winners };
}
