/** The claim's steps so far (who, when, why) and the next step the caller may take, each in a modal. */
import { Alert, Button, Text, TextInput, Textarea, Timeline } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClaimActionBody } from '../../../core/claims.schema.ts';
import type { ClaimAction, ClaimStatus } from '../../../core/claims.ts';
import { useLang } from '../../i18n/index.ts';
import { formatDate, formatDateTime, formatRupiah } from '../../lib/format.ts';
import { FormModal, ReasonField, RupiahInput, reasonGiven, useModalMutation } from '../financing/forms.tsx';
import { fieldErrorOf, useToday } from '../financing/shared.tsx';
import { ClaimSection } from './ClaimSection.tsx';
import { useClaimLabel } from './claim-labels.ts';
import { useClaimAction, type ClaimDetail } from './queries.ts';

const DANGER: readonly ClaimAction[] = ['reject', 'cancel'];
const NEEDS_REASON: readonly ClaimAction[] = ['reject', 'cancel', 'reopen'];
/** Steps that happen on a day worth recording (submitted to BPJS, BPJS decided); the others happen today. */
const DATED: readonly ClaimAction[] = ['submit', 'approve', 'reject'];
/** The path of a claim that goes well; the steps still ahead are shown greyed after those taken. */
const FLOW: readonly ClaimStatus[] = ['reported', 'documents_complete', 'submitted', 'approved', 'paid'];
const NEXT_STEP: Partial<Record<ClaimStatus, 'documents' | 'submit' | 'decision' | 'payment'>> = {
  reported: 'documents',
  documents_complete: 'submit',
  submitted: 'decision',
  approved: 'payment',
};

export function ClaimWorkflowSection({ claim }: { claim: ClaimDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const label = useClaimLabel();
  const [action, setAction] = useState<ClaimAction | null>(null);
  const next = NEXT_STEP[claim.status];
  const ahead = FLOW.includes(claim.status) ? FLOW.slice(FLOW.indexOf(claim.status) + 1) : [];
  return (
    <ClaimSection
      id="claim-workflow-title"
      title={t('clm.workflowTitle')}
      intro={next ? t(`clm.next.${next}`) : undefined}
      testId="claim-workflow"
      actions={claim.can.actions.map((a) => (
        <Button key={a} variant={DANGER.includes(a) ? 'outline' : 'filled'} color={DANGER.includes(a) ? 'red' : undefined} onClick={() => setAction(a)} data-testid={`claim-action-${a}`}>
          {t(`clm.action.${a}`)}
        </Button>
      ))}
    >
      <Timeline active={claim.timeline.length - 1} bulletSize={18} lineWidth={2} data-testid="claim-timeline">
        {claim.timeline.map((step, i) => (
          <Timeline.Item key={`${step.step}-${step.at}-${i}`} title={label('step', step.step, step.label)} data-testid="claim-step" data-step={step.step}>
            <Text size="sm" c="dimmed" title={formatDateTime(step.at, lang)}>
              {formatDate(step.on, lang)}
              {step.actor ? ` · ${step.actor}` : ''}
            </Text>
            {step.note && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {step.note}
              </Text>
            )}
          </Timeline.Item>
        ))}
        {ahead.map((step) => (
          <Timeline.Item key={step} title={<Text c="dimmed" fw={500} size="sm">{label('status', step)}</Text>} data-testid="claim-step-ahead" data-step={step}>
            <Text size="xs" c="dimmed">
              {t('clm.stepAhead')}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
      {action && <ClaimActionModal claim={claim} action={action} onClose={() => setAction(null)} />}
    </ClaimSection>
  );
}

function ClaimActionModal({ claim, action, onClose }: { claim: ClaimDetail; action: ClaimAction; onClose: () => void }) {
  const { t } = useTranslation();
  const today = useToday();
  const run = useClaimAction(claim.id);
  const { close, save } = useModalMutation(run, onClose);
  const [on, setOn] = useState(today);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState<number | ''>(claim.approvedAmount ?? claim.estimatedAmount);
  const needsReason = NEEDS_REASON.includes(action);
  const onSubmit = () => {
    const body: ClaimActionBody = {
      ...(DATED.includes(action) ? { on } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(needsReason ? { reason } : {}),
      ...(action === 'approve' && amount !== '' ? { approvedAmount: amount } : {}),
    };
    save({ action, body }, t(`clm.actionDone.${action}`));
  };
  return (
    <FormModal
      opened
      onClose={close}
      title={t(`clm.action.${action}`)}
      onSubmit={onSubmit}
      error={run.error}
      pending={run.isPending}
      submitLabel={t(`clm.action.${action}`)}
      submitColor={DANGER.includes(action) ? 'red' : undefined}
      submitDisabled={(needsReason && !reasonGiven(reason)) || (action === 'approve' && amount === '')}
      submitTestId="claim-action-confirm"
      formTestId={`claim-action-form-${action}`}
    >
      <Alert color={DANGER.includes(action) ? 'orange' : 'blue'} variant="light">
        {t(`clm.actionIntro.${action}`, { number: claim.number, amount: formatRupiah(claim.estimatedAmount) })}
      </Alert>
      {DATED.includes(action) && (
        <TextInput
          type="date"
          label={t(action === 'submit' ? 'clm.submittedOn' : 'clm.decidedOn')}
          max={today}
          value={on}
          onChange={(e) => setOn(e.currentTarget.value)}
          error={fieldErrorOf(run.error, 'on')}
          data-testid="claim-action-date"
        />
      )}
      {action === 'approve' && (
        <RupiahInput
          label={t('clm.approvedAmount')}
          description={t('clm.approvedAmountHint', { amount: formatRupiah(claim.estimatedAmount) })}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          required
          value={amount}
          onChange={setAmount}
          error={fieldErrorOf(run.error, 'approvedAmount')}
          data-testid="claim-approve-amount"
        />
      )}
      {needsReason ? (
        <ReasonField value={reason} onChange={setReason} error={run.error} testId="claim-action-reason" />
      ) : (
        <Textarea label={t('clm.note')} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={fieldErrorOf(run.error, 'note')} />
      )}
    </FormModal>
  );
}
