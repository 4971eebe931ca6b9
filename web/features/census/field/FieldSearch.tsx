import { Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nikDigest, type CensusRegisterDto } from '../../../../core/census.ts';
import { formatAddress } from '../../../lib/format.ts';
import { CoverageBadge } from '../../workers/CoverageBadge.tsx';
import { isEditable, nikQuery, searchField, type FieldEntry } from './field-entry.ts';
import { EntryStateBadge, TOUCH } from './field-ui.tsx';

const SHOWN = 20;

/** Search the downloaded register and the queue by name or whole NIK, with no signal. */
export function FieldSearch({
  register,
  entries,
  onEditWorker,
  onOpenEntry,
}: {
  register: CensusRegisterDto | null;
  entries: readonly FieldEntry[];
  onEditWorker: (workerId: string) => void;
  onOpenEntry: (entry: FieldEntry) => void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const nik = nikQuery(query);
  const [digest, setDigest] = useState<{ nik: string; value: string } | null>(null);
  useEffect(() => {
    if (!nik || !register) return;
    let cancelled = false;
    void nikDigest(register.salt, nik).then((value) => !cancelled && setDigest({ nik, value }));
    return () => {
      cancelled = true;
    };
  }, [nik, register]);

  const hits = query.trim() ? searchField(register, entries, query, nik && digest?.nik === nik ? digest.value : null) : [];
  return (
    <Stack gap="xs" data-testid="cns-search">
      <TextInput
        type="search"
        size="lg"
        label={t('cns.search')}
        description={t('cns.searchHint')}
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        autoComplete="off"
        data-testid="cns-search-input"
      />
      {nik && !register && (
        <Text size="sm" c="dimmed">
          {t('cns.searchNikNeedsRegister')}
        </Text>
      )}
      {query.trim().length >= 2 && hits.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="cns-search-none">
          {t('cns.searchNone')}
        </Text>
      )}
      {hits.slice(0, SHOWN).map((hit) =>
        hit.source === 'register' ? (
          <Paper key={`w-${hit.worker.id}`} withBorder radius="md" p="sm" data-testid="cns-hit" data-source="register">
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Text fw={600}>{hit.worker.name}</Text>
                <Text size="xs" c="dimmed">
                  <span className="nik">{hit.worker.nikMasked}</span> · {formatAddress(hit.worker)}
                </Text>
                <CoverageBadge coverage={{ status: hit.worker.coverage, paidUntil: null }} size="sm" />
              </div>
              <Button size="md" style={TOUCH} variant="default" onClick={() => onEditWorker(hit.worker.id)} data-testid="cns-hit-edit">
                {t('cns.editWorker')}
              </Button>
            </Group>
          </Paper>
        ) : (
          <Paper key={`e-${hit.entry.key}`} withBorder radius="md" p="sm" data-testid="cns-hit" data-source="queue">
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Text fw={600}>{hit.entry.label}</Text>
                <Text size="xs" c="dimmed">
                  {t('cns.inQueue')} · {t(`cns.kind.${hit.entry.kind}`)}
                </Text>
                <EntryStateBadge state={hit.entry.state} />
              </div>
              {isEditable(hit.entry) && hit.entry.kind !== 'confirm' && (
                <Button size="md" style={TOUCH} variant="default" onClick={() => onOpenEntry(hit.entry)}>
                  {t('cns.editEntry')}
                </Button>
              )}
            </Group>
          </Paper>
        ),
      )}
      {hits.length > SHOWN && (
        <Text size="sm" c="dimmed">
          {t('cns.searchMore', { count: hits.length - SHOWN })}
        </Text>
      )}
    </Stack>
  );
}
