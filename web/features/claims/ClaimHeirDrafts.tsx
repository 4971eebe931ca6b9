/** Heirs typed into the report form (the spouse first, children with school level); more can follow on the claim page. */
import { Button, Group, Paper, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SCHOOL_LEVELS } from '../../../core/benefits.ts';
import { HEIR_RELATIONS } from '../../../core/claims.ts';
import { useToday } from '../financing/shared.tsx';
import { useClaimLabel } from './claim-labels.ts';
import { emptyHeirValues, type HeirValues } from './heir-values.ts';

/** A row of the report form: an heir as the heir modal holds one. */
export type HeirDraft = HeirValues;

/** A row left blank is not sent; any other is, so the server can say what is wrong with it. */
export function isHeirFilled(draft: HeirDraft): boolean {
  return draft.nik.trim() !== '' || draft.name.trim() !== '';
}

export function ClaimHeirDrafts({
  drafts,
  onChange,
  errorOf,
}: {
  drafts: HeirDraft[];
  onChange: (drafts: HeirDraft[]) => void;
  /** The server's message for one field of the i-th row. */
  errorOf: (index: number, field: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const today = useToday();
  const label = useClaimLabel();
  const update = (index: number, patch: Partial<HeirDraft>) =>
    onChange(
      drafts.map((d, i) => {
        if (i === index) return { ...d, ...patch };
        // One payee: choosing another clears the one before.
        return patch.isPayee ? { ...d, isPayee: false } : d;
      }),
    );
  return (
    <Stack gap="sm" data-testid="claim-heir-drafts">
      <div>
        <Title order={2} size="h4">
          {t('clm.heirsTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('clm.heirsDraftIntro')}
        </Text>
      </div>
      {drafts.map((draft, i) => (
        <Paper key={i} withBorder radius="md" p="sm" bg="gray.0" data-testid="claim-heir-draft">
          <Stack gap="sm">
            <Group justify="space-between" gap="xs">
              <Text fw={600} size="sm">
                {t('clm.heirN', { n: i + 1 })}
              </Text>
              <Button variant="subtle" color="red" size="compact-md" onClick={() => onChange(drafts.filter((_, j) => j !== i))}>
                {t('clm.removeRow')}
              </Button>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Select
                label={t('clm.relation')}
                data={HEIR_RELATIONS.map((r) => ({ value: r.code, label: label('relation', r.code) }))}
                value={draft.relation}
                onChange={(value) => value && update(i, { relation: value as HeirDraft['relation'] })}
                allowDeselect={false}
                size="lg"
                error={errorOf(i, 'relation')}
              />
              <TextInput
                label={t('clm.heirNik')}
                inputMode="numeric"
                autoComplete="off"
                maxLength={24}
                classNames={{ input: 'nik' }}
                value={draft.nik}
                onChange={(e) => update(i, { nik: e.currentTarget.value })}
                size="lg"
                error={errorOf(i, 'nik')}
              />
              <TextInput
                label={t('clm.heirName')}
                autoComplete="off"
                autoCapitalize="words"
                value={draft.name}
                onChange={(e) => update(i, { name: e.currentTarget.value })}
                size="lg"
                error={errorOf(i, 'name')}
              />
              {draft.relation === 'child' && (
                <>
                  <TextInput
                    type="date"
                    label={t('clm.birthDate')}
                    description={t('clm.birthDateHint')}
                    inputWrapperOrder={['label', 'input', 'description', 'error']}
                    max={today}
                    value={draft.birthDate}
                    onChange={(e) => update(i, { birthDate: e.currentTarget.value })}
                    size="lg"
                    error={errorOf(i, 'birthDate')}
                  />
                  <Select
                    label={t('clm.schoolLevel')}
                    placeholder={t('clm.schoolLevelPlaceholder')}
                    data={SCHOOL_LEVELS.map((l) => ({ value: l, label: label('schoolLevel', l) }))}
                    value={draft.schoolLevel || null}
                    onChange={(value) => update(i, { schoolLevel: (value ?? '') as HeirDraft['schoolLevel'] })}
                    clearable
                    size="lg"
                    error={errorOf(i, 'schoolLevel')}
                  />
                </>
              )}
            </SimpleGrid>
            <Switch
              label={t('clm.payee')}
              description={t('clm.payeeHint')}
              checked={draft.isPayee}
              onChange={(e) => update(i, { isPayee: e.currentTarget.checked })}
              size="lg"
            />
          </Stack>
        </Paper>
      ))}
      <Group>
        <Button
          variant="light"
          size="lg"
          onClick={() => onChange([...drafts, emptyHeirValues(drafts.length === 0 ? 'spouse' : 'child', drafts.length === 0)])}
          data-testid="claim-heir-add-row"
        >
          {drafts.length === 0 ? t('clm.addHeir') : t('clm.addAnotherHeir')}
        </Button>
      </Group>
    </Stack>
  );
}
