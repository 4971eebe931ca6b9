/**
 * Coverage figures (UCJ): counts and percentages per region and date, trend, targets and projection,
 * the village leaderboard and award rounds, the public (suppressed) figures and the Paritrana summary.
 * Aggregates only: any logged-in role may read any region of this installation (the same figures,
 * suppressed, are public); settings, targets, denominators and award rounds are the admin's.
 *
 * A date's figures are those of its month (premiums are paid per month): a worker is covered when JKK
 * and JKM are both paid for that month, in grace when within the grace months after the last paid
 * month, lapsed after; a participation ended during the month no longer counts for it. "Workers" is the
 * register as it stands (workers not deleted and not deceased), the same denominator for every month of a trend.
 */
import { randomUUID } from 'node:crypto';
import { awardRound, rankWithTies } from '../../../core/awards.ts';
import type {
  AwardRoundDto,
  BreakdownResponse,
  CoverageResponse,
  CoverageRow,
  CoverageSettings,
  HeadlineResponse,
  LeaderboardResponse,
  LeaderboardRow,
  PeriodInfo,
  Target,
  TrendResponse,
} from '../../../core/coverage.schema.ts';
import {
  AGE_BANDS,
  categoryOf,
  coveragePercent,
  DEFAULT_CATEGORY_THRESHOLDS,
  MIN_PUBLIC_COUNT,
  SettingError,
  suppressSmall,
  validateCategoryThresholds,
} from '../../../core/coverage-figures.ts';
import { FUNDING_KIND_LABELS, type FundingKind } from '../../../core/funding.ts';
import { addDays } from '../../../core/dates.ts';
import { addMonths, monthOf } from '../../../core/months.ts';
import { OCCUPATIONS, occupationLabel } from '../../../core/occupations.ts';
import { parsePeriod, PeriodError } from '../../../core/periods.ts';
import { graceMonthsIn } from '../../../core/premiums.ts';
import { canReadRegion } from '../../../core/roles.ts';
import {
  coveredNeeded,
  interpolateTarget,
  monthTargetReached,
  NATIONAL_TARGET_PATH,
  NATIONAL_TARGET_SOURCE,
  netRatePerMonth,
  requiredNetPerMonth,
} from '../../../core/projection.ts';
import { REGION_LEVELS, type RegionLevel } from '../../../core/regions.ts';
import type { Db } from '../../db/client.ts';
import { AppError, errors } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import { benefitsPaidIn } from '../claims/claim-reports.service.ts';
import { findGraceRules } from '../premiums/premiums.repo.ts';
import type { RegionDirectory } from '../regions/region-directory.ts';
import type { RegionRecord } from '../regions/region-source.ts';
import {
  breakdownCells,
  countLapsingBetween,
  countsByArea,
  deleteDenominator,
  deleteTarget,
  findAwardRound,
  findAwardRounds,
  findDenominators,
  findSetting,
  findTargets,
  growthByVillage,
  insertAwardRound,
  monthlyDeltas,
  protectedBySource,
  saveSetting,
  upsertDenominator,
  upsertTarget,
  ZERO_COUNTS,
  type AwardRoundRow,
  type DenominatorRow,
  type StatusCounts,
} from './coverage.repo.ts';

export interface CoverageContext {
  /** null on the public page. */
  actor: SessionUser | null;
  requestId?: string;
  today: string;
  regions: RegionDirectory;
}

const CODE_LENGTH: Record<RegionLevel, number> = { province: 2, regency: 5, district: 8, village: 13 };
const SETTINGS_KEY = 'coverage';
export const DEFAULT_COVERAGE_SETTINGS: CoverageSettings = { thresholds: DEFAULT_CATEGORY_THRESHOLDS, categoryBasis: 'register', projectionMonths: 6 };
/** Occupations counted by the Paritrana indicator "non-civil-servant government and election workers". */
export const GOVERNMENT_OCCUPATIONS = ['government_non_asn', 'election_worker'] as const;

// ---- Regions and settings --------------------------------------------------------------------------

