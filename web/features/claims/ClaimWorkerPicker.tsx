/** Choosing the worker an event happened to: search by name or NIK within the caller's area, big rows for thumbs. */
import { Badge, Button, Group, Loader, Paper, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkers } from '../../api/queries.ts';
import type { WorkerSummary } from '../../api/types.ts';
import { useLang } from '../../i18n/index.ts';
import { formatDate } from '../../lib/format.ts';
import { CoverageBadge } from '../workers/CoverageBadge.tsx';

const RESULTS = 8;

export function ClaimWorkerPicker({ worker, onChange, error }: { worker: WorkerSummary | null; onChange: (worker: WorkerSummary | null) => void; error?: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const searching = q.length >= 2;
  const workers = useWorkers({ q: searching ? q : undefined, page: 1, pageSize: RESULTS });

  if (worker) {
    return (
      <Paper withBorder radius="md" p="sm" data-testid="claim-worker-selected">
        <Group justify="space-between" align="flex-start" gap="sm">
          <WorkerLines worker={worker} />
          <Button variant="default" size="md" onClick={() => onChange(null)} data-testid="claim-worker-change">
            {t('clm.changeWorker')}
          </Button>
        </Group>
      </Paper>
    );
  }
  const items = searching && !workers.isPlaceholderData ? (workers.data?.items ?? []) : [];
  return (
    <Stack gap="xs">
      <TextInput
        label={t('clm.workerSearch')}
        placeholder={t('clm.workerSearchPlaceholder')}
        description={t('clm.workerSearchHint')}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        type="search"
        autoComplete="off"
        enterKeyHint="search"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        size="lg"
        error={error}
        rightSection={searching && workers.isFetching ? <Loader size="xs" /> : null}
        data-testid="claim-worker-search"
      />
      {searching && workers.data && !workers.isPlaceholderData && items.length === 0 && (
        <Text size="sm" c="dimmed" role="status">
          {t('clm.workerNoMatch', { q })}
        </Text>
      )}
      {items.length > 0 && (
        <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('clm.workerResults')}>
          {items.map((w) => (
            <li key={w.id}>
              <UnstyledButton
                onClick={() => onChange(w)}
                w="100%"
                p="sm"
                mih={56}
                className="card-link"
                style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-md)' }}
                data-testid="claim-worker-option"
              >
                <WorkerLines worker={w} />
              </UnstyledButton>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function WorkerLines({ worker }: { worker: WorkerSummary }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Stack gap={2} style={{ minWidth: 0 }}>
      <Group gap={6}>
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {worker.name}
        </Text>
        {worker.deceasedOn && (
          <Badge color="dark" variant="light" tt="none" radius="sm" size="sm">
            {t('clm.deceasedOn', { date: formatDate(worker.deceasedOn, lang) })}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        <span className="nik">{worker.nik}</span> · {worker.villageName}
      </Text>
      <CoverageBadge coverage={worker.coverage} size="sm" withPaidUntil="inline" />
    </Stack>
  );
}
