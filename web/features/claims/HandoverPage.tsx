import { Anchor, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { HandoverDetailDto } from '../../../core/claims.schema.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { TableCard } from '../../components/TableCard.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDate, formatNumber, formatRupiah } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useCurrentUser } from '../auth/session.ts';
import { GuardedPage } from '../financing/shared.tsx';
import { canManageHandovers, canSeeHandovers } from './claim-rules.ts';
import { EditHandoverClaimsModal } from './HandoverModals.tsx';
import { useHandover } from './queries.ts';

/** `/klaim/penyerahan/:id`: one ceremony, its recipients, and the list to print and sign. */
export default function HandoverPage() {
  return (
    <GuardedPage title="clmx.handoversTitle" canSee={canSeeHandovers}>
      <HandoverView />
    </GuardedPage>
  );
}

function HandoverView() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const handover = useHandover(id);
  usePageTitle(handover.data?.name ?? t('clmx.handoversTitle'));
  return (
    <Stack gap="lg">
      <Group>
        <Anchor component={Link} to="/klaim/penyerahan" size="sm" py={10} display="inline-block" data-testid="handover-back">
          ← {t('clmx.backToHandovers')}
        </Anchor>
      </Group>
      {handover.isError ? (
        <ErrorState error={handover.error} onRetry={() => void handover.refetch()} />
      ) : !handover.data ? (
        <Skeleton h={400} radius="md" />
      ) : (
        <Handover handover={handover.data} />
      )}
    </Stack>
  );
}

