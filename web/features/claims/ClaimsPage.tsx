import { Anchor, Box, Button, Group, Paper, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { CLAIM_STATUSES, CLAIM_TYPES } from '../../../core/claims.ts';
import { PagedResults, ShowingRange } from '../../components/PagedResults.tsx';
import { PagePicker } from '../../components/PagePicker.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDate, formatRupiah } from '../../lib/format.ts';
import { useDebouncedSearchParam } from '../../lib/use-debounced-search-param.ts';
import { pageCount, usePageParam } from '../../lib/use-page-param.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useCurrentUser } from '../auth/session.ts';
import { Money, PageHeader, useFilterParams } from '../financing/shared.tsx';
import { ClaimStatusBadge, ClaimWarningBadges } from './ClaimBadges.tsx';
import { canReportClaims } from './claim-rules.ts';
import { useClaimLabel } from './claim-labels.ts';
import { useClaims, type ClaimSummary } from './queries.ts';

const PAGE_SIZE = 25;

/** `/klaim?status&type&warning=any&q&page`: the claims of the caller's area, newest first, with what needs doing. */
export default function ClaimsPage() {
  const { t } = useTranslation();
  usePageTitle(t('clm.listTitle'));
  const user = useCurrentUser();
  const label = useClaimLabel();
  const [params, setParam] = useFilterParams();
  const [search, setSearch, q] = useDebouncedSearchParam('q');
  const { page, goTo } = usePageParam();
  const isWide = useMediaQuery('(min-width: 62em)', undefined, { getInitialValueInEffect: false });
  const status = CLAIM_STATUSES.find((s) => s === params.get('status'));
  const type = CLAIM_TYPES.find((s) => s === params.get('type'));
  const needsAction = params.get('warning') === 'any';
  const claims = useClaims({ status, type, warning: needsAction ? 'any' : undefined, q: q || undefined, page, pageSize: PAGE_SIZE });
  const filtered = Boolean(status || type || needsAction || q);

  return (
    <Stack gap="md">
      <PageHeader
        title={t('clm.listTitle')}
        intro={t('clm.listIntro')}
        actions={
          canReportClaims(user.role) && (
            <Button component={Link} to="/klaim/baru" data-testid="claim-report-open">
              {t('clm.reportTitle')}
            </Button>
          )
        }
      />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t('clm.searchLabel')}
          placeholder={t('clm.searchPlaceholder')}
          type="search"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={{ base: '100%', sm: 300 }}
          autoComplete="off"
          enterKeyHint="search"
          data-testid="claims-search"
        />
        <Select
          label={t('clm.statusLabel')}
          placeholder={t('clm.allStatuses')}
          data={CLAIM_STATUSES.map((s) => ({ value: s, label: label('status', s) }))}
          value={status ?? null}
          onChange={(value) => setParam('status', value)}
          clearable
          w={{ base: 'calc(50% - 6px)', xs: 210 }}
          data-testid="claims-status"
        />
        <Select
          label={t('clm.typeLabel')}
          placeholder={t('clm.allTypes')}
          data={CLAIM_TYPES.map((s) => ({ value: s, label: label('type', s) }))}
          value={type ?? null}
          onChange={(value) => setParam('type', value)}
          clearable
          w={{ base: 'calc(50% - 6px)', xs: 280 }}
          data-testid="claims-type"
        />
        <Switch
          label={t('clm.needsAction')}
          checked={needsAction}
          onChange={(e) => setParam('warning', e.currentTarget.checked ? 'any' : null)}
          size="md"
          mb={10}
          data-testid="claims-needs-action"
        />
      </Group>

      <PagedResults query={claims} skeletonHeight={360} empty={filtered ? t('clm.noMatch') : t('clm.empty')} emptyRole="status">
        {(data) => (
          <Box aria-busy={claims.isFetching} style={{ opacity: claims.isPlaceholderData ? 0.6 : 1 }}>
            <ShowingRange data={data} mb="xs" aria-live="polite" />
            {isWide ? <ClaimTable items={data.items} /> : <ClaimCards items={data.items} />}
          </Box>
        )}
      </PagedResults>
      <PagePicker pages={pageCount(claims.data)} page={page} onChange={goTo} />
    </Stack>
  );
}

/** The event in a few words with its day; a scholarship claim names the child and school year instead. */
function EventText({ claim }: { claim: ClaimSummary }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (claim.year !== null) {
    return (
      <>
        <Text size="sm">{t('clm.scholarshipOf', { name: claim.childName ?? '–' })}</Text>
        <Text size="xs" c="dimmed">
          {t('clm.schoolYearValue', { year: `${claim.year}/${claim.year + 1}` })}
        </Text>
      </>
    );
  }
  return (
    <>
      <Text size="sm">{t(`clm.eventShort.${claim.event}`)}</Text>
      <Text size="xs" c="dimmed">
        {formatDate(claim.eventDate, lang)}
      </Text>
    </>
  );
}

