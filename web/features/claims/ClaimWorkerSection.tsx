/** "Klaim" on a worker's page: the deaths and work accidents reported for them, and reporting a new one. */
import { Anchor, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { canFileClaims } from '../../../core/roles.ts';
import type { WorkerDetail } from '../../api/types.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDate, formatRupiah } from '../../lib/format.ts';
import { useCurrentUser } from '../auth/session.ts';
import { ClaimStatusBadge, ClaimWarningBadges } from './ClaimBadges.tsx';
import { useClaims } from './queries.ts';

export function ClaimWorkerSection({ worker }: { worker: WorkerDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useCurrentUser();
  const claims = useClaims({ workerId: worker.id, pageSize: 50 });
  const canReport = canFileClaims(user, worker.villageCode);

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="worker-claims-title" data-testid="worker-claims">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Title order={2} size="h4" id="worker-claims-title">
            {t('clm.workerClaimsTitle')}
          </Title>
          {canReport && (
            <Button component={Link} to={`/klaim/baru?worker=${worker.id}`} size="sm" variant="light" data-testid="worker-claim-report">
              {t('clm.reportTitle')}
            </Button>
          )}
        </Group>
        {claims.isError ? (
          <ErrorState error={claims.error} onRetry={() => void claims.refetch()} />
        ) : !claims.data ? (
          <Skeleton h={60} />
        ) : claims.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('clm.workerNoClaims')}
          </Text>
        ) : (
          <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {claims.data.items.map((c, i) => (
              <li key={c.id} style={{ borderTop: i === 0 ? undefined : '1px solid var(--mantine-color-gray-2)', padding: '8px 0' }} data-testid="worker-claim-row">
                <Group justify="space-between" align="flex-start" gap="xs">
                  <div style={{ minWidth: 0 }}>
                    <Group gap={8}>
                      <Anchor component={Link} to={`/klaim/${c.id}`} fw={600}>
                        {c.number}
                      </Anchor>
                      <ClaimStatusBadge status={c.status} size="sm" />
                    </Group>
                    <Text size="sm">
                      {c.year !== null ? t('clm.scholarshipOf', { name: c.childName ?? '–' }) : t(`clm.eventShort.${c.event}`)} · {formatDate(c.eventDate, lang)}
                    </Text>
                  </div>
                  <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                    {c.eligible ? formatRupiah(c.approvedAmount ?? c.estimatedAmount) : '–'}
                  </Text>
                </Group>
                <ClaimWarningBadges warnings={c.warnings} />
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
