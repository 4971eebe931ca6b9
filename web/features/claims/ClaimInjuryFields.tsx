/** A work accident's outcome (off work for a while, or a permanent total disability) and the days off work. */
import { Input, NumberInput, SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { INJURY_OUTCOMES, type InjuryOutcome } from '../../../core/claims.ts';

export function ClaimInjuryFields({
  outcome,
  onOutcome,
  days,
  onDays,
  errorOf,
  large = false,
}: {
  outcome: InjuryOutcome;
  onOutcome: (outcome: InjuryOutcome) => void;
  days: number | '';
  onDays: (days: number | '') => void;
  errorOf: (field: string) => string | undefined;
  /** The report form on a phone: large, stacked choices and the hint under the days. */
  large?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Input.Wrapper label={t('clm.injuryOutcome')} error={errorOf('injuryOutcome')} size={large ? 'lg' : undefined}>
        <SegmentedControl
          fullWidth
          orientation={large ? 'vertical' : undefined}
          size={large ? 'md' : undefined}
          mt={6}
          value={outcome}
          onChange={(value) => onOutcome(value as InjuryOutcome)}
          data={INJURY_OUTCOMES.map((o) => ({ value: o, label: t(`clm.outcome.${o}`) }))}
          data-testid="claim-injury-outcome"
        />
      </Input.Wrapper>
      {outcome === 'temporary' && (
        <NumberInput
          label={t('clm.incapacityDays')}
          {...(large ? { description: t('clm.incapacityDaysHint'), inputWrapperOrder: ['label', 'input', 'description', 'error'] as const, size: 'lg', w: { base: '100%', xs: 260 } } : {})}
          min={0}
          max={3650}
          allowDecimal={false}
          allowNegative={false}
          value={days}
          onChange={(v) => onDays(typeof v === 'number' ? v : '')}
          error={errorOf('incapacityDays')}
          data-testid="claim-incapacity-days"
        />
      )}
    </>
  );
}
