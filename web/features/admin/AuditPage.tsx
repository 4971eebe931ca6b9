import { Anchor, Badge, Box, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { canReadAudit } from '../../../core/roles.ts';
import { useAudit } from '../../api/queries.ts';
import type { AuditEntry } from '../../api/types.ts';
import { TableCard } from '../../components/TableCard.tsx';
import { useDebouncedSearchParam } from '../../lib/use-debounced-search-param.ts';
import { PagePicker } from '../../components/PagePicker.tsx';
import { NotAllowed } from '../../components/NotAllowed.tsx';
import { PagedResults, ShowingRange } from '../../components/PagedResults.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { pageCount, usePageParam } from '../../lib/use-page-param.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useCurrentUser } from '../auth/session.ts';

const PAGE_SIZE = 30;
const ENTITIES = ['worker', 'user', 'session', 'demo-dataset'] as const;

/** The audit trail, newest first, filtered by kind of record and record id (both kept in the URL). */
export default function AuditPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  usePageTitle(t('admin.auditTitle'));
  if (!canReadAudit(user)) return <NotAllowed reason="errors.notAllowedBody" />;
  return <AuditTrail />;
}

function AuditTrail() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const entity = params.get('entity') ?? '';
  const [idInput, setIdInput, id] = useDebouncedSearchParam('id', 400);
  const { page, goTo } = usePageParam();
  const isWide = useMediaQuery('(min-width: 62em)', undefined, { getInitialValueInEffect: false });

  const update = (changes: Record<string, string>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  const audit = useAudit({ entity: entity || undefined, id: id || undefined, page, pageSize: PAGE_SIZE });

  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('admin.auditTitle')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('admin.auditIntro')}
        </Text>
      </div>
      <Group align="flex-end" gap="sm">
        <Select
          label={t('admin.entity')}
          placeholder={t('admin.entityAll')}
          clearable
          data={ENTITIES.map((e) => ({ value: e, label: t(`admin.entities.${e}`) }))}
          value={entity || null}
          onChange={(value) => update({ entity: value ?? '', page: '' })}
          w={{ base: '100%', xs: 220 }}
        />
        <TextInput
          label={t('admin.entityId')}
          value={idInput}
          onChange={(e) => setIdInput(e.currentTarget.value)}
          autoComplete="off"
          classNames={{ input: 'nik' }}
          w={{ base: '100%', xs: 360 }}
        />
        {(entity || id) && (
          <Button
            variant="subtle"
            onClick={() => {
              setIdInput('');
              update({ entity: '', id: '', page: '' });
            }}
          >
            {t('admin.clearFilter')}
          </Button>
        )}
      </Group>
      <PagedResults query={audit} skeletonHeight={320} empty={t('admin.noEntries')}>
        {(data) => (
          <Box style={{ opacity: audit.isPlaceholderData ? 0.6 : 1 }}>
            <ShowingRange data={data} mb="xs" />
            {isWide ? <AuditTable items={data.items} /> : <AuditCards items={data.items} />}
          </Box>
        )}
      </PagedResults>
      {/* Like the filters, paging here replaces the history entry and keeps the scroll. */}
      <PagePicker pages={pageCount(audit.data)} page={page} onChange={(p) => goTo(p, { replace: true })} />
    </Stack>
  );
}

const ACTION_COLORS: Record<string, string> = { create: 'green', update: 'blue', delete: 'red', read: 'gray', login: 'violet', logout: 'violet' };

function ActionBadge({ action }: { action: string }) {
  const { t, i18n } = useTranslation();
  const key = `admin.actions.${action}`;
  return (
    <Badge variant="light" color={ACTION_COLORS[action] ?? 'gray'}>
      {i18n.exists(key) ? t(key as 'admin.actions.create') : action}
    </Badge>
  );
}

function Target({ entry }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation();
  const key = `admin.entities.${entry.entity}`;
  const kind = i18n.exists(key) ? t(key as 'admin.entities.worker') : entry.entity;
  return (
    <Box miw={0}>
      <Text size="sm">{kind}</Text>
      {entry.entityId &&
        (entry.entity === 'worker' && entry.action !== 'delete' ? (
          <Anchor component={Link} to={`/workers/${entry.entityId}`} size="xs" className="mono">
            {entry.entityId}
          </Anchor>
        ) : (
          <Text size="xs" c="dimmed" className="mono">
            {entry.entityId}
          </Text>
        ))}
    </Box>
  );
}

/**
 * One line per field: `name: A → B` for a change, just the value for a field set on creation or
 * cleared on removal; fields empty before and after are left out. Other shapes show as compact JSON.
 */
function Changes({ changes }: { changes: AuditEntry['changes'] }) {
  if (!changes) return <Text c="dimmed">–</Text>;
  const isEmpty = (v: unknown) => v === null || v === undefined || v === '';
  const show = (v: unknown) => (isEmpty(v) ? '∅' : typeof v === 'string' ? v : JSON.stringify(v));
  const lines = Object.entries(changes).flatMap(([field, value]) => {
    if (typeof value !== 'object' || value === null || !('before' in value) || !('after' in value)) return [[field, show(value)]];
    const { before, after } = value as { before: unknown; after: unknown };
    if (isEmpty(before) && isEmpty(after)) return [];
    if (isEmpty(before)) return [[field, show(after)]];
    if (isEmpty(after)) return [[field, `${show(before)} → ∅`]];
    return [[field, `${show(before)} → ${show(after)}`]];
  });
  if (lines.length === 0) return <Text c="dimmed">–</Text>;
  return (
    <Stack gap={0}>
      {lines.map(([field, text]) => (
        <Text key={field} size="xs" style={{ overflowWrap: 'anywhere' }}>
          <Text span fw={600} size="xs">
            {field}
          </Text>
          : {text}
        </Text>
      ))}
    </Stack>
  );
}

function AuditTable({ items }: { items: AuditEntry[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <TableCard minWidth={900} verticalSpacing="sm" horizontalSpacing="md" style={{ verticalAlign: 'top' }}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('admin.at')}</Table.Th>
          <Table.Th>{t('admin.actor')}</Table.Th>
          <Table.Th>{t('admin.action')}</Table.Th>
          <Table.Th>{t('admin.target')}</Table.Th>
          <Table.Th>{t('admin.changes')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((e) => (
          <Table.Tr key={e.id}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at, lang)}</Table.Td>
            <Table.Td>
              <Text size="sm" fw={500}>
                {e.actorUsername ?? '–'}
              </Text>
              {e.actorRole && (
                <Text size="xs" c="dimmed">
                  {e.actorRole}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <ActionBadge action={e.action} />
            </Table.Td>
            <Table.Td maw={260}>
              <Target entry={e} />
            </Table.Td>
            <Table.Td maw={380}>
              <Changes changes={e.changes} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </TableCard>
  );
}

function AuditCards({ items }: { items: AuditEntry[] }) {
  const lang = useLang();
  return (
    <Stack gap="xs">
      {items.map((e) => (
        <Paper key={e.id} withBorder radius="md" p="sm">
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Text size="sm" fw={600}>
              {e.actorUsername ?? '–'}
            </Text>
            <ActionBadge action={e.action} />
          </Group>
          <Text size="xs" c="dimmed" mb={4}>
            {formatDateTime(e.at, lang)}
          </Text>
          <Target entry={e} />
          {e.changes && (
            <Box mt={6}>
              <Changes changes={e.changes} />
            </Box>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
