import { Alert, Anchor, Box, Button, Group, List, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useImportJob, useInvalidateAfterImport } from '../../api/queries.ts';
import type { ImportJob } from '../../api/types.ts';
import { percentOf } from '../../api/upload.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { isResidentExport } from './import-rules.ts';
import { ImportStatusBadge, useFieldLabel, useLayoutLabel } from './ImportStatusBadge.tsx';

const isUnfinished = (status: ImportJob['status']) => status === 'queued' || status === 'running';

/** `/imports/:id`: one import, followed every second while it runs, then its counts and rejected rows. */
export default function ImportJobPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const job = useImportJob(id);
  usePageTitle(job.data?.fileName ?? t('imports.title'));
  if (job.isPending) return <PageLoader />;
  if (job.isError) return <ErrorState error={job.error} onRetry={() => void job.refetch()} />;
  return <JobView job={job.data} />;
}

function JobView({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const lang = useLang();
  const layoutLabel = useLayoutLabel();
  const invalidate = useInvalidateAfterImport();

  // When a job finishes while watched, the register and the reconciliation lists have changed.
  const lastStatus = useRef(job.status);
  useEffect(() => {
    if (isUnfinished(lastStatus.current) && !isUnfinished(job.status)) invalidate();
    lastStatus.current = job.status;
  }, [job.status, invalidate]);

  const meta = [
    job.layout && job.layout !== 'bpjs' ? layoutLabel(job.layout, 'short') : null,
    job.villageName ? t('imports.villageLabel', { name: job.villageName }) : null,
    job.createdBy
      ? t('imports.uploadedBy', { at: formatDateTime(job.createdAt, lang), user: job.createdBy })
      : t('imports.uploadedAt', { at: formatDateTime(job.createdAt, lang) }),
    job.finishedAt ? t('imports.finishedAt', { at: formatDateTime(job.finishedAt, lang) }) : null,
  ].filter(Boolean);

  return (
    <Stack gap="md" maw={960}>
      <Anchor component={Link} to="/imports/history" size="sm" py={6} w="fit-content">
        ← {t('imports.historyTitle')}
      </Anchor>
      <div>
        <Group gap="sm" align="center">
          <Title order={1} size="h2">
            {t(`imports.jobTitleKind.${job.kind}`)}
          </Title>
          <Box role="status">
            <ImportStatusBadge status={job.status} />
          </Box>
        </Group>
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {job.fileName}
        </Text>
        <Text size="sm" c="dimmed">
          {meta.join(' · ')}
        </Text>
      </div>

      {isUnfinished(job.status) && <RunningPanel job={job} />}

      {job.status === 'failed' && (
        <Alert color="red" variant="light" title={t('imports.failedTitle')} role="alert">
          {job.failureMessage ?? t('imports.failedFallback')}
        </Alert>
      )}

      {(job.status === 'done' || (job.status === 'failed' && job.total > 0)) && <Results job={job} />}

      {!isUnfinished(job.status) && (job.errors.length > 0 || job.rejected > 0) && <RejectedRows job={job} />}

      {!isUnfinished(job.status) && (
        <Group>
          <Button component={Link} to={`/imports?kind=${job.kind}`} variant="light">
            {t('imports.another')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function RunningPanel({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const percent = percentOf(job.progress.bytesRead, job.progress.bytesTotal);
  const rows = job.progress.rowsDone ?? job.total;
  const label = job.status === 'queued' ? t('imports.queuedBody') : t('imports.readingProgress', { percent });
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Text fw={600}>{label}</Text>
          {job.status === 'running' && (
            <Text size="sm" c="dimmed">
              {t('imports.rowsSoFar', { count: rows, formatted: formatNumber(rows) })}
            </Text>
          )}
        </Group>
        <Progress value={job.status === 'queued' ? 100 : percent} animated={job.status === 'queued'} striped size="lg" radius="xl" aria-label={label} />
        <Text size="sm" c="dimmed">
          {t('imports.canLeave')}
        </Text>
      </Stack>
    </Paper>
  );
}

function StatCard({ label, value, tone, action }: { label: string; value: number; tone?: 'bad' | 'warn'; action?: ReactNode }) {
  const color = value > 0 && tone === 'bad' ? 'red.8' : value > 0 && tone === 'warn' ? '#7a4a00' : undefined;
  return (
    <Paper withBorder radius="md" p="sm" component="li">
      <Text size="sm" c="dimmed" lh={1.3}>
        {label}
      </Text>
      <Text fz={26} fw={700} lh={1.2} c={color} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatNumber(value)}
      </Text>
      {action}
    </Paper>
  );
}

function StatGrid({ children }: { children: ReactNode }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {children}
    </SimpleGrid>
  );
}

function Results({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const skipped = job.skipped.occupation + job.skipped.age + job.skipped.status;
  const queued = job.queued ?? 0;
  const unmatched = job.unmatched ?? 0;
  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="import-result-title">
        <Stack gap="sm">
          <Group justify="space-between" gap="xs">
            <Title order={2} size="h4" id="import-result-title">
              {t(`imports.resultTitleKind.${job.kind}`)}
            </Title>
            <Text size="sm" c="dimmed">
              {t('imports.rowsRead', { count: job.total, formatted: formatNumber(job.total) })}
            </Text>
          </Group>
          <StatGrid>
            <StatCard label={t('imports.stats.created')} value={job.created} />
            <StatCard label={t('imports.stats.updated')} value={job.updated} />
            <StatCard label={t('imports.stats.unchanged')} value={job.unchanged} />
            <StatCard label={t('imports.stats.rejected')} value={job.rejected} tone="bad" />
          </StatGrid>
          {(isResidentExport(job.layout) || skipped > 0) && (
            <Box p="sm" bg="gray.0" style={{ borderRadius: 'var(--mantine-radius-md)', border: '1px solid var(--mantine-color-gray-3)' }}>
              <Text fw={600}>
                {t('imports.stats.skipped')}: {formatNumber(skipped)}
              </Text>
              <List size="sm" spacing={2} mt={4}>
                {(['occupation', 'age', 'status'] as const).map((reason) => (
                  <List.Item key={reason}>
                    {formatNumber(job.skipped[reason])} — {t(`imports.skippedReasons.${reason}`)}
                  </List.Item>
                ))}
              </List>
            </Box>
          )}
        </Stack>
      </Paper>

      {job.kind === 'bpjs' && (
        <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="import-match-title">
          <Stack gap="sm">
            <Title order={2} size="h4" id="import-match-title">
              {t('imports.matchTitle')}
            </Title>
            <StatGrid>
              <StatCard label={t('imports.match.linkedExact')} value={job.linkedExact ?? 0} />
              <StatCard label={t('imports.match.linkedAuto')} value={job.linkedAuto ?? 0} />
              <StatCard
                label={t('imports.match.queued')}
                value={queued}
                tone="warn"
                action={
                  queued > 0 && (
                    <Anchor component={Link} to="/reconciliation/reviews" size="sm" fw={600}>
                      {t('imports.openReviews')} →
                    </Anchor>
                  )
                }
              />
              <StatCard
                label={t('imports.match.unmatched')}
                value={unmatched}
                action={
                  unmatched > 0 && (
                    <Anchor component={Link} to="/reconciliation/unmatched" size="sm" fw={600}>
                      {t('imports.openUnmatched')} →
                    </Anchor>
                  )
                }
              />
            </StatGrid>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

function RejectedRows({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const fieldLabel = useFieldLabel();
  const isWide = useMediaQuery('(min-width: 36em)', undefined, { getInitialValueInEffect: false });
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="import-errors-title">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4" id="import-errors-title">
            {t('imports.errorsTitle')}
          </Title>
          {job.rejected > 0 && (
            <Button component="a" href={`/api/imports/${job.id}/rejected`} download variant="light" color="red">
              {t('imports.downloadRejected')}
            </Button>
          )}
        </Group>
        {job.errorsTruncated && (
          <Text size="sm" c="dimmed">
            {t('imports.errorsTruncated', { shown: formatNumber(job.errors.length) })}
          </Text>
        )}
        {job.errors.length > 0 && !isWide && (
          <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none', borderTop: '1px solid var(--mantine-color-gray-3)' }}>
            {job.errors.map((e, i) => (
              <li key={`${e.row}-${e.field ?? ''}-${i}`} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)', padding: '8px 0' }}>
                <Text size="sm" fw={600}>
                  {t('imports.errorRow')} {e.row}
                  {e.field && (
                    <Text span c="dimmed" size="sm" fw={400}>
                      {' · '}
                      {fieldLabel(e.field)}
                    </Text>
                  )}
                </Text>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {e.message}
                </Text>
              </li>
            ))}
          </Stack>
        )}
        {job.errors.length > 0 && isWide && (
          <TableCard minWidth={480} radius="sm" verticalSpacing="xs" horizontalSpacing="sm" striped style={{ verticalAlign: 'top' }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th ta="right" w={72}>
                  {t('imports.errorRow')}
                </Table.Th>
                <Table.Th w={160}>{t('imports.errorField')}</Table.Th>
                <Table.Th>{t('imports.errorReason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {job.errors.map((e, i) => (
                <Table.Tr key={`${e.row}-${e.field ?? ''}-${i}`}>
                  <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {e.row}
                  </Table.Td>
                  <Table.Td>{e.field ? fieldLabel(e.field) : '–'}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{e.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </TableCard>
        )}
      </Stack>
    </Paper>
  );
}
