/**
 * Downloadable documents: the leaderboard and an award round's ranking (XLSX), a winner's certificate
 * (PDF) and the Paritrana summary (PDF, XLSX). Figures come from the coverage service; the renderers in
 * this folder only lay them out. Aggregates only; every download is recorded in the audit trail.
 */
import { FUNDING_KIND_LABELS, type FundingKind } from '../../../core/funding.ts';
import { lastDayOfMonth } from '../../../core/coverage.ts';
import { addMonths, dateLabel, monthOf } from '../../../core/months.ts';
import { occupationLabel } from '../../../core/occupations.ts';
import { interpolateTarget, NATIONAL_TARGET_PATH } from '../../../core/projection.ts';
import type { Db } from '../../db/client.ts';
import { AppError, errors } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { coveredByOccupation, findBudgetLines, findTargets, growthByVillage, protectedBySource } from '../ucj/coverage.repo.ts';
import {
  getAwardRound,
  getCoverage,
  getLeaderboard,
  GOVERNMENT_OCCUPATIONS,
  getSettings,
  resolveRegion,
  type CoverageContext,
} from '../ucj/coverage.service.ts';
import { fileNameOf, PDF_TYPE, XLSX_TYPE, type FileAnswer } from '../../http/files.ts';
import { renderCertificatePdf } from './certificate.ts';
import { renderParitranaPdf, renderParitranaXlsx, type ParitranaInput } from './paritrana-report.ts';
import { renderRankingXlsx } from './ranking-xlsx.ts';

export type ReportFile = FileAnswer;

const XLSX = XLSX_TYPE;
const PDF = PDF_TYPE;

const ORDER_LABELS = { coverage: 'cakupan (%)', growth: 'pertumbuhan peserta', covered: 'jumlah peserta aktif' } as const;
const GROWTH_RULE =
  'Pertumbuhan: peserta yang aktif (JKK dan JKM dibayar) di akhir periode dan belum aktif di bulan sebelum periode; kepesertaan singkat yang berhenti sebelum akhir periode tidak dihitung.';
const REGISTER_RULE = 'Cakupan (%): peserta aktif dibagi pekerja informal yang tercatat di register Jaring untuk desa itu.';
const TIE_RULE = 'Nilai yang sama mendapat peringkat yang sama (1, 2, 2, 4).';

async function audited(db: Db, ctx: CoverageContext, entity: string, entityId: string | null, changes: Record<string, unknown>): Promise<void> {
  await recordAudit(db, ctx, { action: 'export', entity, entityId, regionCode: ctx.regions.servedCode, changes });
}

export async function leaderboardXlsx(
  db: Db,
  ctx: CoverageContext,
  isDemo: boolean,
  query: { period?: string; by: 'coverage' | 'growth' | 'covered'; region?: string },
): Promise<ReportFile> {
  const board = await getLeaderboard(db, ctx, query);
  const body = await renderRankingXlsx({
    kind: 'leaderboard',
    title: `Peringkat desa menurut ${ORDER_LABELS[board.by]} — ${board.period.label}`,
    subtitle: `${board.region.name} · angka per akhir ${dateLabel(lastDayOfMonth(board.period.endMonth))}`,
    rows: board.rows,
    notes: [REGISTER_RULE, GROWTH_RULE, TIE_RULE, `Diunduh ${dateLabel(ctx.today)} dari Jaring.`],
    isDemo,
  });
  await audited(db, ctx, 'leaderboard', null, { period: board.period.period, by: board.by, region: board.region.code, format: 'xlsx' });
  return { body, contentType: XLSX, fileName: `${fileNameOf('peringkat-desa', board.region.name, board.period.period, board.by)}.xlsx` };
}

export async function awardRankingXlsx(db: Db, ctx: CoverageContext, isDemo: boolean, roundId: string): Promise<ReportFile> {
  const round = await getAwardRound(db, ctx, roundId);
  const weights = `Bobot: cakupan ${round.criteria.coverage}, pertumbuhan ${round.criteria.growth}, jumlah peserta ${round.criteria.covered}.`;
  const body = await renderRankingXlsx({
    kind: 'award',
    title: `${round.name} — ${round.period.label}`,
    subtitle: `${round.region.name} · ${round.winners} pemenang · dinilai ${dateLabel(round.createdAt.slice(0, 10))}`,
    rows: round.entries,
    notes: [
      weights,
      'Setiap kriteria dinilai 0–100 di antara desa peserta (nilai terendah 0, tertinggi 100); skor = rata-rata tertimbang.',
      REGISTER_RULE,
      GROWTH_RULE,
      TIE_RULE,
      ...(round.tiedAtCutoff ? ['Ada desa dengan skor sama di batas pemenang; semuanya menjadi pemenang.'] : []),
    ],
    isDemo,
  });
  await audited(db, ctx, 'award_round', round.id, { format: 'xlsx' });
  return { body, contentType: XLSX, fileName: `${fileNameOf('peringkat', round.name)}.xlsx` };
}