/** The region asked for (default: the user's own, or the installation's on the public page). */
export function resolveRegion(ctx: CoverageContext, code: string | undefined): RegionRecord {
  const wanted = code ?? ctx.actor?.regionCode ?? ctx.regions.servedCode;
  const record = ctx.regions.get(wanted);
  if (!record || !ctx.regions.isServed(wanted)) {
    throw new AppError('validation', 'REGION_UNKNOWN', `Wilayah ${wanted} tidak dikenal atau di luar wilayah layanan ${ctx.regions.served.name}.`, 'region');
  }
  return record;
}

function assertAdmin(ctx: CoverageContext): SessionUser {
  if (ctx.actor?.role !== 'admin') throw errors.forbidden('Hanya admin Disnakertrans yang dapat mengubah pengaturan cakupan, target, penyebut dan putaran penghargaan.');
  return ctx.actor;
}

export async function getSettings(db: Db): Promise<CoverageSettings> {
  return { ...DEFAULT_COVERAGE_SETTINGS, ...((await findSetting<Partial<CoverageSettings>>(db, SETTINGS_KEY)) ?? {}) };
}

/** A threshold problem names low, medium or high: the field of the form is thresholds.<that>. */
function thresholdError(err: SettingError): AppError {
  return new AppError('validation', err.code, err.message, err.field ? `thresholds.${err.field}` : 'thresholds');
}

export async function putSettings(db: Db, ctx: CoverageContext, input: CoverageSettings): Promise<CoverageSettings> {
  const actor = assertAdmin(ctx);
  const problem = validateCategoryThresholds(input.thresholds);
  if (problem) throw thresholdError(problem);
  await db.transaction(async (tx) => {
    const before = await getSettings(tx);
    await saveSetting(tx, SETTINGS_KEY, input, actor.id);
    await recordAudit(tx, ctx, { action: 'update', entity: 'coverage_settings', entityId: SETTINGS_KEY, regionCode: ctx.regions.servedCode, changes: { before, after: input } });
  });
  return getSettings(db);
}

// ---- Rows ------------------------------------------------------------------------------------------

/** The latest official denominator of each region for a year (or an earlier year when none yet). */
function officialFor(denominators: readonly DenominatorRow[], regionCode: string, year: number): DenominatorRow | null {
  return denominators.filter((d) => d.regionCode === regionCode && d.year <= year).sort((a, b) => b.year - a.year)[0] ?? null;
}

function buildRow(record: RegionRecord, counts: StatusCounts, official: DenominatorRow | null, settings: CoverageSettings): CoverageRow {
  const coverageRegister = coveragePercent(counts.covered, counts.workers);
  const coverageOfficial = official ? coveragePercent(counts.covered, official.value) : null;
  const { enrolled, ...shown } = counts;
  return {
    code: record.code,
    name: record.name,
    level: record.level,
    ...shown,
    notEnrolled: Math.max(0, counts.workers - counts.covered - counts.grace - counts.lapsed),
    neverEnrolled: Math.max(0, counts.workers - enrolled),
    coverageRegister,
    coverageOfficial,
    official: official ? { value: official.value, source: official.source, year: official.year } : null,
    category: categoryOf(settings.categoryBasis === 'official' ? coverageOfficial : coverageRegister, settings.thresholds),
  };
}

function childLevel(level: RegionLevel): RegionLevel {
  return REGION_LEVELS[Math.min(REGION_LEVELS.indexOf(level) + 1, REGION_LEVELS.length - 1)]!;
}

function denominatorNotes(region: CoverageRow): { register: string; official: string } {
  return {
    register: `Pekerja informal yang tercatat di register Jaring (${region.workers.toLocaleString('id-ID')} orang, tidak termasuk data yang dihapus).`,
    official: region.official
      ? `${region.official.source} (${region.official.year}): ${region.official.value.toLocaleString('id-ID')} pekerja.`
      : 'Belum ada penyebut resmi untuk wilayah ini; admin dapat mengisinya di Target & penyebut.',
  };
}

