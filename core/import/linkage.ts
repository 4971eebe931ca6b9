/**
 * Record linkage: is this BPJS participant record the same person as this worker in the register?
 *
 * Pure functions, called by the import after SQL blocking (candidates sharing a birth date, a swapped
 * birth date, a NIK half, or village + birth year). NIK-exact matches are settled before and never come here.
 *
 * A wrong automatic link is far worse than a missed one: it can pay a death benefit to the wrong family or
 * stop a real participant's cover from showing. So the numeric score only ranks candidates and sets floors;
 * an automatic link additionally needs two INDEPENDENT strong evidences, checked as explicit rules in
 * `autoPath` below. Everything plausible but not that certain goes to a person (the review queue).
 */
import { compareNames, NAME_SCORES, type NameReason } from './names.ts';

export interface PersonRecord {
  nik: string | null;
  name: string;
  /** YYYY-MM-DD */
  birthDate: string | null;
  sex?: 'M' | 'F' | null;
  villageCode: string | null;
}

export type LinkReason =
  | NameReason
  | 'nik_exact'
  | 'nik_one_digit'
  | 'nik_transposed'
  | 'nik_different'
  | 'nik_missing'
  | 'birth_exact'
  | 'birth_day_month_swapped'
  | 'birth_different'
  | 'birth_missing'
  | 'village_same'
  | 'village_different'
  | 'village_missing'
  | 'sex_conflict';

export interface CandidateScore {
  /** 0..1, for ranking and thresholds; the decision also applies the rules in `decideLink`. */
  score: number;
  reasons: LinkReason[];
}

export type LinkDecision =
  | { kind: 'auto'; workerIndex: number; score: CandidateScore }
  | { kind: 'review'; candidates: { workerIndex: number; score: CandidateScore }[] /* best first, at most 3 */ }
  | { kind: 'none' };

/**
 * - `auto` 0.6: a backstop under the rules in `autoPath`, which do the real gating. The NIK-missing route
 *   scores 0.60–0.65 (name equal after folding +0.25…0.30, exact birth date +0.25, same village +0.10);
 *   the NIK-typo route with an exact birth date scores ≥ 0.65 even with a barely similar name and a moved
 *   village. The floor only bites when the typo route stacks weak points — day/month swapped, name barely
 *   similar and village different: 0.35 + 0.15 + 0.10 − 0.05 = 0.55 — and then a person should look.
 * - `review` 0.1: a plausible candidate (see `plausible`) that the other fields have pulled below this is
 *   not worth a reviewer's time, e.g. a similar name (+0.10) in the same village (+0.10) with another
 *   birth date of the same year (−0.10) and a contradicting sex (−0.20).
 * - `autoMargin` 0.15: the best must beat the runner-up by at least what a village difference is worth
 *   (0.10 + 0.05), more than a day/month swap (0.10), so two candidates equal on everything the records
 *   hold (same name, birth date and village: cousins named after one grandfather, twins) go to review.
 */
export const LINK_THRESHOLDS: Readonly<{ auto: number; review: number; autoMargin: number }> = Object.freeze({
  auto: 0.6,
  review: 0.1,
  autoMargin: 0.15,
});

/** Points per field, summed and clamped to 0..1. Exported for explanations; do not tune one without the truth-set test. */
export const LINK_WEIGHTS = Object.freeze({
  nikExact: 0.45,
  nikNear: 0.35,
  /** Both NIKs valid and more than one typo apart: very likely two people. */
  nikDifferentValid: -0.3,
  nikDifferentOther: -0.15,
  birthExact: 0.25,
  birthSwapped: 0.15,
  birthDifferentSameYear: -0.1,
  birthDifferent: -0.2,
  /** The name adds (score − 0.7), clamped to ±0.3: +0.30 exact, +0.25 variant, +0.10 at "similar", negative below 0.7. */
  nameCentre: 0.7,
  nameSpan: 0.3,
  villageSame: 0.1,
  villageDifferent: -0.05,
  sexConflict: -0.2,
});

