import { Anchor, Box, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useImports } from '../../api/queries.ts';
import type { ImportJobSummary } from '../../api/types.ts';
import { NotAllowed } from '../../components/NotAllowed.tsx';
import { PagedResults, ShowingRange } from '../../components/PagedResults.tsx';
import { PagePicker } from '../../components/PagePicker.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { pageCount, usePageParam } from '../../lib/use-page-param.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useCurrentUser } from '../auth/session.ts';
import { canImport } from './import-rules.ts';
import { ImportStatusBadge, useLayoutLabel } from './ImportStatusBadge.tsx';

const PAGE_SIZE = 20;

/** `/imports/history`: every import in the caller's area, newest first, with its counts. */
export default function ImportListPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  usePageTitle(t('imports.historyTitle'));
  if (!canImport(user.role)) return <NotAllowed />;
  return <ImportHistory />;
}

function ImportHistory() {
  const { t } = useTranslation();
  const { page, goTo } = usePageParam();
  const isWide = useMediaQuery('(min-width: 62em)', undefined, { getInitialValueInEffect: false });
  const imports = useImports({ page, pageSize: PAGE_SIZE });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        <div>
          <Title order={1} size="h2">
            {t('imports.historyTitle')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('imports.historyIntro')}
          </Text>
        </div>
        <Button component={Link} to="/imports">
          {t('imports.newImport')}
        </Button>
      </Group>
      <PagedResults query={imports} skeletonHeight={320} empty={t('imports.historyEmpty')}>
        {(data) => (
          <Box style={{ opacity: imports.isPlaceholderData ? 0.6 : 1 }}>
            <ShowingRange data={data} mb="xs" />
            {isWide ? <ImportTable items={data.items} /> : <ImportCards items={data.items} />}
          </Box>
        )}
      </PagedResults>
      <PagePicker pages={pageCount(imports.data)} page={page} onChange={goTo} />
    </Stack>
  );
}

/** `12 baru · 3 diperbarui · 0 tidak berubah · 1 ditolak`. */
function useCounts(): (job: ImportJobSummary) => string {
  const { t } = useTranslation();
  return (job) =>
    t('imports.counts', {
      created: formatNumber(job.created),
      updated: formatNumber(job.updated),
      unchanged: formatNumber(job.unchanged),
      rejected: formatNumber(job.rejected),
    });
}

function Source({ job, withKind }: { job: ImportJobSummary; withKind: boolean }) {
  const { t } = useTranslation();
  const layoutLabel = useLayoutLabel();
  // A BPJS list has one layout; naming it again beside the kind says nothing.
  const layout = job.layout === 'bpjs' ? null : layoutLabel(job.layout, 'short');
  const parts = [withKind ? t(`imports.kindShort.${job.kind}`) : null, layout, job.villageName];
  return (
    <Text size="xs" c="dimmed">
      {parts.filter(Boolean).join(' · ')}
    </Text>
  );
}

function ImportTable({ items }: { items: ImportJobSummary[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const counts = useCounts();
  return (
    <TableCard minWidth={860} highlightOnHover verticalSpacing="sm" horizontalSpacing="md" style={{ verticalAlign: 'top' }}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('imports.at')}</Table.Th>
          <Table.Th>{t('imports.file')}</Table.Th>
          <Table.Th>{t('imports.kindColumn')}</Table.Th>
          <Table.Th>{t('imports.statusColumn')}</Table.Th>
          <Table.Th>{t('imports.countsColumn')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((job) => (
          <Table.Tr key={job.id} className="row-link" onClick={() => void navigate(`/imports/${job.id}`)}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              <Text size="sm">{formatDateTime(job.createdAt, lang)}</Text>
              {job.createdBy && (
                <Text size="xs" c="dimmed">
                  {job.createdBy}
                </Text>
              )}
            </Table.Td>
            <Table.Td maw={340}>
              <Anchor component={Link} to={`/imports/${job.id}`} fw={600} onClick={(e) => e.stopPropagation()} style={{ overflowWrap: 'anywhere' }}>
                {job.fileName}
              </Anchor>
              <Source job={job} withKind={false} />
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{t(`imports.kindShort.${job.kind}`)}</Table.Td>
            <Table.Td>
              <ImportStatusBadge status={job.status} />
            </Table.Td>
            <Table.Td>
              <Text size="sm">{counts(job)}</Text>
              {job.status === 'failed' && job.failureMessage && (
                <Text size="xs" c="red.8" lineClamp={2}>
                  {job.failureMessage}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </TableCard>
  );
}

function ImportCards({ items }: { items: ImportJobSummary[] }) {
  const lang = useLang();
  const counts = useCounts();
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((job) => (
        <li key={job.id}>
          <Paper withBorder radius="md" p="sm" component={Link} to={`/imports/${job.id}`} className="card-link">
            <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
              <Text fw={600} c="jaring.9" style={{ overflowWrap: 'anywhere' }}>
                {job.fileName}
              </Text>
              <ImportStatusBadge status={job.status} />
            </Group>
            <Source job={job} withKind />
            <Text size="sm" mt={4}>
              {counts(job)}
            </Text>
            {job.status === 'failed' && job.failureMessage && (
              <Text size="xs" c="red.8" lineClamp={2}>
                {job.failureMessage}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {[formatDateTime(job.createdAt, lang), job.createdBy].filter(Boolean).join(' · ')}
            </Text>
          </Paper>
        </li>
      ))}
    </Stack>
  );
}
