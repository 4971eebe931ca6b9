import { Anchor, Button, Group, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../components/ErrorState.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDate, formatNumber, formatRupiah } from '../../lib/format.ts';
import { useCurrentUser } from '../auth/session.ts';
import { GuardedPage, PageHeader } from '../financing/shared.tsx';
import { canManageHandovers, canSeeHandovers } from './claim-rules.ts';
import { CreateHandoverModal } from './HandoverModals.tsx';
import { useHandovers } from './queries.ts';

/** `/klaim/penyerahan`: ceremonies where paid benefits are handed over to families, newest first. */
export default function HandoversPage() {
  return (
    <GuardedPage title="clmx.handoversTitle" canSee={canSeeHandovers}>
      <Handovers />
    </GuardedPage>
  );
}

function Handovers() {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useCurrentUser();
  const handovers = useHandovers();
  const [creating, setCreating] = useState(false);
  const isWide = useMediaQuery('(min-width: 48em)', undefined, { getInitialValueInEffect: false });
  const canManage = canManageHandovers(user.role);

  return (
    <Stack gap="md">
      <PageHeader
        title={t('clmx.handoversTitle')}
        intro={t('clmx.handoversIntro')}
        actions={
          canManage && (
            <Button onClick={() => setCreating(true)} data-testid="handover-create">
              {t('clmx.createHandover')}
            </Button>
          )
        }
      />
      {handovers.isError ? (
        <ErrorState error={handovers.error} onRetry={() => void handovers.refetch()} />
      ) : !handovers.data ? (
        <Skeleton h={240} radius="md" />
      ) : handovers.data.items.length === 0 ? (
        <Paper withBorder radius="md" p="lg">
          <Text c="dimmed" ta="center" data-testid="handovers-empty">
            {canManage ? t('clmx.noHandoversManage') : t('clmx.noHandovers')}
          </Text>
        </Paper>
      ) : !isWide ? (
        <Stack gap="xs">
          {handovers.data.items.map((h) => (
            <div key={h.id} data-testid="handover-row" data-id={h.id}>
              <Paper component={Link} to={`/klaim/penyerahan/${h.id}`} withBorder radius="md" p="sm" className="card-link" data-testid="handover-link">
                <Text fw={600} c="jaring.9">
                  {h.name}
                </Text>
                <Text size="sm" c="dimmed">
                  {formatDate(h.heldOn, lang)} · {h.place}
                </Text>
                <Group justify="space-between" mt={4}>
                  <Text size="sm">{t('clmx.claimsCount', { count: h.claims, formatted: formatNumber(h.claims) })}</Text>
                  <Text size="sm" fw={600}>
                    {formatRupiah(h.amount)}
                  </Text>
                </Group>
              </Paper>
            </div>
          ))}
        </Stack>
      ) : (
        <TableCard minWidth={720} verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="handovers-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('clmx.handoverName')}</Table.Th>
              <Table.Th>{t('clmx.heldOn')}</Table.Th>
              <Table.Th>{t('clmx.place')}</Table.Th>
              <Table.Th ta="right">{t('clmx.claims')}</Table.Th>
              <Table.Th ta="right">{t('clmx.amount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {handovers.data.items.map((h) => (
              <Table.Tr key={h.id} data-testid="handover-row" data-id={h.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/klaim/penyerahan/${h.id}`} fw={600} display="inline-block" py={10} data-testid="handover-link">
                    {h.name}
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(h.heldOn, lang)}</Table.Td>
                <Table.Td>{h.place}</Table.Td>
                <Table.Td ta="right">{formatNumber(h.claims)}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} fw={600}>
                  {formatRupiah(h.amount)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </TableCard>
      )}
      {canManage && <CreateHandoverModal opened={creating} onClose={() => setCreating(false)} />}
    </Stack>
  );
}
