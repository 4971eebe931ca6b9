import { NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormModal } from '../financing/forms.tsx';
import { fieldErrorOf } from '../financing/shared.tsx';
import { CRITERIA, formatPercent1, roundBody, roundFormProblems, weightShares, type Criterion, type RoundForm } from './award-rules.ts';
import { PeriodPicker } from './PeriodPicker.tsx';
import { useCreateAwardRound } from './queries.ts';

function blankForm(thisYear: number): RoundForm {
  return { name: '', period: String(thisYear), weights: { coverage: 50, growth: 30, covered: 20 }, winners: 3 };
}

/** The admin's "Buat putaran penghargaan": name, period, weights and prizes; opens the new round when saved. */
export function CreateRoundModal({ opened, onClose, thisMonth }: { opened: boolean; onClose: () => void; thisMonth: string }) {
  const thisYear = Number(thisMonth.slice(0, 4));
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateAwardRound();
  const [form, setForm] = useState<RoundForm>(() => blankForm(thisYear));
  const [checked, setChecked] = useState(false);
  const problems = checked ? roundFormProblems(form) : {};
  const shares = weightShares({
    coverage: Number(form.weights.coverage) || 0,
    growth: Number(form.weights.growth) || 0,
    covered: Number(form.weights.covered) || 0,
  });

  /** The browser's own objection first, then the server's. */
  const errorOf = (field: string): string | undefined => {
    const problem = problems[field];
    return problem ? t(`awd.create.${problem}`) : fieldErrorOf(create.error, field);
  };
  const setWeight = (c: Criterion, value: number | string) =>
    setForm((f) => ({ ...f, weights: { ...f.weights, [c]: typeof value === 'number' ? value : '' } }));

  const close = () => {
    create.reset();
    setChecked(false);
    setForm(blankForm(thisYear));
    onClose();
  };
  const submit = () => {
    setChecked(true);
    if (Object.keys(roundFormProblems(form)).length > 0) return;
    create.mutate(roundBody(form), {
      onSuccess: (round) => {
        notifications.show({ color: 'green', message: t('awd.create.created') });
        close();
        void navigate(`/penghargaan/${round.id}`);
      },
    });
  };
  // A refusal the fields already show is not repeated above the buttons.
  const shownOnField = ['name', 'period', 'criteria', 'winners'].some((f) => fieldErrorOf(create.error, f));

  return (
    <FormModal
      opened={opened}
      onClose={close}
      title={t('awd.create.title')}
      onSubmit={submit}
      error={shownOnField ? null : create.error}
      pending={create.isPending}
      submitLabel={t('awd.create.submit')}
      submitTestId="round-submit"
      formTestId="round-form"
      size="lg"
    >
      <Text size="sm" c="dimmed">
        {t('awd.create.intro')}
      </Text>
      <TextInput
        label={t('awd.create.name')}
        placeholder={t('awd.create.namePlaceholder')}
        value={form.name}
        onChange={(e) => {
          const name = e.currentTarget.value;
          setForm((f) => ({ ...f, name }));
        }}
        error={errorOf('name')}
        required
        data-autofocus
        data-testid="round-name"
      />
      <Stack gap={4}>
        <PeriodPicker value={form.period} onChange={(period) => setForm((f) => ({ ...f, period }))} thisMonth={thisMonth} testId="round-period" />
        {fieldErrorOf(create.error, 'period') && (
          <Text size="xs" c="red">
            {fieldErrorOf(create.error, 'period')}
          </Text>
        )}
      </Stack>
      <Stack gap={4} role="group" aria-labelledby="round-weights-title">
        <Text size="sm" fw={500} id="round-weights-title">
          {t('awd.create.weights')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('awd.create.weightsHelp')}
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          {CRITERIA.map((c) => (
            <NumberInput
              key={c}
              label={t(`awd.criteria.${c}`)}
              description={shares[c] === null ? undefined : t('awd.create.share', { share: formatPercent1(shares[c]) })}
              value={form.weights[c]}
              onChange={(v) => setWeight(c, v)}
              min={0}
              max={100}
              allowNegative={false}
              decimalSeparator=","
              error={errorOf(`criteria.${c}`)}
              data-testid={`round-weight-${c}`}
            />
          ))}
        </SimpleGrid>
        {(problems.criteria || fieldErrorOf(create.error, 'criteria')) && !CRITERIA.some((c) => errorOf(`criteria.${c}`)) && (
          <Text size="xs" c="red" role="alert">
            {errorOf('criteria')}
          </Text>
        )}
      </Stack>
      <NumberInput
        label={t('awd.create.winners')}
        description={t('awd.create.winnersHelp')}
        value={form.winners}
        onChange={(v) => setForm((f) => ({ ...f, winners: typeof v === 'number' ? v : '' }))}
        min={1}
        max={100}
        allowDecimal={false}
        allowNegative={false}
        error={errorOf('winners')}
        w={200}
        required
        data-testid="round-winners"
      />
    </FormModal>
  );
}
