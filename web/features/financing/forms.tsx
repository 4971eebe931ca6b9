/** Form scaffolding the financing and premium pages share: a modal form with its refusal and buttons, money and reason inputs. */
import { Button, Group, Modal, NumberInput, Paper, Stack, Text, Textarea, Title, type MantineSize, type NumberInputProps } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert, fieldErrorOf } from './shared.tsx';

/** What a modal needs of a TanStack mutation. */
interface ModalMutation<TVars> {
  mutate: (vars: TVars, options: { onSuccess: () => void }) => void;
  reset: () => void;
}

/**
 * A mutation run from a modal: `close()` forgets its answer and closes; `save(vars, notice, then?)` runs it
 * and on success shows the notice, runs `then` and closes.
 */
export function useModalMutation<TVars>(mutation: ModalMutation<TVars>, onClose: () => void) {
  const close = () => {
    mutation.reset();
    onClose();
  };
  const save = (vars: TVars, notice: string, then?: () => void) =>
    mutation.mutate(vars, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: notice });
        then?.();
        close();
      },
    });
  return { close, save };
}

/** A centred modal holding one form: the fields, the server's refusal, then "Batal" and the submit button. */
export function FormModal({
  opened,
  onClose,
  title,
  onSubmit,
  error,
  errorTitle,
  pending,
  submitLabel,
  submitColor,
  submitDisabled,
  submitTestId,
  formTestId,
  size,
  buttonSize,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  onSubmit: () => void;
  error: unknown;
  errorTitle?: string;
  pending: boolean;
  /** `Simpan` unless told. */
  submitLabel?: string;
  submitColor?: string;
  submitDisabled?: boolean;
  submitTestId?: string;
  formTestId?: string;
  size?: MantineSize;
  buttonSize?: MantineSize;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700}>{title}</Text>} centered size={size}>
      <form onSubmit={submit} noValidate data-testid={formTestId}>
        <Stack>
          {children}
          <ApiErrorAlert error={error} title={errorTitle} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} size={buttonSize}>
              {t('form.cancel')}
            </Button>
            <Button type="submit" color={submitColor} size={buttonSize} loading={pending} disabled={submitDisabled} data-testid={submitTestId}>
              {submitLabel ?? t('form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A form in a card of the page, under its own heading and a dimmed line (`note` goes below that line). */
export function FormSection({
  titleId,
  title,
  intro,
  note,
  onSubmit,
  testId,
  children,
}: {
  titleId: string;
  title: string;
  intro: string;
  note?: ReactNode;
  onSubmit: () => void;
  testId?: string;
  children: ReactNode;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby={titleId}>
      <form onSubmit={submit} noValidate data-testid={testId}>
        <Stack gap="sm">
          <div>
            <Title order={2} size="h4" id={titleId}>
              {title}
            </Title>
            <Text size="sm" c="dimmed">
              {intro}
            </Text>
            {note}
          </div>
          {children}
        </Stack>
      </form>
    </Paper>
  );
}

/** Whole rupiah, written `Rp1.000.000`; empty is `''`. */
export function RupiahInput({
  value,
  onChange,
  ...props
}: Omit<NumberInputProps, 'value' | 'onChange'> & { value: number | ''; onChange: (value: number | '') => void }) {
  return (
    <NumberInput
      prefix="Rp"
      thousandSeparator="."
      decimalSeparator=","
      allowDecimal={false}
      allowNegative={false}
      hideControls
      {...props}
      value={value}
      onChange={(v) => onChange(typeof v === 'number' ? v : '')}
    />
  );
}

/** The reason a cancellation, reversal or ending needs (at least 3 characters, the server says which). */
export function ReasonField({ value, onChange, error, testId }: { value: string; onChange: (value: string) => void; error: unknown; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Textarea
      label={t('fin.reasonLabel')}
      required
      autosize
      minRows={2}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={fieldErrorOf(error, 'reason')}
      data-testid={testId}
    />
  );
}

/** Enough of a reason to send. */
export function reasonGiven(reason: string): boolean {
  return reason.trim().length >= 3;
}
