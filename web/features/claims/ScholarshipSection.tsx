/** Each child's scholarship years (death or permanent disability): the schedule, totals, the next year due, and claiming it. */
import { Alert, Anchor, Box, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { ScholarshipChildDto } from '../../../core/claims.schema.ts';
import { TableCard } from '../../components/TableCard.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDate, formatNumber, formatRupiah } from '../../lib/format.ts';
import { FormModal, useModalMutation } from '../financing/forms.tsx';
import { fieldErrorOf } from '../financing/shared.tsx';
import { ClaimStatusBadge, ScholarshipStateBadge } from './ClaimBadges.tsx';
import { ClaimSection } from './ClaimSection.tsx';
import { useClaimLabel } from './claim-labels.ts';
import { useClaimScholarship, type ClaimDetail } from './queries.ts';

type Entry = ScholarshipChildDto['entries'][number];
const PAID_LEVELS = ['TK', 'SD', 'SMP', 'SMA', 'PT'] as const;
type PaidLevel = (typeof PAID_LEVELS)[number];
const UPCOMING_SHOWN = 3;

export function ScholarshipSection({ claim }: { claim: ClaimDetail }) {
  const { t } = useTranslation();
  const [claiming, setClaiming] = useState<{ child: ScholarshipChildDto; entry: Entry } | null>(null);
  // Years are claimed long after the main claim is paid (when `can.edit` is off): the server says when.
  const canClaim = claim.can.claimScholarship;
  return (
    <ClaimSection id="claim-scholarships-title" title={t('clm.scholarshipsTitle')} intro={t('clm.scholarshipsIntro')} testId="claim-scholarships">
      {claim.scholarships.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('clm.noScholarshipChildren')}
        </Text>
      )}
      {claim.scholarships.map((child) => (
        <ScholarshipChild key={child.heirId} child={child} canClaim={canClaim} onClaim={(entry) => setClaiming({ child, entry })} />
      ))}
      {claim.scholarshipClaims.length > 0 && <ScholarshipClaimList claim={claim} />}
      {claiming && <ClaimScholarshipModal claim={claim} child={claiming.child} entry={claiming.entry} onClose={() => setClaiming(null)} />}
    </ClaimSection>
  );
}

