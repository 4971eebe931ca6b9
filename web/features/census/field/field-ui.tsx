/** Small pieces the field census screens share: the entry state badge, sections, a register worker's card, save/cancel. */
import { Badge, Button, Paper, Stack, Title } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CensusRegisterWorker } from '../../../../core/census.ts';
import { occupationLabel } from '../../../../core/occupations.ts';
import { DefinitionList } from '../../../components/DefinitionList.tsx';
import { CoverageBadge } from '../../workers/CoverageBadge.tsx';
import { useLang } from '../../../i18n/index.ts';
import { formatDate } from '../../../lib/format.ts';
import type { EntryState } from './field-entry.ts';

/** Touch targets of at least 44 px on a cheap phone (WCAG 2.5.5). */
export const TOUCH = { minHeight: 44 } as const;

// Tinted tones with dark text: Mantine's light badges fall below 4.5:1 for small text.
const STATE_TONES: Record<EntryState, CSSProperties> = {
  waiting: { background: 'var(--mantine-color-gray-1)', color: 'var(--mantine-color-gray-8)', borderColor: 'var(--mantine-color-gray-5)' },
  sent: { background: 'var(--mantine-color-blue-0)', color: 'var(--mantine-color-blue-9)', borderColor: 'var(--mantine-color-blue-4)' },
  accepted: { background: 'var(--mantine-color-green-1)', color: '#1e6b2f', borderColor: 'var(--mantine-color-green-5)' },
  rejected: { background: 'var(--mantine-color-red-9)', color: '#fff', borderColor: 'var(--mantine-color-red-9)' },
  duplicate: { background: 'var(--mantine-color-orange-1)', color: '#7a3a00', borderColor: 'var(--mantine-color-orange-6)' },
  conflict: { background: 'var(--mantine-color-yellow-1)', color: '#7a4a00', borderColor: 'var(--mantine-color-yellow-7)' },
};

export function EntryStateBadge({ state }: { state: EntryState }) {
  const { t } = useTranslation();
  const tone = STATE_TONES[state];
  return (
    <Badge
      size="lg"
      radius="sm"
      tt="none"
      fw={600}
      data-testid="cns-entry-state"
      data-state={state}
      style={{ ...tone, border: `1px solid ${tone.borderColor}`, flex: 'none', minWidth: 'max-content' }}
    >
      {t(`cns.state.${state}`)}
    </Badge>
  );
}

export function FieldSection({ title, children, testId }: { title?: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder radius="md" p="sm" data-testid={testId}>
      {title && (
        <Title order={2} size="h4" mb="xs">
          {title}
        </Title>
      )}
      {children}
    </Paper>
  );
}

/** What the phone knows of a registered worker: enough to tell whether it is the person in front of you. */
export function RegisterWorkerDetails({ worker }: { worker: CensusRegisterWorker }) {
  const { t } = useTranslation();
  const lang = useLang();
  const rows: [string, ReactNode][] = [
    [t('cns.dupName'), <strong data-testid="cns-dup-name">{worker.name}</strong>],
    [t('cns.dupNik'), <span className="nik">{worker.nikMasked}</span>],
    [t('cns.dupHamlet'), worker.hamlet ?? '–'],
    [t('cns.dupBirth'), formatDate(worker.birthDate, lang)],
    [t('form.occupation'), occupationLabel(worker.occupation, lang)],
    [t('cns.dupCoverage'), <CoverageBadge coverage={{ status: worker.coverage, paidUntil: null }} size="sm" />],
  ];
  return <DefinitionList rows={rows} />;
}

/** A field value as the conflict resolver shows it: occupation labels, "(kosong)" for blanks. */
export function useFieldValueText() {
  const { t } = useTranslation();
  const lang = useLang();
  return (field: string, value: unknown): string => {
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return t('cns.conflictEmpty');
    if (field === 'occupation' && typeof value === 'string') return occupationLabel(value, lang);
    return String(value);
  };
}

/** A screen's two big buttons, one above the other: save (a form's submit unless `onSave` is given) and cancel. */
export function SaveOrCancel({
  label,
  saving,
  disabled,
  onSave,
  onCancel,
  testId,
}: {
  label: string;
  saving: boolean;
  disabled?: boolean;
  onSave?: () => void;
  onCancel: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Button type={onSave ? 'button' : 'submit'} size="lg" fullWidth disabled={disabled} loading={saving} onClick={onSave} data-testid={testId}>
        {label}
      </Button>
      <Button variant="default" size="lg" fullWidth onClick={onCancel}>
        {t('cns.cancel')}
      </Button>
    </Stack>
  );
}
