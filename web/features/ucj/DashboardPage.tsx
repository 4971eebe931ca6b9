import { Anchor, Box, Button, Group, Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BreakdownResponse, CoverageResponse, HeadlineResponse, TrendResponse } from '../../../core/coverage.schema.ts';
import { FUNDING_KIND_LABELS, type FundingKind } from '../../../core/funding.ts';
import { regionLevelOf } from '../../../core/regions.ts';
import { withQuery } from '../../api/client.ts';
import { useMeta } from '../../api/queries.ts';
import { RegionCrumbs } from '../../components/RegionCrumbs.tsx';
import { ErrorState, Message } from '../../components/ErrorState.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDate, formatMonth, formatNumber, formatRupiah } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useCurrentUser } from '../auth/session.ts';
import { useFilterParams, useToday } from '../financing/shared.tsx';
import { buildTrendRows, defaultRegionFor, formatCoveragePercent, isInScope, officialSourceLabel } from './coverage-format.ts';
import { CategoryBadge, CoverageTable } from './CoverageTable.tsx';
import { useCoverage, useCoverageBreakdown, useCoverageHeadline, useCoverageTrend } from './queries.ts';

// The chart library (recharts) is large: only this page's chart chunks download it, after the figures.
const TrendChart = lazy(() => import('./TrendChart.tsx'));
const OccupationChart = lazy(() => import('./BreakdownCharts.tsx').then((m) => ({ default: m.OccupationChart })));
const FundingChart = lazy(() => import('./BreakdownCharts.tsx').then((m) => ({ default: m.FundingChart })));

/** Fallback for a regency-wide user when the server has not said which regency it serves yet. */
const REGENCY_CODE = '52.03';

/** `/dasbor?region=&date=&by=`: coverage of one region on one date, its trend, its districts or villages, and breakdowns. */
export default function DashboardPage() {
  const { t } = useTranslation();
  usePageTitle(t('cov.dashboardTitle'));
  const user = useCurrentUser();
  const meta = useMeta();
  const today = useToday();
  const [params, setParam] = useFilterParams();
  const region = params.get('region') || defaultRegionFor(user, meta.data?.region.code ?? REGENCY_CODE);
  const date = params.get('date') || today;
  const level = regionLevelOf(region);

  if (!level || !isInScope(region, user.regionCode)) {
    return (
      <Message title={t('errors.forbiddenTitle')} tone="orange">
        <Text>{t('errors.forbiddenBody')}</Text>
        <Group>
          <Button component={Link} to="/dasbor" variant="light">
            {t('errors.toMyArea')}
          </Button>
        </Group>
      </Message>
    );
  }
  // Only a regency can be shown by village as well as by district.
  const by = level === 'regency' && params.get('by') === 'village' ? 'village' : undefined;
  const hrefOf = (code: string) => withQuery('/dasbor', { region: code, date: params.get('date') });

  return (
    <Dashboard
      region={region}
      date={date}
      by={by}
      hrefOf={hrefOf}
      onDate={(value) => setParam('date', value === today ? null : value)}
      onBy={(value) => setParam('by', value === 'village' ? 'village' : null)}
    />
  );
}

