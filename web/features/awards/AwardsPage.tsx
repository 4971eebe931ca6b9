import { Anchor, Box, Button, Group, Paper, Select, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRegionChildren } from '../../api/queries.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { useLang } from '../../i18n/index.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useCurrentUser } from '../auth/session.ts';
import { PageHeader, useFilterParams, useToday } from '../financing/shared.tsx';
import {
  formatCreatedDay,
  leaderboardXlsxPath,
  paritranaPath,
  parsePeriod,
  periodLabel,
  recentYears,
  type LeaderboardOrder,
  type LeaderboardQuery,
} from './award-rules.ts';
import { CreateRoundModal } from './CreateRoundModal.tsx';
import { LeaderboardTable, PeriodSummary } from './LeaderboardTable.tsx';
import { PeriodPicker } from './PeriodPicker.tsx';
import { useAwardRounds, useLeaderboard } from './queries.ts';

const ORDERS: readonly LeaderboardOrder[] = ['coverage', 'growth', 'covered'];

/** `/penghargaan`: the village leaderboard of a period, the award rounds, and the Paritrana report. */
export default function AwardsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const thisMonth = useToday().slice(0, 7);
  const thisYear = Number(thisMonth.slice(0, 4));
  const [creating, setCreating] = useState(false);
  usePageTitle(t('awd.title'));
  const isAdmin = user.role === 'admin';
  // The Paritrana submission is the regency's: offered to users who see the whole regency.
  const seesRegency = user.regionCode.split('.').length <= 2;
  return (
    <Stack gap="xl">
      <PageHeader
        title={t('awd.title')}
        intro={t('awd.intro')}
        actions={
          isAdmin && (
            <Button onClick={() => setCreating(true)} data-testid="create-round">
              {t('awd.create.button')}
            </Button>
          )
        }
      />
      <Leaderboard thisMonth={thisMonth} />
      <RoundList />
      {seesRegency && <ParitranaSection thisYear={thisYear} />}
      {isAdmin && <CreateRoundModal opened={creating} onClose={() => setCreating(false)} thisMonth={thisMonth} />}
    </Stack>
  );
}

