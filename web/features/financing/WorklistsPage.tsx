import { Anchor, Badge, Box, Group, NumberInput, Paper, SimpleGrid, Stack, Table, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { WORKLIST_KINDS, type WorklistKind } from '../../../core/financing.schema.ts';
import { withQuery } from '../../api/client.ts';
import { useFundingSources, useWorklist, type WorklistResponse } from '../../api/queries.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PagePicker } from '../../components/PagePicker.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDate, formatMonth, formatNumber, formatRupiah, groupNik } from '../../lib/format.ts';
import { pageCount, usePageParam } from '../../lib/use-page-param.ts';
import { useCurrentUser } from '../auth/session.ts';
import { canSeeWorklists } from './financing-rules.ts';
import { DownloadButtons, EnrolmentStatusBadge, GuardedPage, Money, PageHeader, RegionScopePicker, SourceFilter, fundingKindLabel, useFilterParams, useToday } from './shared.tsx';

const PAGE_SIZE = 50;

/** `/pembiayaan/daftar-kerja`: whom to visit before protection runs out, and what renewing them costs. */
export default function WorklistsPage() {
  return (
    <GuardedPage title="fin.worklistsTitle" canSee={canSeeWorklists}>
      <Worklists />
    </GuardedPage>
  );
}

function isKind(value: string | null): value is WorklistKind {
  return value !== null && (WORKLIST_KINDS as readonly string[]).includes(value);
}

function Worklists() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const today = useToday();
  // A tab is a place of its own in the history; the filters are not.
  const [params, setParam] = useFilterParams({ push: ['kind'] });
  const { page, goTo } = usePageParam();
  const kindParam = params.get('kind');
  const kind: WorklistKind = isKind(kindParam) ? kindParam : 'ending30';
  const region = params.get('region') ?? user.regionCode;
  const sourceId = params.get('source') ?? '';
  const renewMonths = Math.min(24, Math.max(1, Number(params.get('months')) || 12));
  const sources = useFundingSources({ year: Number(today.slice(0, 4)) });
  const query = {
    kind,
    region: region === user.regionCode ? undefined : region,
    sourceId: sourceId || undefined,
    renewMonths,
    page,
    pageSize: PAGE_SIZE,
  };
  const list = useWorklist(query);

  return (
    <Stack gap="md">
      <PageHeader title={t('fin.worklistsTitle')} intro={t('fin.worklistsIntro')} />
      <Tabs value={kind} onChange={(k) => setParam('kind', k)} keepMounted={false}>
        <Tabs.List style={{ flexWrap: 'wrap' }}>
          {WORKLIST_KINDS.map((k) => (
            <Tabs.Tab key={k} value={k} data-testid={`worklist-tab-${k}`}>
              {t(`fin.worklist.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Text size="sm" c="dimmed">
        {t(`fin.worklistHint.${kind}`)}
      </Text>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <RegionScopePicker value={region} onChange={(code) => setParam('region', code === user.regionCode ? null : code)} />
        <SourceFilter sources={sources.data} value={sourceId} onChange={(id) => setParam('source', id)} w={260} testId="worklist-source" />
        <NumberInput
          label={t('fin.renewMonths')}
          min={1}
          max={24}
          allowDecimal={false}
          value={renewMonths}
          onChange={(v) => setParam('months', typeof v === 'number' && v !== 12 ? String(v) : null)}
          w={150}
        />
      </Group>
      <DownloadButtons
        label={t('fin.downloadList')}
        testIdPrefix="worklist-export"
        href={(format) => withQuery('/api/worklists/renewals', { ...query, page: undefined, pageSize: undefined, format })}
      />
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <Paper withBorder radius="md" h={260} />
      ) : (
        <Box style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
          <Summary data={list.data} />
          {list.data.items.length === 0 ? (
            <Paper withBorder radius="md" p="lg" mt="sm">
              <Text c="dimmed" ta="center" role="status">
                {t('fin.worklistEmpty')}
              </Text>
            </Paper>
          ) : (
            <WorklistTable data={list.data} />
          )}
        </Box>
      )}
      <PagePicker pages={pageCount(list.data)} page={page} onChange={goTo} />
    </Stack>
  );
}

function Summary({ data }: { data: WorklistResponse }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mb="sm">
      <Paper withBorder radius="md" p="sm" data-testid="worklist-total">
        <Text size="xs" c="dimmed">
          {t('fin.worklistCount')}
        </Text>
        <Text fw={700} size="xl">
          {formatNumber(data.total)}
        </Text>
      </Paper>
      <Paper withBorder radius="md" p="sm" data-testid="worklist-cost">
        <Text size="xs" c="dimmed">
          {t('fin.totalRenewalCost', { months: data.renewMonths })}
        </Text>
        <Text fw={700} size="xl">
          {formatRupiah(data.totalRenewalCost)}
        </Text>
      </Paper>
    </SimpleGrid>
  );
}

function WorklistTable({ data }: { data: WorklistResponse }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <TableCard minWidth={1040} verticalSpacing="sm" horizontalSpacing="md" style={{ verticalAlign: 'top' }} data-testid="worklist-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('workers.name')}</Table.Th>
          <Table.Th>{t('workers.nik')}</Table.Th>
          <Table.Th>{t('fin.village')}</Table.Th>
          <Table.Th>{t('coverage.paidUntilLabel')}</Table.Th>
          <Table.Th>{t('fin.protectedUntil')}</Table.Th>
          <Table.Th>{t('fin.source')}</Table.Th>
          <Table.Th ta="right">{t('fin.renewalCost')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {data.items.map((w) => (
          <Table.Tr key={w.workerId}>
            <Table.Td>
              <Anchor component={Link} to={`/workers/${w.workerId}`} fw={600} size="sm">
                {w.name}
              </Anchor>
              <Group gap={4} mt={2}>
                <EnrolmentStatusBadge status={w.status} />
              </Group>
            </Table.Td>
            <Table.Td className="nik" style={{ whiteSpace: 'nowrap' }}>
              {groupNik(w.nik)}
            </Table.Td>
            <Table.Td>{w.villageName}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{w.paidUntil ? formatMonth(w.paidUntil, lang) : '–'}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{w.protectedUntil ? formatDate(w.protectedUntil, lang) : '–'}</Table.Td>
            <Table.Td>
              {w.sourceName ?? (w.sourceKind ? fundingKindLabel(w.sourceKind, lang) : '–')}
              {w.handoverToSelf && (
                <Badge size="xs" color="grape" variant="light" tt="none" ml={4}>
                  {t('fin.handoverBadge')}
                </Badge>
              )}
            </Table.Td>
            <Table.Td ta="right">
              <Money value={w.renewalCost} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </TableCard>
  );
}
