import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, Group, NumberInput, Paper, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  coverageSettingsSchema,
  denominatorPutSchema,
  targetPutSchema,
  yearSchema,
  type CoverageSettings,
  type Target,
} from '../../../core/coverage.schema.ts';
import { useMeta, useRegionChildren } from '../../api/queries.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { useCurrentUser } from '../auth/session.ts';
import { FormModal, FormSection, useModalMutation } from '../financing/forms.tsx';
import { ApiErrorAlert, GuardedPage, PageHeader, fieldErrorOf, useToday } from '../financing/shared.tsx';
import { formatCoveragePercent, issueMap } from './coverage-format.ts';
import {
  useCoverageDenominators,
  useCoverageSettings,
  useCoverageTargets,
  useDeleteDenominator,
  useDeleteTarget,
  useSaveCoverageSettings,
  useSaveDenominator,
  useSaveTarget,
  type Denominator,
} from './queries.ts';

const REGENCY_CODE = '52.03';
type Basis = 'register' | 'official';

/** `/cakupan/pengaturan` (admin): category thresholds and projection, targets and official denominators per region and year. */
export default function CoverageSettingsPage() {
  return (
    <GuardedPage title="cov.settingsTitle" canSee={(role) => role === 'admin'}>
      <Settings />
    </GuardedPage>
  );
}

interface RegionOption {
  value: string;
  label: string;
}

function Settings() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const meta = useMeta();
  const regency = user.regionCode.split('.').length === 2 ? user.regionCode : (meta.data?.region.code ?? REGENCY_CODE);
  const regencyName = regency === user.regionCode ? user.regionName : (meta.data?.region.name ?? regency);
  const districts = useRegionChildren(regency);
  const options: RegionOption[] = [{ value: regency, label: regencyName }, ...(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))];
  const nameOf = (code: string) => options.find((o) => o.value === code)?.label ?? code;
  const [shown, setShown] = useState(regency);

  return (
    <Stack gap="lg">
      <PageHeader title={t('cov.settingsTitle')} intro={t('cov.settingsIntro')} />
      <SettingsSection />
      <Select
        label={t('cov.showRegion')}
        data={options}
        value={shown}
        onChange={(code) => code && setShown(code)}
        allowDeselect={false}
        searchable
        w={{ base: '100%', xs: 320 }}
        data-testid="settings-region"
      />
      <TargetsSection region={shown} options={options} nameOf={nameOf} />
      <DenominatorsSection region={shown} options={options} nameOf={nameOf} />
    </Stack>
  );
}

// ---- Thresholds, category basis, projection months ------------------------------------------------

function SettingsSection() {
  const settings = useCoverageSettings();
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <Skeleton h={260} radius="md" />;
  // Remounts with the saved values after every save.
  return <SettingsForm key={JSON.stringify(settings.data)} initial={settings.data} />;
}

