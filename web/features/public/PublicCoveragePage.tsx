import { Anchor, Box, Button, Group, List, Paper, SimpleGrid, Skeleton, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { Suspense, lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useMeta } from '../../api/queries.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDate, formatMonth, formatNumber, formatRupiah } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { formatPercent1, formatPublicCount, periodLabel } from '../awards/award-rules.ts';
import { PublicCoverageTable } from './PublicCoverageTable.tsx';
import { usePublicCoverage, usePublicLatestAward, usePublicTrend, type PublicCoverage } from './queries.ts';

const TrendChart = lazy(() => import('./TrendChart.tsx'));

/**
 * `/publik`, no login: the regency's coverage, its monthly trend, districts and their villages, and the
 * latest award winners. Aggregates only (no names, no NIKs); counts under the minimum arrive as null.
 */
export default function PublicCoveragePage() {
  const { t } = useTranslation();
  const meta = useMeta();
  const [params] = useSearchParams();
  const district = params.get('kecamatan');
  const districts = usePublicCoverage({ by: 'district' });
  usePageTitle(t('pub.title'));
  const regionName = districts.data?.region.name ?? meta.data?.region.name ?? '';
  return (
    <Stack gap="xl" data-testid="public-page">
      <div>
        <Title order={1} size="h2">
          {t('pub.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('pub.intro', { region: regionName })}
        </Text>
      </div>
      {districts.isError ? (
        <ErrorState error={districts.error} onRetry={() => void districts.refetch()} />
      ) : !districts.data ? (
        <Skeleton h={140} radius="md" />
      ) : (
        <Headline data={districts.data} />
      )}
      <Trend />
      {district ? <Villages district={district} /> : <Districts query={districts} />}
      <LatestAward />
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" gap="sm">
          <Text size="sm">{t('pub.loginPrompt')}</Text>
          <Button component={Link} to="/login" variant="light" data-testid="public-login">
            {t('pub.login')}
          </Button>
        </Group>
      </Paper>
    </Stack>
  );
}

function Headline({ data }: { data: PublicCoverage }) {
  const { t } = useTranslation();
  const lang = useLang();
  const region = data.region;
  return (
    <Stack gap="xs" component="section" aria-label={region.name} data-testid="public-headline">
      <Text size="sm" c="dimmed">
        {region.name} · {t('pub.asOf', { date: formatDate(data.date, lang) })}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        <Paper withBorder radius="md" p="md" style={{ borderTop: '4px solid var(--mantine-color-teal-6)' }}>
          <Text size="sm" c="dimmed">
            {t('pub.coverage')}
          </Text>
          <Text fz={32} fw={800} lh={1.1} data-testid="public-coverage">
            {formatPercent1(region.coverageRegister)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('pub.denominator')}
          </Text>
        </Paper>
        <Figure label={t('pub.covered')} value={formatPublicCount(region.covered)} testId="public-covered" />
        <Figure label={t('pub.workers')} value={formatPublicCount(region.workers)} testId="public-workers" />
      </SimpleGrid>
      {data.benefitsPaid && (
        <Text size="sm" data-testid="public-benefits">
          {t('pub.benefitsPaid', { amount: formatRupiah(data.benefitsPaid.amount), claims: formatNumber(data.benefitsPaid.claims) })}
        </Text>
      )}
    </Stack>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={26} fw={700} lh={1.2} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

function Trend() {
  const { t } = useTranslation();
  const lang = useLang();
  const trend = usePublicTrend();
  const months = trend.data?.months ?? [];
  const known = months.filter((m) => m.coverageRegister !== null);
  const first = known[0];
  const last = known[known.length - 1];
  return (
    <Stack gap="xs" component="section" aria-labelledby="public-trend-title">
      <Title order={2} size="h4" id="public-trend-title">
        {t('pub.trendTitle')}
      </Title>
      {trend.isError ? (
        <ErrorState error={trend.error} onRetry={() => void trend.refetch()} />
      ) : !trend.data ? (
        <Skeleton h={220} radius="md" />
      ) : known.length === 0 || !first || !last ? (
        <Text size="sm" c="dimmed">
          {t('pub.trendEmpty')}
        </Text>
      ) : (
        <Paper withBorder radius="md" p={{ base: 'xs', sm: 'md' }}>
          {/* The chart is drawn for the eye; a sentence says the same to a screen reader. */}
          <VisuallyHidden>
            {t('pub.trendSummary', {
              first: formatPercent1(first.coverageRegister),
              from: formatMonth(first.month, lang),
              last: formatPercent1(last.coverageRegister),
              to: formatMonth(last.month, lang),
            })}
          </VisuallyHidden>
          <Suspense fallback={<Skeleton h={220} radius="md" />}>
            <TrendChart months={months} />
          </Suspense>
        </Paper>
      )}
    </Stack>
  );
}

function SuppressionNote({ minCount }: { minCount: number }) {
  const { t } = useTranslation();
  return (
    <Text size="xs" c="dimmed" data-testid="suppression-note">
      {t('pub.suppressedNote', { min: minCount })}
    </Text>
  );
}

function Districts({ query }: { query: ReturnType<typeof usePublicCoverage> }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="section" aria-labelledby="public-table-title">
      <Title order={2} size="h4" id="public-table-title">
        {t('pub.tableTitle')}
      </Title>
      <CoverageTableState query={query} />
    </Stack>
  );
}

function Villages({ district }: { district: string }) {
  const { t } = useTranslation();
  const villages = usePublicCoverage({ by: 'village', region: district });
  const name = villages.data?.region.code === district ? villages.data.region.name : '';
  return (
    <Stack gap="xs" component="section" aria-labelledby="public-table-title">
      <Anchor component={Link} to="/publik" size="sm" data-testid="public-back">
        ← {t('pub.backToDistricts')}
      </Anchor>
      <Title order={2} size="h4" id="public-table-title">
        {t('pub.villagesTitle', { name })}
      </Title>
      <CoverageTableState query={villages} />
    </Stack>
  );
}

function CoverageTableState({ query }: { query: ReturnType<typeof usePublicCoverage> }) {
  const { t } = useTranslation();
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Skeleton h={320} radius="md" />;
  if (query.data.rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('pub.noRows')}
      </Text>
    );
  }
  return (
    <Box style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }}>
      <PublicCoverageTable data={query.data} />
      <Box mt={6}>
        <SuppressionNote minCount={query.data.minCount} />
      </Box>
    </Box>
  );
}

