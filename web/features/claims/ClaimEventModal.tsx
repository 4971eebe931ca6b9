/** "Ubah data kejadian": the facts of the event, while the claim has not gone to BPJS yet. */
import { Switch, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClaimPatchInput } from '../../../core/claims.schema.ts';
import { BEFORE_SUBMISSION_STATUSES, type InjuryOutcome } from '../../../core/claims.ts';
import { FormModal, useModalMutation } from '../financing/forms.tsx';
import { fieldErrorOf, useToday } from '../financing/shared.tsx';
import { ClaimInjuryFields } from './ClaimInjuryFields.tsx';
import { useUpdateClaim, type ClaimDetail } from './queries.ts';

export function canEditEvent(claim: ClaimDetail): boolean {
  return claim.can.edit && claim.type !== 'scholarship' && BEFORE_SUBMISSION_STATUSES.includes(claim.status);
}

export function ClaimEventModal({ claim, onClose }: { claim: ClaimDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const today = useToday();
  const update = useUpdateClaim(claim.id);
  const { close, save } = useModalMutation(update, onClose);
  const [eventDate, setEventDate] = useState(claim.eventDate);
  const [place, setPlace] = useState(claim.place);
  const [description, setDescription] = useState(claim.description);
  const [trafficAccident, setTrafficAccident] = useState(claim.trafficAccident);
  const [injuryOutcome, setInjuryOutcome] = useState<InjuryOutcome>(claim.injuryOutcome ?? 'temporary');
  const [incapacityDays, setIncapacityDays] = useState<number | ''>(claim.incapacityDays ?? '');
  const isInjury = claim.type === 'jkk_injury';
  const errorOf = (field: string) => fieldErrorOf(update.error, field);

  const onSubmit = () => {
    // Only what changed: a new day re-checks the protection, which should not happen by accident.
    const patch: ClaimPatchInput = {};
    if (eventDate !== claim.eventDate) patch.eventDate = eventDate;
    if (place !== claim.place) patch.place = place;
    if (description !== claim.description) patch.description = description;
    if (trafficAccident !== claim.trafficAccident) patch.trafficAccident = trafficAccident;
    if (isInjury && injuryOutcome !== claim.injuryOutcome) patch.injuryOutcome = injuryOutcome;
    const days = injuryOutcome === 'temporary' && incapacityDays !== '' ? incapacityDays : null;
    if (isInjury && days !== claim.incapacityDays) patch.incapacityDays = days;
    save(patch, t('clm.eventSaved'));
  };

  return (
    <FormModal
      opened
      onClose={close}
      title={t('clm.editEvent')}
      onSubmit={onSubmit}
      error={update.error}
      pending={update.isPending}
      submitTestId="claim-event-save"
      formTestId="claim-event-form"
      size="lg"
    >
      <TextInput
        type="date"
        label={t('clm.eventDate')}
        description={t('clm.eventDateChangeHint')}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        max={today}
        value={eventDate}
        onChange={(e) => setEventDate(e.currentTarget.value)}
        error={errorOf('eventDate')}
      />
      <TextInput label={t('clm.place')} value={place} onChange={(e) => setPlace(e.currentTarget.value)} error={errorOf('place')} />
      <Textarea label={t('clm.description')} autosize minRows={3} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errorOf('description')} />
      <Switch label={t('clm.trafficAccident')} description={t('clm.trafficAccidentHint')} checked={trafficAccident} onChange={(e) => setTrafficAccident(e.currentTarget.checked)} size="md" />
      {isInjury && <ClaimInjuryFields outcome={injuryOutcome} onOutcome={setInjuryOutcome} days={incapacityDays} onDays={setIncapacityDays} errorOf={errorOf} />}
    </FormModal>
  );
}
