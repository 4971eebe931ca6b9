import { Anchor, Button, Group, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CensusRoundDto } from '../../../../core/census.ts';
import { canManageCensusRounds } from '../../../../core/roles.ts';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { TableCard } from '../../../components/TableCard.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { GuardedPage, PageHeader } from '../../financing/shared.tsx';
import { useCensusRounds } from './queries.ts';
import { canSeeCensusRounds } from './round-rules.ts';
import { CreateCensusRoundModal } from './RoundFormModal.tsx';
import { RoundStateBadge, TargetGroups, useRoundPeriod } from './RoundParts.tsx';

/** `/sensus/putaran`: the census rounds with villages in the caller's region, newest first; the admin opens new ones. */
export default function CensusRoundsPage() {
  return (
    <GuardedPage title="cnr.title" canSee={canSeeCensusRounds}>
      <Rounds />
    </GuardedPage>
  );
}

function Rounds() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const rounds = useCensusRounds();
  const [creating, setCreating] = useState(false);
  const isWide = useMediaQuery('(min-width: 62em)', undefined, { getInitialValueInEffect: false });
  const canManage = canManageCensusRounds(user);

  return (
    <Stack gap="md">
      <PageHeader
        title={t('cnr.title')}
        intro={t('cnr.intro')}
        actions={
          canManage ? (
            <Button onClick={() => setCreating(true)} data-testid="round-create">
              {t('cnr.create.button')}
            </Button>
          ) : (
            user.role === 'village' && (
              <Button component={Link} to="/sensus" variant="light" data-testid="field-app-link">
                {t('cnr.round.openFieldApp')}
              </Button>
            )
          )
        }
      />
      {rounds.isError ? (
        <ErrorState error={rounds.error} onRetry={() => void rounds.refetch()} />
      ) : !rounds.data ? (
        <Skeleton h={240} radius="md" />
      ) : rounds.data.length === 0 ? (
        <Paper withBorder radius="md" p="lg">
          <Text c="dimmed" ta="center" data-testid="rounds-empty">
            {canManage ? t('cnr.emptyAdmin') : t('cnr.empty')}
          </Text>
        </Paper>
      ) : isWide ? (
        <RoundTable rounds={rounds.data} />
      ) : (
        <RoundCards rounds={rounds.data} />
      )}
      {creating && <CreateCensusRoundModal onClose={() => setCreating(false)} />}
    </Stack>
  );
}

function TargetText({ round }: { round: CensusRoundDto }) {
  const { t } = useTranslation();
  return round.targetTotal === null ? (
    <Text span size="sm" c="dimmed">
      {t('cnr.noTarget')}
    </Text>
  ) : (
    <>{formatNumber(round.targetTotal)}</>
  );
}

function RoundTable({ rounds }: { rounds: CensusRoundDto[] }) {
  const { t } = useTranslation();
  const periodOf = useRoundPeriod();
  return (
    <TableCard minWidth={900} verticalSpacing="sm" horizontalSpacing="md" style={{ verticalAlign: 'top' }} data-testid="rounds-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('cnr.col.name')}</Table.Th>
          <Table.Th>{t('cnr.col.period')}</Table.Th>
          <Table.Th>{t('cnr.col.groups')}</Table.Th>
          <Table.Th>{t('cnr.col.state')}</Table.Th>
          <Table.Th ta="right">{t('cnr.col.villages')}</Table.Th>
          <Table.Th ta="right">{t('cnr.col.target')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rounds.map((round) => (
          <Table.Tr key={round.id} data-testid="round-row" data-id={round.id}>
            <Table.Td miw={180}>
              <Anchor component={Link} to={`/sensus/putaran/${round.id}`} fw={600} display="inline-block" py={4} data-testid="round-link">
                {round.name}
              </Anchor>
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{periodOf(round)}</Table.Td>
            <Table.Td maw={260}>
              <TargetGroups groups={round.targetGroups} />
            </Table.Td>
            <Table.Td>
              <RoundStateBadge state={round.state} />
            </Table.Td>
            <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {formatNumber(round.villageCount)}
            </Table.Td>
            <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
              <TargetText round={round} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </TableCard>
  );
}

function RoundCards({ rounds }: { rounds: CensusRoundDto[] }) {
  const { t } = useTranslation();
  const periodOf = useRoundPeriod();
  return (
    <Stack gap="xs">
      {rounds.map((round) => (
        <div key={round.id} data-testid="round-row" data-id={round.id}>
          <Paper component={Link} to={`/sensus/putaran/${round.id}`} withBorder radius="md" p="sm" className="card-link" data-testid="round-link">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <Text fw={600} c="jaring.9">
                {round.name}
              </Text>
              <RoundStateBadge state={round.state} />
            </Group>
            <Text size="sm" c="dimmed">
              {periodOf(round)}
            </Text>
            <Group gap="xs" mt={6}>
              <TargetGroups groups={round.targetGroups} />
            </Group>
            <Group justify="space-between" mt={6}>
              <Text size="sm">{t('cnr.villageCount', { count: round.villageCount, formatted: formatNumber(round.villageCount) })}</Text>
              <Text size="sm" fw={600}>
                {round.targetTotal === null ? t('cnr.noTarget') : `${t('cnr.col.target')} ${formatNumber(round.targetTotal)}`}
              </Text>
            </Group>
          </Paper>
        </div>
      ))}
    </Stack>
  );
}
