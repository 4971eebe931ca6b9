/** Planning a hand-over ceremony, and choosing again the claims handed over at one. */
import { SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { HandoverDetailDto } from '../../../core/claims.schema.ts';
import { formatNumber } from '../../lib/format.ts';
import { FormModal } from '../financing/forms.tsx';
import { fieldErrorOf, useToday } from '../financing/shared.tsx';
import { HandoverClaimPicker, type HandoverPicks } from './HandoverClaimPicker.tsx';
import { useCreateHandover, useReplaceHandoverClaims } from './queries.ts';

export function CreateHandoverModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const today = useToday();
  const navigate = useNavigate();
  const create = useCreateHandover();
  const [name, setName] = useState('');
  const [heldOn, setHeldOn] = useState(today);
  const [place, setPlace] = useState('');
  const [note, setNote] = useState('');
  const [picks, setPicks] = useState<HandoverPicks>(new Map());
  const errorOf = (field: string) => fieldErrorOf(create.error, field);

  const close = () => {
    create.reset();
    onClose();
  };
  const onSubmit = () =>
    create.mutate(
      { name, heldOn, place, note: note.trim() || null, claimIds: [...picks.keys()] },
      {
        onSuccess: (handover) => {
          notifications.show({ color: 'green', message: t('clmx.handoverCreated', { count: handover.claims, formatted: formatNumber(handover.claims) }) });
          void navigate(`/klaim/penyerahan/${handover.id}`);
        },
      },
    );

  return (
    <FormModal
      opened={opened}
      onClose={close}
      title={t('clmx.createHandover')}
      onSubmit={onSubmit}
      error={create.error}
      pending={create.isPending}
      submitLabel={t('clmx.createHandoverSubmit')}
      submitTestId="handover-submit"
      formTestId="handover-form"
      size="xl"
    >
      <TextInput
        label={t('clmx.handoverName')}
        placeholder={t('clmx.handoverNamePlaceholder')}
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={errorOf('name')}
        data-testid="handover-name"
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput type="date" label={t('clmx.heldOn')} required value={heldOn} onChange={(e) => setHeldOn(e.currentTarget.value)} error={errorOf('heldOn')} data-testid="handover-date" />
        <TextInput
          label={t('clmx.place')}
          placeholder={t('clmx.placePlaceholder')}
          required
          value={place}
          onChange={(e) => setPlace(e.currentTarget.value)}
          error={errorOf('place')}
          data-testid="handover-place"
        />
      </SimpleGrid>
      <Textarea label={t('clmx.note')} autosize minRows={1} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errorOf('note')} data-testid="handover-note" />
      <HandoverClaimPicker value={picks} onChange={setPicks} error={errorOf('claimIds')} />
    </FormModal>
  );
}

export function EditHandoverClaimsModal({ handover, opened, onClose }: { handover: HandoverDetailDto; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const replace = useReplaceHandoverClaims(handover.id);
  const [picks, setPicks] = useState<HandoverPicks>(
    () => new Map(handover.recipients.map((r) => [r.claimId, { id: r.claimId, number: r.claimNumber, workerName: r.participantName, amount: r.amount }])),
  );
  const close = () => {
    replace.reset();
    onClose();
  };
  const onSubmit = () =>
    replace.mutate([...picks.keys()], {
      onSuccess: (saved) => {
        notifications.show({ color: 'green', message: t('clmx.handoverClaimsSaved', { count: saved.claims, formatted: formatNumber(saved.claims) }) });
        onClose();
      },
    });
  return (
    <FormModal
      opened={opened}
      onClose={close}
      title={t('clmx.editClaims')}
      onSubmit={onSubmit}
      error={replace.error}
      pending={replace.isPending}
      submitTestId="handover-claims-submit"
      formTestId="handover-claims-form"
      size="xl"
    >
      <HandoverClaimPicker value={picks} onChange={setPicks} error={fieldErrorOf(replace.error, 'claimIds')} />
    </FormModal>
  );
}