function ScholarshipChild({ child, canClaim, onClaim }: { child: ScholarshipChildDto; canClaim: boolean; onClaim: (entry: Entry) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const label = useClaimLabel();
  const claimable = child.entries.filter((e) => !e.claimId && (e.state === 'due' || e.state === 'due_soon'));
  const [showAll, setShowAll] = useState(false);
  // On a phone the state goes under the amount, so the schedule fits without scrolling.
  const isWide = useMediaQuery('(min-width: 36em)', undefined, { getInitialValueInEffect: false });
  // Years already settled or due, then the next few: a young child's schedule runs to fifteen years.
  const firstUpcoming = child.entries.findIndex((e) => e.state === 'upcoming');
  const limit = firstUpcoming < 0 ? child.entries.length : firstUpcoming + UPCOMING_SHOWN;
  const shown = showAll ? child.entries : child.entries.slice(0, limit);
  const hidden = child.entries.length - shown.length;
  return (
    <Paper withBorder radius="md" p={{ base: 'xs', sm: 'sm' }} bg="gray.0" data-testid="scholarship-child">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Text fw={700}>{child.name}</Text>
          {canClaim && (
            <Group gap="xs">
              {claimable.map((e) => (
                <Button key={e.year} size="sm" onClick={() => onClaim(e)} data-testid="scholarship-claim-open">
                  {t('clm.claimScholarshipYear', { year: e.schoolYear })}
                </Button>
              ))}
            </Group>
          )}
        </Group>
        {!child.eligible ? (
          <Text size="sm" c="dimmed">
            {child.reason ?? t('clm.scholarshipNotEligible')}
          </Text>
        ) : (
          <>
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
              <Figure label={t('clm.entitlement')} value={formatRupiah(child.totalEntitlement)} />
              <Figure label={t('clm.scholarshipPaid')} value={`${formatRupiah(child.paidAmount)} · ${t('clm.yearsValue', { count: child.paidYears })}`} />
              <Figure label={t('clm.remaining')} value={`${formatRupiah(child.remainingAmount)} · ${t('clm.yearsValue', { count: child.remainingYears })}`} />
              <Figure label={t('clm.dueYears')} value={formatNumber(child.dueYears)} />
            </SimpleGrid>
            {child.next && (
              <Alert color={child.next.state === 'due' ? 'red' : child.next.state === 'due_soon' ? 'orange' : 'blue'} variant="light" py={8} data-testid="scholarship-next">
                <Text size="sm">
                  {t(child.next.state === 'due' ? 'clm.nextDue' : 'clm.nextUpcoming', { year: child.next.schoolYear, date: formatDate(child.next.dueOn, lang) })}
                </Text>
              </Alert>
            )}
            <TableCard minWidth={270} verticalSpacing={6} horizontalSpacing="xs" data-testid="scholarship-schedule">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('clm.schoolYear')}</Table.Th>
                  <Table.Th ta="right">{t('clm.amount')}</Table.Th>
                  {isWide && <Table.Th>{t('clm.status')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((e) => (
                  <Table.Tr key={e.year} data-testid="scholarship-year" data-state={e.state}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">
                        {e.schoolYear} ·{' '}
                        <abbr title={label('schoolLevel', e.level)} style={{ textDecoration: 'none' }}>
                          {e.level === 'SMA' ? 'SMA/SMK' : e.level}
                        </abbr>
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('clm.dueFrom', { date: formatDate(e.dueOn, lang) })}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {formatRupiah(e.amount)}
                      {!isWide && <YearState entry={e} align="flex-end" />}
                    </Table.Td>
                    {isWide && (
                      <Table.Td>
                        <YearState entry={e} align="flex-start" />
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </TableCard>
            {hidden > 0 && (
              <Group>
                <Button variant="subtle" size="compact-md" onClick={() => setShowAll(true)} data-testid="scholarship-show-all">
                  {t('clm.showAllYears', { count: child.entries.length })}
                </Button>
              </Group>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** The year's state, with a link to its claim once there is one. */
function YearState({ entry, align }: { entry: Entry; align: 'flex-start' | 'flex-end' }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} align={align}>
      <ScholarshipStateBadge state={entry.state} />
      {entry.claimId && (
        <Anchor component={Link} to={`/klaim/${entry.claimId}`} size="xs">
          {t('clm.openClaim')}
        </Anchor>
      )}
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Box>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600}>
        {value}
      </Text>
    </Box>
  );
}

/** Every scholarship claim made from this claim, including rejected or cancelled ones the schedule leaves out. */
function ScholarshipClaimList({ claim }: { claim: ClaimDetail }) {
  const { t } = useTranslation();
  const names = new Map(claim.heirs.map((h) => [h.id, h.name]));
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {t('clm.scholarshipClaims')}
      </Text>
      {claim.scholarshipClaims.map((c) => (
        <Group key={c.id} gap="xs" wrap="wrap">
          <Anchor component={Link} to={`/klaim/${c.id}`} size="sm" fw={600}>
            {c.number}
          </Anchor>
          <Text size="sm">
            {names.get(c.heirId) ?? '–'} · {c.year}/{c.year + 1} · {formatRupiah(c.amount)}
          </Text>
          <ClaimStatusBadge status={c.status} size="sm" />
        </Group>
      ))}
    </Stack>
  );
}

function ClaimScholarshipModal({ claim, child, entry, onClose }: { claim: ClaimDetail; child: ScholarshipChildDto; entry: Entry; onClose: () => void }) {
  const { t } = useTranslation();
  const label = useClaimLabel();
  const navigate = useNavigate();
  const create = useClaimScholarship(claim.id);
  const { close } = useModalMutation(create, onClose);
  const [level, setLevel] = useState<PaidLevel>(PAID_LEVELS.find((l) => l === entry.level) ?? 'SD');
  // The answer is the new claim: open it, where its documents are ticked off.
  const onSubmit = () =>
    create.mutate(
      { heirId: child.heirId, year: entry.year, schoolLevel: level },
      {
        onSuccess: (created) => {
          notifications.show({ color: 'green', message: t('clm.scholarshipClaimed', { number: created.number }) });
          onClose();
          void navigate(`/klaim/${created.id}`);
          window.scrollTo({ top: 0 });
        },
      },
    );
  return (
    <FormModal
      opened
      onClose={close}
      title={t('clm.claimScholarshipYear', { year: entry.schoolYear })}
      onSubmit={onSubmit}
      error={create.error}
      pending={create.isPending}
      submitLabel={t('clm.claimScholarship')}
      submitTestId="scholarship-claim-confirm"
    >
      <Text size="sm">{t('clm.claimScholarshipBody', { name: child.name, year: entry.schoolYear, amount: formatRupiah(entry.amount) })}</Text>
      <Select
        label={t('clm.schoolLevelThatYear')}
        data={PAID_LEVELS.map((l) => ({ value: l, label: label('schoolLevel', l) }))}
        value={level}
        onChange={(value) => value && setLevel(value as PaidLevel)}
        allowDeselect={false}
        error={fieldErrorOf(create.error, 'schoolLevel')}
        data-testid="scholarship-level"
      />
    </FormModal>
  );
}
