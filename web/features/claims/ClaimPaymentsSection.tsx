/** Payments to the heirs (or the participant): what was paid against what was approved, recording and correcting. */
import { Alert, Badge, Button, Group, Paper, Select, Stack, SimpleGrid, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClaimPaymentDto } from '../../../core/claims.schema.ts';
import { PAYMENT_KINDS_BY_TYPE, type ClaimPaymentKind } from '../../../core/claims.ts';
import { TableCard } from '../../components/TableCard.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDate, formatRupiah } from '../../lib/format.ts';
import { FormModal, ReasonField, RupiahInput, reasonGiven, useModalMutation } from '../financing/forms.tsx';
import { fieldErrorOf, useToday } from '../financing/shared.tsx';
import { ClaimSection } from './ClaimSection.tsx';
import { useClaimLabel } from './claim-labels.ts';
import { useRecordClaimPayment, useReverseClaimPayment, type ClaimDetail } from './queries.ts';

const PARTICIPANT = 'participant';

export function ClaimPaymentsSection({ claim }: { claim: ClaimDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const isWide = useMediaQuery('(min-width: 48em)', undefined, { getInitialValueInEffect: false });
  const [recording, setRecording] = useState(false);
  const [reversing, setReversing] = useState<ClaimPaymentDto | null>(null);
  const target = claim.approvedAmount ?? claim.estimatedAmount;
  const late = claim.lateness && claim.lateness.daysLate > 0 && claim.status === 'paid' ? claim.lateness : null;

  return (
    <ClaimSection
      id="claim-payments-title"
      title={t('clm.paymentsTitle')}
      testId="claim-payments"
      actions={
        claim.can.recordPayment && (
          <Button onClick={() => setRecording(true)} data-testid="claim-payment-add">
            {t('clm.recordPayment')}
          </Button>
        )
      }
    >
      <Text size="sm" fw={600} data-testid="claim-paid">
        {t('clm.paidOf', { paid: formatRupiah(claim.paidAmount), of: formatRupiah(target) })}
        {claim.approvedAmount === null && (
          <Text span size="sm" c="dimmed" fw={400}>
            {' '}
            ({t('clm.ofEstimate')})
          </Text>
        )}
      </Text>
      {late && (
        <Alert color="red" variant="light" data-testid="claim-paid-late">
          {t('clm.paidLate', { days: late.daysLate, interest: formatRupiah(late.interest) })}
        </Alert>
      )}
      {claim.payments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('clm.noPayments')}
        </Text>
      ) : isWide ? (
        <TableCard minWidth={760} verticalSpacing="sm" horizontalSpacing="sm" data-testid="claim-payments-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('clm.paymentKind')}</Table.Th>
              <Table.Th>{t('clm.recipient')}</Table.Th>
              <Table.Th>{t('clm.paidOn')}</Table.Th>
              <Table.Th>{t('clm.reference')}</Table.Th>
              <Table.Th ta="right">{t('clm.amount')}</Table.Th>
              {claim.can.recordPayment && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {claim.payments.map((p) => (
              <Table.Tr key={p.id} data-testid="claim-payment-row" data-reversed={p.reversed} style={p.reversed ? REVERSED : undefined}>
                <Table.Td>
                  <PaymentKind payment={p} />
                </Table.Td>
                <Table.Td>{p.recipient}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(p.paidOn, lang)}</Table.Td>
                <Table.Td>{p.reference}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatRupiah(p.amount)}
                </Table.Td>
                {claim.can.recordPayment && (
                  <Table.Td ta="right">
                    {!p.reversed && <ReverseButton onClick={() => setReversing(p)} />}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </TableCard>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {claim.payments.map((p) => (
            <li key={p.id}>
              <Paper withBorder radius="md" p="sm" data-testid="claim-payment-row" data-reversed={p.reversed} style={p.reversed ? REVERSED : undefined}>
                <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
                  <div style={{ minWidth: 0 }}>
                    <PaymentKind payment={p} />
                  </div>
                  <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                    {formatRupiah(p.amount)}
                  </Text>
                </Group>
                <Text size="sm">
                  {p.recipient} · {formatDate(p.paidOn, lang)} · {p.reference}
                </Text>
                {claim.can.recordPayment && !p.reversed && (
                  <Group justify="flex-end">
                    <ReverseButton onClick={() => setReversing(p)} />
                  </Group>
                )}
              </Paper>
            </li>
          ))}
        </Stack>
      )}
      {recording && <RecordPaymentModal claim={claim} onClose={() => setRecording(false)} />}
      {reversing && <ReversePaymentModal claimId={claim.id} payment={reversing} onClose={() => setReversing(null)} />}
    </ClaimSection>
  );
}

const REVERSED = { textDecoration: 'line-through', color: 'var(--mantine-color-dimmed)' } as const;

function PaymentKind({ payment: p }: { payment: ClaimPaymentDto }) {
  const { t } = useTranslation();
  const label = useClaimLabel();
  return (
    <>
      {label('kind', p.kind, p.kindLabel)}
      {p.reversesPaymentId && (
        <Badge ml={6} color="gray" variant="light" tt="none" radius="sm" size="sm">
          {t('clm.correction')}
        </Badge>
      )}
      {p.note && (
        <Text size="xs" c="dimmed">
          {p.note}
        </Text>
      )}
    </>
  );
}

function ReverseButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button size="compact-md" variant="subtle" color="red" onClick={onClick} data-testid="claim-payment-reverse">
      {t('clm.reverse')}
    </Button>
  );
}

/** The amount a kind usually pays: its estimate line, the late interest, else what is left of the approved amount. */
function suggestedAmount(claim: ClaimDetail, kind: ClaimPaymentKind): number | '' {
  const item = claim.estimate?.items.find((i) => i.code === kind);
  if (item) return item.amount;
  if (kind === 'late_interest') return claim.lateness?.interest || '';
  const left = (claim.approvedAmount ?? claim.estimatedAmount) - claim.paidAmount;
  return left > 0 ? left : '';
}

function RecordPaymentModal({ claim, onClose }: { claim: ClaimDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const label = useClaimLabel();
  const today = useToday();
  const record = useRecordClaimPayment(claim.id);
  const { close, save } = useModalMutation(record, onClose);
  const kinds = PAYMENT_KINDS_BY_TYPE[claim.type];
  const [kind, setKind] = useState<ClaimPaymentKind>(kinds[0]!);
  const [amount, setAmount] = useState<number | ''>(suggestedAmount(claim, kinds[0]!));
  const payee = claim.heirs.find((h) => h.isPayee) ?? claim.heirs.find((h) => h.entitled) ?? null;
  // An injury is paid to the participant; a death to an heir.
  const [recipient, setRecipient] = useState<string>(claim.type === 'jkk_injury' ? PARTICIPANT : (payee?.id ?? ''));
  const [paidOn, setPaidOn] = useState(today);
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const errorOf = (field: string) => fieldErrorOf(record.error, field);
  const recipients = [
    ...(claim.type === 'jkk_injury' ? [{ value: PARTICIPANT, label: t('clm.participantSelf', { name: claim.worker.name }) }] : []),
    ...claim.heirs.map((h) => ({ value: h.id, label: `${h.name} (${label('relation', h.relation, h.relationLabel)})${h.isPayee ? ` · ${t('clm.payee')}` : ''}` })),
  ];
  const onSubmit = () => {
    if (amount === '') return;
    save(
      { kind, amount, paidOn, reference: reference.trim(), heirId: recipient === PARTICIPANT || recipient === '' ? null : recipient, note: note.trim() || null },
      t('clm.paymentRecorded'),
    );
  };
  return (
    <FormModal
      opened
      onClose={close}
      title={t('clm.recordPayment')}
      onSubmit={onSubmit}
      error={record.error}
      pending={record.isPending}
      submitDisabled={amount === '' || reference.trim() === ''}
      submitTestId="claim-payment-save"
      formTestId="claim-payment-form"
      size="lg"
    >
      <Text size="sm" c="dimmed">
        {t('clm.paidOf', { paid: formatRupiah(claim.paidAmount), of: formatRupiah(claim.approvedAmount ?? claim.estimatedAmount) })}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('clm.paymentKind')}
          data={kinds.map((k) => ({ value: k, label: label('kind', k) }))}
          value={kind}
          onChange={(value) => {
            if (!value) return;
            setKind(value as ClaimPaymentKind);
            setAmount(suggestedAmount(claim, value as ClaimPaymentKind));
          }}
          allowDeselect={false}
          error={errorOf('kind')}
          data-testid="claim-payment-kind"
        />
        <Select
          label={t('clm.recipient')}
          placeholder={t('clm.recipientPlaceholder')}
          data={recipients}
          value={recipient || null}
          onChange={(value) => value && setRecipient(value)}
          allowDeselect={false}
          error={errorOf('heirId')}
          data-testid="claim-payment-recipient"
        />
        <RupiahInput label={t('clm.amount')} required value={amount} onChange={setAmount} error={errorOf('amount')} data-testid="claim-payment-amount" />
        <TextInput type="date" label={t('clm.paidOn')} required max={today} value={paidOn} onChange={(e) => setPaidOn(e.currentTarget.value)} error={errorOf('paidOn')} data-testid="claim-payment-date" />
        <TextInput
          label={t('clm.reference')}
          description={t('clm.referenceHint')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          required
          value={reference}
          onChange={(e) => setReference(e.currentTarget.value)}
          error={errorOf('reference')}
          data-testid="claim-payment-reference"
        />
      </SimpleGrid>
      <Textarea label={t('clm.note')} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errorOf('note')} />
    </FormModal>
  );
}

function ReversePaymentModal({ claimId, payment, onClose }: { claimId: string; payment: ClaimPaymentDto; onClose: () => void }) {
  const { t } = useTranslation();
  const reverse = useReverseClaimPayment(claimId);
  const { close, save } = useModalMutation(reverse, onClose);
  const [reason, setReason] = useState('');
  return (
    <FormModal
      opened
      onClose={close}
      title={t('clm.reverseTitle')}
      onSubmit={() => save({ paymentId: payment.id, reason }, t('clm.paymentReversed'))}
      error={reverse.error}
      pending={reverse.isPending}
      submitLabel={t('clm.reverse')}
      submitColor="red"
      submitDisabled={!reasonGiven(reason)}
      submitTestId="claim-payment-reverse-confirm"
    >
      <Alert color="orange" variant="light">
        {t('clm.reverseBody', { amount: formatRupiah(payment.amount), recipient: payment.recipient })}
      </Alert>
      <ReasonField value={reason} onChange={setReason} error={reverse.error} testId="claim-payment-reverse-reason" />
    </FormModal>
  );
}
