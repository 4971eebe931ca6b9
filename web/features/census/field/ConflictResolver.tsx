import { Alert, Group, Radio, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CensusEditableField } from '../../../../core/census.ts';
import { changeEntry } from './census-db.ts';
import { resolveConflict, type ConflictChoice, type FieldEntry } from './field-entry.ts';
import { FieldSection, SaveOrCancel, useFieldValueText } from './field-ui.tsx';

/**
 * A change that met another change on the server: each field both sides changed is shown with the
 * phone's and the server's value side by side, and the enumerator picks one. Nothing is overwritten
 * until every field has a choice.
 */
export function ConflictResolver({ entry, onClose, onSaved }: { entry: FieldEntry; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const valueText = useFieldValueText();
  const fields = entry.result?.conflict?.fields ?? [];
  const [choices, setChoices] = useState<Partial<Record<CensusEditableField, ConflictChoice>>>({});
  const [saving, setSaving] = useState(false);
  const complete = fields.every((f) => choices[f.field]);

  const save = async () => {
    setSaving(true);
    try {
      if (!(await changeEntry(entry.key, resolveConflict(entry, choices, new Date().toISOString())))) {
        notifications.show({ color: 'red', message: t('cns.entryLocked') });
        onClose();
        return;
      }
      notifications.show({ color: 'green', message: t('cns.conflictResolved') });
      onSaved();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="sm" data-testid="cns-conflict">
      <div>
        <Title order={1} size="h3">
          {t('cns.conflictTitle')}
        </Title>
        <Text fw={600}>{entry.label}</Text>
      </div>
      <Alert color="yellow" variant="light">
        {t('cns.conflictIntro')}
      </Alert>
      {fields.map(({ field, mine, server }) => (
        <FieldSection key={field} title={t(`cns.field.${field}`)} testId={`cns-conflict-${field}`}>
          <Radio.Group value={choices[field] ?? null} onChange={(v) => setChoices((c) => ({ ...c, [field]: v as ConflictChoice }))} aria-label={t(`cns.field.${field}`)}>
            <Group grow gap="xs" align="stretch" wrap="nowrap">
              {(
                [
                  ['mine', t('cns.conflictMine'), mine],
                  ['server', t('cns.conflictServer'), server],
                ] as const
              ).map(([choice, label, value]) => (
                <Radio.Card key={choice} value={choice} radius="md" p="sm" mih={44} data-testid={`cns-conflict-${field}-${choice}`}>
                  <Group wrap="nowrap" align="flex-start" gap="xs">
                    <Radio.Indicator mt={2} />
                    <div style={{ minWidth: 0 }}>
                      <Text size="xs" c="dimmed">
                        {label}
                      </Text>
                      <Text fw={600} style={{ overflowWrap: 'anywhere' }} data-testid={`cns-conflict-${field}-${choice}-value`}>
                        {valueText(field, value)}
                      </Text>
                    </div>
                  </Group>
                </Radio.Card>
              ))}
            </Group>
          </Radio.Group>
        </FieldSection>
      ))}
      <SaveOrCancel label={t('cns.conflictSave')} saving={saving} disabled={!complete} onSave={() => void save()} onCancel={onClose} testId="cns-conflict-save" />
    </Stack>
  );
}
