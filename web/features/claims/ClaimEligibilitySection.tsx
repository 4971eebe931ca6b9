/** Whether the worker was protected on the day (and why not), the figures the benefit rests on, and what it pays. */
import { Alert, Button, NumberInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClaimPatchInput } from '../../../core/claims.schema.ts';
import { UNDECIDED_STATUSES } from '../../../core/claims.ts';
import { DefinitionList } from '../../components/DefinitionList.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDate, formatDateTime, formatRupiah } from '../../lib/format.ts';
import { FormModal, RupiahInput, useModalMutation } from '../financing/forms.tsx';
import { ApiErrorAlert, fieldErrorOf } from '../financing/shared.tsx';
import { ClaimEstimate, ClaimProtectionList } from './ClaimProtection.tsx';
import { ClaimSection } from './ClaimSection.tsx';
import { useRecheckClaim, useUpdateClaim, type ClaimDetail } from './queries.ts';

export function ClaimEligibilitySection({ claim }: { claim: ClaimDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const recheck = useRecheckClaim(claim.id);
  const [editingBpjs, setEditingBpjs] = useState(false);
  const canEditBpjs = claim.can.process && UNDECIDED_STATUSES.includes(claim.status);
  const day = formatDate(claim.eventDate, lang);
  const bpjsSays = (value: number | null, format: (n: number) => string) =>
    value === null ? null : (
      <Text span size="sm" c="violet.9" fw={600}>
        {' · '}
        {t('clm.bpjsSays', { value: format(value) })}
      </Text>
    );
  const months = (n: number) => t('clm.monthsValue', { count: n });

  return (
    <ClaimSection
      id="claim-eligibility-title"
      title={t('clm.eligibilityTitle', { date: day })}
      intro={t('clm.checkedAt', { at: formatDateTime(claim.checkedAt, lang) })}
      testId="claim-eligibility"
      actions={
        <>
          {claim.can.recheck && (
            <Button
              variant="light"
              loading={recheck.isPending}
              onClick={() => recheck.mutate(undefined, { onSuccess: (c) => notifications.show({ color: c.eligible ? 'green' : 'orange', message: t('clm.rechecked') }) })}
              data-testid="claim-recheck"
            >
              {t('clm.recheck')}
            </Button>
          )}
          {canEditBpjs && (
            <Button variant="default" onClick={() => setEditingBpjs(true)} data-testid="claim-bpjs-facts">
              {t('clm.bpjsFacts')}
            </Button>
          )}
        </>
      }
    >
      {claim.eligible ? (
        <Alert color="green" variant="light" title={t('clm.protectedOn', { program: claim.program, date: day })} data-testid="claim-eligible" />
      ) : (
        <Alert color="red" variant="filled" title={t('clm.notProtected', { program: claim.program, date: day })} data-testid="claim-ineligible">
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {claim.ineligibleReason}
            </Text>
            <Text size="sm">{t('clm.recheckHint')}</Text>
          </Stack>
        </Alert>
      )}
      <ApiErrorAlert error={recheck.error} />
      <ClaimProtectionList protection={claim.protection} program={claim.program} />
      <DefinitionList
        rows={[
          [
            t('clm.contributionMonths'),
            <span key="m">
              {months(claim.contributionMonths)}
              {bpjsSays(claim.contributionMonthsBpjs, months)}
            </span>,
          ],
          [
            t('clm.declaredIncome'),
            <span key="i">
              {formatRupiah(claim.declaredIncome)}
              {bpjsSays(claim.declaredIncomeBpjs, formatRupiah)}
            </span>,
          ],
        ]}
      />
      {editingBpjs && <BpjsFactsModal claim={claim} onClose={() => setEditingBpjs(false)} />}
    </ClaimSection>
  );
}

/** "Masa iur menurut BPJS" and "Upah menurut BPJS": what BPJS holds when it differs from Jaring; empty clears it. */
function BpjsFactsModal({ claim, onClose }: { claim: ClaimDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateClaim(claim.id);
  const { close, save } = useModalMutation(update, onClose);
  const [months, setMonths] = useState<number | ''>(claim.contributionMonthsBpjs ?? '');
  const [income, setIncome] = useState<number | ''>(claim.declaredIncomeBpjs ?? '');
  const onSubmit = () => {
    const patch: ClaimPatchInput = { contributionMonthsBpjs: months === '' ? null : months, declaredIncomeBpjs: income === '' ? null : income };
    save(patch, t('clm.bpjsFactsSaved'));
  };
  return (
    <FormModal opened onClose={close} title={t('clm.bpjsFacts')} onSubmit={onSubmit} error={update.error} pending={update.isPending} submitTestId="claim-bpjs-save">
      <Text size="sm" c="dimmed">
        {t('clm.bpjsFactsIntro')}
      </Text>
      <NumberInput
        label={t('clm.contributionMonthsBpjs')}
        description={t('clm.jaringSays', { value: t('clm.monthsValue', { count: claim.contributionMonths }) })}
        min={0}
        max={1200}
        allowDecimal={false}
        allowNegative={false}
        value={months}
        onChange={(v) => setMonths(typeof v === 'number' ? v : '')}
        error={fieldErrorOf(update.error, 'contributionMonthsBpjs')}
        data-testid="claim-bpjs-months"
      />
      <RupiahInput
        label={t('clm.declaredIncomeBpjs')}
        description={t('clm.jaringSays', { value: formatRupiah(claim.declaredIncome) })}
        value={income}
        onChange={setIncome}
        error={fieldErrorOf(update.error, 'declaredIncomeBpjs')}
        data-testid="claim-bpjs-income"
      />
    </FormModal>
  );
}

/** What the claim pays: the estimate's items and total, the approved amount once BPJS decided, and JKK lateness. */
export function ClaimBenefitsSection({ claim }: { claim: ClaimDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const late = claim.lateness;
  return (
    <ClaimSection id="claim-benefits-title" title={t('clm.benefitsTitle')} testId="claim-benefits">
      {claim.estimate ? (
        <ClaimEstimate estimate={claim.estimate} approvedAmount={claim.approvedAmount} />
      ) : claim.type === 'scholarship' ? (
        <DefinitionList
          rows={[
            [t('clm.scholarshipAmount'), <Text key="a" span size="sm" fw={700} data-testid="claim-estimate-total">{formatRupiah(claim.estimatedAmount)}</Text>],
            ...(claim.approvedAmount === null ? [] : ([[t('clm.approvedByBpjs'), <Text key="b" span size="sm" fw={700} c="green.9" data-testid="claim-approved-amount">{formatRupiah(claim.approvedAmount)}</Text>]] as const)),
          ]}
        />
      ) : (
        <Text size="sm" c="dimmed">
          {claim.eligible ? t('clm.noEstimate') : t('clm.noBenefit')}
        </Text>
      )}
      {late && (
        <Text size="sm" c={late.daysLate > 0 ? 'red.8' : undefined} fw={late.daysLate > 0 ? 600 : undefined} data-testid="claim-lateness">
          {late.daysLate > 0
            ? t('clm.latenessLate', { due: formatDate(late.dueOn, lang), days: late.daysLate, interest: formatRupiah(late.interest) })
            : t('clm.latenessDue', { due: formatDate(late.dueOn, lang) })}
        </Text>
      )}
    </ClaimSection>
  );
}
