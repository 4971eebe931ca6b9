import { Alert, Button, Group, Paper, Select, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FUNDING_KINDS, VILLAGE_KINDS, type FundingKind } from '../../../core/funding.ts';
import { useCreateFundingSource, useFundingSources, usePutBudget, type FundingSource } from '../../api/queries.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatNumber, formatRupiah } from '../../lib/format.ts';
import { useCurrentUser } from '../auth/session.ts';
import { canAddSource, canSeeFunding } from './financing-rules.ts';
import { FormModal, RupiahInput, useModalMutation } from './forms.tsx';
import { GuardedPage, Money, PageHeader, RegionScopePicker, YearSelect, fieldErrorOf, fundingKindLabel, useToday } from './shared.tsx';

/** `/pembiayaan`: who pays, with each source's budget for a fiscal year and what is promised and paid from it. */
export default function FundingSourcesPage() {
  return (
    <GuardedPage title="fin.sourcesTitle" canSee={canSeeFunding}>
      <FundingSources />
    </GuardedPage>
  );
}

function FundingSources() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const today = useToday();
  const [year, setYear] = useState(Number(today.slice(0, 4)));
  const sources = useFundingSources({ year });
  const [adding, setAdding] = useState(false);
  const [budgetFor, setBudgetFor] = useState<FundingSource | null>(null);

  const items = sources.data ?? [];
  const totals = items.reduce(
    (sum, s) => ({
      budget: sum.budget + (s.budget?.amount ?? 0),
      committed: sum.committed + s.committed,
      paid: sum.paid + s.paid,
      remaining: sum.remaining + (s.remaining ?? 0),
      workers: sum.workers + s.workersFunded,
    }),
    { budget: 0, committed: 0, paid: 0, remaining: 0, workers: 0 },
  );

  return (
    <Stack gap="md">
      <PageHeader
        title={t('fin.sourcesTitle')}
        intro={t('fin.sourcesIntro')}
        actions={
          <Group gap="sm" align="flex-end">
            <YearSelect value={year} onChange={setYear} />
            {canAddSource(user.role) && (
              <Button onClick={() => setAdding(true)} data-testid="add-source">
                {t('fin.addSource')}
              </Button>
            )}
          </Group>
        }
      />

      {sources.isError ? (
        <ErrorState error={sources.error} onRetry={() => void sources.refetch()} />
      ) : !sources.data ? (
        <Skeleton h={260} radius="md" />
      ) : items.length === 0 ? (
        <Paper withBorder radius="md" p="lg">
          <Text c="dimmed" ta="center">
            {t('fin.noSources')}
          </Text>
        </Paper>
      ) : (
        <TableCard minWidth={960} verticalSpacing="sm" horizontalSpacing="md" style={{ verticalAlign: 'top', opacity: sources.isPlaceholderData ? 0.6 : 1 }} data-testid="sources-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fin.source')}</Table.Th>
              <Table.Th ta="right">{t('fin.budget')}</Table.Th>
              <Table.Th ta="right">{t('fin.committed')}</Table.Th>
              <Table.Th ta="right">{t('fin.paid')}</Table.Th>
              <Table.Th ta="right">{t('fin.remaining')}</Table.Th>
              <Table.Th ta="right">{t('fin.workersFunded')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((s) => (
              <SourceRow key={s.id} source={s} onBudget={() => setBudgetFor(s)} />
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th>{t('fin.total')}</Table.Th>
              <Table.Th ta="right">{formatRupiah(totals.budget)}</Table.Th>
              <Table.Th ta="right">{formatRupiah(totals.committed)}</Table.Th>
              <Table.Th ta="right">{formatRupiah(totals.paid)}</Table.Th>
              <Table.Th ta="right">{formatRupiah(totals.remaining)}</Table.Th>
              <Table.Th ta="right">{formatNumber(totals.workers)}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Tfoot>
        </TableCard>
      )}

      <Group gap="sm">
        <Button component={Link} to="/pembiayaan/rencana" variant="light">
          {t('nav.finPlan')}
        </Button>
        <Button component={Link} to="/pembiayaan/pembayaran" variant="subtle">
          {t('nav.finPayments')}
        </Button>
      </Group>

      <AddSourceModal opened={adding} onClose={() => setAdding(false)} />
      <BudgetModal source={budgetFor} year={year} onClose={() => setBudgetFor(null)} />
    </Stack>
  );
}

function SourceRow({ source: s, onBudget }: { source: FundingSource; onBudget: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Table.Tr data-testid={`source-row-${s.kind}`}>
      <Table.Td>
        <Text fw={600} size="sm">
          {s.name}
        </Text>
        <Text size="xs" c="dimmed">
          {fundingKindLabel(s.kind, lang)} · {s.regionName}
        </Text>
        {s.budget?.budgetLine && (
          <Text size="xs" c="dimmed">
            {t('fin.budgetLine')}: {s.budget.budgetLine}
          </Text>
        )}
        {s.budget?.legalBasis && (
          <Text size="xs" c="dimmed">
            {t('fin.legalBasis')}: {s.budget.legalBasis}
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right">
        {s.budget ? <Money value={s.budget.amount} /> : <Text size="sm" c="dimmed">{s.kind === 'SELF' ? t('fin.noBudgetSelf') : t('fin.noBudget')}</Text>}
      </Table.Td>
      <Table.Td ta="right">
        <Money value={s.committed} />
      </Table.Td>
      <Table.Td ta="right">
        <Money value={s.paid} />
      </Table.Td>
      <Table.Td ta="right">
        <Text span size="sm" c={s.remaining !== null && s.remaining < 0 ? 'red.8' : undefined} fw={600}>
          {s.remaining === null ? '–' : formatRupiah(s.remaining)}
        </Text>
      </Table.Td>
      <Table.Td ta="right">{formatNumber(s.workersFunded)}</Table.Td>
      <Table.Td>
        {s.canManage && s.kind !== 'SELF' && (
          <Button size="xs" variant="light" onClick={onBudget} data-testid={`set-budget-${s.id}`}>
            {s.budget ? t('fin.changeBudget') : t('fin.setBudget')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function AddSourceModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useCurrentUser();
  const create = useCreateFundingSource();
  const kinds: readonly FundingKind[] = user.role === 'village' ? VILLAGE_KINDS : FUNDING_KINDS;
  const [kind, setKind] = useState<FundingKind>(kinds[0] ?? 'ADD');
  const [region, setRegion] = useState(user.regionCode);
  const [name, setName] = useState('');
  const isVillageKind = VILLAGE_KINDS.includes(kind);
  const errorOf = (field: string) => fieldErrorOf(create.error, field);
  const { close, save } = useModalMutation(create, onClose);

  const onSubmit = () =>
    save(
      {
        kind,
        regionCode: user.role === 'admin' && isVillageKind ? region : undefined,
        name: name.trim() || undefined,
      },
      t('fin.sourceAdded'),
      () => setName(''),
    );

  return (
    <FormModal opened={opened} onClose={close} title={t('fin.addSource')} onSubmit={onSubmit} error={create.error} pending={create.isPending}>
      <Select
        label={t('fin.kind')}
        data={kinds.map((k) => ({ value: k, label: fundingKindLabel(k, lang) }))}
        value={kind}
        onChange={(k) => k && setKind(k as FundingKind)}
        allowDeselect={false}
        error={errorOf('kind')}
        comboboxProps={{ withinPortal: true }}
      />
      {kind === 'DD' && (
        <Alert color="orange" variant="light">
          {t('fin.ddWarning')}
        </Alert>
      )}
      {user.role === 'admin' && isVillageKind && <RegionScopePicker value={region} onChange={setRegion} villageOnly />}
      <TextInput
        label={t('fin.sourceName')}
        description={t('fin.sourceNameHint')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={errorOf('name')}
      />
    </FormModal>
  );
}

function BudgetModal({ source, year, onClose }: { source: FundingSource | null; year: number; onClose: () => void }) {
  const { t } = useTranslation();
  const put = usePutBudget();
  const [amount, setAmount] = useState<number | ''>('');
  const [budgetLine, setBudgetLine] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [openedFor, setOpenedFor] = useState<string | null>(null);
  // Fill the form from the source each time the modal opens for one.
  if (source && openedFor !== source.id) {
    setOpenedFor(source.id);
    setAmount(source.budget?.amount ?? '');
    setBudgetLine(source.budget?.budgetLine ?? '');
    setLegalBasis(source.budget?.legalBasis ?? '');
    put.reset();
  }
  const close = () => {
    setOpenedFor(null);
    onClose();
  };
  const errorOf = (field: string) => fieldErrorOf(put.error, field);

  const onSubmit = () => {
    if (!source || amount === '') return;
    put.mutate(
      { sourceId: source.id, year, amount, budgetLine: budgetLine.trim() || null, legalBasis: legalBasis.trim() || null },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('fin.budgetSaved') });
          close();
        },
      },
    );
  };

  return (
    <FormModal
      opened={source !== null}
      onClose={close}
      title={t('fin.budgetTitle', { name: source?.name ?? '', year })}
      onSubmit={onSubmit}
      error={put.error}
      pending={put.isPending}
      submitDisabled={amount === ''}
    >
      <RupiahInput
        label={t('fin.budgetAmount')}
        inputMode="numeric"
        required
        value={amount}
        onChange={setAmount}
        error={errorOf('amount')}
        data-testid="budget-amount"
      />
      <TextInput label={t('fin.budgetLine')} description={t('fin.budgetLineHint')} value={budgetLine} onChange={(e) => setBudgetLine(e.currentTarget.value)} error={errorOf('budgetLine')} />
      <TextInput label={t('fin.legalBasis')} description={t('fin.legalBasisHint')} value={legalBasis} onChange={(e) => setLegalBasis(e.currentTarget.value)} error={errorOf('legalBasis')} />
    </FormModal>
  );
}