/** Name level an automatic link through a NIK typo needs: at least `name_similar`. */
const NAME_AUTO_WITH_NIK = NAME_SCORES.similar;
/** Name level a candidate needs to be plausible enough for review. */
const NAME_REVIEW = NAME_SCORES.similar;
/** Name level enough for review when near NIK or same village already agrees with the birth date. */
const NAME_REVIEW_CORROBORATED = 0.6;
/** Equal after normalising (exact, or a folded variant such as Moh./Muhammad, H./Hj. titles, doubled letters). */
const NAME_NORMALISED_EQUAL = NAME_SCORES.variant;
/** NIK digits 7–12 (0-based 6..11) hold DDMMYY. */
const NIK_DATE_FROM = 6;
const NIK_DATE_TO = 11;

// ---------------------------------------------------------------------------------------------------
// NIK

type NikKind = 'exact' | 'one_digit' | 'transposed' | 'different';

/** One substituted digit, or two adjacent digits swapped. Different lengths are `different`. */
export function nikDistance(a: string, b: string): NikKind {
  return nikDiff(a, b).kind;
}

interface NikDiff {
  kind: NikKind;
  /** First and last differing positions (0-based), -1 when exact. */
  from: number;
  to: number;
}

function nikDiff(a: string, b: string): NikDiff {
  if (a.length !== b.length) return { kind: 'different', from: 0, to: Math.max(a.length, b.length) - 1 };
  let first = -1;
  let second = -1;
  let count = 0;
  for (let i = 0; i < a.length; i++) {
    if (a.charCodeAt(i) === b.charCodeAt(i)) continue;
    count++;
    if (count === 1) first = i;
    else if (count === 2) second = i;
    else return { kind: 'different', from: first, to: i };
  }
  if (count === 0) return { kind: 'exact', from: -1, to: -1 };
  if (count === 1) return { kind: 'one_digit', from: first, to: first };
  if (second === first + 1 && a[first] === b[second] && a[second] === b[first]) return { kind: 'transposed', from: first, to: second };
  return { kind: 'different', from: first, to: second };
}

// ---------------------------------------------------------------------------------------------------
// Prepared records: parsed once per record, not once per pair.

interface Birth {
  y: number;
  m: number;
  d: number;
}

interface NikDate {
  day: number;
  month: number;
  yy: number;
  sex: 'M' | 'F';
}

interface Prepared {
  record: PersonRecord;
  /** 16 digits, or null (absent, `0`, wrong length: all treated as missing). */
  nik: string | null;
  /** `nikIsValid`: a real birth date, serial not 0000. Only a valid NIK can belong to another real person. */
  nikValid: boolean;
  /** What the NIK encodes, even when the date is not a real one (a typo'd day may still be informative). */
  nikDate: NikDate | null;
  birth: Birth | null;
  /** Declared sex, or derived from the NIK when absent (day > 40 = female). */
  sex: 'M' | 'F' | null;
  declaredSex: 'M' | 'F' | null;
  village: string | null;
}

function prepare(record: PersonRecord): Prepared {
  const nik = cleanNik(record.nik);
  let nikDate: NikDate | null = null;
  if (nik !== null) {
    const rawDay = twoDigits(nik, 6);
    nikDate = { day: rawDay > 40 ? rawDay - 40 : rawDay, month: twoDigits(nik, 8), yy: twoDigits(nik, 10), sex: rawDay > 40 ? 'F' : 'M' };
  }
  const declaredSex = record.sex ?? null;
  return {
    record,
    nik,
    nikValid: nik !== null && nikIsValid(nik),
    nikDate,
    birth: parseIsoDate(record.birthDate),
    declaredSex,
    sex: declaredSex ?? nikDate?.sex ?? null,
    village: record.villageCode || null,
  };
}

/**
 * `parseNik(nik).ok` (core/nik.ts) without region lookups and messages, for the hot loop: 16 digits, a real
 * calendar date in either century (day 1–31 for men, 41–71 for women), serial not 0000. Only a valid NIK
 * can belong to another real person. linkage.test.ts checks it agrees with parseNik.
 */
