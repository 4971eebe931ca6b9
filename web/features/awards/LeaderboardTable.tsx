import { Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LeaderboardRow, PeriodInfo } from '../../../core/coverage.schema.ts';
import { TableCard } from '../../components/TableCard.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatMonth, formatNumber } from '../../lib/format.ts';
import { formatPercent1, formatSigned, periodLabel, sharedRanks, type LeaderboardOrder } from './award-rules.ts';

/** A rank, marked "seri" when another row holds it too; `–` for a village without one. */
export function RankCell({ rank, shared }: { rank: number | null; shared: boolean }) {
  const { t } = useTranslation();
  if (rank === null) {
    return (
      <Text size="sm" c="dimmed" title={t('awd.noRank')}>
        –
      </Text>
    );
  }
  return (
    <Group gap={4} wrap="nowrap">
      <Text size="sm" fw={700}>
        {rank}
      </Text>
      {shared && (
        <Badge size="xs" variant="light" color="gray" tt="none" radius="sm" title={t('awd.tieTitle')} data-testid="rank-tie">
          {t('awd.tie')}
        </Badge>
      )}
    </Group>
  );
}

/** `Triwulan III 2026 · Juli 2026 s.d. September 2026`, and a note while the period runs. */
export function PeriodSummary({ period }: { period: PeriodInfo }) {
  const { t } = useTranslation();
  const lang = useLang();
  const span = t('awd.period.span', { from: formatMonth(period.fromMonth, lang), to: formatMonth(period.toMonth, lang) });
  return (
    <Text size="sm">
      <Text span fw={600}>
        {periodLabel(period.period, lang)}
      </Text>
      {period.fromMonth === period.toMonth ? null : ` · ${span}`}
      {period.endMonth !== period.toMonth && (
        <Text span c="dimmed">
          {' '}
          {t('awd.period.running', { end: formatMonth(period.endMonth, lang) })}
        </Text>
      )}
    </Text>
  );
}

/** The ranked villages of one period; the column the ranking follows is bold. */
export function LeaderboardTable({ rows, by }: { rows: LeaderboardRow[]; by: LeaderboardOrder }) {
  const { t } = useTranslation();
  const shared = sharedRanks(rows);
  const strong = (order: LeaderboardOrder) => (by === order ? 700 : undefined);
  return (
    <TableCard minWidth={980} verticalSpacing="xs" horizontalSpacing="sm" striped data-testid="leaderboard-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('awd.col.rank')}</Table.Th>
          <Table.Th>{t('awd.col.village')}</Table.Th>
          <Table.Th>{t('awd.col.district')}</Table.Th>
          <Table.Th ta="right">{t('awd.col.workers')}</Table.Th>
          <Table.Th ta="right">{t('awd.col.covered')}</Table.Th>
          <Table.Th ta="right">{t('awd.col.coverage')}</Table.Th>
          <Table.Th ta="right">{t('awd.col.coveredAtStart')}</Table.Th>
          <Table.Th ta="right">{t('awd.col.growth')}</Table.Th>
          <Table.Th ta="right">{t('awd.col.netChange')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.code} data-testid="leaderboard-row" data-rank={row.rank ?? ''} data-code={row.code}>
            <Table.Td>
              <RankCell rank={row.rank} shared={row.rank !== null && shared.has(row.rank)} />
            </Table.Td>
            <Table.Td>{row.name}</Table.Td>
            <Table.Td>{row.districtName}</Table.Td>
            <Table.Td ta="right">{formatNumber(row.workers)}</Table.Td>
            <Table.Td ta="right" fw={strong('covered')}>
              {formatNumber(row.covered)}
            </Table.Td>
            <Table.Td ta="right" fw={strong('coverage')} style={{ whiteSpace: 'nowrap' }}>
              {formatPercent1(row.coverageRegister)}
            </Table.Td>
            <Table.Td ta="right">{formatNumber(row.coveredAtStart)}</Table.Td>
            <Table.Td ta="right" fw={strong('growth')}>
              {formatNumber(row.growth)}
            </Table.Td>
            <Table.Td ta="right" c={row.netChange < 0 ? 'red.8' : undefined} style={{ whiteSpace: 'nowrap' }}>
              {formatSigned(row.netChange)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </TableCard>
  );
}