export async function awardCertificatePdf(db: Db, ctx: CoverageContext, isDemo: boolean, roundId: string, villageCode: string): Promise<ReportFile> {
  const round = await getAwardRound(db, ctx, roundId);
  const entry = round.entries.find((e) => e.code === villageCode);
  if (!entry) throw errors.notFound(`Desa ${villageCode} dalam putaran ini`);
  if (!entry.isWinner) throw new AppError('notFound', 'AWARD_NOT_WINNER', `${entry.name} bukan pemenang ${round.name}; piagam hanya untuk desa pemenang.`);
  const body = await renderCertificatePdf({
    regencyName: ctx.regions.served.name,
    roundName: round.name,
    periodLabel: round.period.label,
    villageName: entry.name,
    districtName: entry.districtName,
    villageCode: entry.code,
    rank: entry.rank,
    villagesRanked: round.entries.length,
    score: entry.score,
    coverageRegister: entry.coverageRegister,
    covered: entry.covered,
    workers: entry.workers,
    growth: entry.growth,
    issuedOn: round.createdAt.slice(0, 10),
    isDemo,
  });
  await audited(db, ctx, 'award_round', round.id, { format: 'pdf', certificate: entry.code });
  return { body, contentType: PDF, fileName: `${fileNameOf('piagam', entry.name, round.period.period)}.pdf` };
}

/** The figures of the Paritrana summary for a year (up to today while the year runs). */
export async function paritranaInput(db: Db, ctx: CoverageContext, isDemo: boolean, year: number): Promise<ParitranaInput> {
  const region = resolveRegion(ctx, ctx.regions.servedCode);
  const currentYear = Number(ctx.today.slice(0, 4));
  if (year > currentYear) throw new AppError('validation', 'YEAR_IN_FUTURE', `Tahun ${year} belum berjalan; pilih tahun ${currentYear} atau sebelumnya.`, 'year');
  const asOf = year < currentYear ? `${year}-12-31` : ctx.today;
  const month = monthOf(asOf);
  const previousMonth = addMonths(month, -12);
  const previousAsOf = lastDayOfMonth(previousMonth);
  const [now, before, growth, bySource, budgets, government, targets, settings] = await Promise.all([
    getCoverage(db, ctx, { region: region.code, date: asOf, by: 'district' }),
    getCoverage(db, ctx, { region: region.code, date: previousAsOf }),
    growthByVillage(db, region.code, previousMonth, month),
    protectedBySource(db, region.code, month),
    findBudgetLines(db, region.code, year),
    coveredByOccupation(db, region.code, month, GOVERNMENT_OCCUPATIONS),
    findTargets(db, [region.code]),
    getSettings(db),
  ]);
  const target = targets.find((t) => t.year === year);
  const pointsBasis = target?.basis ?? 'register';
  const pointsOf = (r: { coverageRegister: number | null; coverageOfficial: number | null }) => (pointsBasis === 'official' ? r.coverageOfficial : r.coverageRegister);
  const nowPoints = pointsOf(now.region);
  const beforePoints = pointsOf(before.region);
  const covered = new Map<string, number>();
  for (const s of bySource) if (s.status === 'covered') covered.set(s.kind, (covered.get(s.kind) ?? 0) + s.n);
  const sponsored = [...covered].filter(([kind]) => kind !== 'SELF');
  const national = interpolateTarget(NATIONAL_TARGET_PATH, year);
  return {
    regencyName: region.name,
    regionCode: region.code,
    year,
    asOf,
    generatedOn: ctx.today,
    isDemo,
    coverage: { ...now.region, categoryBasis: settings.categoryBasis },
    previous: { asOf: previousAsOf, covered: before.region.covered, coverageRegister: before.region.coverageRegister, coverageOfficial: before.region.coverageOfficial },
    growth: {
      covered: [...growth.values()].reduce((sum, n) => sum + n, 0),
      netChange: now.region.covered - before.region.covered,
      points: nowPoints === null || beforePoints === null ? null : Math.round((nowPoints - beforePoints) * 10) / 10,
      pointsBasis,
    },
    target: target ? { percent: Number(target.percent), basis: target.basis } : null,
    nationalTarget: national === null ? null : Math.round(national * 100) / 100,
    vulnerable: {
      sponsoredCovered: sponsored.reduce((sum, [, n]) => sum + n, 0),
      bySource: sponsored.map(([kind, n]) => ({ kind, label: FUNDING_KIND_LABELS[kind as FundingKind]?.id ?? kind, covered: n })),
    },
    regulations: budgets,
    governmentWorkers: GOVERNMENT_OCCUPATIONS.map((code) => ({ label: occupationLabel(code), workers: government.get(code)?.workers ?? 0, covered: government.get(code)?.covered ?? 0 })),
    districts: now.rows.map((r) => ({ code: r.code, name: r.name, workers: r.workers, covered: r.covered, coverageRegister: r.coverageRegister, category: r.category })),
    notes: [
      now.denominators.register,
      now.denominators.official,
      'Peserta aktif: JKK dan JKM keduanya dibayar untuk bulan itu. Masa tenggang: belum dibayar tetapi masih terlindungi; terputus: melewati masa tenggang.',
      'Pekerja rentan yang dilindungi: peserta aktif yang iurannya dibayar APBD, DBHCHT, ADD, CSR atau Dana Desa (sebelum 2024) menurut komitmen pembiayaan bulan itu.',
      GROWTH_RULE.replace('akhir periode', 'tanggal angka').replace('bulan sebelum periode', 'bulan yang sama setahun sebelumnya'),
    ],
  };
}

export async function paritranaReport(db: Db, ctx: CoverageContext, isDemo: boolean, format: 'pdf' | 'xlsx', year?: number): Promise<ReportFile> {
  const input = await paritranaInput(db, ctx, isDemo, year ?? Number(ctx.today.slice(0, 4)));
  const body = format === 'pdf' ? await renderParitranaPdf(input) : await renderParitranaXlsx(input);
  await audited(db, ctx, 'paritrana_report', String(input.year), { format });
  return { body, contentType: format === 'pdf' ? PDF : XLSX, fileName: `${fileNameOf('paritrana', input.regencyName, String(input.year))}.${format}` };
}
