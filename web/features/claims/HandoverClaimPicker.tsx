/** Choosing the paid claims handed over at a ceremony: a search, a page of paid claims with checkboxes, the count and sum chosen. */
import { Box, Button, Checkbox, Group, Paper, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PagePicker } from '../../components/PagePicker.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { formatNumber, formatRupiah } from '../../lib/format.ts';
import { pageCount } from '../../lib/use-page-param.ts';
import { useClaims, type ClaimSummary } from './queries.ts';

/** A chosen claim, kept with what the summary shows even when its page of the list is not loaded. */
export interface HandoverPick {
  id: string;
  number: string;
  workerName: string;
  amount: number;
}

export type HandoverPicks = ReadonlyMap<string, HandoverPick>;

const PAGE_SIZE = 10;

function pickOf(claim: ClaimSummary): HandoverPick {
  return { id: claim.id, number: claim.number, workerName: claim.worker.name, amount: claim.paidAmount };
}

export function HandoverClaimPicker({ value, onChange, error }: { value: HandoverPicks; onChange: (picks: HandoverPicks) => void; error?: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const claims = useClaims({ status: 'paid', q: q || undefined, page, pageSize: PAGE_SIZE });
  const items = claims.data?.items ?? [];
  const total = [...value.values()].reduce((sum, p) => sum + p.amount, 0);

  const toggle = (claim: ClaimSummary, checked: boolean) => {
    const next = new Map(value);
    if (checked) next.set(claim.id, pickOf(claim));
    else next.delete(claim.id);
    onChange(next);
  };
  const allOnPage = items.length > 0 && items.every((c) => value.has(c.id));
  const someOnPage = items.some((c) => value.has(c.id));
  const togglePage = () => {
    const next = new Map(value);
    for (const c of items) {
      if (allOnPage) next.delete(c.id);
      else next.set(c.id, pickOf(c));
    }
    onChange(next);
  };

  return (
    <Stack gap="xs" data-testid="handover-picker">
      <Text size="sm" fw={500}>
        {t('clmx.pickerTitle')}
      </Text>
      <TextInput
        type="search"
        label={t('clmx.pickerSearch')}
        placeholder={t('clmx.pickerSearchPlaceholder')}
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          setPage(1);
        }}
        data-testid="picker-search"
      />
      {claims.isError ? (
        <ErrorState error={claims.error} onRetry={() => void claims.refetch()} />
      ) : !claims.data ? (
        <Skeleton h={240} radius="md" />
      ) : items.length === 0 ? (
        <Paper withBorder radius="md" p="md">
          <Text size="sm" c="dimmed" ta="center">
            {q ? t('clmx.pickerNoMatch') : t('clmx.pickerNone')}
          </Text>
        </Paper>
      ) : (
        <Box style={{ opacity: claims.isPlaceholderData ? 0.6 : 1 }}>
          <TableCard minWidth={620} verticalSpacing="xs" horizontalSpacing="sm" highlightOnHover data-testid="picker-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={52}>
                  <Checkbox
                    size="md"
                    aria-label={t('clmx.pickPage')}
                    checked={allOnPage}
                    indeterminate={someOnPage && !allOnPage}
                    onChange={togglePage}
                    data-testid="picker-page"
                  />
                </Table.Th>
                <Table.Th>{t('clmx.claimNumber')}</Table.Th>
                <Table.Th>{t('clmx.worker')}</Table.Th>
                <Table.Th>{t('clmx.village')}</Table.Th>
                <Table.Th>{t('clmx.claimType')}</Table.Th>
                <Table.Th ta="right">{t('clmx.paidAmount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id} className="row-link" onClick={() => toggle(c, !value.has(c.id))} data-testid="picker-row" data-number={c.number}>
                  <Table.Td>
                    <Checkbox
                      size="md"
                      aria-label={t('clmx.pickClaim', { number: c.number, name: c.worker.name })}
                      checked={value.has(c.id)}
                      onClick={(e) => e.stopPropagation()}
                      onChange={(e) => toggle(c, e.currentTarget.checked)}
                    />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }} fw={600}>
                    {c.number}
                  </Table.Td>
                  <Table.Td>{c.worker.name}</Table.Td>
                  <Table.Td>
                    {c.villageName}
                    <Text size="xs" c="dimmed">
                      {c.districtName}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {t(`clmx.type.${c.type}`)}
                    {c.year !== null && c.childName && (
                      <Text size="xs" c="dimmed">
                        {c.childName} · {c.year}/{c.year + 1}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {formatRupiah(c.paidAmount)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </TableCard>
          <PagePicker pages={pageCount(claims.data)} page={page} onChange={setPage} />
        </Box>
      )}
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm" fw={600} aria-live="polite" data-testid="picker-summary">
          {t('clmx.pickedSummary', { count: value.size, formatted: formatNumber(value.size), amount: formatRupiah(total) })}
        </Text>
        {value.size > 0 && (
          <Button variant="subtle" onClick={() => onChange(new Map())} data-testid="picker-clear">
            {t('clmx.pickerClear')}
          </Button>
        )}
      </Group>
      {error && (
        <Text size="sm" c="red.8" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
