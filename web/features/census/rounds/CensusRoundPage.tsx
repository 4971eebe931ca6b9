import { Anchor, Box, Button, Group, Paper, Progress, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CensusFigures, CensusProgressDto, CensusRoundDetailDto } from '../../../../core/census.ts';
import { canManageCensusRounds } from '../../../../core/roles.ts';
import { withQuery } from '../../../api/client.ts';
import { DefinitionList } from '../../../components/DefinitionList.tsx';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { NotAllowed } from '../../../components/NotAllowed.tsx';
import { RegionCrumbs } from '../../../components/RegionCrumbs.tsx';
import { TableCard } from '../../../components/TableCard.tsx';
import { useLang } from '../../../i18n/index.ts';
import { formatDateTime, formatNumber } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { FormModal } from '../../financing/forms.tsx';
import { ApiErrorAlert, useFilterParams } from '../../financing/shared.tsx';
import { formatCoveragePercent } from '../../ucj/coverage-format.ts';
import { useCensusProgress, useCensusRound, useUpdateCensusRound } from './queries.ts';
import { canSeeCensusRounds } from './round-rules.ts';
import { EditCensusRoundModal } from './RoundFormModal.tsx';
import { RoundStateBadge, TargetGroups, useRoundPeriod } from './RoundParts.tsx';

const tabular = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/** `/sensus/putaran/:id?region=`: one census round — its settings and its progress in a region, drilling down from districts to villages. */
export default function CensusRoundPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { id = '' } = useParams();
  const round = useCensusRound(id);
  usePageTitle(round.data?.name ?? t('cnr.title'));
  if (!canSeeCensusRounds(user.role)) return <NotAllowed />;
  return (
    <Stack gap="lg">
      <Group>
        <Anchor component={Link} to="/sensus/putaran" size="sm" py={6}>
          ← {t('cnr.round.back')}
        </Anchor>
      </Group>
      {round.isError ? (
        <ErrorState error={round.error} onRetry={() => void round.refetch()} />
      ) : !round.data ? (
        <Skeleton h={400} radius="md" />
      ) : (
        <>
          <RoundHeader round={round.data} />
          <RoundProgress roundId={round.data.id} />
        </>
      )}
    </Stack>
  );
}

function RoundHeader({ round }: { round: CensusRoundDetailDto }) {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useCurrentUser();
  const periodOf = useRoundPeriod();
  const [editing, setEditing] = useState(false);
  const [closing, setClosing] = useState(false);
  const update = useUpdateCensusRound(round.id);
  const canManage = canManageCensusRounds(user);

  const reopen = () =>
    update.mutate({ closed: false }, { onSuccess: () => notifications.show({ color: 'green', message: t('cnr.round.reopened') }) });

  return (
    <Stack gap="sm" data-testid="census-round">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Group gap="sm" align="center">
            <Title order={1} size="h2" data-testid="round-title">
              {round.name}
            </Title>
            <RoundStateBadge state={round.state} size="lg" />
          </Group>
          <Text c="dimmed" size="sm">
            {periodOf(round)}
          </Text>
        </div>
        <Group gap="xs">
          {user.role === 'village' && round.state === 'running' && (
            <Button component={Link} to="/sensus" variant="light" data-testid="field-app-link">
              {t('cnr.round.openFieldApp')}
            </Button>
          )}
          {canManage && (
            <>
              <Button variant="default" onClick={() => setEditing(true)} data-testid="round-edit">
                {t('cnr.edit.button')}
              </Button>
              {round.closedAt ? (
                <Button variant="light" onClick={reopen} loading={update.isPending} data-testid="round-reopen">
                  {t('cnr.round.reopen')}
                </Button>
              ) : (
                <Button variant="light" color="red" onClick={() => setClosing(true)} data-testid="round-close">
                  {t('cnr.round.close')}
                </Button>
              )}
            </>
          )}
        </Group>
      </Group>
      {!closing && !editing && <ApiErrorAlert error={update.error} />}
      <Paper withBorder radius="md" p="md">
        <DefinitionList
          columnGap={16}
          rows={[
            [t('cnr.round.groups'), <TargetGroups key="groups" groups={round.targetGroups} />],
            [
              t('cnr.round.villages'),
              `${t('cnr.villageCount', { count: round.villageCount, formatted: formatNumber(round.villageCount) })} · ${
                round.targetTotal === null ? t('cnr.noTarget') : `${t('cnr.col.target')} ${formatNumber(round.targetTotal)}`
              }`,
            ],
            ...(round.closedAt ? [[t('cnr.col.state'), t('cnr.round.closedAt', { when: formatDateTime(round.closedAt, lang) })] as const] : []),
          ]}
        />
      </Paper>
      {editing && <EditCensusRoundModal round={round} onClose={() => setEditing(false)} />}
      {closing && <CloseRoundModal round={round} onClose={() => setClosing(false)} />}
    </Stack>
  );
}

