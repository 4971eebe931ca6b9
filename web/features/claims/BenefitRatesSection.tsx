/** The dated rows of benefit amounts (read-only; a change of regulation is a new row) and the button to add one. */
import { Button, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BenefitAmounts } from '../../../core/benefits.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDate, formatNumber, formatRupiah } from '../../lib/format.ts';
import { useToday } from '../financing/shared.tsx';
import { BenefitRatesModal } from './BenefitRatesForm.tsx';
import { useBenefitRates, type BenefitRateList } from './queries.ts';

type BenefitRate = BenefitRateList['items'][number];

/** The row in force today, else the newest (a row may start in the future). */
export function rateInForce(rates: readonly BenefitRate[], today: string): BenefitRate | undefined {
  const started = rates.filter((r) => r.validFrom <= today).sort((a, b) => b.validFrom.localeCompare(a.validFrom));
  return started[0] ?? [...rates].sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
}

export function BenefitRatesSection() {
  const { t } = useTranslation();
  const today = useToday();
  const rates = useBenefitRates();
  const [adding, setAdding] = useState(false);
  const rows = [...(rates.data?.items ?? [])].sort((a, b) => b.validFrom.localeCompare(a.validFrom));
  const current = rateInForce(rows, today);

  return (
    <Stack gap="sm" component="section" aria-labelledby="benefit-rates-title">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Title order={2} size="h4" id="benefit-rates-title">
            {t('clmx.ratesTitle')}
          </Title>
          <Text size="sm" c="dimmed" maw={760}>
            {t('clmx.ratesIntro')}
          </Text>
        </div>
        <Button onClick={() => setAdding(true)} disabled={!rates.data} data-testid="benefit-rate-add">
          {t('clmx.addRate')}
        </Button>
      </Group>
      {rates.isError ? (
        <ErrorState error={rates.error} onRetry={() => void rates.refetch()} />
      ) : !rates.data ? (
        <Skeleton h={200} radius="md" />
      ) : (
        <TableCard minWidth={1200} verticalSpacing="sm" horizontalSpacing="sm" styles={{ td: { verticalAlign: 'top' } }} data-testid="benefit-rates-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('clmx.validity')}</Table.Th>
              <Table.Th miw={240}>{t('clmx.regulation')}</Table.Th>
              <Table.Th>JKM</Table.Th>
              <Table.Th>JKK</Table.Th>
              <Table.Th>{t('clmx.stmb')}</Table.Th>
              <Table.Th>{t('clmx.scholarshipTitle')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <RateRow key={r.id} rate={r} inForce={r.id === current?.id} upcoming={r.validFrom > today} />
            ))}
          </Table.Tbody>
        </TableCard>
      )}
      {adding && rates.data && <BenefitRatesModal opened prefill={current?.amounts} onClose={() => setAdding(false)} />}
    </Stack>
  );
}

function RateRow({ rate, inForce, upcoming }: { rate: BenefitRate; inForce: boolean; upcoming: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const a: BenefitAmounts = rate.amounts;
  const s = a.scholarship;
  const line = (text: string) => (
    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
      {text}
    </Text>
  );
  return (
    <Table.Tr c={inForce || upcoming ? undefined : 'dimmed'} data-testid="benefit-rate-row" data-valid-from={rate.validFrom} data-in-force={inForce || undefined}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm" fw={600}>
          {formatDate(rate.validFrom, lang)}
        </Text>
        <Text size="xs">{rate.validUntil ? t('clmx.until', { date: formatDate(rate.validUntil, lang) }) : t('clmx.noEnd')}</Text>
        {(inForce || upcoming) && (
          <Text size="xs" c={inForce ? 'teal.9' : 'blue.8'} fw={600}>
            {inForce ? t('clmx.inForce') : t('clmx.upcoming')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{rate.regulation}</Text>
        {rate.note && (
          <Text size="xs" c="dimmed">
            {rate.note}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {line(t('clmx.rateLumpSum', { amount: formatRupiah(a.jkmLumpSum) }))}
        {line(t('clmx.ratePeriodic', { amount: formatRupiah(a.periodic) }))}
        {line(t('clmx.rateFuneral', { amount: formatRupiah(a.funeral) }))}
      </Table.Td>
      <Table.Td>
        {line(t('clmx.rateJkkDeath', { n: formatNumber(a.jkkDeathIncomeMultiple) }))}
        {line(t('clmx.rateJkkDisability', { n: formatNumber(a.jkkDisabilityIncomeMultiple) }))}
        {line(t('clmx.rateMinIncome', { amount: formatRupiah(a.minDeclaredIncome) }))}
      </Table.Td>
      <Table.Td>
        {line(t('clmx.rateStmbFull', { percent: a.temporaryIncapacity.fullPercent, months: a.temporaryIncapacity.fullMonths }))}
        {line(t('clmx.rateStmbLater', { percent: a.temporaryIncapacity.laterPercent }))}
      </Table.Td>
      <Table.Td>
        {s.levels.map((l) => (
          <Text key={l.level} size="sm" style={{ whiteSpace: 'nowrap' }}>
            {t('clmx.rateLevel', { level: l.level === 'SMA' ? 'SMA/SMK' : l.level, amount: formatRupiah(l.yearlyAmount), years: l.years })}
          </Text>
        ))}
        <Text size="xs" mt={4}>
          {t('clmx.rateScholarshipRules', {
            max: formatRupiah(s.maxPerChild),
            children: s.maxChildren,
            age: s.ageLimit,
            months: s.jkmMinContributionMonths,
          })}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
