import { Anchor, Badge, Box, Group, Input, Paper, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { occupationLabel } from '../../../core/occupations.ts';
import { useWorkers } from '../../api/queries.ts';
import type { WorkerSummary } from '../../api/types.ts';
import { TableCard } from '../../components/TableCard.tsx';
import { useDebouncedSearchParam } from '../../lib/use-debounced-search-param.ts';
import { PagePicker } from '../../components/PagePicker.tsx';
import { PagedResults, ShowingRange } from '../../components/PagedResults.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatAddress, formatDate } from '../../lib/format.ts';
import { pageCount, usePageParam } from '../../lib/use-page-param.ts';
import { CoverageBadge } from './CoverageBadge.tsx';

const PAGE_SIZE = 25;
const COVERAGE_FILTERS = ['covered', 'uncovered'] as const;
type CoverageFilter = (typeof COVERAGE_FILTERS)[number];

/**
 * Workers of a village, a district, or the caller's whole scope: a search box, a protection filter, one
 * page of results (a table on wide screens, cards on phones) and paging. Search, filter and page live in
 * the URL, so Back works.
 */
export function WorkerList({ village, district, showVillage }: { village?: string; district?: string; showVillage: boolean }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [search, setSearch, q] = useDebouncedSearchParam('q');
  const { page, goTo } = usePageParam();
  const coverageParam = params.get('coverage');
  const coverage = COVERAGE_FILTERS.find((c) => c === coverageParam);
  const isWide = useMediaQuery('(min-width: 62em)', undefined, { getInitialValueInEffect: false });

  const workers = useWorkers({ village, district, q: q || undefined, coverage, page, pageSize: PAGE_SIZE });

  const setCoverage = (value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === 'covered' || value === 'uncovered') next.set('coverage', value);
        else next.delete('coverage');
        next.delete('page');
        return next;
      },
      { replace: true },
    );

  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm">
        <TextInput
          label={t('workers.searchLabel')}
          placeholder={t('workers.searchPlaceholder')}
          type="search"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={{ base: '100%', sm: 420 }}
          autoComplete="off"
          enterKeyHint="search"
        />
        <CoverageFilterControl value={coverage} onChange={setCoverage} />
      </Group>
      <PagedResults
        query={workers}
        skeletonHeight={360}
        empty={q ? t('workers.noMatch', { q }) : coverage ? t('workers.noMatchFilter') : t('workers.empty')}
      >
        {(data) => (
          <Box aria-busy={workers.isFetching} style={{ opacity: workers.isPlaceholderData ? 0.6 : 1 }}>
            <Group justify="space-between" mb="xs" gap="xs">
              <ShowingRange data={data} aria-live="polite" />
              {data.items[0]?.nikMasked && (
                <Text size="xs" c="dimmed">
                  {t('workers.maskedHint')}
                </Text>
              )}
            </Group>
            {isWide ? <WorkerTable items={data.items} showVillage={showVillage} /> : <WorkerCards items={data.items} showVillage={showVillage} />}
          </Box>
        )}
      </PagedResults>
      <PagePicker pages={pageCount(workers.data)} page={page} onChange={goTo} />
    </Stack>
  );
}