function SettingsForm({ initial }: { initial: CoverageSettings }) {
  const { t } = useTranslation();
  const save = useSaveCoverageSettings();
  const [low, setLow] = useState<number | ''>(initial.thresholds.low);
  const [medium, setMedium] = useState<number | ''>(initial.thresholds.medium);
  const [high, setHigh] = useState<number | ''>(initial.thresholds.high);
  const [basis, setBasis] = useState<Basis>(initial.categoryBasis);
  const [months, setMonths] = useState<number | ''>(initial.projectionMonths);
  const [local, setLocal] = useState<Record<string, string>>({});
  const errorOf = (field: string, bare?: string) => local[field] ?? fieldErrorOf(save.error, field) ?? (bare ? fieldErrorOf(save.error, bare) : undefined);

  const onSubmit = () => {
    const parsed = coverageSettingsSchema.safeParse({ thresholds: { low, medium, high }, categoryBasis: basis, projectionMonths: months });
    if (!parsed.success) {
      setLocal(issueMap(parsed.error.issues));
      return;
    }
    setLocal({});
    save.mutate(parsed.data, { onSuccess: () => notifications.show({ color: 'green', message: t('cov.settingsSaved') }) });
  };
  const percentInput = { decimalSeparator: ',', decimalScale: 1, allowNegative: false, min: 0, max: 100, suffix: '%', hideControls: true } as const;
  const fieldErrors = ['thresholds.low', 'thresholds.medium', 'thresholds.high', 'categoryBasis', 'projectionMonths', 'low', 'medium', 'high'];
  // The refusal goes on the page only when no field carries it.
  const unplaced = save.error && !fieldErrors.some((f) => fieldErrorOf(save.error, f)) ? save.error : null;

  return (
    <FormSection titleId="cov-thresholds" title={t('cov.thresholdsTitle')} intro={t('cov.thresholdsIntro')} onSubmit={onSubmit} testId="coverage-settings-form">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NumberInput label={t('cov.thresholdLow')} value={low} onChange={(v) => setLow(typeof v === 'number' ? v : '')} error={errorOf('thresholds.low', 'low')} {...percentInput} data-testid="threshold-low" />
        <NumberInput
          label={t('cov.thresholdMedium')}
          value={medium}
          onChange={(v) => setMedium(typeof v === 'number' ? v : '')}
          error={errorOf('thresholds.medium', 'medium')}
          {...percentInput}
          data-testid="threshold-medium"
        />
        <NumberInput label={t('cov.thresholdHigh')} value={high} onChange={(v) => setHigh(typeof v === 'number' ? v : '')} error={errorOf('thresholds.high', 'high')} {...percentInput} data-testid="threshold-high" />
      </SimpleGrid>
      <Select
        label={t('cov.basisLabel')}
        data={[
          { value: 'register', label: t('cov.basisOption.register') },
          { value: 'official', label: t('cov.basisOption.official') },
        ]}
        value={basis}
        onChange={(v) => v && setBasis(v as Basis)}
        allowDeselect={false}
        w={{ base: '100%', xs: 320 }}
        error={errorOf('categoryBasis')}
        data-testid="category-basis"
      />
      <NumberInput
        label={t('cov.projectionMonths')}
        value={months}
        onChange={(v) => setMonths(typeof v === 'number' ? v : '')}
        allowDecimal={false}
        allowNegative={false}
        min={1}
        max={24}
        w={{ base: '100%', xs: 320 }}
        error={errorOf('projectionMonths')}
        data-testid="projection-months"
      />
      <ApiErrorAlert error={unplaced} />
      <Group>
        <Button type="submit" loading={save.isPending} data-testid="save-coverage-settings">
          {t('form.save')}
        </Button>
      </Group>
    </FormSection>
  );
}

// ---- Targets ------------------------------------------------------------------------------------------

