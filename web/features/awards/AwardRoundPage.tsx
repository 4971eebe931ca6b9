import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AwardEntryDto, AwardRoundDto } from '../../../core/coverage.schema.ts';
import { DefinitionList } from '../../components/DefinitionList.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatNumber } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { CRITERIA, certificatePath, formatCreatedDay, formatPercent1, formatScore, periodLabel, roundXlsxPath, sharedRanks, weightShares } from './award-rules.ts';
import { PeriodSummary, RankCell } from './LeaderboardTable.tsx';
import { useAwardRound } from './queries.ts';

/** `/penghargaan/:id`: one award round — its settings, winners (with certificates) and full ranking. */
export default function AwardRoundPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const round = useAwardRound(id);
  usePageTitle(round.data?.name ?? t('awd.rounds.title'));
  return (
    <Stack gap="lg">
      <Group>
        <Anchor component={Link} to="/penghargaan" size="sm">
          ← {t('awd.round.back')}
        </Anchor>
      </Group>
      {round.isError ? (
        <ErrorState error={round.error} onRetry={() => void round.refetch()} />
      ) : !round.data ? (
        <Skeleton h={400} radius="md" />
      ) : (
        <Round round={round.data} />
      )}
    </Stack>
  );
}

function Round({ round }: { round: AwardRoundDto }) {
  const { t } = useTranslation();
  const lang = useLang();
  const winners = round.entries.filter((e) => e.isWinner);
  return (
    <Stack gap="lg" data-testid="award-round">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Title order={1} size="h2">
            {round.name}
          </Title>
          <PeriodSummary period={round.period} />
        </div>
        <Button component="a" href={roundXlsxPath(round.id)} download variant="default" data-testid="download-round-xlsx">
          {t('awd.round.downloadRanking')}
        </Button>
      </Group>

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Paper withBorder radius="md" p="md">
          <DefinitionList
            columnGap={16}
            rows={[
              [t('awd.round.period'), periodLabel(round.period.period, lang)],
              [t('awd.round.region'), round.region.name],
              [t('awd.rounds.winners'), t('awd.round.winnersCount', { count: round.winnerCount, winners: round.winners })],
              [t('awd.round.createdAt'), formatCreatedDay(round.createdAt, lang)],
              [t('awd.round.createdBy'), round.createdBy],
            ]}
          />
        </Paper>
        <Criteria criteria={round.criteria} />
      </SimpleGrid>

      <Stack gap="sm" component="section" aria-labelledby="winners-title">
        <Title order={2} size="h3" id="winners-title">
          {t('awd.round.winnersTitle')}
        </Title>
        {round.tiedAtCutoff && (
          <Alert color="yellow" variant="light" data-testid="tie-note">
            {t('awd.round.tiedNote', { count: round.winnerCount, winners: round.winners })}
          </Alert>
        )}
        {winners.length === 0 ? (
          <Text c="dimmed">{t('awd.round.noWinners')}</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
            {winners.map((w) => (
              <WinnerCard key={w.code} roundId={round.id} entry={w} />
            ))}
          </SimpleGrid>
        )}
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="ranking-title">
        <div>
          <Title order={2} size="h3" id="ranking-title">
            {t('awd.round.rankingTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('awd.round.partsNote')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('awd.growthRule')} {t('awd.tieRule')}
          </Text>
        </div>
        <Ranking entries={round.entries} />
      </Stack>
    </Stack>
  );
}

function Criteria({ criteria }: { criteria: AwardRoundDto['criteria'] }) {
  const { t } = useTranslation();
  const shares = weightShares(criteria);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="criteria-title">
      <Title order={2} size="h5" id="criteria-title" mb="xs">
        {t('awd.round.criteriaTitle')}
      </Title>
      <Table verticalSpacing={4} horizontalSpacing="xs" data-testid="round-criteria">
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th ta="right">{t('awd.round.weight')}</Table.Th>
            <Table.Th ta="right">{t('awd.round.share')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {CRITERIA.map((c) => (
            <Table.Tr key={c}>
              <Table.Td>{t(`awd.criteria.${c}`)}</Table.Td>
              <Table.Td ta="right">{formatNumber(criteria[c])}</Table.Td>
              <Table.Td ta="right">{formatPercent1(shares[c])}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function WinnerCard({ roundId, entry }: { roundId: string; entry: AwardEntryDto }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" style={{ borderLeft: '4px solid var(--mantine-color-yellow-5)' }} data-testid="winner-card" data-code={entry.code}>
      <Stack gap={6}>
        <Group gap="xs" wrap="nowrap" justify="space-between" align="flex-start">
          <div>
            <Text fw={700}>
              {entry.rank}. {entry.name}
            </Text>
            <Text size="sm" c="dimmed">
              {entry.districtName}
            </Text>
          </div>
          <Badge color="yellow" variant="light" tt="none" radius="sm">
            {t('awd.col.score')} {formatScore(entry.score)}
          </Badge>
        </Group>
        <Text size="sm">
          {t('awd.col.coverage')} {formatPercent1(entry.coverageRegister)} · {t('awd.col.covered')} {formatNumber(entry.covered)} · {t('awd.col.growth')}{' '}
          {formatNumber(entry.growth)}
        </Text>
        <Group>
          <Button
            component="a"
            href={certificatePath(roundId, entry.code)}
            download
            variant="light"
            size="xs"
            data-testid={`download-certificate-${entry.code}`}
          >
            {t('awd.round.downloadCertificate')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function Ranking({ entries }: { entries: AwardEntryDto[] }) {
  const { t } = useTranslation();
  const shared = sharedRanks(entries);
  return (
    <TableCard minWidth={1080} verticalSpacing="xs" horizontalSpacing="sm" data-testid="round-ranking">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('awd.col.rank')}</Table.Th>
          <Table.Th>{t('awd.col.village')}</Table.Th>
          <Table.Th>{t('awd.col.district')}</Table.Th>
          <Table.Th ta="right">{t('awd.col.score')}</Table.Th>
          {CRITERIA.map((c) => (
            <Table.Th key={c} ta="right">
              {t(`awd.criteria.${c}`)} (0–100)
            </Table.Th>
          ))}
          <Table.Th ta="right">{t('awd.col.coverage')}</Table.Th>
          <Table.Th ta="right">{t('awd.col.covered')}</Table.Th>
          <Table.Th ta="right">{t('awd.col.growth')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((e) => (
          <Table.Tr
            key={e.code}
            data-testid="ranking-row"
            data-rank={e.rank}
            data-winner={e.isWinner || undefined}
            style={e.isWinner ? { backgroundColor: 'var(--mantine-color-yellow-0)' } : undefined}
          >
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                <RankCell rank={e.rank} shared={shared.has(e.rank)} />
                {e.isWinner && (
                  <Badge size="xs" color="yellow" variant="filled" tt="none" radius="sm">
                    {t('awd.round.winner')}
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td fw={e.isWinner ? 700 : undefined}>{e.name}</Table.Td>
            <Table.Td>{e.districtName}</Table.Td>
            <Table.Td ta="right" fw={700}>
              {formatScore(e.score)}
            </Table.Td>
            {CRITERIA.map((c) => (
              <Table.Td key={c} ta="right">
                {formatScore(e.parts[c])}
              </Table.Td>
            ))}
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
              {formatPercent1(e.coverageRegister)}
            </Table.Td>
            <Table.Td ta="right">{formatNumber(e.covered)}</Table.Td>
            <Table.Td ta="right">{formatNumber(e.growth)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </TableCard>
  );
}
