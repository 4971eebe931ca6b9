import { ActionIcon, Button, Group, NumberInput, SimpleGrid, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { claimSettingsSchema, type ClaimSettings } from '../../../core/claims.schema.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDate } from '../../lib/format.ts';
import { FormSection } from '../financing/forms.tsx';
import { ApiErrorAlert, GuardedPage, PageHeader, fieldErrorOf } from '../financing/shared.tsx';
import { issueMap } from '../ucj/coverage-format.ts';
import { BenefitRatesSection } from './BenefitRatesSection.tsx';
import { canManageClaimSettings } from './claim-rules.ts';
import { useClaimSettings, useSaveClaimSettings } from './queries.ts';

/** `/klaim/pengaturan` (admin): the deadlines behind overdue warnings, public holidays, and the dated benefit amounts. */
export default function ClaimSettingsPage() {
  return (
    <GuardedPage title="clmx.settingsTitle" canSee={canManageClaimSettings}>
      <Settings />
    </GuardedPage>
  );
}

function Settings() {
  const { t } = useTranslation();
  const settings = useClaimSettings();
  return (
    <Stack gap="lg">
      <PageHeader title={t('clmx.settingsTitle')} intro={t('clmx.settingsIntro')} />
      {settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : !settings.data ? (
        <Skeleton h={320} radius="md" />
      ) : (
        // Remounts with the saved values after every save.
        <SettingsForm key={JSON.stringify(settings.data)} initial={settings.data} />
      )}
      <BenefitRatesSection />
    </Stack>
  );
}

interface HolidayRow {
  key: number;
  date: string;
  name: string;
}

let nextKey = 1;

function SettingsForm({ initial }: { initial: ClaimSettings }) {
  const { t } = useTranslation();
  const lang = useLang();
  const save = useSaveClaimSettings();
  const [documentsDays, setDocumentsDays] = useState<number | ''>(initial.documentsDays);
  const [decisionDays, setDecisionDays] = useState<number | ''>(initial.decisionWorkingDays);
  const [paymentDays, setPaymentDays] = useState<number | ''>(initial.paymentWorkingDays);
  const [holidays, setHolidays] = useState<HolidayRow[]>(() => initial.holidays.map((h) => ({ key: nextKey++, ...h })));
  const [local, setLocal] = useState<Record<string, string>>({});
  const errorOf = (field: string) => local[field] ?? fieldErrorOf(save.error, field);
  const update = (key: number, patch: Partial<HolidayRow>) => setHolidays((rows) => rows.map((h) => (h.key === key ? { ...h, ...patch } : h)));

  const onSubmit = () => {
    const empty = (v: number | '') => (v === '' ? Number.NaN : v);
    const sorted = [...holidays].sort((a, b) => a.date.localeCompare(b.date));
    const parsed = claimSettingsSchema.safeParse({
      documentsDays: empty(documentsDays),
      decisionWorkingDays: empty(decisionDays),
      paymentWorkingDays: empty(paymentDays),
      holidays: sorted.map(({ date, name }) => ({ date, name })),
    });
    if (!parsed.success) {
      // Issues name rows by their place once sorted: sort the rows on screen too so they point at the right one.
      setHolidays(sorted);
      setLocal(issueMap(parsed.error.issues));
      return;
    }
    const dates = parsed.data.holidays.map((h) => h.date);
    const twice = dates.findIndex((d, i) => dates.indexOf(d) !== i);
    if (twice >= 0) {
      setHolidays(sorted);
      setLocal({ [`holidays.${twice}.date`]: t('clmx.holidayTwice', { date: formatDate(dates[twice]!, lang) }) });
      return;
    }
    setLocal({});
    save.mutate(parsed.data, { onSuccess: () => notifications.show({ color: 'green', message: t('clmx.settingsSaved') }) });
  };
  const fields = ['documentsDays', 'decisionWorkingDays', 'paymentWorkingDays', 'holidays'];
  const unplaced = save.error && !fields.some((f) => fieldErrorOf(save.error, f)) ? save.error : null;
  const dayInput = { allowDecimal: false, allowNegative: false, inputMode: 'numeric', min: 1 } as const;

  return (
    <FormSection titleId="claim-deadlines" title={t('clmx.deadlinesTitle')} intro={t('clmx.deadlinesIntro')} onSubmit={onSubmit} testId="claim-settings-form">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NumberInput
          label={t('clmx.documentsDays')}
          description={t('clmx.documentsDaysHint')}
          max={365}
          value={documentsDays}
          onChange={(v) => setDocumentsDays(typeof v === 'number' ? v : '')}
          error={errorOf('documentsDays')}
          {...dayInput}
          data-testid="settings-documents-days"
        />
        <NumberInput
          label={t('clmx.decisionDays')}
          description={t('clmx.decisionDaysHint')}
          max={120}
          value={decisionDays}
          onChange={(v) => setDecisionDays(typeof v === 'number' ? v : '')}
          error={errorOf('decisionWorkingDays')}
          {...dayInput}
          data-testid="settings-decision-days"
        />
        <NumberInput
          label={t('clmx.paymentDays')}
          description={t('clmx.paymentDaysHint')}
          max={120}
          value={paymentDays}
          onChange={(v) => setPaymentDays(typeof v === 'number' ? v : '')}
          error={errorOf('paymentWorkingDays')}
          {...dayInput}
          data-testid="settings-payment-days"
        />
      </SimpleGrid>

      <Stack gap="xs" component="section" aria-labelledby="holidays-title" mt="sm">
        <div>
          <Text fw={600} id="holidays-title">
            {t('clmx.holidaysTitle')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('clmx.holidaysIntro')}
          </Text>
        </div>
        {holidays.length === 0 && (
          <Text size="sm" c="dimmed" data-testid="holidays-empty">
            {t('clmx.noHolidays')}
          </Text>
        )}
        {holidays.map((h, i) => (
          <Group key={h.key} gap="sm" align="flex-start" wrap="nowrap" p="xs" bd="1px solid var(--mantine-color-gray-3)" style={{ borderRadius: 'var(--mantine-radius-md)' }} data-testid="holiday-row">
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing={4} style={{ flex: 1 }}>
              <TextInput
                type="date"
                label={t('clmx.holidayDate')}
                value={h.date}
                onChange={(e) => update(h.key, { date: e.currentTarget.value })}
                error={errorOf(`holidays.${i}.date`)}
                data-testid="holiday-date"
              />
              <TextInput
                label={t('clmx.holidayName')}
                placeholder={t('clmx.holidayNamePlaceholder')}
                value={h.name}
                onChange={(e) => update(h.key, { name: e.currentTarget.value })}
                error={errorOf(`holidays.${i}.name`)}
                data-testid="holiday-name"
              />
            </SimpleGrid>
            <ActionIcon
              variant="light"
              color="red"
              size={44}
              mt={26}
              aria-label={t('clmx.removeHoliday', { name: h.name || h.date || String(i + 1) })}
              onClick={() => setHolidays((rows) => rows.filter((x) => x.key !== h.key))}
              data-testid="holiday-remove"
            >
              ✕
            </ActionIcon>
          </Group>
        ))}
        {errorOf('holidays') && !holidays.some((_, i) => errorOf(`holidays.${i}.date`) || errorOf(`holidays.${i}.name`)) && (
          <Text size="sm" c="red.8" role="alert">
            {errorOf('holidays')}
          </Text>
        )}
        <Group>
          <Button variant="light" onClick={() => setHolidays((rows) => [...rows, { key: nextKey++, date: '', name: '' }])} data-testid="holiday-add">
            {t('clmx.addHoliday')}
          </Button>
        </Group>
      </Stack>

      <ApiErrorAlert error={unplaced} />
      <Group justify="flex-end">
        <Button type="submit" loading={save.isPending} data-testid="claim-settings-save">
          {t('clmx.saveSettings')}
        </Button>
      </Group>
    </FormSection>
  );
}