function CloseRoundModal({ round, onClose }: { round: CensusRoundDetailDto; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateCensusRound(round.id);
  const close = () => {
    update.reset();
    onClose();
  };
  return (
    <FormModal
      opened
      onClose={close}
      title={t('cnr.round.closeTitle')}
      onSubmit={() =>
        update.mutate(
          { closed: true },
          {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('cnr.round.closed') });
              onClose();
            },
          },
        )
      }
      error={update.error}
      pending={update.isPending}
      submitLabel={t('cnr.round.closeConfirm')}
      submitColor="red"
      submitTestId="round-close-confirm"
    >
      <Text fw={600}>{round.name}</Text>
      <Text size="sm">{t('cnr.round.closeBody')}</Text>
    </FormModal>
  );
}

function RoundProgress({ roundId }: { roundId: string }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [params] = useFilterParams();
  const region = params.get('region') || undefined;
  const progress = useCensusProgress(roundId, region);
  const hrefOf = (code: string) => withQuery(`/sensus/putaran/${roundId}`, { region: code === user.regionCode ? undefined : code });
  const data = progress.data;

  if (progress.isError) return <ErrorState error={progress.error} onRetry={() => void progress.refetch()} />;
  if (!data) return <Skeleton h={360} radius="md" />;
  const byDistrict = data.rows.some((r) => r.level === 'district');
  return (
    <Stack gap="md" component="section" aria-labelledby="progress-title" style={{ opacity: progress.isPlaceholderData ? 0.6 : 1 }} aria-busy={progress.isFetching}>
      <RegionCrumbs code={data.regionCode} scope={user.regionCode} currentName={data.regionName} hrefOf={hrefOf} label={t('cnr.round.breadcrumb')} testId="progress-breadcrumbs" />
      <Title order={2} size="h3" id="progress-title" data-testid="progress-title">
        {t('cnr.progress.title', { name: data.regionName })}
      </Title>
      <Totals figures={data.totals} />
      <Stack gap="xs">
        <div>
          <Title order={3} size="h4">
            {byDistrict ? t('cnr.progress.tableDistricts') : t('cnr.progress.tableVillages')}
          </Title>
          {byDistrict && (
            <Text size="sm" c="dimmed">
              {t('cnr.progress.tableIntro')}
            </Text>
          )}
        </div>
        {data.rows.length === 0 ? (
          <Paper withBorder radius="md" p="lg">
            <Text c="dimmed" ta="center" data-testid="progress-empty">
              {t('cnr.progress.empty')}
            </Text>
          </Paper>
        ) : (
          <ProgressTable progress={data} hrefOf={hrefOf} />
        )}
      </Stack>
    </Stack>
  );
}

function Totals({ figures }: { figures: CensusFigures }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Stack gap="sm">
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} data-testid="progress-collected-card">
        <Text size="sm" c="dimmed" fw={600}>
          {t('cnr.progress.collected')}
        </Text>
        <Group gap="xs" align="baseline">
          <Text fz={36} fw={700} lh={1.1} style={tabular} data-testid="progress-collected">
            {formatNumber(figures.collected)}
          </Text>
          {figures.target !== null && (
            <Text size="sm" data-testid="progress-target">
              {t('cnr.progress.ofTarget', { target: formatNumber(figures.target) })}
            </Text>
          )}
        </Group>
        {figures.target === null ? (
          <Text size="sm" c="dimmed" mt={4}>
            {t('cnr.progress.noTarget')}
          </Text>
        ) : (
          <Stack gap={4} mt="xs">
            <Progress
              value={Math.min(figures.percentOfTarget ?? 0, 100)}
              size="lg"
              radius="sm"
              color={progressColor(figures.percentOfTarget)}
              aria-label={t('cnr.progress.percent', { percent: formatCoveragePercent(figures.percentOfTarget) })}
            />
            <Text size="sm" fw={600} data-testid="progress-percent">
              {t('cnr.progress.percent', { percent: formatCoveragePercent(figures.percentOfTarget) })}
            </Text>
          </Stack>
        )}
      </Paper>
      <SimpleGrid cols={{ base: 2, md: 3 }} spacing={{ base: 'xs', sm: 'md' }}>
        <FigureCard label={t('cnr.progress.accepted')} value={formatNumber(figures.accepted)} note={t('cnr.progress.acceptedNote')} testId="progress-accepted" />
        <FigureCard label={t('cnr.progress.added')} value={formatNumber(figures.added)} note={t('cnr.progress.addedNote')} testId="progress-added" />
        <FigureCard label={t('cnr.progress.duplicates')} value={formatNumber(figures.duplicates)} note={t('cnr.progress.duplicatesNote')} testId="progress-duplicates" />
        <FigureCard label={t('cnr.progress.uncovered')} value={formatNumber(figures.uncoveredFound)} note={t('cnr.progress.uncoveredNote')} testId="progress-uncovered" />
        <FigureCard
          label={t('cnr.progress.rejected')}
          value={formatNumber(figures.rejected)}
          note={t('cnr.progress.rejectedNote')}
          tone={figures.rejected > 0 ? 'orange.8' : undefined}
          testId="progress-rejected"
        />
        <FigureCard
          label={t('cnr.progress.lastEntry')}
          value={figures.lastEntryAt ? formatDateTime(figures.lastEntryAt, lang) : t('cnr.progress.noEntries')}
          small
          testId="progress-last-entry"
        />
      </SimpleGrid>
    </Stack>
  );
}

