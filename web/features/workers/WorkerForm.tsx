import {
  Alert,
  Anchor,
  Button,
  Group,
  NumberInput,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { normalizeNik } from '../../../core/nik.ts';
import { OCCUPATIONS } from '../../../core/occupations.ts';
import type { WorkerCreateInput } from '../../../core/workers.schema.ts';
import { ApiError, isApiError } from '../../api/client.ts';
import { useMeta, useRegionChildren } from '../../api/queries.ts';
import type { WorkerDetail } from '../../api/types.ts';
import { useLang } from '../../i18n/index.ts';
import { formatDate } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useCurrentUser } from '../auth/session.ts';
import { useNikPrefill } from './use-nik-prefill.ts';
import { errorsFromFields, readNik, validateWorker, type FormErrors, type WorkerFormField, type WorkerFormValues } from './worker-form.ts';

interface WorkerFormProps {
  mode: 'create' | 'edit';
  initial: WorkerFormValues;
  cancelTo: string;
  /** Sends the checked form; resolves with the saved worker, or null when there was nothing to send. */
  submit: (values: WorkerFormValues, input: WorkerCreateInput) => Promise<WorkerDetail | null>;
  onSaved: (worker: WorkerDetail | null) => void;
}

/**
 * Adding or changing one worker. The browser checks the form with the server's own schema first;
 * whatever the server still refuses comes back as field errors and is shown next to the same inputs.
 */
