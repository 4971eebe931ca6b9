import {
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROGRAMS, type Program } from '../../../core/coverage.ts';
import { PROGRAM_ORDER } from '../../../core/premiums.ts';
import { canManageRates } from '../../../core/roles.ts';
import { useCreateGraceRule, useCreateRate, useQuote, useRates, type PremiumRate, type QuoteResponse } from '../../api/queries.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatMonth, formatNumber, formatRupiah } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useCurrentUser } from '../auth/session.ts';
import { FormModal, FormSection, RupiahInput, useModalMutation } from '../financing/forms.tsx';
import { ApiErrorAlert, MonthSelect, PageHeader, fieldErrorOf, useThisMonth } from '../financing/shared.tsx';

const percentFormat = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 });

/** `1% dari penghasilan (min. Rp1.000.000)` or `Rp6.800 tetap`. */
function useRateText(): (rate: PremiumRate) => string {
  const { t } = useTranslation();
  return (rate) =>
    rate.flatAmount !== null
      ? t('premiums.flat', { amount: formatRupiah(rate.flatAmount) })
      : t('premiums.percent', { percent: percentFormat.format((rate.percentBp ?? 0) / 100) });
}

/** `/tarif`: the dated premium rates and grace rule, who may change them, and a premium calculator. */
export default function RatesPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useCurrentUser();
  const rates = useRates();
  const rateText = useRateText();
  const [adding, setAdding] = useState<'rate' | 'grace' | null>(null);
  usePageTitle(t('premiums.title'));
  const isAdmin = canManageRates(user);

  return (
    <Stack gap="md">
      <PageHeader
        title={t('premiums.title')}
        intro={t('premiums.intro')}
        actions={
          isAdmin && (
            <Group gap="sm">
              <Button onClick={() => setAdding('rate')} data-testid="add-rate">
                {t('premiums.addRate')}
              </Button>
              <Button variant="light" onClick={() => setAdding('grace')} data-testid="add-grace-rule">
                {t('premiums.addGrace')}
              </Button>
            </Group>
          )
        }
      />

      {rates.isError ? (
        <ErrorState error={rates.error} onRetry={() => void rates.refetch()} />
      ) : !rates.data ? (
        <Skeleton h={240} radius="md" />
      ) : (
        <>
          <TableCard minWidth={860} verticalSpacing="sm" horizontalSpacing="md" style={{ verticalAlign: 'top' }} data-testid="rates-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('premiums.program')}</Table.Th>
                <Table.Th>{t('premiums.rate')}</Table.Th>
                <Table.Th>{t('premiums.minIncome')}</Table.Th>
                <Table.Th>{t('premiums.validFrom')}</Table.Th>
                <Table.Th>{t('premiums.validUntil')}</Table.Th>
                <Table.Th>{t('premiums.regulation')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...rates.data.rates]
                .sort((a, b) => PROGRAM_ORDER.indexOf(a.program) - PROGRAM_ORDER.indexOf(b.program) || b.validFrom.localeCompare(a.validFrom))
                .map((r) => (
                  <Table.Tr key={r.id} c={r.validUntil ? 'dimmed' : undefined}>
                    <Table.Td>
                      <Text fw={600} size="sm">
                        {r.program}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t(`coverage.programName.${r.program}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td>{rateText(r)}</Table.Td>
                    <Table.Td>{r.minIncome === null ? '–' : formatRupiah(r.minIncome)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatMonth(r.validFrom, lang)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.validUntil ? formatMonth(r.validUntil, lang) : t('premiums.inForce')}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{r.regulation}</Text>
                      {r.note && (
                        <Text size="xs" c="dimmed">
                          {r.note}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </TableCard>

          <Title order={2} size="h4">
            {t('premiums.graceTitle')}
          </Title>
          <TableCard minWidth={640} verticalSpacing="sm" horizontalSpacing="md" data-testid="grace-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('premiums.graceMonths')}</Table.Th>
                <Table.Th>{t('premiums.validFrom')}</Table.Th>
                <Table.Th>{t('premiums.validUntil')}</Table.Th>
                <Table.Th>{t('premiums.regulation')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...rates.data.graceRules]
                .sort((a, b) => b.validFrom.localeCompare(a.validFrom))
                .map((g) => (
                  <Table.Tr key={g.id} c={g.validUntil ? 'dimmed' : undefined}>
                    <Table.Td>{t('premiums.monthsValue', { n: formatNumber(g.months) })}</Table.Td>
                    <Table.Td>{formatMonth(g.validFrom, lang)}</Table.Td>
                    <Table.Td>{g.validUntil ? formatMonth(g.validUntil, lang) : t('premiums.inForce')}</Table.Td>
                    <Table.Td>{g.regulation}</Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </TableCard>
        </>
      )}

      <QuoteCalculator />

      {isAdmin && <RateModal opened={adding === 'rate'} onClose={() => setAdding(null)} />}
      {isAdmin && <GraceModal opened={adding === 'grace'} onClose={() => setAdding(null)} />}
    </Stack>
  );
}

function RateModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const thisMonth = useThisMonth();
  const create = useCreateRate();
  const [program, setProgram] = useState<Program>('JKK');
  const [mode, setMode] = useState<'percent' | 'flat'>('percent');
  const [percent, setPercent] = useState<number | ''>('');
  const [flatAmount, setFlatAmount] = useState<number | ''>('');
  const [minIncome, setMinIncome] = useState<number | ''>('');
  const [validFrom, setValidFrom] = useState(thisMonth);
  const [regulation, setRegulation] = useState('');
  const [note, setNote] = useState('');
  const { close, save } = useModalMutation(create, onClose);
  const onSubmit = () =>
    save(
      {
        program,
        percent: mode === 'percent' && percent !== '' ? percent : null,
        flatAmount: mode === 'flat' && flatAmount !== '' ? flatAmount : null,
        minIncome: minIncome === '' ? null : minIncome,
        validFrom,
        regulation,
        note: note.trim() || null,
      },
      t('premiums.rateSaved'),
    );
  return (
    <FormModal opened={opened} onClose={close} title={t('premiums.addRate')} onSubmit={onSubmit} error={create.error} pending={create.isPending} size="lg">
      <Select
        label={t('premiums.program')}
        data={PROGRAMS.map((p) => ({ value: p, label: `${p} – ${t(`coverage.programName.${p}`)}` }))}
        value={program}
        onChange={(p) => p && setProgram(p as Program)}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
      />
      <SegmentedControl
        value={mode}
        onChange={(m) => setMode(m as 'percent' | 'flat')}
        data={[
          { value: 'percent', label: t('premiums.modePercent') },
          { value: 'flat', label: t('premiums.modeFlat') },
        ]}
      />
      {mode === 'percent' ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('premiums.percentLabel')}
            suffix="%"
            decimalSeparator=","
            thousandSeparator="."
            decimalScale={2}
            allowNegative={false}
            value={percent}
            onChange={(v) => setPercent(typeof v === 'number' ? v : '')}
            error={fieldErrorOf(create.error, 'percent')}
          />
          <RupiahInput label={t('premiums.minIncome')} value={minIncome} onChange={setMinIncome} error={fieldErrorOf(create.error, 'minIncome')} />
        </SimpleGrid>
      ) : (
        <RupiahInput label={t('premiums.flatLabel')} value={flatAmount} onChange={setFlatAmount} error={fieldErrorOf(create.error, 'flatAmount')} />
      )}
      <MonthSelect label={t('premiums.validFrom')} value={validFrom} onChange={setValidFrom} error={fieldErrorOf(create.error, 'validFrom')} monthsAhead={36} monthsBack={120} />
      <TextInput label={t('premiums.regulation')} required placeholder="PP 49/2023" value={regulation} onChange={(e) => setRegulation(e.currentTarget.value)} error={fieldErrorOf(create.error, 'regulation')} />
      <TextInput label={t('fin.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={fieldErrorOf(create.error, 'note')} />
    </FormModal>
  );
}

function GraceModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const thisMonth = useThisMonth();
  const create = useCreateGraceRule();
  const [months, setMonths] = useState<number | ''>(2);
  const [validFrom, setValidFrom] = useState(thisMonth);
  const [regulation, setRegulation] = useState('');
  const { close, save } = useModalMutation(create, onClose);
  const onSubmit = () => {
    if (months === '') return;
    save({ months, validFrom, regulation }, t('premiums.graceSaved'));
  };
  return (
    <FormModal opened={opened} onClose={close} title={t('premiums.addGrace')} onSubmit={onSubmit} error={create.error} pending={create.isPending}>
      <NumberInput
        label={t('premiums.graceMonths')}
        min={0}
        max={12}
        allowDecimal={false}
        value={months}
        onChange={(v) => setMonths(typeof v === 'number' ? v : '')}
        error={fieldErrorOf(create.error, 'months')}
      />
      <MonthSelect label={t('premiums.validFrom')} value={validFrom} onChange={setValidFrom} error={fieldErrorOf(create.error, 'validFrom')} monthsAhead={36} monthsBack={120} />
      <TextInput label={t('premiums.regulation')} required value={regulation} onChange={(e) => setRegulation(e.currentTarget.value)} error={fieldErrorOf(create.error, 'regulation')} />
    </FormModal>
  );
}

function QuoteCalculator() {
  const { t } = useTranslation();
  const thisMonth = useThisMonth();
  const quote = useQuote();
  const [income, setIncome] = useState<number | ''>(1_000_000);
  const [withJht, setWithJht] = useState(false);
  const [months, setMonths] = useState<number | ''>(12);
  const [startMonth, setStartMonth] = useState(thisMonth);

  const onSubmit = () => {
    if (income === '' || months === '') return;
    quote.mutate({ income, programs: withJht ? ['JKK', 'JKM', 'JHT'] : ['JKK', 'JKM'], months, startMonth });
  };

  return (
    <FormSection titleId="quote-title" title={t('premiums.quoteTitle')} intro={t('premiums.quoteIntro')} onSubmit={onSubmit} testId="quote-form">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
        <RupiahInput
          label={t('premiums.income')}
          inputMode="numeric"
          value={income}
          onChange={setIncome}
          error={fieldErrorOf(quote.error, 'income')}
          data-testid="quote-income"
        />
        <NumberInput
          label={t('premiums.months')}
          min={1}
          max={120}
          allowDecimal={false}
          value={months}
          onChange={(v) => setMonths(typeof v === 'number' ? v : '')}
          error={fieldErrorOf(quote.error, 'months')}
          data-testid="quote-months"
        />
        <MonthSelect label={t('premiums.startMonth')} value={startMonth} onChange={setStartMonth} error={fieldErrorOf(quote.error, 'startMonth')} />
        <Stack gap={6} justify="flex-end">
          <Text size="sm" fw={500}>
            {t('premiums.programs')}
          </Text>
          <Group gap="md">
            <Checkbox label="JKK" checked disabled />
            <Checkbox label="JKM" checked disabled />
            <Checkbox label="JHT" checked={withJht} onChange={(e) => setWithJht(e.currentTarget.checked)} data-testid="quote-jht" />
          </Group>
        </Stack>
      </SimpleGrid>
      <ApiErrorAlert error={quote.error} />
      <Group justify="flex-end">
        <Button type="submit" loading={quote.isPending} data-testid="quote-submit">
          {t('premiums.calculate')}
        </Button>
      </Group>
      {quote.data && <QuoteResult quote={quote.data} />}
    </FormSection>
  );
}

function QuoteResult({ quote }: { quote: QuoteResponse }) {
  const { t } = useTranslation();
  const lang = useLang();
  const programs = quote.programs.map((p) => p.program);
  return (
    <Stack gap="sm" data-testid="quote-result">
      {quote.incomeRaised && (
        <Alert color="yellow" variant="light" title={t('premiums.incomeRaised')} data-testid="quote-notice">
          {quote.notice ?? t('premiums.incomeRaisedBody', { income: formatRupiah(quote.declaredIncome) })}
        </Alert>
      )}
      <TableCard minWidth={560} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('premiums.program')}</Table.Th>
            <Table.Th ta="right">{t('premiums.perMonth')}</Table.Th>
            <Table.Th ta="right">{t('premiums.periodTotal')}</Table.Th>
            <Table.Th>{t('premiums.regulation')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {quote.programs.map((p) => (
            <Table.Tr key={p.program}>
              <Table.Td fw={600}>{p.program}</Table.Td>
              <Table.Td ta="right">
                {formatRupiah(p.monthlyAmount)}
                {p.changesDuringPeriod && (
                  <Text size="xs" c="orange.8">
                    {t('premiums.changesDuringPeriod')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">{formatRupiah(p.totalAmount)}</Table.Td>
              <Table.Td>{p.regulation}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th>{t('fin.total')}</Table.Th>
            <Table.Th ta="right">{formatRupiah(quote.monthlyTotal)}</Table.Th>
            <Table.Th ta="right" data-testid="quote-total">
              {formatRupiah(quote.total)}
            </Table.Th>
            <Table.Th>
              {formatMonth(quote.startMonth, lang)} – {formatMonth(quote.endMonth, lang)}
            </Table.Th>
          </Table.Tr>
        </Table.Tfoot>
      </TableCard>
      <details>
        <summary style={{ cursor: 'pointer', minHeight: 32 }}>{t('premiums.perMonthBreakdown', { n: formatNumber(quote.months.length) })}</summary>
        <TableCard minWidth={480} verticalSpacing={4} mt="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('premiums.month')}</Table.Th>
              {programs.map((p) => (
                <Table.Th key={p} ta="right">
                  {p}
                </Table.Th>
              ))}
              <Table.Th ta="right">{t('fin.total')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {quote.months.map((m) => (
              <Table.Tr key={m.month}>
                <Table.Td>{formatMonth(m.month, lang)}</Table.Td>
                {programs.map((p) => (
                  <Table.Td key={p} ta="right">
                    {formatRupiah(m.amounts[p] ?? 0)}
                  </Table.Td>
                ))}
                <Table.Td ta="right" fw={600}>
                  {formatRupiah(m.total)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </TableCard>
      </details>
      <Text size="sm" c="dimmed">
        {t('premiums.declaredIncome', { income: formatRupiah(quote.declaredIncome) })}
      </Text>
    </Stack>
  );
}