export async function getCoverage(db: Db, ctx: CoverageContext, query: { region?: string; date?: string; by?: 'district' | 'village' }): Promise<CoverageResponse> {
  const region = resolveRegion(ctx, query.region);
  const date = query.date ?? ctx.today;
  const month = monthOf(date);
  const by = query.by ?? null;
  const wanted: RegionLevel = by ?? childLevel(region.level);
  // Rows one level down or deeper; asked for a level at or above the region (a village by district), the region itself.
  const level = REGION_LEVELS.indexOf(wanted) > REGION_LEVELS.indexOf(region.level) ? wanted : region.level;
  const settings = await getSettings(db);
  const children = level === region.level ? [region] : ctx.regions.within(region.code, level);
  const [perArea, denominators] = await Promise.all([countsByArea(db, region.code, month, CODE_LENGTH[level]), findDenominators(db)]);
  // The areas partition the region: its counts are their sum (one read of the deltas, not two).
  const totals = { ...ZERO_COUNTS };
  for (const counts of perArea.values()) for (const key of Object.keys(totals) as (keyof StatusCounts)[]) totals[key] += counts[key];
  const year = Number(date.slice(0, 4));
  const regionRow = buildRow(region, totals, officialFor(denominators, region.code, year), settings);
  return {
    date,
    month,
    region: regionRow,
    by,
    rows: children.map((c) => buildRow(c, perArea.get(c.code) ?? ZERO_COUNTS, officialFor(denominators, c.code, year), settings)),
    denominators: denominatorNotes(regionRow),
    categoryBasis: settings.categoryBasis,
    thresholds: settings.thresholds,
  };
}

export async function getHeadline(db: Db, ctx: CoverageContext, query: { region?: string }): Promise<HeadlineResponse> {
  const region = resolveRegion(ctx, query.region);
  const { region: row } = await getCoverage(db, ctx, { region: region.code, date: ctx.today });
  const until = addDays(ctx.today, 30);
  const grace = graceMonthsIn(await findGraceRules(db), monthOf(ctx.today));
  return {
    date: ctx.today,
    region: row,
    uncovered: row.workers - row.covered,
    lapsingWithin30Days: await countLapsingBetween(db, region.code, ctx.today, until, grace),
    // Every benefit paid to families in the region (net of corrections); null before the first payment,
    // and for a region outside the caller's scope (its claims totals are refused to them too).
    benefitsPaid: ctx.actor && canReadRegion(ctx.actor, region.code) ? await benefitsPaidIn(db, region.code, ctx.today) : null,
  };
}

function emptyBreakdownRow(key: string, label: string) {
  return { key, label, workers: 0, covered: 0, grace: 0, lapsed: 0, coverageRegister: null as number | null };
}

export async function getBreakdown(db: Db, ctx: CoverageContext, query: { region?: string; date?: string }): Promise<BreakdownResponse> {
  const region = resolveRegion(ctx, query.region);
  // Cells by occupation, sex and age of a small village can single people out: the caller's own region only.
  if (ctx.actor && !canReadRegion(ctx.actor, region.code)) throw errors.forbidden('Rincian per pekerjaan, jenis kelamin dan umur hanya tersedia untuk wilayah Anda sendiri.');
  const date = query.date ?? ctx.today;
  const [cells, bySource] = await Promise.all([breakdownCells(db, region.code, date), protectedBySource(db, region.code, monthOf(date))]);
  const occupation = new Map(OCCUPATIONS.map((o) => [o.code as string, emptyBreakdownRow(o.code, o.id)]));
  const sex = new Map([
    ['M', emptyBreakdownRow('M', 'Laki-laki')],
    ['F', emptyBreakdownRow('F', 'Perempuan')],
  ]);
  const ageBand = new Map([...AGE_BANDS.map((b) => [b.key as string, emptyBreakdownRow(b.key, `${b.key} tahun`)] as const), ['under-15', emptyBreakdownRow('under-15', 'Di bawah 15 tahun')]]);
  for (const cell of cells) {
    const targets = [
      occupation.get(cell.occupation) ?? occupation.set(cell.occupation, emptyBreakdownRow(cell.occupation, occupationLabel(cell.occupation))).get(cell.occupation)!,
      sex.get(cell.sex),
      ageBand.get(cell.band),
    ];
    for (const row of targets) {
      if (!row) continue;
      row.workers += cell.n;
      if (cell.status) row[cell.status] += cell.n;
    }
  }
  const finish = (rows: Iterable<ReturnType<typeof emptyBreakdownRow>>) =>
    [...rows].filter((r) => r.workers > 0).map((r) => ({ ...r, coverageRegister: coveragePercent(r.covered, r.workers) }));
  const sources = new Map<string, { key: string; label: string; covered: number; grace: number }>();
  for (const s of bySource) {
    const entry = sources.get(s.kind) ?? { key: s.kind, label: FUNDING_KIND_LABELS[s.kind as FundingKind]?.id ?? s.kind, covered: 0, grace: 0 };
    entry[s.status] += s.n;
    sources.set(s.kind, entry);
  }
  return {
    date,
    region: { code: region.code, name: region.name },
    occupation: finish(occupation.values()).sort((a, b) => b.workers - a.workers),
    sex: finish(sex.values()),
    ageBand: finish(ageBand.values()).sort((a, b) => (a.key === 'under-15' ? -1 : b.key === 'under-15' ? 1 : a.key.localeCompare(b.key))),
    fundingSource: [...sources.values()].sort((a, b) => b.covered - a.covered),
  };
}

