/** The heirs in their legal order: who is entitled now, who waits behind them, who is paid; add, change, remove. */
import { Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeirDto } from '../../../core/claims.schema.ts';
import { TableCard } from '../../components/TableCard.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDate, groupNik } from '../../lib/format.ts';
import { FormModal, useModalMutation } from '../financing/forms.tsx';
import { ClaimHeirModal } from './ClaimHeirModal.tsx';
import { ClaimSection } from './ClaimSection.tsx';
import { useClaimLabel } from './claim-labels.ts';
import { useRemoveHeir, type ClaimDetail } from './queries.ts';

export function ClaimHeirsSection({ claim }: { claim: ClaimDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const label = useClaimLabel();
  const [editing, setEditing] = useState<HeirDto | 'new' | null>(null);
  const [removing, setRemoving] = useState<HeirDto | null>(null);
  const isInjury = claim.type === 'jkk_injury';
  const canEdit = claim.can.edit;
  const isWide = useMediaQuery('(min-width: 48em)', undefined, { getInitialValueInEffect: false });
  const heirs = [...claim.heirs].sort((a, b) => a.rank - b.rank || a.position - b.position);

  return (
    <ClaimSection
      id="claim-heirs-title"
      title={isInjury ? t('clm.familyTitle') : t('clm.heirsTitle')}
      intro={isInjury ? t('clm.familyIntro') : t('clm.heirsIntro')}
      testId="claim-heirs"
      actions={
        canEdit && (
          <Button variant="light" onClick={() => setEditing('new')} data-testid="claim-heir-add">
            {isInjury ? t('clm.addChild') : t('clm.addHeir')}
          </Button>
        )
      }
    >
      {heirs.length === 0 ? (
        <Text size="sm" c="dimmed">
          {isInjury ? t('clm.noFamily') : t('clm.noHeirs')}
        </Text>
      ) : isWide ? (
        <TableCard minWidth={820} verticalSpacing="sm" horizontalSpacing="sm" style={{ verticalAlign: 'top' }} data-testid="claim-heirs-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('clm.heirName')}</Table.Th>
              <Table.Th>{t('clm.relation')}</Table.Th>
              <Table.Th>{t('clm.rank')}</Table.Th>
              <Table.Th>{t('clm.born')}</Table.Th>
              <Table.Th>{t('clm.schoolLevel')}</Table.Th>
              {canEdit && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {heirs.map((h) => (
              <Table.Tr key={h.id} data-testid="claim-heir-row">
                <Table.Td>
                  <HeirName heir={h} />
                </Table.Td>
                <Table.Td>{label('relation', h.relation, h.relationLabel)}</Table.Td>
                <Table.Td>
                  <HeirRank heir={h} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{formatDate(h.birthDate, lang)}</Text>
                  <Text size="xs" c="dimmed">
                    {t('clm.ageYears', { count: h.age })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <HeirSchooling heir={h} />
                </Table.Td>
                {canEdit && (
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <HeirActions heir={h} onEdit={setEditing} onRemove={setRemoving} />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </TableCard>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {heirs.map((h) => (
            <li key={h.id}>
              <Paper withBorder radius="md" p="sm" data-testid="claim-heir-row">
                <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
                  <div style={{ minWidth: 0 }}>
                    <HeirName heir={h} />
                    <Text size="sm">
                      {label('relation', h.relation, h.relationLabel)} · {formatDate(h.birthDate, lang)} ({t('clm.ageYears', { count: h.age })})
                    </Text>
                    {h.relation === 'child' && <HeirSchooling heir={h} />}
                  </div>
                  <HeirRank heir={h} />
                </Group>
                {canEdit && (
                  <Group justify="flex-end" mt={4}>
                    <HeirActions heir={h} onEdit={setEditing} onRemove={setRemoving} />
                  </Group>
                )}
              </Paper>
            </li>
          ))}
        </Stack>
      )}
      {editing && <ClaimHeirModal claim={claim} heir={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {removing && <RemoveHeirModal claimId={claim.id} heir={removing} onClose={() => setRemoving(null)} />}
    </ClaimSection>
  );
}

function HeirName({ heir: h }: { heir: HeirDto }) {
  const { t } = useTranslation();
  return (
    <>
      <Group gap={6}>
        <Text size="sm" fw={600}>
          {h.name}
        </Text>
        {h.isPayee && (
          <Badge color="jaring" variant="filled" tt="none" radius="sm" size="sm" style={{ minWidth: 'max-content' }} data-testid="claim-heir-payee">
            {t('clm.payee')}
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed" className="nik">
        {groupNik(h.nik)}
      </Text>
      {h.phone && (
        <Text size="xs" c="dimmed">
          {h.phone}
        </Text>
      )}
    </>
  );
}

/** The heir's place in the legal order: entitled now, or waiting behind a higher rank. */
function HeirRank({ heir: h }: { heir: HeirDto }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} align="flex-start" style={{ flex: 'none' }}>
      <Text size="xs" c="dimmed">
        {t('clm.rankN', { n: h.rank })}
      </Text>
      {h.entitled ? (
        <Badge color="green" variant="light" tt="none" radius="sm" size="sm" style={{ minWidth: 'max-content', color: 'var(--mantine-color-green-9)' }} data-testid="claim-heir-entitled">
          {t('clm.entitled')}
        </Badge>
      ) : (
        <Badge
          color="gray"
          variant="light"
          tt="none"
          radius="sm"
          size="sm"
          maw={150}
          h="auto"
          py={2}
          styles={{ label: { whiteSpace: 'normal', overflow: 'visible', lineHeight: 1.3 } }}
          style={{ color: 'var(--mantine-color-gray-8)' }}
          data-testid="claim-heir-waiting"
        >
          {t('clm.waiting')}
        </Badge>
      )}
    </Stack>
  );
}

function HeirSchooling({ heir: h }: { heir: HeirDto }) {
  const { t } = useTranslation();
  const label = useClaimLabel();
  if (h.relation !== 'child') {
    return (
      <Text size="sm" c="dimmed">
        –
      </Text>
    );
  }
  return (
    <>
      <Text size="sm">{h.schoolLevel ? label('schoolLevel', h.schoolLevel) : '–'}</Text>
      {(h.married || h.working) && (
        <Text size="xs" c="dimmed">
          {[h.married ? t('clm.married') : null, h.working ? t('clm.working') : null].filter(Boolean).join(', ')}
        </Text>
      )}
    </>
  );
}

function HeirActions({ heir: h, onEdit, onRemove }: { heir: HeirDto; onEdit: (h: HeirDto) => void; onRemove: (h: HeirDto) => void }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Button size="compact-md" variant="subtle" onClick={() => onEdit(h)} aria-label={t('clm.editHeirOf', { name: h.name })}>
        {t('clm.edit')}
      </Button>
      <Button size="compact-md" variant="subtle" color="red" onClick={() => onRemove(h)} aria-label={t('clm.removeHeirOf', { name: h.name })}>
        {t('clm.remove')}
      </Button>
    </Group>
  );
}

function RemoveHeirModal({ claimId, heir, onClose }: { claimId: string; heir: HeirDto; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useRemoveHeir(claimId);
  const { close, save } = useModalMutation(remove, onClose);
  return (
    <FormModal
      opened
      onClose={close}
      title={t('clm.removeHeirTitle')}
      onSubmit={() => save(heir.id, t('clm.heirRemoved'))}
      error={remove.error}
      pending={remove.isPending}
      submitLabel={t('clm.remove')}
      submitColor="red"
      submitTestId="claim-heir-remove-confirm"
    >
      <Text size="sm">{t('clm.removeHeirBody', { name: heir.name })}</Text>
    </FormModal>
  );
}