function Dashboard({
  region,
  date,
  by,
  hrefOf,
  onDate,
  onBy,
}: {
  region: string;
  date: string;
  by: 'village' | undefined;
  hrefOf: (code: string) => string;
  onDate: (date: string) => void;
  onBy: (by: string) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useCurrentUser();
  const level = regionLevelOf(region) ?? 'regency';
  const coverage = useCoverage({ region, date, by });
  // The headline counts (uncovered, lapsing, benefits) are always today's; coverage follows the date.
  const headline = useCoverageHeadline(region);
  const today = useToday();
  const trend = useCoverageTrend(region);
  const breakdown = useCoverageBreakdown(region, date);
  const name = headline.data?.region.name ?? coverage.data?.region.name ?? (region === user.regionCode ? user.regionName : '');

  const isEmpty = (coverage.data?.region ?? headline.data?.region)?.workers === 0;
  const stale = headline.isPlaceholderData || coverage.isPlaceholderData;

  return (
    <Stack gap="lg">
      <RegionCrumbs code={region} scope={user.regionCode} hrefOf={hrefOf} currentName={name} label={t('cov.breadcrumb')} testId="dashboard-breadcrumbs" />
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Text size="sm" c="dimmed" tt="uppercase" fw={600}>
            {t(`cov.regionLevel.${level}`)}
          </Text>
          <Title order={1} size="h2" data-testid="dashboard-title">
            {name ? `${t('cov.dashboardTitle')} · ${name}` : t('cov.dashboardTitle')}
          </Title>
          <Text c="dimmed" size="sm" maw={720}>
            {t('cov.dashboardIntro')}
          </Text>
        </div>
        <TextInput
          type="date"
          label={t('cov.date')}
          value={date}
          onChange={(e) => e.currentTarget.value && onDate(e.currentTarget.value)}
          w={180}
          data-testid="dashboard-date"
        />
      </Group>

      {coverage.isError || headline.isError ? (
        <ErrorState error={coverage.error ?? headline.error} onRetry={() => void (coverage.isError ? coverage.refetch() : headline.refetch())} />
      ) : !coverage.data || !headline.data ? (
        <HeadlineSkeleton />
      ) : (
        <Box style={{ opacity: stale ? 0.6 : 1 }}>
          <Text size="sm" c="dimmed" mb="xs">
            {t('cov.asOf', { date: formatDate(coverage.data.date, lang), month: formatMonth(coverage.data.month, lang) })}
          </Text>
          <Headline headline={headline.data} coverage={coverage.data} todayNote={headline.data.date !== coverage.data.date ? t('cov.cards.today', { date: formatDate(headline.data.date || today, lang) }) : undefined} />
        </Box>
      )}

      {isEmpty ? (
        <Paper withBorder radius="md" p="lg" data-testid="dashboard-empty">
          <Text>{t('cov.empty')}</Text>
        </Paper>
      ) : (
        <>
          <Section title={t('cov.trendTitle')} intro={t('cov.trendIntro')}>
            {trend.isError ? <ErrorState error={trend.error} onRetry={() => void trend.refetch()} /> : !trend.data ? <Skeleton h={300} radius="md" /> : <Trend trend={trend.data} />}
          </Section>

          {level === 'village' ? (
            <Paper withBorder radius="md" p="md">
              <Stack gap="xs">
                <Text size="sm" c="dimmed">
                  {t('cov.villageNote')}
                </Text>
                <Group>
                  <Button component={Link} to={`/regions/${region}`} variant="light" data-testid="village-workers-link">
                    {t('cov.villageWorkers')}
                  </Button>
                </Group>
              </Stack>
            </Paper>
          ) : (
            <Section
              title={by === 'village' || level === 'district' ? t('cov.tableTitleVillages') : t('cov.tableTitleDistricts')}
              intro={t('cov.tableIntro')}
              actions={
                level === 'regency' ? (
                  <SegmentedControl
                    aria-label={t('cov.groupBy')}
                    value={by ?? 'district'}
                    onChange={onBy}
                    data={[
                      { value: 'district', label: t('cov.groupDistricts') },
                      { value: 'village', label: t('cov.groupVillages') },
                    ]}
                    data-testid="coverage-by"
                  />
                ) : undefined
              }
            >
              <RegionRows coverage={coverage} hrefOf={hrefOf} />
            </Section>
          )}

          <Section title={t('cov.breakdownTitle')}>
            {breakdown.isError ? (
              <ErrorState error={breakdown.error} onRetry={() => void breakdown.refetch()} />
            ) : !breakdown.data ? (
              <Skeleton h={320} radius="md" />
            ) : (
              <Breakdown data={breakdown.data} />
            )}
          </Section>
        </>
      )}
    </Stack>
  );
}

/** A titled block of the dashboard. */
function Section({ title, intro, actions, children }: { title: string; intro?: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Stack gap="sm" component="section">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Title order={2} size="h4">
            {title}
          </Title>
          {intro && (
            <Text size="sm" c="dimmed" maw={720}>
              {intro}
            </Text>
          )}
        </div>
        {actions}
      </Group>
      {children}
    </Stack>
  );
}


function HeadlineSkeleton() {
  return (
    <Stack gap="sm">
      <Skeleton h={150} radius="md" />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} h={110} radius="md" />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/** Coverage of the chosen date; uncovered, lapsing and benefits are today's (`todayNote` says so when the dates differ). */
function Headline({ headline, coverage, todayNote }: { headline: HeadlineResponse; coverage: CoverageResponse; todayNote: string | undefined }) {
  const { t } = useTranslation();
  const r = coverage.region;
  const basis = coverage.categoryBasis;
  return (
    <Stack gap="sm">
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} data-testid="headline-card-coverage">
        <Group justify="space-between" align="flex-start" gap="md">
          <Stack gap={4}>
            <Text size="sm" c="dimmed" fw={600}>
              {t('cov.cards.coverage')}
            </Text>
            <Text fz={40} fw={700} lh={1.1} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="headline-coverage">
              {formatCoveragePercent(r.coverageRegister)}
            </Text>
            <Text size="sm" data-testid="headline-denominator-register">
              {t('cov.cards.ofRegister', { n: formatNumber(r.workers) })}
            </Text>
            {r.official ? (
              <Text size="sm" mt={6} data-testid="headline-official">
                <Text span fw={700} fz="lg" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatCoveragePercent(r.coverageOfficial)}
                </Text>{' '}
                {t('cov.cards.ofOfficial', { n: formatNumber(r.official.value), source: officialSourceLabel(r.official) })}
              </Text>
            ) : (
              <Text size="xs" c="dimmed" mt={6}>
                {t('cov.cards.noOfficial')}
              </Text>
            )}
          </Stack>
          <Stack gap={4} align="flex-start">
            <Text size="sm" c="dimmed" fw={600}>
              {t('cov.categoryTitle')}
            </Text>
            {r.category ? <CategoryBadge category={r.category} size="lg" /> : <Text size="sm">{t('cov.noCategory')}</Text>}
            <Text size="xs" c="dimmed" maw={240}>
              {t(`cov.categoryBasis.${basis}`)}
            </Text>
          </Stack>
        </Group>
      </Paper>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <FigureCard label={t('cov.cards.covered')} value={formatNumber(r.covered)} note={t('cov.cards.coveredNote')} testId="headline-covered" />
        <FigureCard label={t('cov.cards.uncovered')} value={formatNumber(headline.uncovered)} note={t('cov.cards.uncoveredNote')} extra={todayNote} testId="headline-uncovered" />
        <FigureCard label={t('cov.cards.lapsing')} value={formatNumber(headline.lapsingWithin30Days)} note={t('cov.cards.lapsingNote')} extra={todayNote} testId="headline-lapsing" />
        {headline.benefitsPaid ? (
          <FigureCard
            label={t('cov.cards.benefits')}
            value={formatRupiah(headline.benefitsPaid.amount)}
            note={t('cov.cards.benefitsClaims', { n: formatNumber(headline.benefitsPaid.claims) })}
            extra={todayNote}
            link={{ to: withQuery('/klaim/rekap', { region: headline.region.code }), label: t('clmx.totalsLink') }}
            testId="headline-benefits"
          />
        ) : (
          <FigureCard label={t('cov.cards.benefits')} value={t('cov.cards.noClaims')} muted testId="headline-benefits" />
        )}
      </SimpleGrid>
    </Stack>
  );
}

