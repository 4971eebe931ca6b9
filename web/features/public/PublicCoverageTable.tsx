import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TableCard } from '../../components/TableCard.tsx';
import { formatPercent1, formatPublicCount } from '../awards/award-rules.ts';
import type { PublicCoverage, PublicCoverageRow } from './queries.ts';

/** Districts (each opening its villages) or the villages of one district, with the region's total below. */
export function PublicCoverageTable({ data }: { data: PublicCoverage }) {
  const { t } = useTranslation();
  const isDistricts = data.by === 'district';
  return (
    <TableCard minWidth={320} verticalSpacing="xs" horizontalSpacing="xs" striped data-testid={isDistricts ? 'public-districts' : 'public-villages'}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{isDistricts ? t('pub.col.district') : t('pub.col.village')}</Table.Th>
          <Table.Th ta="right">{t('pub.col.workers')}</Table.Th>
          <Table.Th ta="right">{t('pub.col.covered')}</Table.Th>
          <Table.Th ta="right">{t('pub.col.coverage')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {data.rows.map((row) => (
          <Table.Tr key={row.code} data-testid="public-row" data-code={row.code} data-suppressed={row.suppressed || undefined}>
            <Table.Td>
              {isDistricts ? (
                <Anchor component={Link} to={`?kecamatan=${encodeURIComponent(row.code)}`} size="sm" aria-label={t('pub.showVillages', { name: row.name })}>
                  {row.name}
                </Anchor>
              ) : (
                row.name
              )}
            </Table.Td>
            <Counts row={row} />
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr style={{ borderTop: '2px solid var(--mantine-color-gray-4)' }}>
          <Table.Th>{data.region.name}</Table.Th>
          <Counts row={data.region} strong />
        </Table.Tr>
      </Table.Tfoot>
    </TableCard>
  );
}

function Counts({ row, strong }: { row: PublicCoverageRow; strong?: boolean }) {
  const fw = strong ? 700 : undefined;
  const count = (value: number | null) => (
    <Table.Td ta="right" fw={fw} style={{ whiteSpace: 'nowrap' }}>
      {value === null ? (
        <Text span size="sm" c="dimmed" data-testid="suppressed-cell">
          {formatPublicCount(value)}
        </Text>
      ) : (
        formatPublicCount(value)
      )}
    </Table.Td>
  );
  return (
    <>
      {count(row.workers)}
      {count(row.covered)}
      <Table.Td ta="right" fw={strong ? 700 : 600} style={{ whiteSpace: 'nowrap' }}>
        {formatPercent1(row.coverageRegister)}
      </Table.Td>
    </>
  );
}
