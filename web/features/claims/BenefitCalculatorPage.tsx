import { ActionIcon, Button, Checkbox, Fieldset, Group, Input, NumberInput, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BENEFIT_EVENTS, BENEFIT_PROGRAMS, SCHOOL_LEVELS, type BenefitEvent, type BenefitProgram, type SchoolLevel } from '../../../core/benefits.ts';
import { benefitEstimateRequestSchema, type BenefitEstimateRequest } from '../../../core/claims.schema.ts';
import { isApiError } from '../../api/client.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { RupiahInput } from '../financing/forms.tsx';
import { ApiErrorAlert, PageHeader, fieldErrorOf, useToday } from '../financing/shared.tsx';
import { issueMap } from '../ucj/coverage-format.ts';
import { BenefitCalculatorResult } from './BenefitCalculatorResult.tsx';
import { useBenefitEstimate } from './queries.ts';

const MAX_CHILDREN = 10;

interface ChildRow {
  key: number;
  birthDate: string;
  schoolLevel: SchoolLevel;
  married: boolean;
  working: boolean;
}

let nextKey = 1;
const newChild = (): ChildRow => ({ key: nextKey++, birthDate: '', schoolLevel: 'SD', married: false, working: false });

/** `/klaim/kalkulator`: what a death, permanent disability or time off work pays, by the amounts in force on the day. */
export default function BenefitCalculatorPage() {
  const { t } = useTranslation();
  usePageTitle(t('clmx.calculatorTitle'));
  const today = useToday();
  const estimate = useBenefitEstimate();
  const isNarrow = useMediaQuery('(max-width: 36em)');
  const [program, setProgram] = useState<BenefitProgram>('JKM');
  const [event, setEvent] = useState<BenefitEvent>('death');
  const [income, setIncome] = useState<number | ''>(1_000_000);
  const [months, setMonths] = useState<number | ''>(12);
  const [eventDate, setEventDate] = useState('');
  const [days, setDays] = useState<number | ''>(30);
  const [children, setChildren] = useState<ChildRow[]>([]);
  const [local, setLocal] = useState<Record<string, string>>({});
  const day = eventDate || today;
  const withChildren = event !== 'temporary_incapacity';
  const errorOf = (field: string) => local[field] ?? fieldErrorOf(estimate.error, field);

  const changeProgram = (value: BenefitProgram) => {
    setProgram(value);
    if (value === 'JKM') setEvent('death');
  };
  const updateChild = (key: number, patch: Partial<ChildRow>) => setChildren((rows) => rows.map((c) => (c.key === key ? { ...c, ...patch } : c)));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const request: BenefitEstimateRequest = {
      program,
      event,
      declaredIncome: income === '' ? Number.NaN : income,
      contributionMonths: months === '' ? Number.NaN : months,
      eventDate: day,
      ...(event === 'temporary_incapacity' ? { incapacityDays: days === '' ? Number.NaN : days } : {}),
      children: withChildren ? children.map(({ birthDate, schoolLevel, married, working }) => ({ birthDate, schoolLevel, married, working })) : [],
    };
    const parsed = benefitEstimateRequestSchema.safeParse(request);
    const empty = { declaredIncome: income === '', contributionMonths: months === '', incapacityDays: event === 'temporary_incapacity' && days === '' };
    const issues = parsed.success ? {} : issueMap(parsed.error.issues);
    for (const [field, isEmpty] of Object.entries(empty)) if (isEmpty) issues[field] = t('clmx.required');
    setLocal(issues);
    if (!parsed.success) {
      estimate.reset();
      return;
    }
    estimate.mutate(request);
  };
  // Only a refusal of the list itself; one child's refusal stays on that child's field.
  const childrenError = local.children ?? (isApiError(estimate.error) ? estimate.error.fieldErrors.find((f) => f.field === 'children')?.message : undefined);
  // The refusal goes above the button only when no field carries it.
  const fields = ['program', 'event', 'declaredIncome', 'contributionMonths', 'eventDate', 'incapacityDays', 'children'];
  const unplaced = estimate.error && !fields.some((f) => fieldErrorOf(estimate.error, f)) ? estimate.error : null;

  return (
    <Stack gap="md">
      <PageHeader title={t('clmx.calculatorTitle')} intro={t('clmx.calculatorIntro')} />
      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
        <form onSubmit={onSubmit} noValidate data-testid="estimate-form">
          <Stack gap="sm">
            <Stack gap={4}>
              <Input.Label size="md" id="estimate-program-label">
                {t('clmx.program')}
              </Input.Label>
              <SegmentedControl
                aria-labelledby="estimate-program-label"
                value={program}
                onChange={(v) => changeProgram(v as BenefitProgram)}
                data={BENEFIT_PROGRAMS.map((p) => ({ value: p, label: t(`clmx.programName.${p}`) }))}
                size="md"
                fullWidth
                orientation={isNarrow ? 'vertical' : 'horizontal'}
                styles={{ label: { minHeight: 40, display: 'flex', alignItems: 'center', justifyContent: 'center' } }}
                maw={560}
                data-testid="estimate-program"
              />
            </Stack>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
              <Select
                label={t('clmx.event')}
                data={BENEFIT_EVENTS.map((ev) => ({ value: ev, label: t(`clmx.eventName.${ev}`), disabled: program === 'JKM' && ev !== 'death' }))}
                value={event}
                onChange={(v) => v && setEvent(v as BenefitEvent)}
                allowDeselect={false}
                error={errorOf('event')}
                description={program === 'JKM' ? t('clmx.jkmDeathOnly') : undefined}
                data-testid="estimate-event"
              />
              <RupiahInput
                label={t('clmx.declaredIncome')}
                description={t('clmx.declaredIncomeHint')}
                inputMode="numeric"
                value={income}
                onChange={setIncome}
                error={errorOf('declaredIncome')}
                data-testid="estimate-income"
              />
              <NumberInput
                label={t('clmx.contributionMonths')}
                description={t('clmx.contributionMonthsHint')}
                inputMode="numeric"
                min={0}
                max={1200}
                allowDecimal={false}
                allowNegative={false}
                value={months}
                onChange={(v) => setMonths(typeof v === 'number' ? v : '')}
                error={errorOf('contributionMonths')}
                data-testid="estimate-months"
              />
              <TextInput type="date" label={t('clmx.eventDate')} value={day} onChange={(e) => setEventDate(e.currentTarget.value)} error={errorOf('eventDate')} data-testid="estimate-date" />
              {event === 'temporary_incapacity' && (
                <NumberInput
                  label={t('clmx.incapacityDays')}
                  inputMode="numeric"
                  min={0}
                  max={3650}
                  allowDecimal={false}
                  allowNegative={false}
                  value={days}
                  onChange={(v) => setDays(typeof v === 'number' ? v : '')}
                  error={errorOf('incapacityDays')}
                  data-testid="estimate-days"
                />
              )}
            </SimpleGrid>

            {withChildren && (
              <Stack gap="xs" component="section" aria-labelledby="estimate-children-title">
                <div>
                  <Text fw={600} id="estimate-children-title">
                    {t('clmx.children')}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t('clmx.childrenIntro')}
                  </Text>
                </div>
                {children.map((child, i) => (
                  <Fieldset key={child.key} legend={t('clmx.childN', { n: i + 1 })} radius="md" p="sm" data-testid="estimate-child">
                    <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm" verticalSpacing="xs" style={{ alignItems: 'end' }}>
                      <TextInput
                        type="date"
                        label={t('clmx.birthDate')}
                        required
                        value={child.birthDate}
                        onChange={(e) => updateChild(child.key, { birthDate: e.currentTarget.value })}
                        error={errorOf(`children.${i}.birthDate`)}
                        data-testid="child-birth-date"
                      />
                      <Select
                        label={t('clmx.schoolLevel')}
                        data={SCHOOL_LEVELS.map((l) => ({ value: l, label: t(`clmx.level.${l}`) }))}
                        value={child.schoolLevel}
                        onChange={(v) => v && updateChild(child.key, { schoolLevel: v as SchoolLevel })}
                        allowDeselect={false}
                        error={errorOf(`children.${i}.schoolLevel`)}
                        data-testid="child-school-level"
                      />
                      <Group gap="md" mih={42} align="center">
                        <Checkbox size="md" label={t('clmx.married')} checked={child.married} onChange={(e) => updateChild(child.key, { married: e.currentTarget.checked })} data-testid="child-married" />
                        <Checkbox size="md" label={t('clmx.working')} checked={child.working} onChange={(e) => updateChild(child.key, { working: e.currentTarget.checked })} data-testid="child-working" />
                      </Group>
                      <Group justify="flex-end">
                        <ActionIcon
                          variant="light"
                          color="red"
                          size={44}
                          aria-label={t('clmx.removeChild', { n: i + 1 })}
                          onClick={() => setChildren((rows) => rows.filter((c) => c.key !== child.key))}
                          data-testid="child-remove"
                        >
                          ✕
                        </ActionIcon>
                      </Group>
                    </SimpleGrid>
                  </Fieldset>
                ))}
                {childrenError && (
                  <Text size="sm" c="red.8" role="alert">
                    {childrenError}
                  </Text>
                )}
                <Group>
                  <Button variant="light" onClick={() => setChildren((rows) => [...rows, newChild()])} disabled={children.length >= MAX_CHILDREN} data-testid="estimate-add-child">
                    {t('clmx.addChild')}
                  </Button>
                  {children.length >= MAX_CHILDREN && (
                    <Text size="sm" c="dimmed">
                      {t('clmx.maxChildren', { n: MAX_CHILDREN })}
                    </Text>
                  )}
                </Group>
              </Stack>
            )}

            <ApiErrorAlert error={unplaced} />
            <Group justify="flex-end">
              <Button type="submit" loading={estimate.isPending} data-testid="estimate-submit">
                {t('clmx.calculate')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      {estimate.data && estimate.variables && <BenefitCalculatorResult estimate={estimate.data} request={estimate.variables} />}
    </Stack>
  );
}