// ---- Trend, targets, projection --------------------------------------------------------------------

interface MonthCounts extends StatusCounts {
  month: string;
}

/** Counts of every month from the first month with protection data up to `lastMonth`. */
export async function monthlyCounts(db: Db, regionCode: string, lastMonth: string): Promise<MonthCounts[]> {
  const deltas = await monthlyDeltas(db, regionCode);
  const registered = deltas.filter((d) => d.status === 'registered').reduce((sum, d) => sum + d.delta, 0);
  const dated = deltas.filter((d) => d.status !== 'registered');
  const first = dated[0]?.month;
  const start = first && first < lastMonth ? first : lastMonth;
  const running = { enrolled: 0, covered: 0, grace: 0, lapsed: 0 };
  const out: MonthCounts[] = [];
  let i = 0;
  for (let month = start; month <= lastMonth; month = addMonths(month, 1)) {
    for (; i < dated.length && dated[i]!.month <= month; i += 1) running[dated[i]!.status as keyof typeof running] += dated[i]!.delta;
    out.push({ month, workers: registered, ...running });
  }
  return out;
}

function presentTarget(row: { regionCode: string; year: number; percent: number; basis: 'register' | 'official'; note: string | null }): Target {
  return { regionCode: row.regionCode, year: row.year, percent: Number(row.percent), basis: row.basis, note: row.note };
}

export async function getTrend(db: Db, ctx: CoverageContext, query: { region?: string }): Promise<TrendResponse> {
  const region = resolveRegion(ctx, query.region);
  const currentMonth = monthOf(ctx.today);
  const [counts, denominators, targetRows, settings] = await Promise.all([
    monthlyCounts(db, region.code, currentMonth),
    findDenominators(db, [region.code]),
    findTargets(db, [region.code]),
    getSettings(db),
  ]);
  const months = counts.map((c) => {
    const official = officialFor(denominators, region.code, Number(c.month.slice(0, 4)));
    return {
      month: c.month,
      workers: c.workers,
      covered: c.covered,
      grace: c.grace,
      lapsed: c.lapsed,
      coverageRegister: coveragePercent(c.covered, c.workers),
      coverageOfficial: official ? coveragePercent(c.covered, official.value) : null,
    };
  });
  const targets = targetRows.map(presentTarget);
  const firstYear = Number((months[0]?.month ?? currentMonth).slice(0, 4));
  const lastYear = Math.max(Number(currentMonth.slice(0, 4)), ...targets.map((t) => t.year));
  const national = [];
  for (let year = firstYear; year <= lastYear; year += 1) {
    const percent = interpolateTarget(NATIONAL_TARGET_PATH, year);
    if (percent !== null) national.push({ year, percent: Math.round(percent * 100) / 100 });
  }
  return {
    region: { code: region.code, name: region.name },
    months,
    targets,
    national: { source: NATIONAL_TARGET_SOURCE, points: national },
    projection: project(months, targets, denominators, region.code, currentMonth, settings.projectionMonths),
  };
}

