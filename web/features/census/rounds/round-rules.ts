/** Pure helpers of the census round pages: who sees them, the round form and what it sends, percentages. */
import type { z } from 'zod';
import {
  CENSUS_DEFAULT_GROUPS,
  censusRoundCreateSchema,
  censusRoundPatchSchema,
  type CensusRoundDetailDto,
  type CensusRoundPatchInput,
} from '../../../../core/census.ts';
import { addDays } from '../../../../core/dates.ts';
import type { OccupationCode } from '../../../../core/occupations.ts';
import { isCensusOnlyRole, type Role } from '../../../../core/roles.ts';
import { issueMap } from '../../ucj/coverage-format.ts';

/** Everyone but enumerators (who work only in the field app) follows the rounds. */
export function canSeeCensusRounds(role: Role): boolean {
  return !isCensusOnlyRole(role);
}

/** One village of the form, with the names the table shows and its target (`''` for none). */
export interface RoundFormVillage {
  villageCode: string;
  villageName: string;
  districtCode: string;
  districtName: string;
  target: number | '';
}

export interface RoundForm {
  name: string;
  startsOn: string;
  endsOn: string;
  targetGroups: OccupationCode[];
  /** Sorted by village code, so an issue's index names the row shown at that place. */
  villages: RoundFormVillage[];
}

/** A new round: starting today for 30 days, the usual four groups, no villages yet. */
export function blankRoundForm(today: string): RoundForm {
  return { name: '', startsOn: today, endsOn: addDays(today, 30), targetGroups: [...CENSUS_DEFAULT_GROUPS], villages: [] };
}

export function roundFormOf(round: CensusRoundDetailDto): RoundForm {
  return {
    name: round.name,
    startsOn: round.startsOn,
    endsOn: round.endsOn,
    targetGroups: [...round.targetGroups],
    villages: sortVillages(round.villages.map((v) => ({ ...v, target: v.target ?? '' }))),
  };
}

function sortVillages(villages: RoundFormVillage[]): RoundFormVillage[] {
  return [...villages].sort((a, b) => a.villageCode.localeCompare(b.villageCode));
}

/** Adds villages not chosen yet; a village already in the list keeps its target. */
export function mergeVillages(current: readonly RoundFormVillage[], added: readonly RoundFormVillage[]): RoundFormVillage[] {
  const codes = new Set(current.map((v) => v.villageCode));
  return sortVillages([...current, ...added.filter((v) => !codes.has(v.villageCode))]);
}

/** Every village gets the same target (`''` removes them all). */
export function withSameTarget(villages: readonly RoundFormVillage[], target: number | ''): RoundFormVillage[] {
  return villages.map((v) => ({ ...v, target }));
}

/** Sum of the targets set; null when no village has one (as the server counts it). */
export function targetTotalOf(villages: readonly RoundFormVillage[]): number | null {
  const set = villages.filter((v) => v.target !== '');
  return set.length === 0 ? null : set.reduce((sum, v) => sum + Number(v.target), 0);
}

export function districtCountOf(villages: readonly RoundFormVillage[]): number {
  return new Set(villages.map((v) => v.districtCode)).size;
}

type RoundBody = z.input<typeof censusRoundCreateSchema>;

/** The request body of the form as typed, before validation. */
export function roundBody(form: RoundForm): RoundBody {
  return {
    name: form.name,
    startsOn: form.startsOn,
    endsOn: form.endsOn,
    targetGroups: form.targetGroups,
    villages: form.villages.map((v) => ({ villageCode: v.villageCode, target: v.target === '' ? null : v.target })),
  };
}

/**
 * The schemas' objections to the form, by field path (`name`, `endsOn`, `villages.3.target`); empty when
 * valid. The whole round is checked as a new one (so the period is checked even when one date changes);
 * an edit's patch is checked by the patch schema too.
 */
export function roundFormProblems(form: RoundForm, patch?: CensusRoundPatchInput): Record<string, string> {
  const parsed = censusRoundCreateSchema.safeParse(roundBody(form));
  if (!parsed.success) return issueMap(parsed.error.issues);
  const parsedPatch = patch ? censusRoundPatchSchema.safeParse(patch) : null;
  return parsedPatch && !parsedPatch.success ? issueMap(parsedPatch.error.issues) : {};
}

function sameVillages(a: RoundBody['villages'], b: RoundBody['villages']): boolean {
  return a.length === b.length && a.every((v, i) => v.villageCode === b[i]?.villageCode && (v.target ?? null) === (b[i]?.target ?? null));
}

/**
 * What an edit changes, and only that: the server then judges just the changed fields (a running round's
 * start date, a village with entries). `villages` is sent whole because it replaces the list.
 */
export function roundPatch(round: CensusRoundDetailDto, form: RoundForm): CensusRoundPatchInput {
  const before = roundBody(roundFormOf(round));
  const after = roundBody(form);
  const patch: CensusRoundPatchInput = {};
  if (after.name.trim() !== before.name.trim()) patch.name = after.name.trim();
  if (after.startsOn !== before.startsOn) patch.startsOn = after.startsOn;
  if (after.endsOn !== before.endsOn) patch.endsOn = after.endsOn;
  if ([...after.targetGroups].sort().join() !== [...before.targetGroups].sort().join()) patch.targetGroups = form.targetGroups;
  if (!sameVillages(after.villages, before.villages)) patch.villages = after.villages;
  return patch;
}