function FigureCard({
  label,
  value,
  note,
  extra,
  muted,
  link,
  testId,
}: {
  label: string;
  value: string;
  note?: string;
  extra?: string;
  muted?: boolean;
  link?: { to: string; label: string };
  testId: string;
}) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="sm" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text fz={muted ? 'md' : 26} fw={muted ? 500 : 700} c={muted ? 'dimmed' : undefined} mt={4} style={{ fontVariantNumeric: 'tabular-nums', overflowWrap: 'anywhere' }} data-testid={testId}>
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
      {extra && (
        <Text size="xs" c="orange.8" fw={500}>
          {extra}
        </Text>
      )}
      {link && (
        <Anchor component={Link} to={link.to} size="sm" mih={44} style={{ display: 'inline-flex', alignItems: 'center' }} data-testid={`${testId}-link`}>
          {link.label} →
        </Anchor>
      )}
    </Paper>
  );
}

function ChartFallback({ h }: { h: number }) {
  const { t } = useTranslation();
  return <Skeleton h={h} radius="md" aria-label={t('cov.chartLoading')} />;
}

function Trend({ trend }: { trend: TrendResponse }) {
  const { t } = useTranslation();
  const lang = useLang();
  const rows = buildTrendRows(trend);
  const p = trend.projection;
  const basisName = (b: 'register' | 'official') => t(`cov.basisShort.${b}`);
  const targets = [...trend.targets].sort((a, b) => a.year - b.year);
  return (
    <Paper withBorder radius="md" p={{ base: 'xs', sm: 'md' }}>
      <Stack gap="sm">
        {rows.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('cov.trendEmpty')}
          </Text>
        ) : (
          <Suspense fallback={<ChartFallback h={300} />}>
            <TrendChart rows={rows} />
          </Suspense>
        )}
        <Stack gap={4} px={{ base: 'xs', sm: 0 }}>
          <Text size="xs" c="dimmed">
            {t('cov.trendDenominators')}
          </Text>
          <Text size="sm" data-testid="trend-targets">
            {targets.length === 0
              ? t('cov.noTargets')
              : t('cov.targetsLine', {
                  list: targets.map((x) => t('cov.targetItem', { year: x.year, percent: formatCoveragePercent(x.percent), basis: basisName(x.basis) })).join('; '),
                })}
          </Text>
          {trend.national.points.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('cov.nationalSource', { source: trend.national.source })}
            </Text>
          )}
          {p && (
            <Box mt={4} data-testid="trend-projection">
              <Text size="sm" fw={600}>
                {t('cov.projection.title')}
              </Text>
              <Text size="sm">
                {p.ratePerMonth === null
                  ? t('cov.projection.noRate')
                  : t('cov.projection.rate', { n: formatNumber(Math.round(p.ratePerMonth * 10) / 10), months: formatNumber(p.lastMonths) })}
              </Text>
              <Text size="sm">
                {t('cov.projection.target', {
                  year: p.targetYear,
                  percent: formatCoveragePercent(p.targetPercent),
                  denominator: formatNumber(p.denominator),
                  basis: basisName(p.basis),
                  covered: formatNumber(p.targetCovered),
                })}
              </Text>
              <Text size="sm">
                {p.monthReached === 'already'
                  ? t('cov.projection.already')
                  : p.monthReached
                    ? t('cov.projection.reachedIn', { month: formatMonth(p.monthReached, lang) })
                    : t('cov.projection.never')}
              </Text>
              {p.requiredPerMonth !== null && p.monthReached !== 'already' && (
                <Text size="sm">{t('cov.projection.required', { n: formatNumber(p.requiredPerMonth), year: p.targetYear })}</Text>
              )}
            </Box>
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}

function RegionRows({ coverage, hrefOf }: { coverage: ReturnType<typeof useCoverage>; hrefOf: (code: string) => string }) {
  const { t } = useTranslation();
  if (coverage.isError) return <ErrorState error={coverage.error} onRetry={() => void coverage.refetch()} />;
  if (!coverage.data) return <Skeleton h={360} radius="md" />;
  const data = coverage.data;
  if (data.rows.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t('cov.noRows')}
      </Text>
    );
  }
  return (
    <Box style={{ opacity: coverage.isPlaceholderData ? 0.6 : 1 }}>
      <CoverageTable rows={data.rows} basis={data.categoryBasis} hrefOf={hrefOf} />
      <Text size="xs" c="dimmed" mt="xs">
        {t('cov.tableNote')}
      </Text>
    </Box>
  );
}

