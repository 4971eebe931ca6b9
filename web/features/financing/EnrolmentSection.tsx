import { Alert, Box, Button, Checkbox, Group, Paper, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FUNDING_KINDS, type FundingKind } from '../../../core/funding.ts';
import { PROGRAM_ORDER } from '../../../core/premiums.ts';
import { canWriteEnrolment } from '../../../core/roles.ts';
import { useCreateEnrolment, useEndEnrolment, useEnrolments, usePatchEnrolment, type EnrolmentRecord } from '../../api/queries.ts';
import type { WorkerDetail } from '../../api/types.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDate, formatMonth, formatRupiah } from '../../lib/format.ts';
import { useCurrentUser } from '../auth/session.ts';
import { FormModal, ReasonField, RupiahInput, reasonGiven, useModalMutation } from './forms.tsx';
import { EnrolmentStatusBadge, MonthSelect, fieldErrorOf, fundingKindLabel, useThisMonth, useToday } from './shared.tsx';
import { DefinitionList } from '../../components/DefinitionList.tsx';

/**
 * "Kepesertaan & iuran" on a worker's page: each programme with its KPJ, status, the month paid up to, the
 * last protected day and the payments behind it; enrolling and KPJ edits for roles that may.
 */
export function EnrolmentSection({ worker }: { worker: WorkerDetail }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const enrolments = useEnrolments(worker.id);
  const canWrite = canWriteEnrolment(user, worker.villageCode);
  const [enrolling, setEnrolling] = useState(false);
  const items = [...(enrolments.data ?? [])].sort(
    (a, b) => PROGRAM_ORDER.indexOf(a.program) - PROGRAM_ORDER.indexOf(b.program) || b.startMonth.localeCompare(a.startMonth),
  );
  const hasCurrent = items.some((e) => e.status !== 'ended');

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="enrolments-title" data-testid="enrolment-section">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Title order={2} size="h4" id="enrolments-title">
            {t('fin.enrolmentsTitle')}
          </Title>
          {canWrite && (
            <Button size="sm" variant={hasCurrent ? 'light' : 'filled'} onClick={() => setEnrolling(true)} data-testid="enrol-open">
              {t('fin.enrol')}
            </Button>
          )}
        </Group>
        {enrolments.isError ? (
          <ErrorState error={enrolments.error} onRetry={() => void enrolments.refetch()} />
        ) : !enrolments.data ? (
          <Skeleton h={120} />
        ) : items.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('fin.noEnrolments')}
          </Text>
        ) : (
          <Stack gap="sm">
            {items.map((e) => (
              <EnrolmentCard key={e.id} enrolment={e} canWrite={canWrite} />
            ))}
          </Stack>
        )}
      </Stack>
      {canWrite && <EnrolModal worker={worker} opened={enrolling} onClose={() => setEnrolling(false)} />}
    </Paper>
  );
}