function Handover({ handover }: { handover: HandoverDetailDto }) {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useCurrentUser();
  const [editing, setEditing] = useState(false);
  const canManage = canManageHandovers(user.role);
  const filePath = (format: 'xlsx' | 'pdf') => `/api/claims/handovers/${handover.id}/recipients.${format}`;

  return (
    <Stack gap="lg" data-testid="handover">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Title order={1} size="h2" data-testid="handover-title">
            {handover.name}
          </Title>
          <Text c="dimmed" size="sm" data-testid="handover-when">
            {formatDate(handover.heldOn, lang)} · {handover.place}
          </Text>
          {handover.note && (
            <Text size="sm" maw={720}>
              {handover.note}
            </Text>
          )}
        </div>
        <Group gap="xs" wrap="wrap">
          <Button component="a" href={filePath('xlsx')} download variant="default" data-testid="handover-xlsx">
            {t('clmx.downloadListXlsx')}
          </Button>
          <Button component="a" href={filePath('pdf')} download variant="default" data-testid="handover-pdf">
            {t('clmx.downloadListPdf')}
          </Button>
          {canManage && (
            <Button onClick={() => setEditing(true)} data-testid="handover-edit-claims">
              {t('clmx.editClaims')}
            </Button>
          )}
        </Group>
      </Group>

      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" maw={720}>
        <Paper withBorder radius="md" p="md">
          <Text size="sm" c="dimmed" fw={600}>
            {t('clmx.claims')}
          </Text>
          <Text fz={26} fw={700} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="handover-claims">
            {formatNumber(handover.claims)}
          </Text>
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Text size="sm" c="dimmed" fw={600}>
            {t('clmx.handedOverAmount')}
          </Text>
          <Text fz={26} fw={700} style={{ fontVariantNumeric: 'tabular-nums', overflowWrap: 'anywhere' }} data-testid="handover-amount">
            {formatRupiah(handover.amount)}
          </Text>
        </Paper>
      </SimpleGrid>

      <Stack gap="sm" component="section" aria-labelledby="recipients-title">
        <div>
          <Title order={2} size="h4" id="recipients-title">
            {t('clmx.recipientsTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('clmx.recipientsIntro')}
          </Text>
        </div>
        {handover.recipients.length === 0 ? (
          <Paper withBorder radius="md" p="lg">
            <Text c="dimmed" ta="center">
              {t('clmx.noRecipients')}
            </Text>
          </Paper>
        ) : (
          <Recipients handover={handover} />
        )}
      </Stack>

      {editing && <EditHandoverClaimsModal handover={handover} opened onClose={() => setEditing(false)} />}
    </Stack>
  );
}

function RecipientNames({ people }: { people: HandoverDetailDto['recipients'][number]['recipients'] }) {
  if (people.length === 0) return <Text size="sm">–</Text>;
  return people.map((p) => (
    <div key={`${p.name}-${p.relation}`}>
      <Text size="sm">{p.name}</Text>
      <Text size="xs" c="dimmed">
        {p.relation}
      </Text>
    </div>
  ));
}

function Recipients({ handover }: { handover: HandoverDetailDto }) {
  const { t } = useTranslation();
  const lang = useLang();
  const isWide = useMediaQuery('(min-width: 48em)', undefined, { getInitialValueInEffect: false });
  if (!isWide) {
    return (
      <Stack gap="xs" data-testid="handover-recipients">
        {handover.recipients.map((r) => (
          <Paper key={r.claimId} withBorder radius="md" p="sm" data-testid="recipient-row" data-number={r.claimNumber}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Anchor component={Link} to={`/klaim/${r.claimId}`} fw={600} py={6}>
                {r.claimNumber}
              </Anchor>
              <Text fw={700} py={6} style={{ whiteSpace: 'nowrap' }}>
                {formatRupiah(r.amount)}
              </Text>
            </Group>
            <Text size="sm">
              {t('clmx.participant')}: {r.participantName}
            </Text>
            <Text size="sm" c="dimmed">
              {r.villageName} · {r.districtName}
            </Text>
            <Text size="xs" c="dimmed" mt={6} fw={600}>
              {t('clmx.recipients')}
            </Text>
            <RecipientNames people={r.recipients} />
            <Text size="sm" mt={6}>
              {r.benefit}
              {r.paidOn && ` · ${t('clmx.paidOnDate', { date: formatDate(r.paidOn, lang) })}`}
            </Text>
          </Paper>
        ))}
        <Group justify="space-between" px="sm">
          <Text fw={700}>{t('clmx.total')}</Text>
          <Text fw={700}>{formatRupiah(handover.amount)}</Text>
        </Group>
      </Stack>
    );
  }
  return (
    <TableCard minWidth={960} verticalSpacing="sm" horizontalSpacing="sm" styles={{ td: { verticalAlign: 'top' } }} data-testid="handover-recipients">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('clmx.claimNumber')}</Table.Th>
          <Table.Th>{t('clmx.village')}</Table.Th>
          <Table.Th>{t('clmx.district')}</Table.Th>
          <Table.Th>{t('clmx.participant')}</Table.Th>
          <Table.Th>{t('clmx.recipients')}</Table.Th>
          <Table.Th>{t('clmx.benefit')}</Table.Th>
          <Table.Th ta="right">{t('clmx.amount')}</Table.Th>
          <Table.Th>{t('clmx.paidOn')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {handover.recipients.map((r) => (
          <Table.Tr key={r.claimId} data-testid="recipient-row" data-number={r.claimNumber}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              <Anchor component={Link} to={`/klaim/${r.claimId}`} fw={600} display="inline-block" py={6}>
                {r.claimNumber}
              </Anchor>
            </Table.Td>
            <Table.Td>{r.villageName}</Table.Td>
            <Table.Td>{r.districtName}</Table.Td>
            <Table.Td>{r.participantName}</Table.Td>
            <Table.Td>
              <RecipientNames people={r.recipients} />
            </Table.Td>
            <Table.Td>{r.benefit}</Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} fw={600}>
              {formatRupiah(r.amount)}
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.paidOn ? formatDate(r.paidOn, lang) : '–'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr>
          <Table.Th colSpan={6}>{t('clmx.total')}</Table.Th>
          <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
            {formatRupiah(handover.amount)}
          </Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Tfoot>
    </TableCard>
  );
}
