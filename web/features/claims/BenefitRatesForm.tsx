/** A new dated row of benefit amounts, prefilled from the row in force; every amount of `benefitAmountsSchema`. */
import { Fieldset, NumberInput, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BENEFIT_RATES, type BenefitAmounts } from '../../../core/benefits.ts';
import { benefitRateCreateSchema } from '../../../core/claims.schema.ts';
import { FormModal, RupiahInput, useModalMutation } from '../financing/forms.tsx';
import { fieldErrorOf, useToday } from '../financing/shared.tsx';
import { issueMap } from '../ucj/coverage-format.ts';
import { useCreateBenefitRate } from './queries.ts';

type Values = Record<string, number | ''>;

/** The legal amounts Jaring ships with, for a database that has no row yet. */
const FALLBACK: BenefitAmounts = (({ validFrom: _v, regulation: _r, ...amounts }) => ({ ...amounts, scholarship: { ...amounts.scholarship, levels: [...amounts.scholarship.levels] } }))(BENEFIT_RATES[0]!);

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/** Every number of the amounts by its path: `jkmLumpSum`, `scholarship.levels.0.yearlyAmount`. */
function flatten(value: unknown, path = '', out: Values = {}): Values {
  if (typeof value === 'number') out[path] = value;
  else if (Array.isArray(value)) value.forEach((x, i) => flatten(x, join(path, i), out));
  else if (value && typeof value === 'object') for (const [k, x] of Object.entries(value)) flatten(x, join(path, k), out);
  return out;
}

/** The amounts in the template's shape with the numbers typed in (NaN where a box is empty). */
function rebuild(template: unknown, values: Values, path = ''): unknown {
  if (typeof template === 'number') {
    const v = values[path];
    return v === '' || v === undefined ? Number.NaN : v;
  }
  if (Array.isArray(template)) return template.map((x, i) => rebuild(x, values, join(path, i)));
  if (template && typeof template === 'object') return Object.fromEntries(Object.entries(template).map(([k, x]) => [k, rebuild(x, values, join(path, k))]));
  return template;
}

export function BenefitRatesModal({ opened, prefill, onClose }: { opened: boolean; prefill: BenefitAmounts | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const today = useToday();
  const create = useCreateBenefitRate();
  const template = prefill ?? FALLBACK;
  const [validFrom, setValidFrom] = useState(today);
  const [regulation, setRegulation] = useState('');
  const [note, setNote] = useState('');
  const [values, setValues] = useState<Values>(() => flatten(template));
  const [local, setLocal] = useState<Record<string, string>>({});
  const { close, save } = useModalMutation(create, onClose);
  const errorOf = (field: string) => local[field] ?? fieldErrorOf(create.error, field);

  const onSubmit = () => {
    const parsed = benefitRateCreateSchema.safeParse({ validFrom, regulation, note: note.trim() || null, amounts: rebuild(template, values) });
    const issues = parsed.success ? {} : issueMap(parsed.error.issues);
    for (const [path, v] of Object.entries(values)) if (v === '') issues[`amounts.${path}`] = t('clmx.required');
    setLocal(issues);
    if (parsed.success && Object.keys(issues).length === 0) save(parsed.data, t('clmx.rateSaved'));
  };

  /** A number box bound to one path of the amounts. */
  const field = (path: string, label: string, kind: 'rupiah' | 'count' | 'percent' | 'multiple' = 'count') => {
    const common = { label, error: errorOf(`amounts.${path}`), 'data-testid': `rate-${path.replaceAll('.', '-')}` };
    const value = values[path] ?? '';
    const set = (v: number | '') => setValues((all) => ({ ...all, [path]: v }));
    if (kind === 'rupiah') return <RupiahInput key={path} {...common} inputMode="numeric" value={value} onChange={set} />;
    return (
      <NumberInput
        key={path}
        {...common}
        inputMode="numeric"
        allowDecimal={false}
        allowNegative={false}
        hideControls
        suffix={kind === 'percent' ? '%' : kind === 'multiple' ? '×' : undefined}
        value={value}
        onChange={(v) => set(typeof v === 'number' ? v : '')}
      />
    );
  };
  const levels = template.scholarship.levels;

  return (
    <FormModal
      opened={opened}
      onClose={close}
      title={t('clmx.addRate')}
      onSubmit={onSubmit}
      error={create.error}
      pending={create.isPending}
      submitTestId="benefit-rate-submit"
      formTestId="benefit-rate-form"
      size="xl"
    >
      <Text size="sm" c="dimmed">
        {t('clmx.addRateIntro')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput type="date" label={t('clmx.validFrom')} required value={validFrom} onChange={(e) => setValidFrom(e.currentTarget.value)} error={errorOf('validFrom')} data-testid="rate-valid-from" />
        <TextInput
          label={t('clmx.regulation')}
          required
          placeholder="PP 44/2015 jo. PP 82/2019"
          value={regulation}
          onChange={(e) => setRegulation(e.currentTarget.value)}
          error={errorOf('regulation')}
          data-testid="rate-regulation"
        />
      </SimpleGrid>
      <TextInput label={t('clmx.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errorOf('note')} data-testid="rate-note" />

      <Fieldset legend={t('clmx.deathBenefits')} radius="md" p="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          {field('jkmLumpSum', t('clmx.fieldLumpSum'), 'rupiah')}
          {field('periodic', t('clmx.fieldPeriodic'), 'rupiah')}
          {field('funeral', t('clmx.fieldFuneral'), 'rupiah')}
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('clmx.jkkBenefits')} radius="md" p="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          {field('jkkDeathIncomeMultiple', t('clmx.fieldJkkDeath'), 'multiple')}
          {field('jkkDisabilityIncomeMultiple', t('clmx.fieldJkkDisability'), 'multiple')}
          {field('minDeclaredIncome', t('clmx.fieldMinIncome'), 'rupiah')}
          {field('temporaryIncapacity.fullMonths', t('clmx.fieldStmbMonths'))}
          {field('temporaryIncapacity.fullPercent', t('clmx.fieldStmbFull'), 'percent')}
          {field('temporaryIncapacity.laterPercent', t('clmx.fieldStmbLater'), 'percent')}
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('clmx.scholarshipTitle')} radius="md" p="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {field('scholarship.maxChildren', t('clmx.fieldMaxChildren'))}
          {field('scholarship.ageLimit', t('clmx.fieldAgeLimit'))}
          {field('scholarship.jkmMinContributionMonths', t('clmx.fieldJkmMinMonths'))}
          {field('scholarship.maxPerChild', t('clmx.fieldMaxPerChild'), 'rupiah')}
        </SimpleGrid>
        {levels.map((l, i) => {
          const name = l.level === 'SMA' ? 'SMA/SMK' : l.level;
          return (
            <SimpleGrid key={l.level} cols={{ base: 1, xs: 3 }} spacing="sm" mt="sm" data-testid="rate-level" data-level={l.level}>
              {field(`scholarship.levels.${i}.yearlyAmount`, t('clmx.fieldLevelAmount', { level: name }), 'rupiah')}
              {field(`scholarship.levels.${i}.years`, t('clmx.fieldLevelYears', { level: name }))}
              {field(`scholarship.levels.${i}.usualStartAge`, t('clmx.fieldLevelAge', { level: name }))}
            </SimpleGrid>
          );
        })}
        {local['amounts.scholarship.levels'] && (
          <Text size="sm" c="red.8" mt="xs" role="alert">
            {local['amounts.scholarship.levels']}
          </Text>
        )}
      </Fieldset>
    </FormModal>
  );
}