/** Where the trend leads: the next target (this year's or later), when it is reached at the recent pace, and what it takes. */
function project(
  months: readonly { month: string; workers: number; covered: number }[],
  targets: readonly Target[],
  denominators: readonly DenominatorRow[],
  regionCode: string,
  currentMonth: string,
  lastMonths: number,
): TrendResponse['projection'] {
  const currentYear = Number(currentMonth.slice(0, 4));
  const target = targets.filter((t) => t.year >= currentYear).sort((a, b) => a.year - b.year)[0];
  const now = months.at(-1);
  if (!target || !now) return null;
  const denominator = target.basis === 'register' ? now.workers : (officialFor(denominators, regionCode, target.year)?.value ?? 0);
  if (denominator === 0) return null;
  const ratePerMonth = netRatePerMonth(months, lastMonths);
  const input = { currentMonth, covered: now.covered, denominator, targetPercent: target.percent };
  const monthReached = monthTargetReached({ ...input, ratePerMonth });
  const targetMonth = `${target.year}-12`;
  const pathEnd = monthReached && monthReached !== 'already' && monthReached > targetMonth ? monthReached : targetMonth;
  const path = [];
  if (ratePerMonth !== null) {
    // Capped at ten years ahead: beyond that a straight line says nothing.
    for (let k = 1, month = addMonths(currentMonth, 1); month <= pathEnd && k <= 120; k += 1, month = addMonths(month, 1)) {
      const covered = Math.max(0, Math.round(now.covered + ratePerMonth * k));
      path.push({ month, covered, percent: coveragePercent(covered, denominator) });
    }
  }
  return {
    basis: target.basis,
    denominator,
    targetYear: target.year,
    targetPercent: target.percent,
    targetCovered: coveredNeeded(denominator, target.percent),
    lastMonths,
    ratePerMonth: ratePerMonth === null ? null : Math.round(ratePerMonth * 10) / 10,
    monthReached,
    requiredPerMonth: requiredNetPerMonth({ ...input, targetMonth }),
    path,
  };
}

export async function listTargets(db: Db, ctx: CoverageContext, query: { region?: string }): Promise<{ items: Target[] }> {
  const codes = query.region ? [resolveRegion(ctx, query.region).code] : undefined;
  return { items: (await findTargets(db, codes)).map(presentTarget) };
}

export async function putTarget(db: Db, ctx: CoverageContext, regionCode: string, year: number, input: { percent: number; basis: 'register' | 'official'; note?: string }): Promise<Target> {
  const actor = assertAdmin(ctx);
  const region = resolveRegion(ctx, regionCode);
  const row = { regionCode: region.code, year, percent: input.percent, basis: input.basis, note: input.note || null, updatedBy: actor.id };
  await db.transaction(async (tx) => {
    const before = (await findTargets(tx, [region.code])).find((t) => t.year === year);
    await upsertTarget(tx, row);
    await recordAudit(tx, ctx, {
      action: before ? 'update' : 'create',
      entity: 'coverage_target',
      entityId: `${region.code}/${year}`,
      regionCode: region.code,
      changes: { before: before ? presentTarget(before) : null, after: presentTarget(row) },
    });
  });
  return presentTarget(row);
}

export async function removeTarget(db: Db, ctx: CoverageContext, regionCode: string, year: number): Promise<void> {
  assertAdmin(ctx);
  await db.transaction(async (tx) => {
    const removed = await deleteTarget(tx, regionCode, year);
    if (!removed) throw errors.notFound(`Target ${regionCode} tahun ${year}`);
    await recordAudit(tx, ctx, { action: 'delete', entity: 'coverage_target', entityId: `${regionCode}/${year}`, regionCode, changes: { before: presentTarget(removed) } });
  });
}

