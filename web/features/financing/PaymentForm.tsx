import { Alert, Button, Checkbox, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreatePayment, type PaymentDetail } from '../../api/queries.ts';
import { useLang } from '../../i18n/index.ts';
import { formatMonth, formatNumber, formatRupiah } from '../../lib/format.ts';
import { FormSection, RupiahInput } from './forms.tsx';
import { ApiErrorAlert, fieldErrorOf, mismatchOf, useToday } from './shared.tsx';

export interface PaymentTarget {
  sourceId: string;
  sourceName: string;
  workerIds: string[];
  fromMonth: string;
  toMonth: string;
  /** The quoted cost, prefilled as the amount. */
  expectedAmount: number;
}

/** "Pembayaran tercatat": what was paid for whom, any difference from the quote, and the links the page offers. */
export function PaymentRecordedAlert({ payment, onClose, children }: { payment: PaymentDetail; onClose?: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Alert color="green" variant="light" role="status" title={t('fin.paymentRecorded')} withCloseButton={onClose !== undefined} onClose={onClose} data-testid="payment-recorded">
      <Stack gap="xs">
        <Text size="sm">
          {t('fin.paymentRecordedBody', {
            amount: formatRupiah(payment.amount),
            workers: formatNumber(payment.workerCount),
            from: formatMonth(payment.fromMonth, lang),
            to: formatMonth(payment.toMonth, lang),
          })}
        </Text>
        {payment.difference !== 0 && <Text size="sm">{t('fin.mismatchDifference', { amount: formatRupiah(payment.difference) })}</Text>}
        {children}
      </Stack>
    </Alert>
  );
}

/**
 * "Catat pembayaran": the transfer that paid for workers' months. When the amount differs from the quoted
 * cost the server refuses with both figures; ticking "catat dengan selisih" records it with the difference.
 */
export function PaymentForm({ target, onRecorded }: { target: PaymentTarget; onRecorded: (payment: PaymentDetail) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const today = useToday();
  const create = useCreatePayment();
  const [amount, setAmount] = useState<number | ''>(target.expectedAmount);
  const [paidOn, setPaidOn] = useState(today);
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [acceptDifference, setAcceptDifference] = useState(false);
  const mismatch = mismatchOf(create.error);

  const onSubmit = () => {
    if (amount === '') return;
    create.mutate(
      {
        sourceId: target.sourceId,
        workerIds: target.workerIds,
        fromMonth: target.fromMonth,
        toMonth: target.toMonth,
        amount,
        paidOn,
        reference: reference.trim() || null,
        note: note.trim() || null,
        acceptDifference,
      },
      { onSuccess: onRecorded },
    );
  };

  return (
    <FormSection
      titleId="payment-form-title"
      title={t('fin.recordPayment')}
      intro={t('fin.paymentFor', {
        workers: formatNumber(target.workerIds.length),
        source: target.sourceName,
        from: formatMonth(target.fromMonth, lang),
        to: formatMonth(target.toMonth, lang),
      })}
      note={
        <Text size="sm">
          {t('fin.expectedAmount')}: <strong>{formatRupiah(target.expectedAmount)}</strong>
        </Text>
      }
      onSubmit={onSubmit}
      testId="payment-form"
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <RupiahInput
          label={t('fin.amountPaid')}
          inputMode="numeric"
          required
          value={amount}
          onChange={setAmount}
          error={mismatch ? undefined : fieldErrorOf(create.error, 'amount')}
          data-testid="payment-amount"
        />
        <TextInput
          type="date"
          label={t('fin.paidOn')}
          required
          value={paidOn}
          max={today}
          onChange={(e) => setPaidOn(e.currentTarget.value)}
          error={fieldErrorOf(create.error, 'paidOn')}
          data-testid="payment-paid-on"
        />
        <TextInput
          label={t('fin.reference')}
          description={t('fin.referenceHint')}
          value={reference}
          onChange={(e) => setReference(e.currentTarget.value)}
          error={fieldErrorOf(create.error, 'reference')}
          data-testid="payment-reference"
        />
        <TextInput label={t('fin.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={fieldErrorOf(create.error, 'note')} />
      </SimpleGrid>
      {mismatch ? (
        <Alert color="orange" variant="light" role="alert" title={t('fin.mismatchTitle')} data-testid="payment-mismatch">
          <Stack gap={6}>
            <Text size="sm">{create.error?.message}</Text>
            <Text size="sm">
              {t('fin.mismatchExpected', { amount: formatRupiah(mismatch.expectedAmount) })} ·{' '}
              {t('fin.mismatchDifference', { amount: `${mismatch.difference > 0 ? '+' : ''}${formatRupiah(mismatch.difference)}` })}
            </Text>
            <Checkbox
              label={t('fin.acceptDifference')}
              checked={acceptDifference}
              onChange={(e) => setAcceptDifference(e.currentTarget.checked)}
              data-testid="accept-difference"
            />
          </Stack>
        </Alert>
      ) : (
        <ApiErrorAlert error={create.error} />
      )}
      <Group justify="flex-end">
        <Button type="submit" loading={create.isPending} disabled={amount === '' || !paidOn} data-testid="payment-submit">
          {t('fin.recordPayment')}
        </Button>
      </Group>
    </FormSection>
  );
}