function progressColor(percent: number | null): string {
  if (percent === null) return 'gray';
  return percent >= 100 ? 'green' : percent >= 50 ? 'jaring' : 'orange';
}

function FigureCard({ label, value, note, tone, small, testId }: { label: string; value: string; note?: string; tone?: string; small?: boolean; testId: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="sm" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text fz={small ? 'lg' : 26} fw={700} c={tone} mt={4} style={{ fontVariantNumeric: 'tabular-nums', overflowWrap: 'anywhere' }} data-testid={testId}>
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </Paper>
  );
}

function PercentCell({ figures }: { figures: CensusFigures }) {
  if (figures.percentOfTarget === null) return <Text span size="sm" c="dimmed">–</Text>;
  return (
    <Stack gap={2} miw={72}>
      <Text size="sm" style={tabular}>
        {formatCoveragePercent(figures.percentOfTarget)}
      </Text>
      <Progress value={Math.min(figures.percentOfTarget, 100)} size="sm" color={progressColor(figures.percentOfTarget)} aria-hidden />
    </Stack>
  );
}

function FigureCells({ figures }: { figures: CensusFigures }) {
  const lang = useLang();
  const num = (n: number) => (
    <Table.Td ta="right" style={tabular}>
      {formatNumber(n)}
    </Table.Td>
  );
  return (
    <>
      <Table.Td ta="right" style={tabular} data-testid="cell-target">
        {figures.target === null ? '–' : formatNumber(figures.target)}
      </Table.Td>
      <Table.Td ta="right" style={tabular} fw={600} data-testid="cell-collected">
        {formatNumber(figures.collected)}
      </Table.Td>
      <Table.Td>
        <PercentCell figures={figures} />
      </Table.Td>
      {num(figures.accepted)}
      {num(figures.added)}
      {num(figures.duplicates)}
      {num(figures.uncoveredFound)}
      <Table.Td ta="right" style={tabular} c={figures.rejected > 0 ? 'orange.8' : undefined}>
        {formatNumber(figures.rejected)}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm" c={figures.lastEntryAt ? undefined : 'dimmed'}>
          {figures.lastEntryAt ? formatDateTime(figures.lastEntryAt, lang) : '–'}
        </Text>
      </Table.Td>
    </>
  );
}

function ProgressTable({ progress, hrefOf }: { progress: CensusProgressDto; hrefOf: (code: string) => string }) {
  const { t } = useTranslation();
  return (
    <TableCard minWidth={960} verticalSpacing="xs" horizontalSpacing="xs" highlightOnHover data-testid="progress-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('cnr.progress.col.name')}</Table.Th>
          <Table.Th ta="right">{t('cnr.progress.col.target')}</Table.Th>
          <Table.Th ta="right">{t('cnr.progress.col.collected')}</Table.Th>
          <Table.Th>{t('cnr.progress.col.percent')}</Table.Th>
          <Table.Th ta="right">{t('cnr.progress.col.accepted')}</Table.Th>
          <Table.Th ta="right">{t('cnr.progress.col.added')}</Table.Th>
          <Table.Th ta="right">{t('cnr.progress.col.duplicates')}</Table.Th>
          <Table.Th ta="right">{t('cnr.progress.col.uncovered')}</Table.Th>
          <Table.Th ta="right">{t('cnr.progress.col.rejected')}</Table.Th>
          <Table.Th>{t('cnr.progress.col.lastEntry')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {progress.rows.map((row) => (
          <Table.Tr key={row.regionCode} data-testid="progress-row" data-code={row.regionCode}>
            <Table.Td miw={160}>
              {row.level === 'district' ? (
                <Anchor component={Link} to={hrefOf(row.regionCode)} fw={600} display="inline-block" py={6} data-testid="progress-drill">
                  {row.regionName}
                </Anchor>
              ) : (
                <Text size="sm" fw={500} data-testid="progress-name">
                  {row.regionName}
                </Text>
              )}
            </Table.Td>
            <FigureCells figures={row} />
          </Table.Tr>
        ))}
      </Table.Tbody>
      {progress.rows.length > 1 && (
        <Table.Tfoot>
          <Table.Tr data-testid="progress-total-row" style={{ borderTop: '2px solid var(--mantine-color-gray-4)' }}>
            <Table.Td>
              <Box fw={700}>{t('cnr.progress.total')}</Box>
            </Table.Td>
            <FigureCells figures={progress.totals} />
          </Table.Tr>
        </Table.Tfoot>
      )}
    </TableCard>
  );
}
