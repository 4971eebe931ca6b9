import { Alert, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CensusEditableField, CensusRegisterWorker } from '../../../../core/census.ts';
import { useLang } from '../../../i18n/index.ts';
import { formatDate } from '../../../lib/format.ts';
import { addEntry, changeEntry } from './census-db.ts';
import { checkWorkerEdit, editValuesOf, type EditValues, type FieldEntry } from './field-entry.ts';
import { FieldSection, SaveOrCancel } from './field-ui.tsx';
import { occupationOptions } from './new-worker.ts';
import type { FieldRound } from './use-field-task.ts';

interface EditWorkerFormProps {
  ownerId: string;
  round: FieldRound;
  villageCode: string;
  worker: CensusRegisterWorker;
  /** A queued change of this worker not yet accepted: it is corrected rather than doubled. */
  entry: FieldEntry | null;
  onClose: () => void;
  onSaved: () => void;
}

/**
 * An offline change of a downloaded worker: only the fields the phone holds. The change carries the
 * version and values it was made on, so the server can tell when someone else changed them meanwhile.
 */
export function EditWorkerForm({ ownerId, round, villageCode, worker, entry, onClose, onSaved }: EditWorkerFormProps) {
  const { t } = useTranslation();
  const lang = useLang();
  // What the change is made on: the downloaded worker, or for a queued change its own base and version.
  const baseWorker: CensusRegisterWorker = entry ? { ...worker, ...(entry.base as Partial<CensusRegisterWorker>), version: entry.baseVersion ?? worker.version } : worker;
  const [values, setValues] = useState<EditValues>(() => editValuesOf(baseWorker, entry?.changes ?? null));
  const [errors, setErrors] = useState<Partial<Record<CensusEditableField, string>>>({});
  const [unchanged, setUnchanged] = useState(false);
  const [saving, setSaving] = useState(false);

  const set = (field: CensusEditableField, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors(({ [field]: _dropped, ...rest }) => rest);
    setUnchanged(false);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkWorkerEdit(baseWorker, values);
    if (!checked.ok) {
      if ('unchanged' in checked) setUnchanged(true);
      else setErrors(checked.errors);
      return;
    }
    setSaving(true);
    try {
      const label = typeof checked.changes.name === 'string' ? checked.changes.name : worker.name;
      if (entry) {
        if (!(await changeEntry(entry.key, { base: checked.base, changes: checked.changes, baseVersion: baseWorker.version, label }))) {
          notifications.show({ color: 'red', message: t('cns.entryLocked') });
          onClose();
          return;
        }
      } else {
        await addEntry({
          ownerId,
          roundId: round.id,
          villageCode,
          kind: 'update',
          fields: null,
          workerId: worker.id,
          baseVersion: worker.version,
          base: checked.base,
          changes: checked.changes,
          label,
        });
      }
      notifications.show({ color: 'green', message: t('cns.saved') });
      onSaved();
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={save} noValidate data-testid="cns-edit-form">
      <Stack gap="sm">
        <div>
          <Title order={1} size="h3">
            {t('cns.formEdit')}
          </Title>
          <Text size="sm" c="dimmed">
            {worker.nikMasked} · {formatDate(worker.birthDate, lang)} · {t(`workers.sexLabel.${worker.sex}`)}
          </Text>
        </div>
        <Text size="sm">{t('cns.editIntro')}</Text>
        {entry?.result?.error && (
          <Alert color="red" variant="light" title={t(`cns.state.${entry.state}`)}>
            {entry.result.error.message}
          </Alert>
        )}
        <FieldSection>
          <Stack gap="sm">
            <TextInput label={t('form.name')} required size="lg" value={values.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} data-testid="cns-edit-name" />
            <TextInput label={t('form.hamlet')} size="lg" value={values.hamlet} onChange={(e) => set('hamlet', e.currentTarget.value)} error={errors.hamlet} data-testid="cns-edit-hamlet" />
            <Group grow gap="sm" align="flex-start">
              <TextInput label={t('form.rt')} size="lg" inputMode="numeric" maxLength={3} value={values.rt} onChange={(e) => set('rt', e.currentTarget.value)} error={errors.rt} />
              <TextInput label={t('form.rw')} size="lg" inputMode="numeric" maxLength={3} value={values.rw} onChange={(e) => set('rw', e.currentTarget.value)} error={errors.rw} />
            </Group>
            <NativeSelect
              label={t('form.occupation')}
              required
              size="lg"
              value={values.occupation}
              onChange={(e) => set('occupation', e.currentTarget.value)}
              error={errors.occupation}
              data={occupationOptions(round.targetGroups, lang, { targets: t('cns.occupationTargets'), others: t('cns.occupationOthers') })}
            />
          </Stack>
        </FieldSection>
        {unchanged && (
          <Alert color="gray" variant="light" role="status">
            {t('cns.noChanges')}
          </Alert>
        )}
        <SaveOrCancel label={t('cns.save')} saving={saving} onCancel={onClose} testId="cns-edit-save" />
      </Stack>
    </form>
  );
}