export function WorkerForm({ mode, initial, cancelTo, submit, onSaved }: WorkerFormProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useCurrentUser();
  const meta = useMeta();
  const today = meta.data?.today ?? new Date().toISOString().slice(0, 10);
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [failure, setFailure] = useState<ApiError | 'invalid' | null>(null);
  const [saving, setSaving] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  usePageTitle(mode === 'create' ? t('form.titleNew') : t('form.titleEdit'));
  const prefillFromNik = useNikPrefill(initial.nik, today, setValues, setErrors);

  const districts = useRegionChildren(meta.data?.region.code);
  const villages = useRegionChildren(user.role === 'admin' && values.districtCode ? values.districtCode : undefined);

  // After a refused save, move the focus to the first field to fix.
  useEffect(() => {
    if (attempt === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  const set = <K extends keyof WorkerFormValues>(field: K, value: WorkerFormValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (field in errors) setErrors(({ [field as WorkerFormField]: _dropped, ...rest }) => rest);
  };

  const nikDigits = normalizeNik(values.nik);
  const nikRead = readNik(values.nik, today);
  const onNikChange = (raw: string) => {
    set('nik', raw);
    prefillFromNik(raw);
  };
  // A wrong but complete NIK is flagged at once; a short one only on save.
  const nikLiveError = nikDigits.length >= 16 && !nikRead ? validateWorker({ ...values, nik: nikDigits }) : null;
  const nikError = errors.nik ?? (nikLiveError && !nikLiveError.ok ? nikLiveError.errors.nik : undefined);
  const nikDistrictName = nikRead ? districts.data?.find((d) => d.code === nikRead.info.districtCode)?.name : undefined;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const checked = validateWorker(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      setFailure('invalid');
      return;
    }
    setErrors({});
    setFailure(null);
    setSaving(true);
    try {
      onSaved(await submit(values, checked.input));
    } catch (error) {
      const apiError = isApiError(error)
        ? error
        : new ApiError(0, { error: { code: 'UNKNOWN', message: error instanceof Error ? error.message : String(error) } });
      setErrors(errorsFromFields(apiError.fieldErrors));
      setFailure(apiError);
      setAttempt((n) => n + 1);
    } finally {
      setSaving(false);
    }
  };

  const occupationData = OCCUPATIONS.map((o) => ({ value: o.code, label: o[lang] }));

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      <Stack gap="md" maw={880}>
        <Title order={1} size="h2">
          {mode === 'create' ? t('form.titleNew') : t('form.titleEdit')}
        </Title>

        {failure && (
          <Alert color="red" variant="light" role="alert" title={failure === 'invalid' ? undefined : failure.message}>
            {failure === 'invalid' ? (
              t('form.fixErrors')
            ) : failure.body.error.existingWorkerId ? (
              <Anchor component={Link} to={`/workers/${failure.body.error.existingWorkerId}`} fw={600}>
                {t('form.openExisting')}
              </Anchor>
            ) : failure.fieldErrors.length > 0 ? (
              t('form.fixErrors')
            ) : null}
          </Alert>
        )}

        <Section title={t('form.identity')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('form.nik')}
              required
              inputMode="numeric"
              autoComplete="off"
              maxLength={24}
              value={values.nik}
              onChange={(e) => onNikChange(e.currentTarget.value)}
              error={nikError}
              description={
                nikError ? undefined : nikRead ? (
                  <Text component="span" size="xs" c="jaring.9" fw={500}>
                    {t('form.nikRead', { date: formatDate(nikRead.birthDate, lang), sex: t(`workers.sexLabel.${nikRead.info.sex}`).toLowerCase() })}
                    {nikDistrictName ? ` · ${t('form.nikDistrict', { name: nikDistrictName })}` : ''}
                  </Text>
                ) : nikDigits.length > 0 && nikDigits.length < 16 ? (
                  t('form.nikProgress', { count: nikDigits.length })
                ) : (
                  t('form.nikHint')
                )
              }
              classNames={{ input: 'nik' }}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
            />
            <TextInput
              label={t('form.name')}
              required
              autoComplete="off"
              autoCapitalize="words"
              value={values.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={errors.name}
            />
            <TextInput
              label={t('form.birthDate')}
              type="date"
              max={today}
              value={values.birthDate}
              onChange={(e) => set('birthDate', e.currentTarget.value)}
              error={errors.birthDate}
              description={t('form.birthDateHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
            />
            <Radio.Group
              label={t('form.sex')}
              value={values.sex}
              onChange={(v) => set('sex', v === 'M' || v === 'F' ? v : '')}
              error={errors.sex}
              size="md"
            >
              <Group mt={10} gap="lg">
                <Radio value="M" label={t('workers.sexLabel.M')} size="md" />
                <Radio value="F" label={t('workers.sexLabel.F')} size="md" />
              </Group>
            </Radio.Group>
          </SimpleGrid>
        </Section>

        <Section title={t('form.domicile')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {user.role === 'admin' ? (
              <>
                <Select
                  label={t('form.district')}
                  placeholder={t('form.districtPlaceholder')}
                  required
                  searchable
                  data={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
                  value={values.districtCode || null}
                  onChange={(code) => {
                    setValues((v) => ({ ...v, districtCode: code ?? '', villageCode: '' }));
                  }}
                  nothingFoundMessage="–"
                />
                <Select
                  label={t('form.village')}
                  placeholder={t('form.villagePlaceholder')}
                  required
                  searchable
                  disabled={!values.districtCode}
                  data={(villages.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
                  value={values.villageCode || null}
                  onChange={(code) => set('villageCode', code ?? '')}
                  error={errors.villageCode}
                  nothingFoundMessage="–"
                />
              </>
            ) : (
              <TextInput
                label={t('form.village')}
                value={user.regionName}
                readOnly
                description={t('form.villageFixed')}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                error={errors.villageCode}
              />
            )}
            <TextInput
              label={t('form.hamlet')}
              autoComplete="off"
              value={values.hamlet}
              onChange={(e) => set('hamlet', e.currentTarget.value)}
              error={errors.hamlet}
            />
            <SimpleGrid cols={2}>
              <TextInput
                label={t('form.rt')}
                inputMode="numeric"
                maxLength={3}
                value={values.rt}
                onChange={(e) => set('rt', e.currentTarget.value)}
                error={errors.rt}
              />
              <TextInput
                label={t('form.rw')}
                inputMode="numeric"
                maxLength={3}
                value={values.rw}
                onChange={(e) => set('rw', e.currentTarget.value)}
                error={errors.rw}
              />
            </SimpleGrid>
          </SimpleGrid>
        </Section>

        <Section title={t('form.work')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('form.occupation')}
              placeholder={t('form.occupationPlaceholder')}
              required
              data={occupationData}
              value={values.occupation || null}
              onChange={(code) => set('occupation', code ?? '')}
              error={errors.occupation}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              maxDropdownHeight={320}
            />
            <NumberInput
              label={t('form.income')}
              description={t('form.incomeHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              prefix="Rp"
              thousandSeparator="."
              decimalSeparator=","
              allowDecimal={false}
              allowNegative={false}
              hideControls
              inputMode="numeric"
              value={values.monthlyIncome}
              onChange={(v) => set('monthlyIncome', typeof v === 'number' ? v : '')}
              error={errors.monthlyIncome}
            />
            <NumberInput
              label={t('form.dependants')}
              description={t('form.dependantsHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              allowDecimal={false}
              allowNegative={false}
              min={0}
              max={30}
              inputMode="numeric"
              value={values.dependants}
              onChange={(v) => set('dependants', typeof v === 'number' ? v : '')}
              error={errors.dependants}
            />
            <TextInput
              label={t('form.phone')}
              type="tel"
              inputMode="tel"
              autoComplete="off"
              placeholder={t('form.phoneHint')}
              value={values.phone}
              onChange={(e) => set('phone', e.currentTarget.value)}
              error={errors.phone}
            />
            <Textarea
              label={t('form.notes')}
              autosize
              minRows={2}
              maxRows={6}
              value={values.notes}
              onChange={(e) => set('notes', e.currentTarget.value)}
              error={errors.notes}
            />
          </SimpleGrid>
        </Section>

        <Group justify="flex-end" gap="sm">
          <Button component={Link} to={cancelTo} variant="default">
            {t('form.cancel')}
          </Button>
          <Button type="submit" loading={saving}>
            {t('form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} component="fieldset" m={0}>
      <Title order={2} size="h4" mb="sm" component="legend" style={{ float: 'left', width: '100%', padding: 0 }}>
        {title}
      </Title>
      <div style={{ clear: 'both' }}>{children}</div>
    </Paper>
  );
}
