import { Alert, Button, Group, Input, NativeSelect, SegmentedControl, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { nikDigest, type CensusRegisterDto, type CensusRegisterWorker } from '../../../../core/census.ts';
import { normalizeNik } from '../../../../core/nik.ts';
import { useLang } from '../../../i18n/index.ts';
import { formatDate, formatRupiah } from '../../../lib/format.ts';
import { useNikPrefill } from '../../workers/use-nik-prefill.ts';
import { errorsFromFields, readNik } from '../../workers/worker-form.ts';
import { addEntry, changeEntry } from './census-db.ts';
import { findQueuedNik, type FieldEntry } from './field-entry.ts';
import { FieldSection, RegisterWorkerDetails, SaveOrCancel, TOUCH } from './field-ui.tsx';
import { occupationOptions, validateNewWorker, valuesFromFields, type FormErrors, type WorkerFormValues } from './new-worker.ts';
import { phoneToday, type FieldRound } from './use-field-task.ts';

interface NewWorkerFormProps {
  ownerId: string;
  round: FieldRound;
  village: { villageCode: string; villageName: string };
  register: CensusRegisterDto | null;
  /** The owner's queue, to catch a NIK already queued on this phone. */
  entries: readonly FieldEntry[];
  /** A queued new worker being corrected (same key), or null for a new entry. */
  editing: FieldEntry | null;
  onClose: () => void;
  onSaved: () => void;
  onEditWorker: (workerId: string) => void;
  onOpenEntry: (key: string) => void;
}

/**
 * A new worker, recorded offline. The register's own rules check it as it is typed; a NIK already in the
 * downloaded register (or in the queue) is flagged at once and cannot become a second record.
 */
export function NewWorkerForm({ ownerId, round, village, register, entries, editing, onClose, onSaved, onEditWorker, onOpenEntry }: NewWorkerFormProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const today = phoneToday();
  const [values, setValues] = useState<WorkerFormValues>(() => valuesFromFields(editing?.fields ?? null, village.villageCode));
  // A correction opens with what the server refused, under the same fields.
  const [errors, setErrors] = useState<FormErrors>(() => (editing?.result?.error ? errorsFromFields(fieldErrorsOf(editing)) : {}));
  const [failure, setFailure] = useState<'invalid' | 'duplicate' | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const dupRef = useRef<HTMLDivElement>(null);
  const prefillFromNik = useNikPrefill(values.nik, today, setValues, setErrors);

  const set = <K extends keyof WorkerFormValues>(field: K, value: WorkerFormValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors(({ [field as keyof FormErrors]: _dropped, ...rest }) => rest);
    setFailure(null);
  };

  const nikDigits = normalizeNik(values.nik);
  const nikRead = readNik(values.nik, today);
  const validNik = nikRead ? nikDigits : null;
  const onNikChange = (raw: string) => {
    set('nik', raw);
    prefillFromNik(raw);
  };
  // A complete but wrong NIK is flagged at once with the rule it breaks; a short one only on save.
  const nikLive = nikDigits.length >= 16 && !nikRead ? validateNewWorker({ ...values, nik: nikDigits }, village.villageCode) : null;
  const nikError = errors.nik ?? (nikLive && !nikLive.ok ? nikLive.errors.nik : undefined);

  // The typed NIK hashed with the register's salt, to find it among the downloaded workers.
  const [digest, setDigest] = useState<{ nik: string; value: string } | null>(null);
  useEffect(() => {
    if (!validNik || !register) return;
    let cancelled = false;
    void nikDigest(register.salt, validNik).then((value) => !cancelled && setDigest({ nik: validNik, value }));
    return () => {
      cancelled = true;
    };
  }, [validNik, register]);
  const registered = validNik && register && digest?.nik === validNik ? register.workers.find((w) => w.nikDigest === digest.value) : undefined;
  const queued = validNik ? findQueuedNik(entries, validNik, editing?.key ?? null) : undefined;
  const serverExisting = editing?.state === 'duplicate' ? editing.result?.existing : null;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validateNewWorker(values, village.villageCode);
    if (!checked.ok) {
      setErrors(checked.errors);
      setFailure('invalid');
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    // Checked here too, not only by the effect: the save may come before the digest is worked out.
    const nik = checked.input.nik;
    const hit = register ? await findRegistered(register, nik) : undefined;
    if (hit || findQueuedNik(entries, nik, editing?.key ?? null)) {
      if (hit) setDigest({ nik, value: hit.nikDigest });
      setFailure('duplicate');
      requestAnimationFrame(() => dupRef.current?.scrollIntoView({ block: 'center' }));
      return;
    }
    setSaving(true);
    try {
      const fields = { ...checked.input } as Record<string, unknown>;
      if (editing) {
        if (!(await changeEntry(editing.key, { kind: 'new', fields, workerId: null, label: checked.input.name }))) return lockedOut();
      } else {
        await addEntry({
          ownerId,
          roundId: round.id,
          villageCode: village.villageCode,
          kind: 'new',
          fields,
          workerId: null,
          baseVersion: null,
          base: null,
          changes: null,
          label: checked.input.name,
        });
      }
      notifications.show({ color: 'green', message: t('cns.saved') });
      onSaved();
    } finally {
      setSaving(false);
    }
  };

  /** The person is already registered: record that they were met, instead of a second record. */
  const confirmExisting = async (workerId: string, name: string) => {
    if (editing) {
      if (!(await changeEntry(editing.key, { kind: 'confirm', workerId, label: name }))) return lockedOut();
    } else {
      await addEntry({
        ownerId,
        roundId: round.id,
        villageCode: village.villageCode,
        kind: 'confirm',
        fields: null,
        workerId,
        baseVersion: null,
        base: null,
        changes: null,
        label: name,
      });
    }
    notifications.show({ color: 'green', message: t('cns.confirmSaved') });
    onSaved();
  };

  const lockedOut = () => {
    notifications.show({ color: 'red', message: t('cns.entryLocked') });
    onClose();
  };

  const income = values.monthlyIncome;
  return (
    <form ref={formRef} onSubmit={save} noValidate data-testid="cns-new-form">
      <Stack gap="sm">
        <Title order={1} size="h3">
          {editing ? t('cns.formEditEntry') : t('cns.formNew')}
        </Title>

        {editing?.result?.error && editing.state !== 'accepted' && (
          <Alert color="red" variant="light" title={t(`cns.state.${editing.state}`)} data-testid="cns-form-reason">
            {editing.result.error.message}
          </Alert>
        )}
        {serverExisting && (
          <Alert color="orange" variant="light" title={t('cns.dupTitle')}>
            <Stack gap="xs">
              <Text size="sm">
                {t('cns.existing', { name: serverExisting.name, village: serverExisting.villageName, hamlet: serverExisting.hamlet ? `, ${serverExisting.hamlet}` : '' })}
              </Text>
              <Button style={TOUCH} onClick={() => void confirmExisting(serverExisting.workerId, serverExisting.name)}>
                {t('cns.dupConfirm')}
              </Button>
            </Stack>
          </Alert>
        )}
        {failure === 'invalid' && (
          <Alert color="red" variant="light" role="alert">
            {t('cns.fixErrors')}
          </Alert>
        )}

        <FieldSection>
          <Stack gap="sm">
            <TextInput
              label={t('form.nik')}
              required
              size="lg"
              inputMode="numeric"
              autoComplete="off"
              maxLength={24}
              value={values.nik}
              onChange={(e) => onNikChange(e.currentTarget.value)}
              error={nikError}
              description={
                nikError
                  ? undefined
                  : nikRead
                    ? t('form.nikRead', { date: formatDate(nikRead.birthDate, lang), sex: t(`workers.sexLabel.${nikRead.info.sex}`).toLowerCase() })
                    : nikDigits.length > 0 && nikDigits.length < 16
                      ? t('form.nikProgress', { count: nikDigits.length })
                      : register
                        ? t('form.nikHint')
                        : t('cns.nikUnchecked')
              }
              classNames={{ input: 'nik' }}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              data-testid="cns-nik"
            />

            {registered && (
              <div ref={dupRef}>
                <Alert color="orange" variant="light" title={t('cns.dupTitle')} role="alert" data-testid="cns-dup-alert">
                  <Stack gap="sm">
                    <Text size="sm">{t('cns.dupBody')}</Text>
                    <RegisterWorkerDetails worker={registered} />
                    <Button style={TOUCH} size="md" onClick={() => void confirmExisting(registered.id, registered.name)} data-testid="cns-dup-confirm">
                      {t('cns.dupConfirm')}
                    </Button>
                    <Button style={TOUCH} size="md" variant="default" onClick={() => onEditWorker(registered.id)} data-testid="cns-dup-edit">
                      {t('cns.dupEdit')}
                    </Button>
                  </Stack>
                </Alert>
              </div>
            )}
            {!registered && queued && (
              <div ref={dupRef}>
                <Alert color="orange" variant="light" title={t('cns.dupQueuedTitle')} role="alert" data-testid="cns-dup-queued">
                  <Stack gap="sm">
                    <Text size="sm">{t('cns.dupQueuedBody', { name: queued.label })}</Text>
                    <Button style={TOUCH} size="md" variant="default" onClick={() => onOpenEntry(queued.key)}>
                      {t('cns.dupQueuedOpen')}
                    </Button>
                  </Stack>
                </Alert>
              </div>
            )}

            <TextInput
              label={t('form.name')}
              required
              size="lg"
              autoComplete="off"
              autoCapitalize="words"
              value={values.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={errors.name}
              data-testid="cns-name"
            />
            <TextInput
              label={t('form.birthDate')}
              type="date"
              size="lg"
              max={today}
              value={values.birthDate}
              onChange={(e) => set('birthDate', e.currentTarget.value)}
              error={errors.birthDate}
              description={t('form.birthDateHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              data-testid="cns-birth-date"
            />
            <Input.Wrapper label={t('form.sex')} error={errors.sex}>
              <SegmentedControl
                fullWidth
                size="md"
                value={values.sex}
                onChange={(v) => set('sex', v === 'M' || v === 'F' ? v : '')}
                data={[
                  { value: 'M', label: t('workers.sexLabel.M') },
                  { value: 'F', label: t('workers.sexLabel.F') },
                ]}
                styles={{ label: { ...TOUCH, display: 'flex', alignItems: 'center', justifyContent: 'center' } }}
                aria-label={t('form.sex')}
                data-testid="cns-sex"
              />
            </Input.Wrapper>
          </Stack>
        </FieldSection>

        <FieldSection>
          <Stack gap="sm">
            <TextInput label={t('cns.village')} size="lg" value={village.villageName} readOnly description={t('cns.villageFixed')} inputWrapperOrder={['label', 'input', 'description', 'error']} />
            <TextInput label={t('form.hamlet')} size="lg" autoComplete="off" value={values.hamlet} onChange={(e) => set('hamlet', e.currentTarget.value)} error={errors.hamlet} data-testid="cns-hamlet" />
            <Group grow gap="sm" align="flex-start">
              <TextInput label={t('form.rt')} size="lg" inputMode="numeric" maxLength={3} value={values.rt} onChange={(e) => set('rt', e.currentTarget.value)} error={errors.rt} data-testid="cns-rt" />
              <TextInput label={t('form.rw')} size="lg" inputMode="numeric" maxLength={3} value={values.rw} onChange={(e) => set('rw', e.currentTarget.value)} error={errors.rw} data-testid="cns-rw" />
            </Group>
            <NativeSelect
              label={t('form.occupation')}
              required
              size="lg"
              value={values.occupation}
              onChange={(e) => set('occupation', e.currentTarget.value)}
              error={errors.occupation}
              data={[{ value: '', label: t('cns.occupationPick'), disabled: true }, ...occupationOptions(round.targetGroups, lang, { targets: t('cns.occupationTargets'), others: t('cns.occupationOthers') })]}
              data-testid="cns-occupation"
            />
            <TextInput
              label={t('form.income')}
              size="lg"
              inputMode="numeric"
              autoComplete="off"
              leftSection="Rp"
              value={income === '' ? '' : String(income)}
              onChange={(e) => {
                const digits = e.currentTarget.value.replace(/\D/g, '');
                set('monthlyIncome', digits === '' ? '' : Number(digits));
              }}
              error={errors.monthlyIncome}
              description={income === '' ? t('form.incomeHint') : formatRupiah(income)}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
            />
            <TextInput
              label={t('form.dependants')}
              size="lg"
              inputMode="numeric"
              maxLength={2}
              value={values.dependants === '' ? '' : String(values.dependants)}
              onChange={(e) => {
                const digits = e.currentTarget.value.replace(/\D/g, '');
                set('dependants', digits === '' ? '' : Number(digits));
              }}
              error={errors.dependants}
            />
            <TextInput label={t('form.phone')} size="lg" type="tel" inputMode="tel" autoComplete="off" placeholder={t('form.phoneHint')} value={values.phone} onChange={(e) => set('phone', e.currentTarget.value)} error={errors.phone} />
            <Textarea label={t('form.notes')} size="lg" autosize minRows={2} maxRows={5} value={values.notes} onChange={(e) => set('notes', e.currentTarget.value)} error={errors.notes} />
          </Stack>
        </FieldSection>

        {failure === 'duplicate' && (
          <Alert color="orange" variant="light" role="alert" data-testid="cns-dup-blocked">
            {t('cns.dupBlocked')}
          </Alert>
        )}
        <SaveOrCancel label={t('cns.save')} saving={saving} onCancel={onClose} testId="cns-save" />
      </Stack>
    </form>
  );
}

async function findRegistered(register: CensusRegisterDto, nik: string): Promise<CensusRegisterWorker | undefined> {
  const value = await nikDigest(register.salt, nik);
  return register.workers.find((w) => w.nikDigest === value);
}

function fieldErrorsOf(entry: FieldEntry) {
  const error = entry.result?.error;
  if (!error) return [];
  if (error.fields?.length) return error.fields;
  return error.field ? [{ field: error.field, code: error.code, message: error.message }] : [];
}