function presentDenominator(ctx: CoverageContext, row: DenominatorRow) {
  return {
    regionCode: row.regionCode,
    regionName: ctx.regions.get(row.regionCode)?.name ?? row.regionCode,
    year: row.year,
    value: row.value,
    source: row.source,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listDenominators(db: Db, ctx: CoverageContext, query: { region?: string }) {
  const codes = query.region ? [resolveRegion(ctx, query.region).code] : undefined;
  return { items: (await findDenominators(db, codes)).map((row) => presentDenominator(ctx, row)) };
}

export async function putDenominator(db: Db, ctx: CoverageContext, regionCode: string, year: number, input: { value: number; source: string }) {
  const actor = assertAdmin(ctx);
  const region = resolveRegion(ctx, regionCode);
  return db.transaction(async (tx) => {
    const before = (await findDenominators(tx, [region.code])).find((d) => d.year === year);
    await upsertDenominator(tx, { regionCode: region.code, year, value: input.value, source: input.source, updatedBy: actor.id });
    await recordAudit(tx, ctx, {
      action: before ? 'update' : 'create',
      entity: 'coverage_denominator',
      entityId: `${region.code}/${year}`,
      regionCode: region.code,
      changes: { before: before ? { value: before.value, source: before.source } : null, after: input },
    });
    const saved = (await findDenominators(tx, [region.code])).find((d) => d.year === year)!;
    return presentDenominator(ctx, saved);
  });
}

export async function removeDenominator(db: Db, ctx: CoverageContext, regionCode: string, year: number): Promise<void> {
  assertAdmin(ctx);
  await db.transaction(async (tx) => {
    const removed = await deleteDenominator(tx, regionCode, year);
    if (!removed) throw errors.notFound(`Penyebut resmi ${regionCode} tahun ${year}`);
    await recordAudit(tx, ctx, {
      action: 'delete',
      entity: 'coverage_denominator',
      entityId: `${regionCode}/${year}`,
      regionCode,
      changes: { before: { value: removed.value, source: removed.source } },
    });
  });
}

// ---- Leaderboard and award rounds ------------------------------------------------------------------

function periodOf(ctx: CoverageContext, period: string): PeriodInfo {
  try {
    return parsePeriod(period, monthOf(ctx.today));
  } catch (err) {
    if (err instanceof PeriodError) throw new AppError('validation', err.code, err.message, 'period');
    throw err;
  }
}

/** Every village of the region with its figures at the end of the period and its growth over it. */
async function villageStandings(db: Db, ctx: CoverageContext, region: RegionRecord, period: PeriodInfo): Promise<Omit<LeaderboardRow, 'rank'>[]> {
  const [end, base, growth] = await Promise.all([
    countsByArea(db, region.code, period.endMonth, CODE_LENGTH.village),
    countsByArea(db, region.code, period.baseMonth, CODE_LENGTH.village),
    growthByVillage(db, region.code, period.baseMonth, period.endMonth),
  ]);
  const villages = region.level === 'village' ? [region] : ctx.regions.within(region.code, 'village');
  return villages.map((v) => {
    const now = end.get(v.code) ?? ZERO_COUNTS;
    const before = base.get(v.code) ?? ZERO_COUNTS;
    const district = ctx.regions.get(v.code.slice(0, CODE_LENGTH.district));
    return {
      code: v.code,
      name: v.name,
      districtCode: district?.code ?? v.code.slice(0, CODE_LENGTH.district),
      districtName: district?.name ?? '',
      workers: now.workers,
      covered: now.covered,
      coverageRegister: coveragePercent(now.covered, now.workers),
      coveredAtStart: before.covered,
      growth: growth.get(v.code) ?? 0,
      netChange: now.covered - before.covered,
    };
  });
}

export async function getLeaderboard(
  db: Db,
  ctx: CoverageContext,
  query: { period?: string; by: 'coverage' | 'growth' | 'covered'; region?: string },
): Promise<LeaderboardResponse> {
  const region = resolveRegion(ctx, query.region ?? ctx.regions.servedCode);
  const period = periodOf(ctx, query.period ?? ctx.today.slice(0, 4));
  const standings = await villageStandings(db, ctx, region, period);
  const score = {
    coverage: (r: (typeof standings)[number]) => r.coverageRegister,
    growth: (r: (typeof standings)[number]) => r.growth,
    covered: (r: (typeof standings)[number]) => r.covered,
  }[query.by];
  return {
    period,
    by: query.by,
    region: { code: region.code, name: region.name },
    rows: rankWithTies(standings, score, 'desc').map(({ item, rank }) => ({ ...item, rank })),
  };
}

function presentRound(ctx: CoverageContext, row: AwardRoundRow, createdBy: string): AwardRoundDto {
  return {
    id: row.id,
    name: row.name,
    period: row.period,
    region: { code: row.regionCode, name: ctx.regions.get(row.regionCode)?.name ?? row.regionCode },
    criteria: row.criteria,
    winners: row.winners,
    winnerCount: row.winnerCount,
    tiedAtCutoff: row.tiedAtCutoff,
    createdAt: row.createdAt.toISOString(),
    createdBy,
    entries: row.entries,
  };
}

export async function createAwardRound(
  db: Db,
  ctx: CoverageContext,
  input: { name: string; period: string; criteria: { coverage: number; growth: number; covered: number }; winners: number; region?: string },
): Promise<AwardRoundDto> {
  const actor = assertAdmin(ctx);
  const region = resolveRegion(ctx, input.region ?? ctx.regions.servedCode);
  const period = periodOf(ctx, input.period);
  // Villages with nobody in the register have nothing to assess and take no part.
  const standings = (await villageStandings(db, ctx, region, period)).filter((s) => s.workers > 0);
  if (standings.length === 0) {
    throw new AppError('validation', 'AWARD_NO_VILLAGES', `Belum ada desa dengan pekerja di register di ${region.name}; putaran penghargaan belum dapat dinilai.`, 'region');
  }
  let result;
  try {
    result = awardRound({
      villages: standings.map((s) => ({ ...s, coveragePercent: s.coverageRegister ?? 0 })),
      criteria: input.criteria,
      winners: input.winners,
    });
  } catch (err) {
    // Award setting problems name a criterion (its weight field), 'criteria' (all zero) or 'winners'.
    if (err instanceof SettingError) {
      const field = err.field === 'winners' || err.field === 'criteria' || !err.field ? (err.field ?? 'criteria') : `criteria.${err.field}`;
      throw new AppError('validation', err.code, err.message, field);
    }
    throw err;
  }
  const row: AwardRoundRow = {
    id: randomUUID(),
    name: input.name,
    regionCode: region.code,
    period,
    criteria: input.criteria,
    winners: input.winners,
    winnerCount: result.winnerCount,
    tiedAtCutoff: result.tiedAtCutoff,
    entries: result.entries.map(({ coveragePercent: _unused, ...entry }) => entry),
    createdAt: new Date(),
    createdBy: actor.id,
  };
  await db.transaction(async (tx) => {
    await insertAwardRound(tx, row);
    await recordAudit(tx, ctx, {
      action: 'create',
      entity: 'award_round',
      entityId: row.id,
      regionCode: region.code,
      changes: { name: row.name, period: period.period, criteria: row.criteria, winners: row.winners, winnerCodes: row.entries.filter((e) => e.isWinner).map((e) => e.code) },
    });
  });
  return presentRound(ctx, row, actor.username);
}

export async function getAwardRound(db: Db, ctx: CoverageContext, id: string): Promise<AwardRoundDto> {
  const row = await findAwardRound(db, id);
  if (!row) throw errors.notFound('Putaran penghargaan');
  return presentRound(ctx, row, row.createdByName);
}

export async function listAwardRounds(db: Db, ctx: CoverageContext) {
  const rows = await findAwardRounds(db);
  return {
    items: rows.map((row) => {
      const { entries, ...round } = presentRound(ctx, row, row.createdByName);
      return { ...round, winnerNames: entries.filter((e) => e.isWinner).map((e) => e.name) };
    }),
  };
}

// ---- Public figures (no login) ---------------------------------------------------------------------

type PublicCount = number | null;

/**
 * A row for the public page: counts 0–4 hidden, and any count that would give a hidden one back — when
 * a single count is hidden (total − the others), or the hidden ones add up to 1–4 ("2 workers of this
 * village are not covered"), the smallest shown count goes too. A percentage of a hidden count would
 * give the count back, so it goes with it.
 */
function publicRow(row: CoverageRow) {
  const total = suppressSmall(row.workers);
  const values = [row.covered, row.grace, row.lapsed, row.notEnrolled];
  const shown: PublicCount[] = values.map((c) => suppressSmall(c));
  while (total !== null) {
    const hidden = shown.filter((c) => c === null).length;
    const hiddenSum = row.workers - shown.reduce<number>((sum, c) => sum + (c ?? 0), 0);
    if (hidden === 0 || !(hidden === 1 || (hiddenSum > 0 && hiddenSum < MIN_PUBLIC_COUNT))) break;
    const smallest = shown.reduce<number>((best, c, i) => (c !== null && (best === -1 || c < (shown[best] as number)) ? i : best), -1);
    if (smallest === -1) break;
    shown[smallest] = null;
  }
  const [covered, grace, lapsed] = shown as [PublicCount, PublicCount, PublicCount, PublicCount];
  const percentShown = covered !== null && total !== null;
  return {
    code: row.code,
    name: row.name,
    workers: total,
    covered,
    grace,
    lapsed,
    coverageRegister: percentShown ? row.coverageRegister : null,
    category: percentShown ? row.category : null,
    suppressed: [total, ...shown].some((c) => c === null),
  };
}

/**
 * Column check: when a region's total is shown and exactly one of its rows hides a count, that count is
 * the total minus the others; hide the next smallest in the column too.
 */
function protectColumn(rows: ReturnType<typeof publicRow>[], key: 'covered' | 'grace' | 'lapsed' | 'workers', total: number | null): void {
  if (total === null) return;
  const hidden = rows.filter((r) => r[key] === null);
  if (hidden.length !== 1) return;
  const candidates = rows.filter((r) => r[key] !== null).sort((a, b) => (a[key] as number) - (b[key] as number));
  const next = candidates[0];
  if (!next) return;
  next[key] = null;
  next.suppressed = true;
  if (key === 'covered' || key === 'workers') {
    next.coverageRegister = null;
    next.category = null;
  }
}

export async function getPublicCoverage(db: Db, ctx: CoverageContext, query: { region?: string; by?: 'district' | 'village' }) {
  const coverage = await getCoverage(db, ctx, { region: query.region ?? ctx.regions.servedCode, by: query.by, date: ctx.today });
  const benefits = await benefitsPaidIn(db, coverage.region.code, ctx.today);
  const region = publicRow(coverage.region);
  const rows = coverage.rows.map(publicRow);
  if (coverage.rows.length > 1) for (const key of ['workers', 'covered', 'grace', 'lapsed'] as const) protectColumn(rows, key, region[key]);
  return {
    date: coverage.date,
    region,
    by: coverage.by ?? (childLevel(coverage.region.level) === 'village' ? 'village' : 'district'),
    rows,
    minCount: MIN_PUBLIC_COUNT,
    denominators: { register: coverage.denominators.register },
    // A total of a handful of claims would tell a neighbour what one family received.
    benefitsPaid: benefits && benefits.claims >= MIN_PUBLIC_COUNT ? benefits : null,
  } as const;
}

export async function getPublicTrend(db: Db, ctx: CoverageContext, query: { region?: string }) {
  const region = resolveRegion(ctx, query.region ?? ctx.regions.servedCode);
  const counts = await monthlyCounts(db, region.code, monthOf(ctx.today));
  return {
    region: { code: region.code, name: region.name },
    months: counts.map((c) => {
      const workers = suppressSmall(c.workers);
      const uncovered = c.workers - c.covered;
      // Hidden when small, or when the workers not covered would be a small count.
      const covered = uncovered > 0 && uncovered < MIN_PUBLIC_COUNT ? null : suppressSmall(c.covered);
      return { month: c.month, workers, covered, coverageRegister: covered === null || workers === null ? null : coveragePercent(c.covered, c.workers) };
    }),
  };
}

export async function getPublicLatestAward(db: Db, ctx: CoverageContext) {
  const [latest] = await findAwardRounds(db, 1);
  if (!latest) return { round: null };
  return {
    round: {
      name: latest.name,
      period: latest.period,
      createdAt: latest.createdAt.toISOString(),
      winners: latest.entries
        .filter((e) => e.isWinner)
        .map((e) => ({ rank: e.rank, code: e.code, name: e.name, districtName: e.districtName, coverageRegister: e.coverageRegister, score: e.score })),
    },
  };
}

