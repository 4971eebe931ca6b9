/** The report form's protection check: asked as soon as worker, event and day are known. */
import { Alert, Anchor, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ClaimEvent } from '../../../core/claims.ts';
import { useLang } from '../../i18n/index.ts';
import { formatDate } from '../../lib/format.ts';
import { ApiErrorAlert } from '../financing/shared.tsx';
import { ClaimEstimate, ClaimProtectionList } from './ClaimProtection.tsx';
import { useClaimCheck } from './queries.ts';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function ClaimCheckPanel({ workerId, event, eventDate }: { workerId: string; event: ClaimEvent | null; eventDate: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const check = useClaimCheck(workerId, event, eventDate);
  if (!workerId || !event || !ISO_DAY.test(eventDate)) {
    return (
      <Text size="sm" c="dimmed" data-testid="claim-check-waiting">
        {t('clm.checkWaiting')}
      </Text>
    );
  }
  if (check.isError) return <ApiErrorAlert error={check.error} title={t('clm.checkFailed')} />;
  if (!check.data) return <Skeleton h={160} radius="md" />;
  const c = check.data;
  const day = formatDate(c.eventDate, lang);
  return (
    <Stack gap="sm" data-testid="claim-check" aria-live="polite">
      {c.existingDeathClaim && (
        <Alert color="yellow" variant="light" title={t('clm.existingDeathTitle')} data-testid="claim-check-existing">
          <Text size="sm">
            {t('clm.existingDeathBody')}{' '}
            <Anchor component={Link} to={`/klaim/${c.existingDeathClaim.id}`} fw={600}>
              {c.existingDeathClaim.number}
            </Anchor>
          </Text>
        </Alert>
      )}
      {c.eligible ? (
        <Alert color="green" variant="light" title={t('clm.protectedOn', { program: c.program, date: day })} data-testid="claim-check-protected">
          <Stack gap="sm">
            <ClaimProtectionList protection={c.protection} program={c.program} />
            {c.estimate && <ClaimEstimate estimate={c.estimate} />}
          </Stack>
        </Alert>
      ) : (
        <Alert color="red" variant="light" title={t('clm.notProtected', { program: c.program, date: day })} data-testid="claim-check-unprotected">
          <Stack gap="sm">
            <Text size="sm" fw={600}>
              {c.reason}
            </Text>
            <Text size="sm">{t('clm.stillRecorded')}</Text>
            <ClaimProtectionList protection={c.protection} program={c.program} />
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