function Leaderboard({ thisMonth }: { thisMonth: string }) {
  const thisYear = Number(thisMonth.slice(0, 4));
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [params, setParam] = useFilterParams();
  const periodParam = params.get('period');
  const period = parsePeriod(periodParam) ? (periodParam as string) : String(thisYear);
  const byParam = params.get('by') as LeaderboardOrder | null;
  const by = byParam && ORDERS.includes(byParam) ? byParam : 'coverage';
  const region = params.get('region') ?? '';
  const query: LeaderboardQuery = { period, by, ...(region ? { region } : {}) };
  const leaderboard = useLeaderboard(query);
  // Regency-wide users may narrow the table to one district; district and village users are scoped already.
  const isRegencyUser = user.regionCode.split('.').length <= 2;
  const districts = useRegionChildren(isRegencyUser ? user.regionCode : undefined);

  return (
    <Stack gap="sm" component="section" aria-labelledby="leaderboard-title">
      <Title order={2} size="h3" id="leaderboard-title">
        {t('awd.leaderboardTitle')}
      </Title>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <PeriodPicker value={period} onChange={(p) => setParam('period', p === String(thisYear) ? null : p)} thisMonth={thisMonth} testId="period" />
        <Select
          label={t('awd.order')}
          data={ORDERS.map((o) => ({ value: o, label: t(`awd.orders.${o}`) }))}
          value={by}
          onChange={(o) => setParam('by', o === 'coverage' ? null : o)}
          allowDeselect={false}
          w={220}
          data-testid="leaderboard-order"
        />
        {isRegencyUser && (
          <Select
            label={t('awd.district')}
            placeholder={t('awd.allDistricts')}
            data={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
            value={region || null}
            onChange={(code) => setParam('region', code)}
            clearable
            searchable
            w={220}
            data-testid="leaderboard-district"
          />
        )}
      </Group>
      <Stack gap={2}>
        {leaderboard.data && <PeriodSummary period={leaderboard.data.period} />}
        <Text size="sm" c="dimmed" data-testid="growth-rule">
          {t('awd.growthRule')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('awd.tieRule')}
        </Text>
      </Stack>
      <Group>
        <Button component="a" href={leaderboardXlsxPath(query)} download variant="default" size="sm" data-testid="download-leaderboard-xlsx">
          {t('awd.downloadXlsx')}
        </Button>
      </Group>
      {leaderboard.isError ? (
        <ErrorState error={leaderboard.error} onRetry={() => void leaderboard.refetch()} />
      ) : !leaderboard.data ? (
        <Skeleton h={320} radius="md" />
      ) : leaderboard.data.rows.length === 0 ? (
        <Paper withBorder radius="md" p="lg">
          <Text c="dimmed" ta="center">
            {t('awd.empty')}
          </Text>
        </Paper>
      ) : (
        <Box style={{ opacity: leaderboard.isPlaceholderData ? 0.6 : 1 }} aria-busy={leaderboard.isPlaceholderData}>
          <LeaderboardTable rows={leaderboard.data.rows} by={leaderboard.data.by} />
        </Box>
      )}
    </Stack>
  );
}

function RoundList() {
  const { t } = useTranslation();
  const lang = useLang();
  const rounds = useAwardRounds();
  return (
    <Stack gap="sm" component="section" aria-labelledby="rounds-title">
      <div>
        <Title order={2} size="h3" id="rounds-title">
          {t('awd.rounds.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('awd.rounds.intro')}
        </Text>
      </div>
      {rounds.isError ? (
        <ErrorState error={rounds.error} onRetry={() => void rounds.refetch()} />
      ) : !rounds.data ? (
        <Skeleton h={120} radius="md" />
      ) : rounds.data.length === 0 ? (
        <Paper withBorder radius="md" p="lg">
          <Text c="dimmed" ta="center">
            {t('awd.rounds.empty')}
          </Text>
        </Paper>
      ) : (
        <TableCard minWidth={640} verticalSpacing="sm" horizontalSpacing="md" style={{ verticalAlign: 'top' }} data-testid="rounds-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('awd.rounds.name')}</Table.Th>
              <Table.Th>{t('awd.rounds.period')}</Table.Th>
              <Table.Th>{t('awd.rounds.winners')}</Table.Th>
              <Table.Th>{t('awd.rounds.createdAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rounds.data.map((round) => (
              <Table.Tr key={round.id} data-testid="round-row">
                <Table.Td>
                  <Anchor component={Link} to={`/penghargaan/${round.id}`} fw={600}>
                    {round.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {round.region.name}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{periodLabel(round.period.period, lang)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{round.winnerNames.join(', ') || '–'}</Text>
                  <Text size="xs" c="dimmed">
                    {t('awd.rounds.winnerCount', { count: round.winnerCount })}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatCreatedDay(round.createdAt, lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </TableCard>
      )}
    </Stack>
  );
}

function ParitranaSection({ thisYear }: { thisYear: number }) {
  const { t } = useTranslation();
  const [year, setYear] = useState(thisYear);
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="paritrana-title">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id="paritrana-title">
            {t('awd.paritrana.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('awd.paritrana.intro')}
          </Text>
        </div>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label={t('awd.paritrana.year')}
            data={recentYears(thisYear, year).map((y) => ({ value: String(y), label: String(y) }))}
            value={String(year)}
            onChange={(y) => y && setYear(Number(y))}
            allowDeselect={false}
            w={120}
            data-testid="paritrana-year"
          />
          <Button component="a" href={paritranaPath(year, 'pdf')} download variant="default" data-testid="paritrana-pdf">
            {t('awd.paritrana.pdf')}
          </Button>
          <Button component="a" href={paritranaPath(year, 'xlsx')} download variant="default" data-testid="paritrana-xlsx">
            {t('awd.paritrana.xlsx')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
