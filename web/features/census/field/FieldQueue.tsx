import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../i18n/index.ts';
import { formatDateTime, formatNumber } from '../../../lib/format.ts';
import { changeEntry, deleteEntry } from './census-db.ts';
import { countEntries, isEditable, needsAttention, type FieldEntry } from './field-entry.ts';
import { EntryStateBadge, TOUCH } from './field-ui.tsx';
import type { SyncState } from './sync.ts';

interface FieldQueueProps {
  entries: readonly FieldEntry[];
  sync: SyncState;
  online: boolean;
  otherOwners: number;
  onSendNow: () => void;
  onEdit: (entry: FieldEntry) => void;
  onResolve: (entry: FieldEntry) => void;
  /** An entry was corrected in place (made a confirmation): time to send. */
  onChanged: () => void;
}

/** The queue on the phone, newest first, each entry with its state and the server's reason. */
export function FieldQueue({ entries, sync, online, otherOwners, onSendNow, onEdit, onResolve, onChanged }: FieldQueueProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const counts = countEntries(entries);
  const newestFirst = [...entries].sort((a, b) => b.seq - a.seq);
  const last = sync.last;

  return (
    <Stack gap="sm" data-testid="cns-queue">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <div>
          <Title order={2} size="h4">
            {t('cns.queue')}
          </Title>
          <Text size="sm" c="dimmed" data-testid="cns-counts" data-waiting={counts.waiting} data-accepted={counts.accepted} data-problems={counts.problems}>
            {t('cns.counts', { waiting: formatNumber(counts.waiting), accepted: formatNumber(counts.accepted), problems: formatNumber(counts.problems) })}
          </Text>
        </div>
      </Group>
      <Button size="lg" fullWidth variant={counts.waiting > 0 ? 'filled' : 'default'} loading={sync.running} onClick={onSendNow} data-testid="cns-send-now">
        {t('cns.sendNow')}
      </Button>
      {!online && counts.waiting > 0 && (
        <Text size="sm" c="dimmed">
          {t('cns.sendNeedsSignal')}
        </Text>
      )}
      {last && !sync.running && (
        <Text size="sm" c={last.status === 'done' ? 'dimmed' : 'red.9'} role="status" data-testid="cns-sync-status" data-status={last.status}>
          {last.status === 'done'
            ? t('cns.sendDone', { time: formatDateTime(last.at, lang) })
            : last.status === 'offline'
              ? t('cns.sendOffline')
              : last.status === 'failed'
                ? t('cns.sendFailed', { message: last.message })
                : t('cns.sessionExpired')}
        </Text>
      )}
      {otherOwners > 0 && (
        <Alert color="gray" variant="light">
          {t('cns.otherOwners', { count: otherOwners })}
        </Alert>
      )}
      {newestFirst.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('cns.queueEmpty')}
        </Text>
      ) : (
        newestFirst.map((entry) => <EntryCard key={entry.key} entry={entry} onEdit={onEdit} onResolve={onResolve} onChanged={onChanged} />)
      )}
    </Stack>
  );
}

function EntryCard({
  entry,
  onEdit,
  onResolve,
  onChanged,
}: {
  entry: FieldEntry;
  onEdit: (entry: FieldEntry) => void;
  onResolve: (entry: FieldEntry) => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const existing = entry.state === 'duplicate' ? entry.result?.existing : null;
  const editable = isEditable(entry);

  const remove = () => {
    if (window.confirm(t('cns.deleteConfirm'))) void deleteEntry(entry.key);
  };
  const toConfirm = () => {
    if (existing) void changeEntry(entry.key, { kind: 'confirm', workerId: existing.workerId, label: existing.name }).then(onChanged);
  };

  return (
    <Paper withBorder radius="md" p="sm" data-testid="cns-entry" data-key={entry.key} data-kind={entry.kind} data-state={entry.state}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <div style={{ minWidth: 0 }}>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }} data-testid="cns-entry-label">
              {entry.label}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`cns.kind.${entry.kind}`)} · {t('cns.recordedAt', { time: formatDateTime(entry.recordedAt, lang) })}
            </Text>
          </div>
          <EntryStateBadge state={entry.state} />
        </Group>
        {needsAttention(entry) && entry.result?.error && (
          <Text size="sm" c="red.9" data-testid="cns-entry-reason">
            {entry.result.error.message}
          </Text>
        )}
        {existing && (
          <Text size="sm" data-testid="cns-entry-existing">
            {t('cns.existing', { name: existing.name, village: existing.villageName, hamlet: existing.hamlet ? `, ${existing.hamlet}` : '' })}
          </Text>
        )}
        {entry.resolvedLocally && (
          <Text size="sm" c="dimmed">
            {t('cns.resolvedLocally')}
          </Text>
        )}
        {editable && (
          <Group gap="xs" wrap="wrap">
            {entry.state === 'conflict' ? (
              <Button size="md" style={TOUCH} onClick={() => onResolve(entry)} data-testid="cns-entry-resolve">
                {t('cns.resolve')}
              </Button>
            ) : (
              entry.kind !== 'confirm' && (
                <Button size="md" style={TOUCH} variant="default" onClick={() => onEdit(entry)} data-testid="cns-entry-edit">
                  {t('cns.editEntry')}
                </Button>
              )
            )}
            {existing && (
              <Button size="md" style={TOUCH} variant="default" onClick={toConfirm} data-testid="cns-entry-confirm">
                {t('cns.asConfirm')}
              </Button>
            )}
            <Button size="md" style={TOUCH} variant="subtle" color="red.9" onClick={remove}>
              {t('cns.deleteEntry')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
