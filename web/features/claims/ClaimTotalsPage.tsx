import { Box, Button, Group, Input, Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { CLAIM_TOTAL_GROUPS, type ClaimTotalsDto } from '../../../core/claims.schema.ts';
import { isApiError, withQuery } from '../../api/client.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDate, formatMonth, formatNumber, formatRupiah } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useCurrentUser } from '../auth/session.ts';
import { ApiErrorAlert, PageHeader, RegionScopePicker, fieldErrorOf, useFilterParams } from '../financing/shared.tsx';
import { useClaimTotals } from './queries.ts';

// The chart library is large: only this chunk downloads it, after the figures.
const ClaimTotalsChart = lazy(() => import('./ClaimTotalsChart.tsx'));

type TotalsGroup = (typeof CLAIM_TOTAL_GROUPS)[number];
const CHARTED: readonly TotalsGroup[] = ['month', 'year', 'district'];

/** `/klaim/rekap?region=&from=&to=&by=`: benefits paid in a region and period, reproducible from the downloaded payment lines. */
export default function ClaimTotalsPage() {
  const { t } = useTranslation();
  usePageTitle(t('clmx.totalsTitle'));
  const user = useCurrentUser();
  const isNarrow = useMediaQuery('(max-width: 36em)');
  const [params, setParam] = useFilterParams();
  const region = params.get('region') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  // A district has no districts to compare, a village neither districts nor villages.
  const depth = (region || user.regionCode).split('.').length;
  const groups = CLAIM_TOTAL_GROUPS.filter((g) => !((g === 'district' && depth >= 3) || (g === 'village' && depth >= 4)));
  const byParam = params.get('by') as TotalsGroup | null;
  const by: TotalsGroup = byParam && groups.includes(byParam) ? byParam : 'program';
  const query = { region: region || undefined, from: from || undefined, to: to || undefined, by };
  const totals = useClaimTotals(query);
  const refused = isApiError(totals.error, 400) ? totals.error : null;

  return (
    <Stack gap="md">
      <PageHeader title={t('clmx.totalsTitle')} intro={t('clmx.totalsIntro')} />
      <Group gap="sm" align="flex-start" wrap="wrap">
        <RegionScopePicker value={region || user.regionCode} onChange={(code) => setParam('region', code === user.regionCode ? null : code)} />
        <TextInput
          type="date"
          label={t('clmx.paidFrom')}
          value={from}
          onChange={(e) => setParam('from', e.currentTarget.value)}
          error={fieldErrorOf(refused, 'from')}
          w={{ base: '100%', xs: 170 }}
          data-testid="totals-from"
        />
        <TextInput
          type="date"
          label={t('clmx.paidTo')}
          value={to}
          onChange={(e) => setParam('to', e.currentTarget.value)}
          error={fieldErrorOf(refused, 'to')}
          w={{ base: '100%', xs: 170 }}
          data-testid="totals-to"
        />
      </Group>
      <Stack gap={4}>
        <Input.Label size="md" id="totals-by-label">
          {t('clmx.groupBy')}
        </Input.Label>
        <SegmentedControl
          aria-labelledby="totals-by-label"
          value={by}
          onChange={(value) => setParam('by', value === 'program' ? null : value)}
          data={groups.map((g) => ({ value: g, label: t(`clmx.by.${g}`) }))}
          orientation={isNarrow ? 'vertical' : 'horizontal'}
          fullWidth={isNarrow}
          size="md"
          style={{ alignSelf: isNarrow ? 'stretch' : 'flex-start' }}
          styles={{ label: { minHeight: 40, display: 'flex', alignItems: 'center', justifyContent: 'center' } }}
          data-testid="totals-by"
        />
      </Stack>

      {refused ? (
        // A refused period is told on its date box; anything else (an unknown region) here.
        !fieldErrorOf(refused, 'from') && !fieldErrorOf(refused, 'to') && <ApiErrorAlert error={refused} />
      ) : totals.isError ? (
        <ErrorState error={totals.error} onRetry={() => void totals.refetch()} />
      ) : !totals.data ? (
        <Skeleton h={360} radius="md" />
      ) : (
        <Box style={{ opacity: totals.isPlaceholderData ? 0.6 : 1 }}>
          <Totals data={totals.data} query={query} />
        </Box>
      )}
    </Stack>
  );
}

function Totals({ data, query }: { data: ClaimTotalsDto; query: { region?: string; from?: string; to?: string; by: TotalsGroup } }) {
  const { t } = useTranslation();
  const lang = useLang();
  const period = data.from
    ? t('clmx.periodBetween', { from: formatDate(data.from, lang), to: formatDate(data.to, lang) })
    : t('clmx.periodUntil', { to: formatDate(data.to, lang) });
  const labelOf = (row: ClaimTotalsDto['rows'][number]) =>
    data.by === 'month' ? formatMonth(row.key, lang) : data.by === 'kind' ? t(`clmx.kind.${row.key}` as 'clmx.kind.lump_sum', { defaultValue: row.label }) : row.label;
  const rows = data.rows.map((r) => ({ ...r, label: labelOf(r) }));
  const num = { ta: 'right' as const, style: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' as const } };

  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} data-testid="totals-headline">
        <Text size="sm" c="dimmed" fw={600}>
          {t('clmx.paidIn', { region: data.region.name })}
        </Text>
        <Text fz={{ base: 30, sm: 40 }} fw={700} lh={1.15} style={{ fontVariantNumeric: 'tabular-nums', overflowWrap: 'anywhere' }} data-testid="totals-total">
          {formatRupiah(data.total)}
        </Text>
        <Text size="sm" data-testid="totals-period">
          {period}
        </Text>
        <SimpleGrid cols={{ base: 2, sm: 4 }} mt="md" spacing="sm">
          <Figure label={t('clmx.claimsPaid')} value={formatNumber(data.claims)} testId="totals-claims" />
          <Figure label={t('clmx.paymentLines')} value={formatNumber(data.payments)} testId="totals-payments" />
          <Figure label={t('clmx.participantsReached')} value={formatNumber(data.participants)} testId="totals-participants" />
          <Figure
            label={t('clmx.outstanding')}
            value={formatRupiah(data.outstanding.amount)}
            note={t('clmx.outstandingClaims', { count: data.outstanding.claims, formatted: formatNumber(data.outstanding.claims) })}
            testId="totals-outstanding"
          />
        </SimpleGrid>
      </Paper>

      <Paper withBorder radius="md" p="md">
        <Stack gap="xs">
          <Text size="sm">{t('clmx.totalsExplain')}</Text>
          <Group gap="sm" align="center" wrap="wrap">
            <Button component="a" href={withQuery('/api/claims/totals.xlsx', { ...query })} download variant="default" data-testid="totals-xlsx">
              {t('clmx.downloadTotals')}
            </Button>
            <Text size="xs" c="dimmed" maw={520}>
              {t('clmx.downloadTotalsNote')}
            </Text>
          </Group>
        </Stack>
      </Paper>

      <Stack gap="sm" component="section" aria-labelledby="totals-rows-title">
        <Title order={2} size="h4" id="totals-rows-title">
          {t('clmx.rowsTitle', { by: t(`clmx.by.${data.by}`).toLowerCase() })}
        </Title>
        {rows.length === 0 ? (
          <Paper withBorder radius="md" p="lg">
            <Text c="dimmed" ta="center" data-testid="totals-empty">
              {t('clmx.totalsEmpty')}
            </Text>
          </Paper>
        ) : (
          <>
            {CHARTED.includes(data.by) && rows.length > 1 && (
              <Paper withBorder radius="md" p={{ base: 'xs', sm: 'md' }}>
                <Suspense fallback={<Skeleton h={260} radius="md" aria-label={t('clmx.chartLoading')} />}>
                  <ClaimTotalsChart rows={rows} horizontal={data.by === 'district'} />
                </Suspense>
              </Paper>
            )}
            <TableCard minWidth={420} verticalSpacing="sm" horizontalSpacing="md" data-testid="totals-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t(`clmx.by.${data.by}`)}</Table.Th>
                  <Table.Th ta="right">{t('clmx.amount')}</Table.Th>
                  <Table.Th ta="right">{t('clmx.claims')}</Table.Th>
                  <Table.Th ta="right">{t('clmx.payments')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.key} data-testid="totals-row" data-key={r.key}>
                    <Table.Td>{r.label}</Table.Td>
                    <Table.Td {...num} fw={600}>
                      {formatRupiah(r.amount)}
                    </Table.Td>
                    <Table.Td {...num}>{formatNumber(r.claims)}</Table.Td>
                    <Table.Td {...num}>{formatNumber(r.payments)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th>{t('clmx.total')}</Table.Th>
                  <Table.Th {...num}>{formatRupiah(data.total)}</Table.Th>
                  <Table.Th {...num}>{formatNumber(data.claims)}</Table.Th>
                  <Table.Th {...num}>{formatNumber(data.payments)}</Table.Th>
                </Table.Tr>
              </Table.Tfoot>
            </TableCard>
            {(data.by === 'kind' || data.by === 'month' || data.by === 'year') && (
              <Text size="xs" c="dimmed">
                {t('clmx.claimsAcrossRows')}
              </Text>
            )}
          </>
        )}
      </Stack>
    </Stack>
  );
}

function Figure({ label, value, note, testId }: { label: string; value: string; note?: string; testId: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text fz="lg" fw={700} style={{ fontVariantNumeric: 'tabular-nums', overflowWrap: 'anywhere' }} data-testid={testId}>
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </div>
  );
}