function EnrolmentCard({ enrolment: e, canWrite }: { enrolment: EnrolmentRecord; canWrite: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [editing, setEditing] = useState<'kpj' | 'end' | null>(null);
  const rows: [string, React.ReactNode][] = [
    [t('coverage.kpj'), e.kpj ? <span className="nik">{e.kpj}</span> : <Text span c="dimmed" size="sm">{t('detail.none')}</Text>],
    [t('coverage.startMonth'), formatMonth(e.startMonth, lang)],
    [t('coverage.paidUntilLabel'), e.paidUntil ? formatMonth(e.paidUntil, lang) : t('coverage.nothingPaid')],
    [t('fin.protectedUntil'), e.protectedUntil ? formatDate(e.protectedUntil, lang) : '–'],
    [t('fin.declaredIncome'), formatRupiah(e.declaredIncome)],
    [t('coverage.fundingSource'), fundingKindLabel(e.fundingSource, lang)],
  ];
  if (e.endedOn) rows.push([t('fin.endedOn'), formatDate(e.endedOn, lang)]);
  if (e.bpjsStatus) rows.push([t('coverage.bpjsSays'), `${t(`coverage.programStatus.${e.bpjsStatus}`)}${e.bpjsReportedOn ? ` · ${formatDate(e.bpjsReportedOn, lang)}` : ''}`]);

  return (
    <Box p="sm" bg="gray.0" style={{ borderRadius: 'var(--mantine-radius-md)', border: '1px solid var(--mantine-color-gray-3)' }} data-testid={`enrolment-${e.program}`}>
      <Group justify="space-between" align="flex-start" gap="xs" mb="xs">
        <div>
          <Text fw={700} lh={1.2}>
            {e.program}
          </Text>
          <Text size="sm" c="dimmed">
            {t(`coverage.programName.${e.program}`)}
          </Text>
        </div>
        <Group gap="xs">
          <EnrolmentStatusBadge status={e.status} />
          {canWrite && e.status !== 'ended' && (
            <>
              <Button size="compact-sm" variant="subtle" onClick={() => setEditing('kpj')} data-testid={`edit-kpj-${e.program}`}>
                {e.kpj ? t('fin.editKpj') : t('fin.addKpj')}
              </Button>
              <Button size="compact-sm" variant="subtle" color="red" onClick={() => setEditing('end')}>
                {t('fin.endEnrolment')}
              </Button>
            </>
          )}
        </Group>
      </Group>
      <DefinitionList rows={rows} />
      {e.payments.length > 0 && (
        <details style={{ marginTop: 8 }}>
          <summary style={{ cursor: 'pointer', minHeight: 28 }}>{t('fin.paymentLines', { n: e.payments.length })}</summary>
          <TableCard minWidth={560} verticalSpacing={4} mt={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fin.period')}</Table.Th>
                <Table.Th>{t('fin.source')}</Table.Th>
                <Table.Th>{t('fin.paidOn')}</Table.Th>
                <Table.Th ta="right">{t('fin.amount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {e.payments.map((p, i) => (
                <Table.Tr key={`${p.paymentId ?? 'x'}-${i}`} style={p.reversed ? { textDecoration: 'line-through', color: 'var(--mantine-color-dimmed)' } : undefined}>
                  <Table.Td>
                    {formatMonth(p.fromMonth, lang)} – {formatMonth(p.toMonth, lang)}
                  </Table.Td>
                  <Table.Td>{p.sourceName ?? fundingKindLabel(p.sourceKind, lang)}</Table.Td>
                  <Table.Td>
                    {formatDate(p.paidOn, lang)}
                    {p.reference ? ` · ${p.reference}` : ''}
                  </Table.Td>
                  <Table.Td ta="right">
                    {formatRupiah(p.amount)}
                    {p.reversed && (
                      <Text span size="xs" ml={4}>
                        ({t('fin.reversed')})
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </TableCard>
        </details>
      )}
      {editing === 'kpj' && <KpjModal enrolment={e} onClose={() => setEditing(null)} />}
      {editing === 'end' && <EndModal enrolment={e} onClose={() => setEditing(null)} />}
    </Box>
  );
}

function KpjModal({ enrolment, onClose }: { enrolment: EnrolmentRecord; onClose: () => void }) {
  const { t } = useTranslation();
  const patch = usePatchEnrolment();
  const [kpj, setKpj] = useState(enrolment.kpj ?? '');
  const [income, setIncome] = useState<number | ''>(enrolment.declaredIncome);
  const { close, save } = useModalMutation(patch, onClose);
  const onSubmit = () =>
    save(
      {
        id: enrolment.id,
        kpj: kpj.trim() || null,
        ...(income !== '' && income !== enrolment.declaredIncome ? { declaredIncome: income } : {}),
      },
      t('fin.enrolmentSaved'),
    );
  return (
    <FormModal
      opened
      onClose={close}
      title={t('fin.editEnrolmentTitle', { program: enrolment.program })}
      onSubmit={onSubmit}
      error={patch.error}
      pending={patch.isPending}
      submitTestId="kpj-save"
    >
      <TextInput
        label={t('coverage.kpj')}
        description={t('fin.kpjHint')}
        inputMode="numeric"
        value={kpj}
        onChange={(ev) => setKpj(ev.currentTarget.value)}
        error={fieldErrorOf(patch.error, 'kpj')}
        data-testid="kpj-input"
      />
      <RupiahInput label={t('fin.declaredIncome')} value={income} onChange={setIncome} error={fieldErrorOf(patch.error, 'declaredIncome')} />
    </FormModal>
  );
}

function EndModal({ enrolment, onClose }: { enrolment: EnrolmentRecord; onClose: () => void }) {
  const { t } = useTranslation();
  const today = useToday();
  const end = useEndEnrolment();
  const [endedOn, setEndedOn] = useState(today);
  const [reason, setReason] = useState('');
  const { close, save } = useModalMutation(end, onClose);
  const onSubmit = () => save({ id: enrolment.id, endedOn, reason }, t('fin.enrolmentEnded'));
  return (
    <FormModal
      opened
      onClose={close}
      title={t('fin.endEnrolmentTitle', { program: enrolment.program })}
      onSubmit={onSubmit}
      error={end.error}
      pending={end.isPending}
      submitLabel={t('fin.endEnrolment')}
      submitColor="red"
      submitDisabled={!reasonGiven(reason)}
    >
      <TextInput type="date" label={t('fin.endedOn')} value={endedOn} onChange={(ev) => setEndedOn(ev.currentTarget.value)} error={fieldErrorOf(end.error, 'endedOn')} />
      <ReasonField value={reason} onChange={setReason} error={end.error} />
    </FormModal>
  );
}

/** Funding a worker may be enrolled under: Dana Desa no longer pays premiums (from January 2024). */
const ENROL_KINDS = FUNDING_KINDS.filter((k) => k !== 'DD');

function EnrolModal({ worker, opened, onClose }: { worker: WorkerDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const thisMonth = useThisMonth();
  const create = useCreateEnrolment(worker.id);
  const [withJht, setWithJht] = useState(false);
  const [kpj, setKpj] = useState('');
  const [startMonth, setStartMonth] = useState(thisMonth);
  const [income, setIncome] = useState<number | ''>(worker.monthlyIncome ?? 1_000_000);
  const [fundingSource, setFundingSource] = useState<FundingKind>('SELF');
  const { close, save } = useModalMutation(create, onClose);
  const onSubmit = () => {
    if (income === '') return;
    save(
      { programs: withJht ? ['JKK', 'JKM', 'JHT'] : ['JKK', 'JKM'], kpj: kpj.trim() || null, startMonth, declaredIncome: income, fundingSource },
      t('fin.enrolled', { name: worker.name }),
    );
  };
  return (
    <FormModal
      opened={opened}
      onClose={close}
      title={t('fin.enrolTitle', { name: worker.name })}
      onSubmit={onSubmit}
      error={create.error}
      pending={create.isPending}
      submitLabel={t('fin.enrol')}
      submitDisabled={income === ''}
      submitTestId="enrol-submit"
      formTestId="enrol-form"
      size="lg"
    >
      <Stack gap={6}>
        <Text size="sm" fw={500}>
          {t('premiums.programs')}
        </Text>
        <Group gap="md">
          <Checkbox label={`JKK – ${t('coverage.programName.JKK')}`} checked disabled />
          <Checkbox label={`JKM – ${t('coverage.programName.JKM')}`} checked disabled />
          <Checkbox label={`JHT – ${t('coverage.programName.JHT')}`} checked={withJht} onChange={(e) => setWithJht(e.currentTarget.checked)} />
        </Group>
        <Text size="xs" c="dimmed">
          {t('fin.requiredPrograms')}
        </Text>
        {fieldErrorOf(create.error, 'programs') && (
          <Text size="sm" c="red.8">
            {fieldErrorOf(create.error, 'programs')}
          </Text>
        )}
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <MonthSelect label={t('coverage.startMonth')} value={startMonth} onChange={setStartMonth} error={fieldErrorOf(create.error, 'startMonth')} testId="enrol-start" required />
        <RupiahInput
          label={t('fin.declaredIncome')}
          description={t('fin.declaredIncomeHint')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          required
          value={income}
          onChange={setIncome}
          error={fieldErrorOf(create.error, 'declaredIncome')}
          data-testid="enrol-income"
        />
        <Select
          label={t('coverage.fundingSource')}
          data={ENROL_KINDS.map((k) => ({ value: k, label: fundingKindLabel(k, lang) }))}
          value={fundingSource}
          onChange={(k) => k && setFundingSource(k as FundingKind)}
          allowDeselect={false}
          error={fieldErrorOf(create.error, 'fundingSource')}
          comboboxProps={{ withinPortal: true }}
          data-testid="enrol-funding"
        />
        <TextInput
          label={t('coverage.kpj')}
          description={t('fin.kpjHint')}
          inputMode="numeric"
          value={kpj}
          onChange={(e) => setKpj(e.currentTarget.value)}
          error={fieldErrorOf(create.error, 'kpj')}
        />
      </SimpleGrid>
      {fundingSource !== 'SELF' && (
        <Alert color="blue" variant="light">
          {t('fin.enrolFundingNote')}
        </Alert>
      )}
    </FormModal>
  );
}