export function nikIsValid(nik: string): boolean {
  if (cleanNik(nik) !== nik) return false;
  const rawDay = twoDigits(nik, 6);
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  const month = twoDigits(nik, 8);
  return (
    ((rawDay >= 1 && rawDay <= 31) || (rawDay >= 41 && rawDay <= 71)) &&
    month >= 1 &&
    month <= 12 &&
    day <= maxDay(month, twoDigits(nik, 10)) &&
    !nik.endsWith('0000')
  );
}

/** 16 digits after removing what people type around a NIK; anything else (null, `0`, 15 digits) is missing. */
function cleanNik(raw: string | null): string | null {
  if (raw === null || raw === undefined) return null;
  const nik = raw.length === 16 ? raw : raw.replace(/[\s.\-']/g, '');
  if (nik.length !== 16) return null;
  for (let i = 0; i < 16; i++) {
    const c = nik.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return nik;
}

function twoDigits(s: string, at: number): number {
  return (s.charCodeAt(at) - 48) * 10 + (s.charCodeAt(at + 1) - 48);
}

/** Days in a month when the century is unknown: 29 February exists if it does in either century (yy % 4 = 0; 2000 was leap). */
function maxDay(month: number, yy: number): number {
  if (month === 2) return yy % 4 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function parseIsoDate(value: string | null): Birth | null {
  if (!value || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return null;
  for (const at of DATE_DIGITS) {
    const c = value.charCodeAt(at);
    if (c < 48 || c > 57) return null;
  }
  const m = twoDigits(value, 5);
  const d = twoDigits(value, 8);
  return m >= 1 && m <= 12 && d >= 1 && d <= 31 ? { y: twoDigits(value, 0) * 100 + twoDigits(value, 2), m, d } : null;
}
const DATE_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9];

type BirthKind = 'exact' | 'swapped' | 'different_same_year' | 'different' | 'missing';

function compareBirth(a: Birth | null, b: Birth | null): BirthKind {
  if (!a || !b) return 'missing';
  if (a.y === b.y && a.m === b.m && a.d === b.d) return 'exact';
  if (a.y === b.y && a.d === b.m && a.m === b.d) return 'swapped'; // only possible when both ≤ 12 and d ≠ m
  return a.y === b.y ? 'different_same_year' : 'different';
}

/** The NIK encodes this birth date (exactly, or with day and month swapped in the declared date) and, if declared, this sex. */
function nikAgreesWith(nikDate: NikDate | null, birth: Birth | null, declaredSex: 'M' | 'F' | null): boolean {
  if (!nikDate || !birth || birth.y % 100 !== nikDate.yy) return false;
  const dateOk = (birth.m === nikDate.month && birth.d === nikDate.day) || (birth.d === nikDate.month && birth.m === nikDate.day);
  return dateOk && (declaredSex === null || declaredSex === nikDate.sex);
}

// ---------------------------------------------------------------------------------------------------
// Scoring one pair

interface Evaluation extends CandidateScore {
  nik: NikKind | 'missing';
  /** The NIK difference lies wholly inside the DDMMYY digits. */
  nikDiffInDate: boolean;
  bothNikValid: boolean;
  /** At least one of the two NIKs encodes the other record's declared birth date and sex. */
  nikEncodedAgrees: boolean;
  birth: BirthKind;
  name: number;
  village: 'same' | 'different' | 'missing';
  sexConflict: boolean;
}

function evaluate(p: Prepared, w: Prepared): Evaluation {
  const reasons: LinkReason[] = [];
  const W = LINK_WEIGHTS;
  let total = 0;

  let nik: Evaluation['nik'] = 'missing';
  let nikDiffInDate = false;
  const bothNikValid = p.nikValid && w.nikValid;
  if (p.nik && w.nik) {
    const diff = nikDiff(p.nik, w.nik);
    nik = diff.kind;
    nikDiffInDate = diff.from >= NIK_DATE_FROM && diff.to <= NIK_DATE_TO;
    if (nik === 'exact') total += W.nikExact;
    else if (nik === 'different') total += bothNikValid ? W.nikDifferentValid : W.nikDifferentOther;
    else total += W.nikNear;
  }
  reasons.push(nik === 'exact' ? 'nik_exact' : nik === 'one_digit' ? 'nik_one_digit' : nik === 'transposed' ? 'nik_transposed' : nik === 'different' ? 'nik_different' : 'nik_missing');

  const birth = compareBirth(p.birth, w.birth);
  if (birth === 'exact') total += W.birthExact;
  else if (birth === 'swapped') total += W.birthSwapped;
  else if (birth === 'different_same_year') total += W.birthDifferentSameYear;
  else if (birth === 'different') total += W.birthDifferent;
  reasons.push(birth === 'exact' ? 'birth_exact' : birth === 'swapped' ? 'birth_day_month_swapped' : birth === 'missing' ? 'birth_missing' : 'birth_different');

  const name = compareNames(p.record.name, w.record.name);
  total += Math.max(-W.nameSpan, Math.min(W.nameSpan, name.score - W.nameCentre));
  reasons.push(...name.reasons);

  const village = !p.village || !w.village ? 'missing' : p.village === w.village ? 'same' : 'different';
  if (village === 'same') total += W.villageSame;
  else if (village === 'different') total += W.villageDifferent; // people move; the BPJS address is often old
  reasons.push(village === 'same' ? 'village_same' : village === 'different' ? 'village_different' : 'village_missing');

  const sexConflict = p.sex !== null && w.sex !== null && p.sex !== w.sex;
  if (sexConflict) {
    total += W.sexConflict;
    reasons.push('sex_conflict');
  }

  const nikEncodedAgrees = nikAgreesWith(w.nikDate, p.birth, p.declaredSex) || nikAgreesWith(p.nikDate, w.birth, w.declaredSex);
  return {
    score: Math.round(Math.max(0, Math.min(1, total)) * 1000) / 1000,
    reasons,
    nik,
    nikDiffInDate,
    bothNikValid,
    nikEncodedAgrees,
    birth,
    name: name.score,
    village,
    sexConflict,
  };
}

/** Score one participant/worker pair. Ranking and explanation only: the decision is `decideLink`'s. */
export function scoreCandidate(participant: PersonRecord, worker: PersonRecord): CandidateScore {
  const e = evaluate(prepare(participant), prepare(worker));
  return { score: e.score, reasons: e.reasons };
}

// ---------------------------------------------------------------------------------------------------
// Rules

/**
 * Which of the two auto-link routes a candidate satisfies on its own (the block-level conditions —
 * margin over the runner-up, no other similar name — are checked in decideLink). Null: review at most.
 */
function autoPath(e: Evaluation): 'nik_typo' | 'no_nik' | null {
  // A sex conflict is either a different person or a record error: a person must look.
  if (e.sexConflict) return null;

  // Route 1 — NIK within one typo AND birth date exact or day/month swapped AND name at least similar.
  if (e.nik === 'one_digit' || e.nik === 'transposed') {
    if (e.birth !== 'exact' && e.birth !== 'swapped') return null;
    if (e.name < NAME_AUTO_WITH_NIK) return null;
    // The NIK-encoded birth date/sex must agree: at least one of the two NIKs (the right one) encodes the
    // other record's birth date and sex. If neither does, review at most.
    if (!e.nikEncodedAgrees) return null;
    // WHERE the typo is matters. Two different people born the same day in the same district get NIKs
    // that differ only in the serial (…0001 / …0002: one digit), and people born the same day in two
    // districts whose codes differ by one digit both commonly get serial 0001. So a difference in the
    // region or serial digits, between two valid NIKs, is exactly what a namesake cousin or a twin looks
    // like: review. A difference inside the DDMMYY digits, with both declared birth dates agreeing, can
    // only be a typo (a real other person's NIK encodes their own birth date) — and so can any difference
    // when one NIK is not even a valid NIK.
    if (!e.nikDiffInDate && e.bothNikValid) return null;
    return 'nik_typo';
  }

  // Route 2 — NIK missing (on either record) AND exact normalised name AND exact birth date AND same
  // village. (Plus, in decideLink: no other candidate in the block with a similar name.)
  if (e.nik === 'missing') {
    if (e.name >= NAME_NORMALISED_EQUAL && e.birth === 'exact' && e.village === 'same') return 'no_nik';
    return null;
  }

  // `different`: two valid NIKs that differ by more than one typo are two people. `exact` never comes here.
  return null;
}

/**
 * Worth a reviewer's look: a similar name and one of near NIK, exact or swapped birth date, or same
 * village with the same birth year. With the birth date and a near NIK or the village already agreeing, a
 * name down to 0.6 will do (one mistyped letter can cost more than that after folding). Two valid NIKs
 * that differ (two people, normally) are plausible only when everything else is identical: same
 * normalised name, same birth date, not different villages.
 */
function plausible(e: Evaluation): boolean {
  if (e.score < LINK_THRESHOLDS.review) return false;
  if (e.nik === 'different' && e.bothNikValid) {
    return e.name >= NAME_NORMALISED_EQUAL && e.birth === 'exact' && e.village !== 'different';
  }
  // When two other fields already agree, a name mangled by a typo (`Hlsanah`, `Salmth`) is still worth a look.
  const birthAgrees = e.birth === 'exact' || e.birth === 'swapped';
  const nikNear = e.nik === 'one_digit' || e.nik === 'transposed';
  if (e.name >= NAME_REVIEW_CORROBORATED && birthAgrees && (nikNear || e.village === 'same')) return true;
  if (e.name < NAME_REVIEW) return false;
  return (
    e.nik === 'one_digit' ||
    e.nik === 'transposed' ||
    e.birth === 'exact' ||
    e.birth === 'swapped' ||
    (e.village === 'same' && e.birth === 'different_same_year')
  );
}

/**
 * Decide for one participant among the workers the blocking produced for it.
 *  - auto: the best candidate satisfies an auto route (`autoPath`), scores ≥ LINK_THRESHOLDS.auto, and
 *    beats the runner-up by ≥ autoMargin; on the no-NIK route also no other candidate has a similar name.
 *  - review: the plausible candidates, best first, at most 3.
 *  - none: nothing plausible.
 */
export function decideLink(participant: PersonRecord, candidates: PersonRecord[]): LinkDecision {
  if (candidates.length === 0) return { kind: 'none' };
  const p = prepare(participant);
  const evaluations = candidates.map((c, workerIndex) => ({ workerIndex, e: evaluate(p, prepare(c)) }));
  evaluations.sort((a, b) => b.e.score - a.e.score || a.workerIndex - b.workerIndex);

  const best = evaluations[0]!;
  const runnerUp = evaluations[1];
  const path = autoPath(best.e);
  if (path && best.e.score >= LINK_THRESHOLDS.auto) {
    // Two candidates close in score are two people the records cannot tell apart (twins, cousins named
    // after one grandfather): a person decides.
    const margin = best.e.score - (runnerUp?.e.score ?? 0);
    // Without a NIK the name is the main identifier: any other similar name in the block means review.
    const otherSimilarName = path === 'no_nik' && evaluations.some((x) => x !== best && x.e.name >= NAME_SCORES.similar);
    if (margin >= LINK_THRESHOLDS.autoMargin - 1e-9 && !otherSimilarName) {
      return { kind: 'auto', workerIndex: best.workerIndex, score: publicScore(best.e) };
    }
  }

  const review = evaluations
    .filter((x) => plausible(x.e))
    .slice(0, 3)
    .map((x) => ({ workerIndex: x.workerIndex, score: publicScore(x.e) }));
  return review.length > 0 ? { kind: 'review', candidates: review } : { kind: 'none' };
}

function publicScore(e: Evaluation): CandidateScore {
  return { score: e.score, reasons: e.reasons };
}
