/** The ranked, sortable table of a region's districts or villages; a row opens that region's dashboard. */
import { Anchor, Badge, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { CoverageCategory } from '../../../core/coverage-figures.ts';
import type { CoverageRow } from '../../../core/coverage.schema.ts';
import { TableCard } from '../../components/TableCard.tsx';
import { formatNumber } from '../../lib/format.ts';
import { CATEGORY_COLORS, defaultDirFor, formatCoveragePercent, rankRows, sortRows, type SortDir, type SortKey } from './coverage-format.ts';

const NUMERIC: { key: SortKey; field: 'workers' | 'covered' | 'grace' | 'lapsed' }[] = [
  { key: 'workers', field: 'workers' },
  { key: 'covered', field: 'covered' },
  { key: 'grace', field: 'grace' },
  { key: 'lapsed', field: 'lapsed' },
];

export function CoverageTable({ rows, basis, hrefOf }: { rows: CoverageRow[]; basis: 'register' | 'official'; hrefOf: (code: string) => string }) {
  const { t } = useTranslation();
  const [sort, setSort] = useState<{ key: SortKey; dir: SortDir }>({ key: 'rank', dir: 'asc' });
  const ranked = useMemo(() => rankRows(rows, basis), [rows, basis]);
  const sorted = useMemo(() => sortRows(ranked, sort.key, sort.dir), [ranked, sort]);
  const onSort = (key: SortKey) => setSort((prev) => (prev.key === key ? { key, dir: prev.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: defaultDirFor(key) }));
  const th = (key: SortKey, right = false) => (
    <SortableTh sortKey={key} sort={sort} onSort={onSort} right={right}>
      {t(`cov.col.${key}`)}
    </SortableTh>
  );
  return (
    <TableCard minWidth={860} highlightOnHover verticalSpacing="sm" horizontalSpacing="md" data-testid="coverage-table">
      <Table.Thead>
        <Table.Tr>
          {th('rank', true)}
          {th('name')}
          {NUMERIC.map((c) => th(c.key, true))}
          {th('coverageRegister', true)}
          {th('coverageOfficial', true)}
          <Table.Th>{t('cov.col.category')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sorted.map((row) => (
          <RowLink key={row.code} row={row} href={hrefOf(row.code)} />
        ))}
      </Table.Tbody>
    </TableCard>
  );
}

function RowLink({ row, href }: { row: CoverageRow & { rank: number | null }; href: string }) {
  const navigate = useNavigate();
  const num = { ta: 'right' as const, style: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' as const } };
  return (
    <Table.Tr data-testid={`coverage-row-${row.code}`} className="row-link" onClick={() => void navigate(href)}>
      <Table.Td {...num} c="dimmed">
        {row.rank ?? '–'}
      </Table.Td>
      <Table.Td>
        {/* The row is clickable; the link keeps keyboard use, middle-click and screen readers. */}
        <Anchor component={Link} to={href} fw={500} display="block" py={4} onClick={(e) => e.stopPropagation()} data-testid={`coverage-link-${row.code}`}>
          {row.name}
        </Anchor>
      </Table.Td>
      {NUMERIC.map((c) => (
        <Table.Td key={c.key} {...num}>
          {formatNumber(row[c.field])}
        </Table.Td>
      ))}
      <Table.Td {...num} fw={600}>
        {formatCoveragePercent(row.coverageRegister)}
      </Table.Td>
      <Table.Td {...num}>{formatCoveragePercent(row.coverageOfficial)}</Table.Td>
      <Table.Td>
        <CategoryBadge category={row.category} />
      </Table.Td>
    </Table.Tr>
  );
}

export function CategoryBadge({ category, size = 'sm' }: { category: CoverageCategory | null; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  if (!category) {
    return (
      <Text span size="sm" c="dimmed">
        –
      </Text>
    );
  }
  return (
    <Badge color={CATEGORY_COLORS[category]} variant={category === 'medium' ? 'light' : 'filled'} tt="none" radius="sm" size={size} style={{ minWidth: 'max-content' }} data-testid="coverage-category">
      {t(`cov.category.${category}`)}
    </Badge>
  );
}

function SortableTh({
  sortKey,
  sort,
  onSort,
  right,
  children,
}: {
  sortKey: SortKey;
  sort: { key: SortKey; dir: SortDir };
  onSort: (key: SortKey) => void;
  right: boolean;
  children: string;
}) {
  const { t } = useTranslation();
  const active = sort.key === sortKey;
  const arrow = active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕';
  return (
    <Table.Th ta={right ? 'right' : undefined} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'} style={{ whiteSpace: 'nowrap' }}>
      <UnstyledButton onClick={() => onSort(sortKey)} aria-label={t('cov.sortBy', { column: children })} data-testid={`sort-${sortKey}`}>
        <Group gap={4} wrap="nowrap" justify={right ? 'flex-end' : 'flex-start'}>
          <Text span size="sm" fw={700}>
            {children}
          </Text>
          <Text span size="xs" c={active ? undefined : 'dimmed'} aria-hidden>
            {arrow}
          </Text>
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
