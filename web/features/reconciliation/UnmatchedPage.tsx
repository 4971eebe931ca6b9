import { Anchor, Badge, Box, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUnmatched } from '../../api/queries.ts';
import type { UnmatchedParticipant } from '../../api/types.ts';
import { NotAllowed } from '../../components/NotAllowed.tsx';
import { PagedResults, ShowingRange } from '../../components/PagedResults.tsx';
import { PagePicker } from '../../components/PagePicker.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDate, formatMonth } from '../../lib/format.ts';
import { useDebouncedSearchParam } from '../../lib/use-debounced-search-param.ts';
import { pageCount, usePageParam } from '../../lib/use-page-param.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useCurrentUser } from '../auth/session.ts';
import { canReconcile } from '../imports/import-rules.ts';

const PAGE_SIZE = 25;

/** `/reconciliation/unmatched`: BPJS participants no registered worker matched, with a search. */
export default function UnmatchedPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  usePageTitle(t('reconciliation.unmatchedTitle'));
  if (!canReconcile(user.role)) return <NotAllowed />;
  return <UnmatchedList />;
}

function UnmatchedList() {
  const { t } = useTranslation();
  const [search, setSearch, q] = useDebouncedSearchParam('q');
  const { page, goTo } = usePageParam();
  const isWide = useMediaQuery('(min-width: 62em)', undefined, { getInitialValueInEffect: false });
  const unmatched = useUnmatched({ q: q || undefined, page, pageSize: PAGE_SIZE });

  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('reconciliation.unmatchedTitle')}
        </Title>
        <Text c="dimmed" size="sm" maw={720}>
          {t('reconciliation.unmatchedIntro')}
        </Text>
      </div>
      <TextInput
        label={t('reconciliation.searchLabel')}
        placeholder={t('reconciliation.searchPlaceholder')}
        type="search"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maw={{ sm: 420 }}
        autoComplete="off"
        enterKeyHint="search"
      />
      <PagedResults
        query={unmatched}
        skeletonHeight={360}
        empty={q ? t('reconciliation.unmatchedNoMatch', { q }) : t('reconciliation.unmatchedEmpty')}
      >
        {(data) => (
          <Box aria-busy={unmatched.isFetching} style={{ opacity: unmatched.isPlaceholderData ? 0.6 : 1 }}>
            <ShowingRange data={data} mb="xs" aria-live="polite" />
            {isWide ? <ParticipantTable items={data.items} /> : <ParticipantCards items={data.items} />}
          </Box>
        )}
      </PagedResults>
      <PagePicker pages={pageCount(unmatched.data)} page={page} onChange={goTo} />
    </Stack>
  );
}

function StatusBadge({ status }: { status: UnmatchedParticipant['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={status === 'active' ? 'green' : 'gray'} tt="none" style={{ flex: 'none', minWidth: 'max-content' }}>
      {t(`reconciliation.participantStatus.${status}`)}
    </Badge>
  );
}

function ParticipantTable({ items }: { items: UnmatchedParticipant[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const none = <Text span c="dimmed">–</Text>;
  return (
    <TableCard minWidth={960} verticalSpacing="sm" horizontalSpacing="sm" style={{ verticalAlign: 'top' }}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('reconciliation.nameAndKpj')}</Table.Th>
          <Table.Th>{t('reconciliation.nik')}</Table.Th>
          <Table.Th>{t('reconciliation.birthDate')}</Table.Th>
          <Table.Th>{t('reconciliation.village')}</Table.Th>
          <Table.Th>{t('reconciliation.programs')}</Table.Th>
          <Table.Th>{t('reconciliation.bpjsStatus')}</Table.Th>
          <Table.Th>{t('reconciliation.paidUntil')}</Table.Th>
          <Table.Th>{t('reconciliation.fromImport')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((p) => (
          <Table.Tr key={p.id}>
            <Table.Td miw={180}>
              <Text fw={600} size="sm">
                {p.name}
              </Text>
              <Text size="xs" c="dimmed" className="nik">
                {p.kpj}
              </Text>
            </Table.Td>
            <Table.Td className="nik">{p.nik ?? none}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.birthDate ? formatDate(p.birthDate, lang) : none}</Table.Td>
            <Table.Td>{p.villageName ?? p.villageCode ?? none}</Table.Td>
            <Table.Td>{p.programs.length ? p.programs.join(', ') : none}</Table.Td>
            <Table.Td>
              <StatusBadge status={p.status} />
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.paidUntil ? formatMonth(p.paidUntil, lang) : none}</Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/imports/${p.importId}`} size="sm">
                {t('reconciliation.openImport')}
              </Anchor>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </TableCard>
  );
}

function ParticipantCards({ items }: { items: UnmatchedParticipant[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((p) => (
        <Paper key={p.id} withBorder radius="md" p="sm" component="li">
          <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {p.name}
            </Text>
            <StatusBadge status={p.status} />
          </Group>
          <Text size="sm">
            {t('reconciliation.kpj')}: <span className="nik">{p.kpj}</span>
          </Text>
          {p.nik && (
            <Text size="sm">
              {t('reconciliation.nik')}: <span className="nik">{p.nik}</span>
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {[
              p.birthDate ? formatDate(p.birthDate, lang) : null,
              p.villageName ?? p.villageCode,
              p.programs.join(', ') || null,
              p.paidUntil ? `${t('reconciliation.paidUntil')} ${formatMonth(p.paidUntil, lang)}` : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          <Anchor component={Link} to={`/imports/${p.importId}`} size="sm">
            {t('reconciliation.openImport')}
          </Anchor>
        </Paper>
      ))}
    </Stack>
  );
}