/** A titled card with an add button, holding one list. */
function ListSection({ title, intro, addLabel, onAdd, addTestId, children }: { title: string; intro: string; addLabel: string; onAdd: () => void; addTestId: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} component="section">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end" gap="sm">
          <div>
            <Title order={2} size="h4">
              {title}
            </Title>
            <Text size="sm" c="dimmed" maw={640}>
              {intro}
            </Text>
          </div>
          <Button onClick={onAdd} data-testid={addTestId}>
            {addLabel}
          </Button>
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

/** A list's loading, error and empty states around its table. */
function QueryBody({ query, isEmpty, emptyText, children }: { query: UseQueryResult<unknown>; isEmpty: boolean; emptyText: string; children: ReactNode }) {
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Skeleton h={120} radius="md" />;
  if (isEmpty)
    return (
      <Text size="sm" c="dimmed">
        {emptyText}
      </Text>
    );
  return <>{children}</>;
}

/** Confirms deleting one row kept per region and year (a target or an official denominator). */
function DeleteRegionYearModal({
  row,
  remove,
  title,
  body,
  doneMessage,
  testId,
  onClose,
}: {
  row: { regionCode: string; year: number } | null;
  remove: ReturnType<typeof useDeleteTarget>;
  title: string;
  body: string;
  doneMessage: string;
  testId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { close, save } = useModalMutation(remove, onClose);
  return (
    <FormModal
      opened={row !== null}
      onClose={close}
      title={title}
      onSubmit={() => row && save({ region: row.regionCode, year: row.year }, doneMessage)}
      error={remove.error}
      pending={remove.isPending}
      submitLabel={t('cov.deleteConfirm')}
      submitColor="red"
      submitTestId={testId}
    >
      {row && (
        <Alert color="orange" variant="light">
          {body}
        </Alert>
      )}
    </FormModal>
  );
}

function RowActions({ onEdit, onDelete, testId }: { onEdit: () => void; onDelete: () => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      <Button variant="subtle" size="compact-sm" onClick={onEdit} data-testid={`${testId}-edit`}>
        {t('cov.edit')}
      </Button>
      <Button variant="subtle" color="red" size="compact-sm" onClick={onDelete} data-testid={`${testId}-delete`}>
        {t('cov.delete')}
      </Button>
    </Group>
  );
}

type Editing<T> = { mode: 'new' } | { mode: 'edit'; item: T } | null;

function TargetsSection({ region, options, nameOf }: { region: string; options: RegionOption[]; nameOf: (code: string) => string }) {
  const { t } = useTranslation();
  const targets = useCoverageTargets(region);
  const removeTarget = useDeleteTarget();
  const [editing, setEditing] = useState<Editing<Target>>(null);
  const [deleting, setDeleting] = useState<Target | null>(null);
  const items = [...(targets.data?.items ?? [])].sort((a, b) => a.regionCode.localeCompare(b.regionCode) || a.year - b.year);
  return (
    <ListSection title={t('cov.targetsTitle')} intro={t('cov.targetsIntro')} addLabel={t('cov.addTarget')} onAdd={() => setEditing({ mode: 'new' })} addTestId="add-target">
      <QueryBody query={targets} isEmpty={items.length === 0} emptyText={t('cov.noTargetRows')}>
        <TableCard minWidth={640} verticalSpacing="sm" data-testid="targets-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('cov.region')}</Table.Th>
              <Table.Th ta="right">{t('cov.year')}</Table.Th>
              <Table.Th ta="right">{t('cov.percent')}</Table.Th>
              <Table.Th>{t('cov.basis')}</Table.Th>
              <Table.Th>{t('cov.note')}</Table.Th>
              <Table.Th ta="right">{t('cov.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((x) => (
              <Table.Tr key={`${x.regionCode}-${x.year}-${x.basis}`} data-testid={`target-row-${x.regionCode}-${x.year}`}>
                <Table.Td>{nameOf(x.regionCode)}</Table.Td>
                <Table.Td ta="right">{x.year}</Table.Td>
                <Table.Td ta="right" fw={600}>
                  {formatCoveragePercent(x.percent)}
                </Table.Td>
                <Table.Td>{t(`cov.basisShort.${x.basis}`)}</Table.Td>
                <Table.Td>{x.note ?? '–'}</Table.Td>
                <Table.Td>
                  <RowActions onEdit={() => setEditing({ mode: 'edit', item: x })} onDelete={() => setDeleting(x)} testId={`target-${x.regionCode}-${x.year}`} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </TableCard>
      </QueryBody>
      {editing && <TargetModal editing={editing} defaultRegion={region} options={options} nameOf={nameOf} onClose={() => setEditing(null)} />}
      <DeleteRegionYearModal
        row={deleting}
        remove={removeTarget}
        title={t('cov.deleteTargetTitle')}
        body={deleting ? t('cov.deleteTargetBody', { percent: formatCoveragePercent(deleting.percent), region: nameOf(deleting.regionCode), year: deleting.year }) : ''}
        doneMessage={t('cov.targetDeleted')}
        testId="target-delete-confirm"
        onClose={() => setDeleting(null)}
      />
    </ListSection>
  );
}

function TargetModal({
  editing,
  defaultRegion,
  options,
  nameOf,
  onClose,
}: {
  editing: NonNullable<Editing<Target>>;
  defaultRegion: string;
  options: RegionOption[];
  nameOf: (code: string) => string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const thisYear = Number(useToday().slice(0, 4));
  const item = editing.mode === 'edit' ? editing.item : null;
  const save = useSaveTarget();
  const { close, save: run } = useModalMutation(save, onClose);
  const [region, setRegion] = useState(item?.regionCode ?? defaultRegion);
  const [year, setYear] = useState<number | ''>(item?.year ?? thisYear);
  const [percent, setPercent] = useState<number | ''>(item?.percent ?? '');
  const [basis, setBasis] = useState<Basis>(item?.basis ?? 'register');
  const [note, setNote] = useState(item?.note ?? '');
  const [local, setLocal] = useState<Record<string, string>>({});
  const errorOf = (field: string) => local[field] ?? fieldErrorOf(save.error, field);

  const onSubmit = () => {
    const parsedYear = yearSchema.safeParse(year === '' ? undefined : year);
    const parsed = targetPutSchema.safeParse({ percent: percent === '' ? undefined : percent, basis, note: note.trim() || undefined });
    const errors = { ...(parsed.success ? {} : issueMap(parsed.error.issues)), ...(parsedYear.success ? {} : { year: parsedYear.error.issues[0]?.message ?? '' }) };
    setLocal(errors);
    if (!parsed.success || !parsedYear.success) return;
    run({ region, year: parsedYear.data, body: parsed.data }, t('cov.targetSaved'));
  };
  const fields = ['region', 'year', 'percent', 'basis', 'note'];
  const unplaced = save.error && !fields.some((f) => fieldErrorOf(save.error, f)) ? save.error : null;

  return (
    <FormModal
      opened
      onClose={close}
      title={item ? t('cov.editTarget', { region: nameOf(item.regionCode), year: item.year }) : t('cov.newTarget')}
      onSubmit={onSubmit}
      error={unplaced}
      pending={save.isPending}
      submitTestId="target-save"
      formTestId="target-form"
    >
      <Select label={t('cov.region')} data={options} value={region} onChange={(v) => v && setRegion(v)} allowDeselect={false} searchable disabled={Boolean(item)} error={errorOf('region')} data-testid="target-region" />
      <NumberInput label={t('cov.year')} value={year} onChange={(v) => setYear(typeof v === 'number' ? v : '')} allowDecimal={false} allowNegative={false} thousandSeparator="" hideControls disabled={Boolean(item)} error={errorOf('year')} data-testid="target-year" />
      <NumberInput
        label={t('cov.percent')}
        value={percent}
        onChange={(v) => setPercent(typeof v === 'number' ? v : '')}
        decimalSeparator=","
        decimalScale={2}
        allowNegative={false}
        suffix="%"
        hideControls
        required
        error={errorOf('percent')}
        data-testid="target-percent"
      />
      <Select
        label={t('cov.basis')}
        data={[
          { value: 'register', label: t('cov.basisOption.register') },
          { value: 'official', label: t('cov.basisOption.official') },
        ]}
        value={basis}
        onChange={(v) => v && setBasis(v as Basis)}
        allowDeselect={false}
        error={errorOf('basis')}
        data-testid="target-basis"
      />
      <Textarea label={t('cov.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} maxLength={300} error={errorOf('note')} data-testid="target-note" />
    </FormModal>
  );
}


// ---- Official denominators ----------------------------------------------------------------------------

function DenominatorsSection({ region, options, nameOf }: { region: string; options: RegionOption[]; nameOf: (code: string) => string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const denominators = useCoverageDenominators(region);
  const removeDenominator = useDeleteDenominator();
  const [editing, setEditing] = useState<Editing<Denominator>>(null);
  const [deleting, setDeleting] = useState<Denominator | null>(null);
  const items = [...(denominators.data?.items ?? [])].sort((a, b) => a.regionCode.localeCompare(b.regionCode) || a.year - b.year);
  return (
    <ListSection title={t('cov.denominatorsTitle')} intro={t('cov.denominatorsIntro')} addLabel={t('cov.addDenominator')} onAdd={() => setEditing({ mode: 'new' })} addTestId="add-denominator">
      <QueryBody query={denominators} isEmpty={items.length === 0} emptyText={t('cov.noDenominatorRows')}>
        <TableCard minWidth={680} verticalSpacing="sm" data-testid="denominators-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('cov.region')}</Table.Th>
              <Table.Th ta="right">{t('cov.year')}</Table.Th>
              <Table.Th ta="right">{t('cov.value')}</Table.Th>
              <Table.Th>{t('cov.source')}</Table.Th>
              <Table.Th>{t('cov.updatedAt')}</Table.Th>
              <Table.Th ta="right">{t('cov.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((d) => (
              <Table.Tr key={`${d.regionCode}-${d.year}`} data-testid={`denominator-row-${d.regionCode}-${d.year}`}>
                <Table.Td>{d.regionName || nameOf(d.regionCode)}</Table.Td>
                <Table.Td ta="right">{d.year}</Table.Td>
                <Table.Td ta="right" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatNumber(d.value)}
                </Table.Td>
                <Table.Td>{d.source}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(d.updatedAt, lang)}</Table.Td>
                <Table.Td>
                  <RowActions onEdit={() => setEditing({ mode: 'edit', item: d })} onDelete={() => setDeleting(d)} testId={`denominator-${d.regionCode}-${d.year}`} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </TableCard>
      </QueryBody>
      {editing && <DenominatorModal editing={editing} defaultRegion={region} options={options} nameOf={nameOf} onClose={() => setEditing(null)} />}
      <DeleteRegionYearModal
        row={deleting}
        remove={removeDenominator}
        title={t('cov.deleteDenominatorTitle')}
        body={
          deleting ? t('cov.deleteDenominatorBody', { value: formatNumber(deleting.value), region: deleting.regionName || nameOf(deleting.regionCode), year: deleting.year }) : ''
        }
        doneMessage={t('cov.denominatorDeleted')}
        testId="denominator-delete-confirm"
        onClose={() => setDeleting(null)}
      />
    </ListSection>
  );
}

function DenominatorModal({
  editing,
  defaultRegion,
  options,
  nameOf,
  onClose,
}: {
  editing: NonNullable<Editing<Denominator>>;
  defaultRegion: string;
  options: RegionOption[];
  nameOf: (code: string) => string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const thisYear = Number(useToday().slice(0, 4));
  const item = editing.mode === 'edit' ? editing.item : null;
  const save = useSaveDenominator();
  const { close, save: run } = useModalMutation(save, onClose);
  const [region, setRegion] = useState(item?.regionCode ?? defaultRegion);
  const [year, setYear] = useState<number | ''>(item?.year ?? thisYear);
  const [value, setValue] = useState<number | ''>(item?.value ?? '');
  const [source, setSource] = useState(item?.source ?? '');
  const [local, setLocal] = useState<Record<string, string>>({});
  const errorOf = (field: string) => local[field] ?? fieldErrorOf(save.error, field);

  const onSubmit = () => {
    const parsedYear = yearSchema.safeParse(year === '' ? undefined : year);
    const parsed = denominatorPutSchema.safeParse({ value: value === '' ? undefined : value, source });
    const errors = { ...(parsed.success ? {} : issueMap(parsed.error.issues)), ...(parsedYear.success ? {} : { year: parsedYear.error.issues[0]?.message ?? '' }) };
    setLocal(errors);
    if (!parsed.success || !parsedYear.success) return;
    run({ region, year: parsedYear.data, body: parsed.data }, t('cov.denominatorSaved'));
  };
  const fields = ['region', 'year', 'value', 'source'];
  const unplaced = save.error && !fields.some((f) => fieldErrorOf(save.error, f)) ? save.error : null;

  return (
    <FormModal
      opened
      onClose={close}
      title={item ? t('cov.editDenominator', { region: item.regionName || nameOf(item.regionCode), year: item.year }) : t('cov.newDenominator')}
      onSubmit={onSubmit}
      error={unplaced}
      pending={save.isPending}
      submitTestId="denominator-save"
      formTestId="denominator-form"
    >
      <Select label={t('cov.region')} data={options} value={region} onChange={(v) => v && setRegion(v)} allowDeselect={false} searchable disabled={Boolean(item)} error={errorOf('region')} data-testid="denominator-region" />
      <NumberInput label={t('cov.year')} value={year} onChange={(v) => setYear(typeof v === 'number' ? v : '')} allowDecimal={false} allowNegative={false} thousandSeparator="" hideControls disabled={Boolean(item)} error={errorOf('year')} data-testid="denominator-year" />
      <NumberInput
        label={t('cov.value')}
        value={value}
        onChange={(v) => setValue(typeof v === 'number' ? v : '')}
        thousandSeparator="."
        decimalSeparator=","
        allowDecimal={false}
        allowNegative={false}
        hideControls
        required
        error={errorOf('value')}
        data-testid="denominator-value"
      />
      <TextInput label={t('cov.source')} placeholder={t('cov.sourcePlaceholder')} value={source} onChange={(e) => setSource(e.currentTarget.value)} required maxLength={300} error={errorOf('source')} data-testid="denominator-source" />
    </FormModal>
  );
}

