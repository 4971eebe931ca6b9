import { Alert, Badge, Box, Button, Drawer, Group, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { withQuery } from '../../api/client.ts';
import { useFundingSources, usePayment, usePayments, useReversePayment, type Payment, type PaymentDetail } from '../../api/queries.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PagedResults, ShowingRange } from '../../components/PagedResults.tsx';
import { PagePicker } from '../../components/PagePicker.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDate, formatDateTime, formatMonth, formatNumber, formatRupiah, groupNik } from '../../lib/format.ts';
import { pageCount, usePageParam } from '../../lib/use-page-param.ts';
import { canSeePayments } from './financing-rules.ts';
import { FormModal, ReasonField, reasonGiven, useModalMutation } from './forms.tsx';
import { DownloadButtons, GuardedPage, Money, PageHeader, SourceFilter, YearSelect, useFilterParams, useToday } from './shared.tsx';
import { DefinitionList } from '../../components/DefinitionList.tsx';

/** `/pembiayaan/pembayaran`: premiums paid per source, each with its workers, reversible with a reason. */
export default function PaymentsPage() {
  return (
    <GuardedPage title="fin.paymentsTitle" canSee={canSeePayments}>
      <Payments />
    </GuardedPage>
  );
}

function Payments() {
  const { t } = useTranslation();
  const today = useToday();
  // Opening a payment keeps the page of the list behind it.
  const [params, setParam] = useFilterParams({ keepPage: ['payment'] });
  const { page, goTo } = usePageParam();
  const [year, setYear] = useState(Number(today.slice(0, 4)));
  const sources = useFundingSources({ year });
  const sourceId = params.get('source') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const openId = params.get('payment');
  const payments = usePayments({ sourceId: sourceId || undefined, from: from || undefined, to: to || undefined, page });

  const manageable = new Set((sources.data ?? []).filter((s) => s.canManage).map((s) => s.id));

  return (
    <Stack gap="md">
      <PageHeader title={t('fin.paymentsTitle')} intro={t('fin.paymentsIntro')} />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <SourceFilter sources={sources.data} value={sourceId} onChange={(id) => setParam('source', id)} w={280} testId="payments-source" />
        <TextInput type="date" label={t('fin.paidFrom')} value={from} onChange={(e) => setParam('from', e.currentTarget.value)} w={170} />
        <TextInput type="date" label={t('fin.paidTo')} value={to} onChange={(e) => setParam('to', e.currentTarget.value)} w={170} />
      </Group>
      <Group gap="lg" wrap="wrap">
        <DownloadButtons
          label={t('fin.exportPayments')}
          testIdPrefix="payments-export"
          href={(format) => withQuery('/api/payments/export', { sourceId, from, to, format })}
        />
        {sourceId && (
          <Group gap="xs" align="center">
            <YearSelect value={year} onChange={setYear} label="" />
            <DownloadButtons
              label={t('fin.exportRegistration')}
              testIdPrefix="registration-export"
              href={(format) => withQuery(`/api/funding/sources/${sourceId}/registration`, { year, format })}
            />
          </Group>
        )}
      </Group>

      <PagedResults query={payments} skeletonHeight={320} empty={t('fin.noPayments')}>
        {(data) => (
          <Box style={{ opacity: payments.isPlaceholderData ? 0.6 : 1 }}>
            <ShowingRange data={data} mb="xs" />
            <PaymentTable items={data.items} onOpen={(id) => setParam('payment', id)} />
          </Box>
        )}
      </PagedResults>
      <PagePicker pages={pageCount(payments.data)} page={page} onChange={goTo} />

      <Drawer
        opened={Boolean(openId)}
        onClose={() => setParam('payment', null)}
        position="right"
        size="xl"
        title={<Text fw={700}>{t('fin.paymentDetail')}</Text>}
        closeButtonProps={{ 'aria-label': t('app.back') }}
      >
        {openId && <PaymentDetailView id={openId} canManage={(p) => manageable.has(p.sourceId)} onOpen={(id) => setParam('payment', id)} />}
      </Drawer>
    </Stack>
  );
}

function PaymentStatus({ payment }: { payment: Payment }) {
  const { t } = useTranslation();
  if (payment.reversesPaymentId)
    return (
      <Badge color="gray" variant="light" tt="none" radius="sm">
        {t('fin.isReversal')}
      </Badge>
    );
  if (payment.reversedByPaymentId)
    return (
      <Badge color="red" variant="light" tt="none" radius="sm">
        {t('fin.reversed')}
      </Badge>
    );
  return (
    <Badge color="green" variant="light" tt="none" radius="sm">
      {t('fin.recorded')}
    </Badge>
  );
}

function PaymentTable({ items, onOpen }: { items: Payment[]; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <TableCard minWidth={920} highlightOnHover verticalSpacing="sm" horizontalSpacing="md" style={{ verticalAlign: 'top' }} data-testid="payments-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('fin.paidOn')}</Table.Th>
          <Table.Th>{t('fin.source')}</Table.Th>
          <Table.Th>{t('fin.period')}</Table.Th>
          <Table.Th ta="right">{t('fin.workers')}</Table.Th>
          <Table.Th ta="right">{t('fin.amount')}</Table.Th>
          <Table.Th ta="right">{t('fin.difference')}</Table.Th>
          <Table.Th>{t('fin.status')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((p) => (
          <Table.Tr key={p.id} className="row-link" onClick={() => onOpen(p.id)} data-testid="payment-row">
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              <Button variant="subtle" size="compact-sm" px={0} onClick={(e) => (e.stopPropagation(), onOpen(p.id))}>
                {formatDate(p.paidOn, lang)}
              </Button>
              {p.reference && (
                <Text size="xs" c="dimmed">
                  {p.reference}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{p.sourceName}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              {formatMonth(p.fromMonth, lang)} – {formatMonth(p.toMonth, lang)}
            </Table.Td>
            <Table.Td ta="right">{formatNumber(p.workerCount)}</Table.Td>
            <Table.Td ta="right">
              <Money value={p.amount} fw={600} />
            </Table.Td>
            <Table.Td ta="right">{p.difference === 0 ? <Text size="sm" c="dimmed">–</Text> : <Money value={p.difference} />}</Table.Td>
            <Table.Td>
              <PaymentStatus payment={p} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </TableCard>
  );
}

function PaymentDetailView({ id, canManage, onOpen }: { id: string; canManage: (p: Payment) => boolean; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const payment = usePayment(id);
  const [reversing, setReversing] = useState(false);
  if (payment.isError) return <ErrorState error={payment.error} onRetry={() => void payment.refetch()} />;
  if (!payment.data) return <Skeleton h={300} />;
  const p = payment.data;
  const rows: [string, React.ReactNode][] = [
    [t('fin.source'), p.sourceName],
    [t('fin.period'), `${formatMonth(p.fromMonth, lang)} – ${formatMonth(p.toMonth, lang)}`],
    [t('fin.paidOn'), formatDate(p.paidOn, lang)],
    [t('fin.amount'), formatRupiah(p.amount)],
    [t('fin.expectedAmount'), formatRupiah(p.expectedAmount)],
    [t('fin.difference'), formatRupiah(p.difference)],
    [t('fin.reference'), p.reference ?? '–'],
    [t('fin.note'), p.note ?? '–'],
    [t('fin.recordedAt'), formatDateTime(p.createdAt, lang)],
  ];
  const canReverse = canManage(p) && !p.reversedByPaymentId && !p.reversesPaymentId;
  return (
    <Stack gap="md" data-testid="payment-detail">
      <Group gap="sm">
        <PaymentStatus payment={p} />
        {p.reversesPaymentId && (
          <Button variant="subtle" size="compact-sm" onClick={() => onOpen(p.reversesPaymentId ?? '')}>
            {t('fin.openReversed')}
          </Button>
        )}
        {p.reversedByPaymentId && (
          <Button variant="subtle" size="compact-sm" onClick={() => onOpen(p.reversedByPaymentId ?? '')}>
            {t('fin.openReversal')}
          </Button>
        )}
      </Group>
      <DefinitionList rows={rows} columnGap={16} />
      <Title order={3} size="h5">
        {t('fin.paymentWorkers', { n: formatNumber(p.workers.length) })}
      </Title>
      <TableCard minWidth={520} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('workers.name')}</Table.Th>
            <Table.Th>{t('workers.nik')}</Table.Th>
            <Table.Th>{t('fin.programs')}</Table.Th>
            <Table.Th ta="right">{t('fin.amount')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {p.workers.map((w) => (
            <Table.Tr key={w.workerId}>
              <Table.Td>
                <Link to={`/workers/${w.workerId}`}>{w.name}</Link>
              </Table.Td>
              <Table.Td className="nik">{groupNik(w.nik)}</Table.Td>
              <Table.Td>{w.programs.join(' + ')}</Table.Td>
              <Table.Td ta="right">
                <Money value={w.amount} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </TableCard>
      {canReverse && (
        <Group>
          <Button color="red" variant="outline" onClick={() => setReversing(true)} data-testid="reverse-payment">
            {t('fin.reverse')}
          </Button>
        </Group>
      )}
      <ReverseModal payment={reversing ? p : null} onClose={() => setReversing(false)} />
    </Stack>
  );
}

function ReverseModal({ payment, onClose }: { payment: PaymentDetail | null; onClose: () => void }) {
  const { t } = useTranslation();
  const reverse = useReversePayment();
  const [reason, setReason] = useState('');
  const { close, save } = useModalMutation(reverse, () => {
    setReason('');
    onClose();
  });
  const onSubmit = () => {
    if (!payment) return;
    save({ id: payment.id, reason }, t('fin.reversedNotice'));
  };
  return (
    <FormModal
      opened={payment !== null}
      onClose={close}
      title={t('fin.reverseTitle')}
      onSubmit={onSubmit}
      error={reverse.error}
      pending={reverse.isPending}
      submitLabel={t('fin.reverseConfirm')}
      submitColor="red"
      submitDisabled={!reasonGiven(reason)}
      submitTestId="reverse-confirm"
    >
      <Alert color="orange" variant="light">
        {t('fin.reverseBody', { amount: payment ? formatRupiah(payment.amount) : '' })}
      </Alert>
      <ReasonField value={reason} onChange={setReason} error={reverse.error} testId="reverse-reason" />
    </FormModal>
  );
}