function Breakdown({ data }: { data: BreakdownResponse }) {
  const { t } = useTranslation();
  const lang = useLang();
  const meta = useMeta();
  const occupationLabel = (key: string, label: string) => (lang === 'en' ? (meta.data?.occupations.find((o) => o.code === key)?.en ?? label) : label);
  const fundingLabel = (key: string, label: string) => (lang === 'en' && key in FUNDING_KIND_LABELS ? FUNDING_KIND_LABELS[key as FundingKind].en : label);
  const occupation = data.occupation.filter((r) => r.workers > 0).map((r) => ({ ...r, label: occupationLabel(r.key, r.label) }));
  const funding = data.fundingSource.filter((r) => r.covered + r.grace > 0).map((r) => ({ ...r, label: fundingLabel(r.key, r.label) }));
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ChartCard title={t('cov.byOccupation')}>
          {occupation.length === 0 ? (
            <EmptyNote />
          ) : (
            <Suspense fallback={<ChartFallback h={240} />}>
              <OccupationChart rows={occupation} />
            </Suspense>
          )}
        </ChartCard>
        <ChartCard title={t('cov.byFunding')} intro={t('cov.fundingIntro')}>
          {funding.length === 0 ? (
            <EmptyNote />
          ) : (
            <Suspense fallback={<ChartFallback h={200} />}>
              <FundingChart rows={funding} />
            </Suspense>
          )}
        </ChartCard>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ChartCard title={t('cov.bySex')}>
          <GroupTable rows={data.sex} testId="breakdown-sex" />
        </ChartCard>
        <ChartCard title={t('cov.byAge')}>
          <GroupTable rows={data.ageBand} testId="breakdown-age" />
        </ChartCard>
      </SimpleGrid>
    </Stack>
  );
}

function EmptyNote() {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="dimmed">
      {t('cov.breakdownEmpty')}
    </Text>
  );
}

function ChartCard({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }}>
      <Title order={3} size="h5" mb={intro ? 0 : 'xs'}>
        {title}
      </Title>
      {intro && (
        <Text size="xs" c="dimmed" mb="xs">
          {intro}
        </Text>
      )}
      {children}
    </Paper>
  );
}

function GroupTable({ rows, testId }: { rows: BreakdownResponse['sex']; testId: string }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <EmptyNote />;
  const num = { ta: 'right' as const, style: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' as const } };
  return (
    <TableCard minWidth={300} verticalSpacing="xs" radius="sm" data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('cov.group')}</Table.Th>
          <Table.Th ta="right">{t('cov.col.workers')}</Table.Th>
          <Table.Th ta="right">{t('cov.col.covered')}</Table.Th>
          <Table.Th ta="right">{t('cov.col.coverageRegister')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Td>{r.label}</Table.Td>
            <Table.Td {...num}>{formatNumber(r.workers)}</Table.Td>
            <Table.Td {...num}>{formatNumber(r.covered)}</Table.Td>
            <Table.Td {...num} fw={600}>
              {formatCoveragePercent(r.coverageRegister)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </TableCard>
  );
}
