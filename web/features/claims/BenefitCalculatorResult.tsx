/** The calculator's answer: each benefit with its amount and the total, the regulation, notes, and each child's scholarship. */
import { Alert, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BenefitEstimateDto, BenefitEstimateRequest } from '../../../core/claims.schema.ts';
import { DefinitionList } from '../../components/DefinitionList.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDate, formatNumber, formatRupiah } from '../../lib/format.ts';

type ScholarshipChild = BenefitEstimateDto['scholarship']['children'][number];

export function BenefitCalculatorResult({ estimate, request }: { estimate: BenefitEstimateDto; request: BenefitEstimateRequest }) {
  const { t } = useTranslation();
  const children = request.children ?? [];
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="estimate-result-title" data-testid="estimate-result">
      <Stack gap="md">
        <div>
          <Title order={2} size="h4" id="estimate-result-title">
            {t('clmx.resultTitle')}
          </Title>
          <Text size="sm" c="dimmed" data-testid="estimate-regulation">
            {t('clmx.regulationLine', { regulation: estimate.regulation })}
          </Text>
        </div>
        <TableCard minWidth={300} verticalSpacing="xs" data-testid="estimate-items">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('clmx.benefit')}</Table.Th>
              <Table.Th ta="right">{t('clmx.amount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {estimate.items.map((item) => (
              <Table.Tr key={item.code} data-testid="estimate-item" data-code={item.code}>
                <Table.Td>{item.label}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatRupiah(item.amount)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th>{t('clmx.total')}</Table.Th>
              <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }} fz="md" data-testid="estimate-total">
                {formatRupiah(estimate.total)}
              </Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        </TableCard>
        {estimate.notes.length > 0 && (
          <List size="sm" spacing={4} data-testid="estimate-notes">
            {estimate.notes.map((note) => (
              <List.Item key={note}>{note}</List.Item>
            ))}
          </List>
        )}

        <Stack gap="xs" data-testid="estimate-scholarship">
          <Title order={3} size="h5">
            {t('clmx.scholarshipTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('clmx.scholarshipApart')}
          </Text>
          {!estimate.scholarship.eligible && estimate.scholarship.reason ? (
            <Alert color="gray" variant="light" data-testid="scholarship-reason">
              {estimate.scholarship.reason}
            </Alert>
          ) : children.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('clmx.noChildrenGiven')}
            </Text>
          ) : (
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
              {estimate.scholarship.children.map((child, i) => (
                <ChildScholarship key={i} index={i} child={child} birthDate={children[i]?.birthDate} />
              ))}
            </SimpleGrid>
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}

function ChildScholarship({ index, child, birthDate }: { index: number; child: ScholarshipChild; birthDate: string | undefined }) {
  const { t } = useTranslation();
  const lang = useLang();
  const levelOf = (level: string) => t(`clmx.level.${level}` as 'clmx.level.SD', { defaultValue: level });
  return (
    <Paper withBorder radius="md" p="sm" data-testid="scholarship-child">
      <Stack gap={6}>
        <Text fw={600}>
          {t('clmx.childN', { n: index + 1 })}
          {birthDate && (
            <Text span size="sm" c="dimmed" fw={400}>
              {' '}
              · {t('clmx.bornOn', { date: formatDate(birthDate, lang) })}
            </Text>
          )}
        </Text>
        <DefinitionList
          rows={[
            [t('clmx.yearlyAmount'), <span data-testid="scholarship-yearly">{formatRupiah(child.yearlyAmount)}</span>],
            [t('clmx.totalEntitlement'), <strong data-testid="scholarship-entitlement">{formatRupiah(child.totalEntitlement)}</strong>],
          ]}
        />
        {child.reason && (
          <Text size="sm" c="orange.9" data-testid="scholarship-child-reason">
            {child.reason}
          </Text>
        )}
        {child.schedule.length > 0 && (
          <details>
            <summary style={{ cursor: 'pointer', padding: '10px 0' }} data-testid="scholarship-schedule-toggle">
              {t('clmx.scheduleToggle', { count: child.schedule.length, formatted: formatNumber(child.schedule.length) })}
            </summary>
            <TableCard minWidth={320} verticalSpacing={4} horizontalSpacing="xs" radius="sm" data-testid="scholarship-schedule">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('clmx.schoolYear')}</Table.Th>
                  <Table.Th>{t('clmx.schoolLevel')}</Table.Th>
                  <Table.Th ta="right">{t('clmx.amount')}</Table.Th>
                  <Table.Th>{t('clmx.dueOn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {child.schedule.map((y) => (
                  <Table.Tr key={y.year}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{y.schoolYear}</Table.Td>
                    <Table.Td>{levelOf(y.level)}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {formatRupiah(y.amount)}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(y.dueOn, lang)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </TableCard>
          </details>
        )}
      </Stack>
    </Paper>
  );
}
