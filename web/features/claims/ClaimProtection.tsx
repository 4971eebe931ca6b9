/** Each programme's protection on the day of the event (JKK, JKM, JHT), and what the claim would pay. */
import { Badge, Box, Group, List, SimpleGrid, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BenefitEstimateDto } from '../../../core/claims.schema.ts';
import type { ClaimCheckDto } from '../../../core/claims.schema.ts';
import { useLang } from '../../i18n/index.ts';
import { formatMonth, formatRupiah } from '../../lib/format.ts';
import { ProgramStatusBadge } from '../workers/CoverageBadge.tsx';
import { useClaimLabel } from './claim-labels.ts';

type Protection = ClaimCheckDto['protection'][number];

/** One small box per programme: status on the day and the month paid up to; the paying programme outlined. */
export function ClaimProtectionList({ protection, program }: { protection: readonly Protection[]; program: 'JKM' | 'JKK' }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
      {protection.map((p) => (
        <Box
          key={p.program}
          p="xs"
          bg="white"
          style={{
            borderRadius: 'var(--mantine-radius-md)',
            border: `${p.program === program ? 2 : 1}px solid var(--mantine-color-${p.program === program ? 'jaring-7' : 'gray-3'})`,
          }}
          data-testid={`claim-protection-${p.program}`}
        >
          <Group justify="space-between" gap={6} wrap="nowrap">
            <Text fw={700} size="sm">
              {p.program}
            </Text>
            {p.status === 'not_enrolled' ? (
              <Badge color="gray" variant="light" tt="none" radius="sm" size="sm" style={{ color: 'var(--mantine-color-gray-8)' }}>
                {t('clm.protection.not_enrolled')}
              </Badge>
            ) : (
              <ProgramStatusBadge status={p.status} />
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {t(`coverage.programName.${p.program}`)}
          </Text>
          <Text size="xs" mt={2}>
            {p.paidUntil ? t('clm.paidUntil', { month: formatMonth(p.paidUntil, lang) }) : p.status === 'not_enrolled' ? '–' : t('clm.nothingPaid')}
          </Text>
        </Box>
      ))}
    </SimpleGrid>
  );
}

/** The benefit items with their amounts and total, the regulation's notes and the scholarship outlook. */
export function ClaimEstimate({ estimate, approvedAmount }: { estimate: BenefitEstimateDto; approvedAmount?: number | null }) {
  const { t } = useTranslation();
  const label = useClaimLabel();
  const scholarshipYears = estimate.scholarship.children.reduce((n, c) => n + c.schedule.length, 0);
  const scholarshipTotal = estimate.scholarship.children.reduce((n, c) => n + c.totalEntitlement, 0);
  return (
    <Box data-testid="claim-estimate">
      <Table verticalSpacing={6} horizontalSpacing={0} fz="sm">
        <Table.Tbody>
          {estimate.items.map((item) => (
            <Table.Tr key={item.code}>
              <Table.Td pr="sm">{label('kind', item.code, item.label)}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {formatRupiah(item.amount)}
              </Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td pr="sm" fw={700}>
              {t('clm.estimateTotal')}
            </Table.Td>
            <Table.Td ta="right" fw={700} style={{ whiteSpace: 'nowrap' }} data-testid="claim-estimate-total">
              {formatRupiah(estimate.total)}
            </Table.Td>
          </Table.Tr>
          {approvedAmount !== undefined && approvedAmount !== null && (
            <Table.Tr>
              <Table.Td pr="sm" fw={700} c="green.9">
                {t('clm.approvedByBpjs')}
              </Table.Td>
              <Table.Td ta="right" fw={700} c="green.9" style={{ whiteSpace: 'nowrap' }} data-testid="claim-approved-amount">
                {formatRupiah(approvedAmount)}
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <Text size="sm" mt="xs">
        {!estimate.scholarship.eligible
          ? t('clm.scholarshipNo', { reason: estimate.scholarship.reason ?? '' })
          : scholarshipYears > 0
            ? t('clm.scholarshipPlanned', { years: scholarshipYears, amount: formatRupiah(scholarshipTotal) })
            : t('clm.scholarshipYes')}
      </Text>
      {estimate.notes.length > 0 && (
        <List size="xs" c="dimmed" mt="xs" spacing={2}>
          {estimate.notes.map((note) => (
            <List.Item key={note}>{note}</List.Item>
          ))}
        </List>
      )}
      <Text size="xs" c="dimmed" mt={4}>
        {estimate.regulation}
      </Text>
    </Box>
  );
}