/** Estimated, approved and paid, each on its own line and only once there is something to say. */
function Amounts({ claim }: { claim: ClaimSummary }) {
  const { t } = useTranslation();
  if (!claim.eligible) return <Text size="sm" c="dimmed">–</Text>;
  const lines: [string, number, boolean][] = [[t('clm.estimated'), claim.estimatedAmount, claim.approvedAmount === null]];
  if (claim.approvedAmount !== null) lines.push([t('clm.approved'), claim.approvedAmount, true]);
  if (claim.paidAmount > 0) lines.push([t('clm.paid'), claim.paidAmount, true]);
  return (
    <Stack gap={0} align="flex-end">
      {lines.map(([name, value, strong]) => (
        <Text key={name} size="sm" c={strong ? undefined : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
          <Text span size="xs" c="dimmed">
            {name}{' '}
          </Text>
          <Text span size="sm" fw={strong ? 600 : 400}>
            {formatRupiah(value)}
          </Text>
        </Text>
      ))}
    </Stack>
  );
}

function ClaimTable({ items }: { items: ClaimSummary[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <TableCard minWidth={780} highlightOnHover verticalSpacing="sm" horizontalSpacing="sm" style={{ verticalAlign: 'top' }} data-testid="claims-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('clm.number')}</Table.Th>
          <Table.Th>{t('clm.worker')}</Table.Th>
          <Table.Th>{t('clm.event')}</Table.Th>
          <Table.Th>{t('clm.status')}</Table.Th>
          <Table.Th ta="right">{t('clm.amounts')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((c) => (
          <Table.Tr key={c.id} className="row-link" onClick={() => void navigate(`/klaim/${c.id}`)} data-testid="claim-row">
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              <Anchor component={Link} to={`/klaim/${c.id}`} fw={600} onClick={(e) => e.stopPropagation()}>
                {c.number}
              </Anchor>
            </Table.Td>
            <Table.Td miw={170}>
              <Text size="sm" fw={500}>
                {c.worker.name}
              </Text>
              <Text size="xs" c="dimmed">
                {c.villageName}
              </Text>
            </Table.Td>
            <Table.Td miw={170}>
              <EventText claim={c} />
            </Table.Td>
            <Table.Td maw={240}>
              <Stack gap={4} align="flex-start">
                <ClaimStatusBadge status={c.status} />
                {c.missingDocuments > 0 && (
                  <Text size="xs" c="orange.9" data-testid="claim-missing-count">
                    {t('clm.missingCount', { count: c.missingDocuments })}
                  </Text>
                )}
                <ClaimWarningBadges warnings={c.warnings} />
              </Stack>
            </Table.Td>
            <Table.Td ta="right">
              <Amounts claim={c} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </TableCard>
  );
}

function ClaimCards({ items }: { items: ClaimSummary[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="claims-cards">
      {items.map((c) => (
        <li key={c.id}>
          <Paper withBorder radius="md" p="sm" component={Link} to={`/klaim/${c.id}`} className="card-link" data-testid="claim-row">
            <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
              <div style={{ minWidth: 0 }}>
                <Text fw={600} c="jaring.9" style={{ overflowWrap: 'anywhere' }}>
                  {c.worker.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {c.number} · {c.villageName}
                </Text>
              </div>
              <ClaimStatusBadge status={c.status} size="sm" />
            </Group>
            <Box mt={6}>
              <EventText claim={c} />
            </Box>
            {c.eligible && (
              <Text size="sm" mt={4}>
                {c.approvedAmount !== null ? t('clm.approved') : t('clm.estimated')}: <Money value={c.approvedAmount ?? c.estimatedAmount} fw={600} />
                {c.paidAmount > 0 && (
                  <>
                    {' · '}
                    {t('clm.paid')}: <Money value={c.paidAmount} fw={600} />
                  </>
                )}
              </Text>
            )}
            {c.missingDocuments > 0 && (
              <Text size="sm" c="orange.9">
                {t('clm.missingCount', { count: c.missingDocuments })}
              </Text>
            )}
            {c.warnings.length > 0 && (
              <Stack gap={4} mt={6}>
                <ClaimWarningBadges warnings={c.warnings} />
                {c.warnings.map((w, i) => (
                  <Text key={`${w.code}-${i}`} size="xs" c="dimmed">
                    {w.message}
                  </Text>
                ))}
              </Stack>
            )}
          </Paper>
        </li>
      ))}
    </Stack>
  );
}
