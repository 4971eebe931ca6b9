import { Alert, Button, Checkbox, Group, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreatePayment, type PaymentDetail } from '../../api/queries.ts';
import { useLang } from '../../i18n/index.ts';
import { formatMonth, formatNumber, formatRupiah } from '../../lib/format.ts';
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

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
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
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="payment-form-title">
      <form onSubmit={onSubmit} noValidate data-testid="payment-form">
        <Stack gap="sm">
          <div>
            <Title order={2} size="h4" id="payment-form-title">
              {t('fin.recordPayment')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('fin.paymentFor', {
                workers: formatNumber(target.workerIds.length),
                source: target.sourceName,
                from: formatMonth(target.fromMonth, lang),
                to: formatMonth(target.toMonth, lang),
              })}
            </Text>
            <Text size="sm">
              {t('fin.expectedAmount')}: <strong>{formatRupiah(target.expectedAmount)}</strong>
            </Text>
          </div>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NumberInput
              label={t('fin.amountPaid')}
              prefix="Rp"
              thousandSeparator="."
              decimalSeparator=","
              allowDecimal={false}
              allowNegative={false}
              hideControls
              inputMode="numeric"
              required
              value={amount}
              onChange={(v) => setAmount(typeof v === 'number' ? v : '')}
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
        </Stack>
      </form>
    </Paper>
  );
}