function LatestAward() {
  const { t } = useTranslation();
  const lang = useLang();
  const award = usePublicLatestAward();
  const round = award.data?.round;
  return (
    <Stack gap="xs" component="section" aria-labelledby="public-award-title">
      <Title order={2} size="h4" id="public-award-title">
        {t('pub.awardTitle')}
      </Title>
      {award.isError ? (
        <ErrorState error={award.error} onRetry={() => void award.refetch()} />
      ) : !award.data ? (
        <Skeleton h={100} radius="md" />
      ) : !round ? (
        <Text size="sm" c="dimmed">
          {t('pub.awardNone')}
        </Text>
      ) : (
        <Paper withBorder radius="md" p="md" data-testid="public-award">
          <Text fw={700}>{round.name}</Text>
          <Text size="sm" c="dimmed" mb="xs">
            {t('pub.awardPeriod', { period: periodLabel(round.period.period, lang) })}
          </Text>
          <List spacing={4} listStyleType="none" withPadding={false}>
            {round.winners.map((w) => (
              <List.Item key={w.code}>
                <Text size="sm">
                  <Text span fw={700}>
                    {w.rank}. {w.name}
                  </Text>{' '}
                  <Text span c="dimmed">
                    · {w.districtName} · {t('pub.coverage')} {formatPercent1(w.coverageRegister)}
                  </Text>
                </Text>
              </List.Item>
            ))}
          </List>
        </Paper>
      )}
    </Stack>
  );
}
