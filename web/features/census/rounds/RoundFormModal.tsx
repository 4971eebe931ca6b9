import { MultiSelect, SimpleGrid, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { censusRoundCreateSchema, type CensusRoundDetailDto } from '../../../../core/census.ts';
import { OCCUPATIONS, type OccupationCode } from '../../../../core/occupations.ts';
import { isApiError } from '../../../api/client.ts';
import { useLang } from '../../../i18n/index.ts';
import { FormModal } from '../../financing/forms.tsx';
import { useToday } from '../../financing/shared.tsx';
import { useCreateCensusRound, useUpdateCensusRound } from './queries.ts';
import { blankRoundForm, roundBody, roundFormOf, roundFormProblems, roundPatch, type RoundForm } from './round-rules.ts';
import { VillagePicker } from './VillagePicker.tsx';

const FIELDS = ['name', 'startsOn', 'endsOn', 'targetGroups', 'villages'] as const;

/** The server's message for a form field: exactly that field, or for a village row (`villages.3.target`) that row. */
function serverErrorOf(error: unknown, path: string): string | undefined {
  if (!isApiError(error)) return undefined;
  return error.fieldErrors.find((f) => f.field === path)?.message;
}

/** Whether every field the server objected to is shown on its input, so the alert need not repeat it. */
function allShownOnFields(error: unknown): boolean {
  return isApiError(error) && error.fieldErrors.length > 0 && error.fieldErrors.every((f) => FIELDS.some((k) => f.field === k || f.field.startsWith(`${k}.`)));
}

/** The form is long: brings its first objection into view (after React has drawn it). */
function revealFirstProblem(formTestId: string): void {
  requestAnimationFrame(() => {
    const first = document.querySelector<HTMLElement>(`[data-testid="${formTestId}"] :is([aria-invalid="true"], [role="alert"])`);
    first?.scrollIntoView({ block: 'center' });
    if (first?.matches('input')) first.focus({ preventScroll: true });
  });
}

/** The admin's "Buka putaran sensus"; opens the new round's page when saved. Mount it to open it. */
export function CreateCensusRoundModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const today = useToday();
  const create = useCreateCensusRound();
  const [form, setForm] = useState<RoundForm>(() => blankRoundForm(today));
  const [local, setLocal] = useState<Record<string, string>>({});

  const submit = () => {
    const problems = roundFormProblems(form);
    setLocal(problems);
    if (Object.keys(problems).length > 0) return revealFirstProblem('round-form');
    create.mutate(censusRoundCreateSchema.parse(roundBody(form)), {
      onSuccess: (round) => {
        notifications.show({ color: 'green', message: t('cnr.create.created') });
        onClose();
        void navigate(`/sensus/putaran/${round.id}`);
      },
      onError: () => revealFirstProblem('round-form'),
    });
  };

  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('cnr.create.title')}
      onSubmit={submit}
      error={allShownOnFields(create.error) ? null : create.error}
      pending={create.isPending}
      submitLabel={t('cnr.create.submit')}
      submitTestId="round-submit"
      formTestId="round-form"
      size="xl"
    >
      <Text size="sm" c="dimmed">
        {t('cnr.create.intro')}
      </Text>
      <RoundFields form={form} setForm={setForm} errorOf={(path) => local[path] ?? serverErrorOf(create.error, path)} />
    </FormModal>
  );
}

/** The admin's "Ubah putaran": sends only what changed. Mount it to open it. */
export function EditCensusRoundModal({ round, onClose }: { round: CensusRoundDetailDto; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateCensusRound(round.id);
  const [form, setForm] = useState<RoundForm>(() => roundFormOf(round));
  const [local, setLocal] = useState<Record<string, string>>({});
  // Moving the start of a round already under way would orphan its entries.
  const startLocked = round.state !== 'upcoming';

  const submit = () => {
    const patch = roundPatch(round, form);
    const problems = roundFormProblems(form, patch);
    setLocal(problems);
    if (Object.keys(problems).length > 0) return revealFirstProblem('round-edit-form');
    if (Object.keys(patch).length === 0) {
      notifications.show({ color: 'gray', message: t('cnr.edit.unchanged') });
      onClose();
      return;
    }
    update.mutate(patch, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('cnr.edit.saved') });
        onClose();
      },
      onError: () => revealFirstProblem('round-edit-form'),
    });
  };

  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('cnr.edit.title')}
      onSubmit={submit}
      error={allShownOnFields(update.error) ? null : update.error}
      pending={update.isPending}
      submitTestId="round-submit"
      formTestId="round-edit-form"
      size="xl"
    >
      <Text size="sm" c="dimmed">
        {t('cnr.edit.intro')}
      </Text>
      <RoundFields form={form} setForm={setForm} errorOf={(path) => local[path] ?? serverErrorOf(update.error, path)} startLocked={startLocked} />
    </FormModal>
  );
}

function RoundFields({
  form,
  setForm,
  errorOf,
  startLocked = false,
}: {
  form: RoundForm;
  setForm: Dispatch<SetStateAction<RoundForm>>;
  errorOf: (path: string) => string | undefined;
  startLocked?: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const set = <K extends keyof RoundForm>(key: K, value: RoundForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  return (
    <>
      <TextInput
        label={t('cnr.form.name')}
        placeholder={t('cnr.form.namePlaceholder')}
        value={form.name}
        onChange={(e) => set('name', e.currentTarget.value)}
        error={errorOf('name')}
        required
        data-autofocus
        data-testid="round-name"
      />
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <TextInput
          type="date"
          label={t('cnr.form.startsOn')}
          value={form.startsOn}
          onChange={(e) => set('startsOn', e.currentTarget.value)}
          error={errorOf('startsOn')}
          description={startLocked ? t('cnr.edit.startLocked') : undefined}
          disabled={startLocked}
          required
          data-testid="round-starts-on"
        />
        <TextInput
          type="date"
          label={t('cnr.form.endsOn')}
          value={form.endsOn}
          min={form.startsOn || undefined}
          onChange={(e) => set('endsOn', e.currentTarget.value)}
          error={errorOf('endsOn')}
          required
          data-testid="round-ends-on"
        />
      </SimpleGrid>
      <MultiSelect
        label={t('cnr.form.groups')}
        description={t('cnr.form.groupsHelp')}
        placeholder={form.targetGroups.length === 0 ? t('cnr.form.groupsPlaceholder') : undefined}
        data={OCCUPATIONS.map((o) => ({ value: o.code, label: o[lang] }))}
        value={form.targetGroups}
        onChange={(codes) => set('targetGroups', codes as OccupationCode[])}
        error={errorOf('targetGroups') ?? form.targetGroups.map((_, i) => errorOf(`targetGroups.${i}`)).find(Boolean)}
        searchable
        hidePickedOptions
        required
        data-testid="round-groups"
      />
      <VillagePicker
        villages={form.villages}
        setVillages={(update) => setForm((f) => ({ ...f, villages: update(f.villages) }))}
        errorOf={errorOf}
      />
    </>
  );
}
