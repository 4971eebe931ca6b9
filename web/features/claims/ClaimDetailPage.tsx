import { Alert, Anchor, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DefinitionList } from '../../components/DefinitionList.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDate, groupNik } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { ClaimStatusBadge, useWarningText } from './ClaimBadges.tsx';
import { ClaimBenefitsSection, ClaimEligibilitySection } from './ClaimEligibilitySection.tsx';
import { ClaimDocumentsSection } from './ClaimDocumentsSection.tsx';
import { ClaimEventModal, canEditEvent } from './ClaimEventModal.tsx';
import { ClaimHeirsSection } from './ClaimHeirsSection.tsx';
import { ClaimPaymentsSection } from './ClaimPaymentsSection.tsx';
import { ClaimWorkflowSection } from './ClaimWorkflowSection.tsx';
import { ScholarshipSection } from './ScholarshipSection.tsx';
import { useClaimLabel } from './claim-labels.ts';
import { useClaim, type ClaimDetail } from './queries.ts';

/** `/klaim/:id`: one claim from report to payment — eligibility, benefits, steps, documents, heirs, payments, scholarships. */
export default function ClaimDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const claim = useClaim(id);
  usePageTitle(claim.data ? `${claim.data.number} · ${claim.data.worker.name}` : t('clm.detailTitle'));
  if (claim.isPending) return <PageLoader />;
  if (claim.isError) return <ErrorState error={claim.error} onRetry={() => void claim.refetch()} />;
  return <ClaimView claim={claim.data} />;
}

/** Deaths have heirs; an injury only needs its children recorded when it left a permanent disability (scholarships). */
function hasHeirs(claim: ClaimDetail): boolean {
  if (claim.type === 'scholarship') return false;
  return claim.type !== 'jkk_injury' || claim.injuryOutcome === 'permanent_disability' || claim.heirs.length > 0;
}

/** One alert per kind of warning (two children's scholarships due are one alert with two lines). */
function groupWarnings(warnings: ClaimDetail['warnings']): ClaimDetail['warnings'][] {
  const byCode = new Map<string, ClaimDetail['warnings']>();
  for (const w of warnings) byCode.set(w.code, [...(byCode.get(w.code) ?? []), w]);
  return [...byCode.values()];
}

function ClaimView({ claim }: { claim: ClaimDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const label = useClaimLabel();
  const warningText = useWarningText();
  const [editing, setEditing] = useState(false);
  const isScholarship = claim.type === 'scholarship';

  const rows: [string, ReactNode][] = [
    [
      t('clm.worker'),
      <span key="worker">
        <Anchor component={Link} to={`/workers/${claim.worker.id}`} fw={600} data-testid="claim-worker-link">
          {claim.worker.name}
        </Anchor>{' '}
        <Text span size="sm" c="dimmed" className="nik">
          {groupNik(claim.worker.nik)}
        </Text>
      </span>,
    ],
    [t('clm.village'), `${claim.villageName}, ${claim.districtName}`],
  ];
  if (!isScholarship) {
    rows.push(
      [t('clm.event'), label('event', claim.event, claim.eventLabel)],
      [t('clm.eventDate'), formatDate(claim.eventDate, lang)],
      [t('clm.place'), claim.place],
      [t('clm.description'), <Text key="d" span size="sm" style={{ whiteSpace: 'pre-wrap' }}>{claim.description}</Text>],
    );
    if (claim.trafficAccident) rows.push([t('clm.trafficAccident'), t('clm.yes')]);
    if (claim.type === 'jkk_injury') {
      rows.push([t('clm.injuryOutcome'), claim.injuryOutcome ? t(`clm.outcome.${claim.injuryOutcome}`) : '–']);
      if (claim.injuryOutcome === 'temporary') rows.push([t('clm.incapacityDays'), claim.incapacityDays === null ? '–' : t('clm.daysValue', { count: claim.incapacityDays })]);
    }
  }
  rows.push([t('clm.reportedOn'), formatDate(claim.reportedOn, lang)]);

  return (
    <Stack gap="md" maw={1040}>
      <Anchor component={Link} to="/klaim" size="sm" py={6} w="fit-content">
        ← {t('clm.listTitle')}
      </Anchor>
      <Group justify="space-between" align="flex-start" gap="sm">
        <div>
          <Group gap="sm" align="center">
            <Title order={1} size="h2" data-testid="claim-number">
              {claim.number}
            </Title>
            <ClaimStatusBadge status={claim.status} size="lg" testId="claim-status" />
          </Group>
          <Text c="dimmed">{label('type', claim.type, claim.typeLabel)}</Text>
        </div>
        {canEditEvent(claim) && (
          <Button variant="light" onClick={() => setEditing(true)} data-testid="claim-edit-event">
            {t('clm.editEvent')}
          </Button>
        )}
      </Group>

      {isScholarship && (
        <Alert color="blue" variant="light" data-testid="claim-scholarship-of">
          <Text size="sm" fw={600}>
            {t('clm.scholarshipClaimOf', {
              name: claim.childName ?? '–',
              year: claim.year === null ? '–' : `${claim.year}/${claim.year + 1}`,
              level: claim.schoolLevel ? label('schoolLevel', claim.schoolLevel) : '–',
            })}
          </Text>
          {claim.parent && (
            <Text size="sm">
              {t('clm.parentClaim')}{' '}
              <Anchor component={Link} to={`/klaim/${claim.parent.id}`} fw={600} data-testid="claim-parent-link">
                {claim.parent.number}
              </Anchor>
            </Text>
          )}
        </Alert>
      )}

      {groupWarnings(claim.warnings).map((group) => (
        <Alert
          key={group[0]!.code}
          color={group[0]!.code === 'jkk_payment_late' ? 'red' : 'orange'}
          variant="light"
          title={warningText(group[0]!)}
          role="alert"
          data-testid={`claim-alert-${group[0]!.code}`}
        >
          {group.map((w, i) => (
            <Text key={i} size="sm">
              {w.message}
            </Text>
          ))}
        </Alert>
      ))}

      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
        <DefinitionList rows={rows} columnGap={16} />
      </Paper>

      {!isScholarship && <ClaimEligibilitySection claim={claim} />}
      <ClaimBenefitsSection claim={claim} />
      <ClaimWorkflowSection claim={claim} />
      <ClaimDocumentsSection claim={claim} />
      {hasHeirs(claim) && <ClaimHeirsSection claim={claim} />}
      <ClaimPaymentsSection claim={claim} />
      {!isScholarship && (claim.scholarships.length > 0 || claim.scholarshipClaims.length > 0) && <ScholarshipSection claim={claim} />}

      {claim.handovers.length > 0 && (
        <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
          <Text fw={600} size="sm">
            {t('clm.handedOverAt')}
          </Text>
          <List size="sm">
            {claim.handovers.map((h) => (
              <List.Item key={h.id}>
                <Anchor component={Link} to={`/klaim/penyerahan/${h.id}`}>
                  {h.name}
                </Anchor>{' '}
                · {formatDate(h.heldOn, lang)}
              </List.Item>
            ))}
          </List>
        </Paper>
      )}
      {editing && <ClaimEventModal claim={claim} onClose={() => setEditing(false)} />}
    </Stack>
  );
}