/** All / protected / not protected; "not protected" includes grace, lapsed and never enrolled. */
function CoverageFilterControl({ value, onChange }: { value: CoverageFilter | undefined; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const labelId = 'worker-coverage-filter';
  const isNarrow = useMediaQuery('(max-width: 48em)', undefined, { getInitialValueInEffect: false });
  return (
    <Input.Wrapper label={t('workers.coverageFilter')} labelProps={{ id: labelId, component: 'div', style: { display: 'block' } }} size="md" w={{ base: '100%', sm: 'auto' }}>
      <SegmentedControl
        aria-labelledby={labelId}
        value={value ?? 'all'}
        onChange={onChange}
        fullWidth={isNarrow}
        size={isNarrow ? 'sm' : 'md'}
        // On a 360-px phone "Belum terlindungi" may take two lines rather than run off the screen.
        styles={isNarrow ? { label: { whiteSpace: 'normal', lineHeight: 1.25 } } : undefined}
        data={[
          { value: 'all', label: t('workers.coverageFilterOptions.all') },
          { value: 'covered', label: t('workers.coverageFilterOptions.covered') },
          { value: 'uncovered', label: t('workers.coverageFilterOptions.uncovered') },
        ]}
      />
    </Input.Wrapper>
  );
}

/** "Meninggal" beside a worker whose death was reported (the day in its title). */
function DeceasedBadge({ deceasedOn }: { deceasedOn: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Badge component="span" size="xs" variant="filled" color="dark" tt="none" radius="sm" ml={6} style={{ verticalAlign: 'middle' }} title={t('clm.deceasedOn', { date: formatDate(deceasedOn, lang) })} data-testid="worker-deceased-badge">
      {t('clm.deceased')}
    </Badge>
  );
}

function MaskedBadge() {
  const { t } = useTranslation();
  return (
    <Badge size="xs" variant="light" color="gray" style={{ flex: 'none' }} title={t('workers.maskedHint')}>
      {t('workers.masked')}
    </Badge>
  );
}

function NikCell({ worker }: { worker: WorkerSummary }) {
  return (
    <Group gap={6} wrap="nowrap">
      <span className="nik">{worker.nik}</span>
      {worker.nikMasked && <MaskedBadge />}
    </Group>
  );
}

/** The address, allowed to wrap after the hamlet (the table is crowded) but never inside `RT 001/RW 002`. */
function AddressText({ worker }: { worker: WorkerSummary }) {
  const rtRw = worker.rt || worker.rw ? formatAddress({ hamlet: null, rt: worker.rt, rw: worker.rw }) : null;
  if (!worker.hamlet || !rtRw) return formatAddress(worker);
  return (
    <>
      {worker.hamlet}, <span style={{ whiteSpace: 'nowrap' }}>{rtRw}</span>
    </>
  );
}

function WorkerTable({ items, showVillage }: { items: WorkerSummary[]; showVillage: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  return (
    <TableCard minWidth={900} highlightOnHover verticalSpacing="sm" horizontalSpacing="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{showVillage ? t('workers.nameAndVillage') : t('workers.name')}</Table.Th>
          <Table.Th>{t('coverage.column')}</Table.Th>
          <Table.Th style={{ whiteSpace: 'nowrap' }}>
            {t('workers.nik')} {items.some((w) => w.nikMasked) && <MaskedBadge />}
          </Table.Th>
          <Table.Th>{t('workers.sex')}</Table.Th>
          <Table.Th ta="right">{t('workers.age')}</Table.Th>
          <Table.Th>{t('workers.address')}</Table.Th>
          <Table.Th>{t('workers.occupation')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((w) => (
          <Table.Tr key={w.id} className="row-link" onClick={() => void navigate(`/workers/${w.id}`)}>
            <Table.Td miw={180}>
              <Anchor component={Link} to={`/workers/${w.id}`} fw={600} onClick={(e) => e.stopPropagation()}>
                {w.name}
              </Anchor>
              {w.deceasedOn && <DeceasedBadge deceasedOn={w.deceasedOn} />}
              {showVillage && (
                <Text size="xs" c="dimmed">
                  {t('workers.village')} {w.villageName}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <CoverageBadge coverage={w.coverage} withPaidUntil="stacked" />
            </Table.Td>
            <Table.Td className="nik">{w.nik}</Table.Td>
            <Table.Td>
              <abbr title={t(`workers.sexLabel.${w.sex}`)} style={{ textDecoration: 'none' }}>
                {t(`workers.sexShort.${w.sex}`)}
              </abbr>
            </Table.Td>
            <Table.Td ta="right">{w.age}</Table.Td>
            <Table.Td miw={150}>
              <AddressText worker={w} />
            </Table.Td>
            <Table.Td>{occupationLabel(w.occupation, lang)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </TableCard>
  );
}

function WorkerCards({ items, showVillage }: { items: WorkerSummary[]; showVillage: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((w) => (
        <li key={w.id}>
          <Paper withBorder radius="md" p="sm" component={Link} to={`/workers/${w.id}`} className="card-link">
            <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
              <Text fw={600} c="jaring.9" style={{ overflowWrap: 'anywhere' }}>
                {w.name}
                {w.deceasedOn && <DeceasedBadge deceasedOn={w.deceasedOn} />}
              </Text>
              <Text size="sm" c="dimmed" style={{ flex: 'none' }}>
                {t(`workers.sexLabel.${w.sex}`)}, {t('workers.ageYears', { age: w.age })}
              </Text>
            </Group>
            <Box mt={2} fz="sm">
              <NikCell worker={w} />
            </Box>
            <Box mt={6}>
              <CoverageBadge coverage={w.coverage} withPaidUntil="stacked" />
            </Box>
            <Text size="sm" mt={4}>
              {occupationLabel(w.occupation, lang)}
            </Text>
            {(showVillage || w.hamlet || w.rt || w.rw) && (
              <Text size="sm" c="dimmed">
                {[showVillage ? w.villageName : null, w.hamlet || w.rt || w.rw ? formatAddress(w) : null].filter(Boolean).join(' · ')}
              </Text>
            )}
          </Paper>
        </li>
      ))}
    </Stack>
  );
}
