/** Adding or changing one heir: NIK, name, relation; for children their schooling; who receives the payment. */
import { Select, SimpleGrid, Switch, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SCHOOL_LEVELS } from '../../../core/benefits.ts';
import type { HeirDto } from '../../../core/claims.schema.ts';
import { HEIR_RELATIONS } from '../../../core/claims.ts';
import { FormModal, useModalMutation } from '../financing/forms.tsx';
import { fieldErrorOf, useToday } from '../financing/shared.tsx';
import { useClaimLabel } from './claim-labels.ts';
import { emptyHeirValues, heirInputOf, type HeirValues } from './heir-values.ts';
import { useAddHeir, useUpdateHeir, type ClaimDetail, type HeirPatch } from './queries.ts';

function valuesOf(heir: HeirDto | null, isFirst: boolean, isInjury: boolean): HeirValues {
  if (!heir) return emptyHeirValues(isInjury || !isFirst ? 'child' : 'spouse', isFirst && !isInjury);
  return {
    nik: heir.nik,
    name: heir.name,
    relation: heir.relation,
    birthDate: heir.birthDate,
    sex: heir.sex,
    phone: heir.phone ?? '',
    schoolLevel: heir.schoolLevel ?? '',
    married: heir.married,
    working: heir.working,
    isPayee: heir.isPayee,
  };
}

export function ClaimHeirModal({ claim, heir, onClose }: { claim: ClaimDetail; heir: HeirDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const label = useClaimLabel();
  const today = useToday();
  const add = useAddHeir(claim.id);
  const update = useUpdateHeir(claim.id);
  const mutation = heir ? update : add;
  const isInjury = claim.type === 'jkk_injury';
  const initial = valuesOf(heir, claim.heirs.length === 0, isInjury);
  const [values, setValues] = useState<HeirValues>(initial);
  const set = <K extends keyof HeirValues>(key: K, value: HeirValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const addModal = useModalMutation(add, onClose);
  const updateModal = useModalMutation(update, onClose);
  const close = heir ? updateModal.close : addModal.close;
  const errorOf = (field: string) => fieldErrorOf(mutation.error, field);
  const isChild = values.relation === 'child';
  // A masked NIK cannot be sent back; it stays as it is unless retyped by someone who sees it.
  const nikLocked = heir?.nikMasked ?? false;

  const input = () => heirInputOf(values);

  const onSubmit = () => {
    if (!heir) return addModal.save(input(), t('clm.heirAdded'));
    const full = input();
    // Only the fields that changed, so a masked NIK or an unchanged birth date is never overwritten.
    const patch = Object.fromEntries(
      Object.entries(full).filter(([key, value]) => {
        if (key === 'nik') return !nikLocked && value !== heir.nik;
        const before = initial[key as keyof HeirValues];
        return (value ?? '') !== before;
      }),
    ) as HeirPatch;
    updateModal.save({ heirId: heir.id, patch }, t('clm.heirSaved'));
  };

  return (
    <FormModal
      opened
      onClose={close}
      title={heir ? t('clm.editHeirTitle', { name: heir.name }) : isInjury ? t('clm.addChild') : t('clm.addHeir')}
      onSubmit={onSubmit}
      error={mutation.error}
      pending={mutation.isPending}
      submitTestId="claim-heir-save"
      formTestId="claim-heir-form"
      size="lg"
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('clm.heirNik')}
          required
          inputMode="numeric"
          autoComplete="off"
          maxLength={24}
          classNames={{ input: 'nik' }}
          value={values.nik}
          onChange={(e) => set('nik', e.currentTarget.value)}
          disabled={nikLocked}
          description={nikLocked ? t('clm.nikMaskedHint') : undefined}
          error={errorOf('nik')}
          data-testid="claim-heir-nik"
        />
        <TextInput label={t('clm.heirName')} required autoComplete="off" value={values.name} onChange={(e) => set('name', e.currentTarget.value)} error={errorOf('name')} data-testid="claim-heir-name" />
        <Select
          label={t('clm.relation')}
          required
          data={HEIR_RELATIONS.map((r) => ({ value: r.code, label: label('relation', r.code) }))}
          value={values.relation}
          onChange={(value) => value && set('relation', value)}
          allowDeselect={false}
          error={errorOf('relation')}
          data-testid="claim-heir-relation"
        />
        <TextInput
          type="date"
          label={t('clm.birthDate')}
          description={t('clm.birthDateHint')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          max={today}
          value={values.birthDate}
          onChange={(e) => set('birthDate', e.currentTarget.value)}
          error={errorOf('birthDate')}
        />
        <Select
          label={t('clm.sex')}
          placeholder={t('clm.sexFromNik')}
          data={[
            { value: 'M', label: t('workers.sexLabel.M') },
            { value: 'F', label: t('workers.sexLabel.F') },
          ]}
          value={values.sex || null}
          onChange={(value) => set('sex', value === 'M' || value === 'F' ? value : '')}
          clearable
          error={errorOf('sex')}
        />
        <TextInput label={t('clm.phone')} type="tel" inputMode="tel" autoComplete="off" value={values.phone} onChange={(e) => set('phone', e.currentTarget.value)} error={errorOf('phone')} />
        {isChild && (
          <Select
            label={t('clm.schoolLevel')}
            description={t('clm.schoolLevelHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            placeholder={t('clm.schoolLevelPlaceholder')}
            data={SCHOOL_LEVELS.map((l) => ({ value: l, label: label('schoolLevel', l) }))}
            value={values.schoolLevel || null}
            onChange={(value) => set('schoolLevel', value ?? '')}
            clearable
            error={errorOf('schoolLevel')}
            data-testid="claim-heir-school"
          />
        )}
      </SimpleGrid>
      {isChild && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Switch label={t('clm.married')} checked={values.married} onChange={(e) => set('married', e.currentTarget.checked)} size="md" />
          <Switch label={t('clm.working')} checked={values.working} onChange={(e) => set('working', e.currentTarget.checked)} size="md" />
        </SimpleGrid>
      )}
      <Switch
        label={t('clm.payee')}
        description={t('clm.payeeHint')}
        checked={values.isPayee}
        onChange={(e) => set('isPayee', e.currentTarget.checked)}
        size="md"
        data-testid="claim-heir-payee-switch"
      />
      {values.isPayee && claim.heirs.some((h) => h.isPayee && h.id !== heir?.id) && (
        <Text size="xs" c="dimmed">
          {t('clm.payeeMoves')}
        </Text>
      )}
    </FormModal>
  );
}
