/** Small badges of a claim: its status, what needs doing (warnings), a scholarship year's state. */
import { Badge, Group, Tooltip, type MantineSize } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ScholarshipChildDto } from '../../../core/claims.schema.ts';
import type { ClaimStatus } from '../../../core/claims.ts';
import { formatRupiah } from '../../lib/format.ts';
import { useClaimLabel } from './claim-labels.ts';
import type { ClaimSummary } from './queries.ts';

export const CLAIM_STATUS_COLORS: Record<ClaimStatus, string> = {
  reported: 'blue',
  documents_complete: 'cyan',
  submitted: 'violet',
  approved: 'teal',
  rejected: 'red',
  paid: 'green',
  not_eligible: 'orange',
  cancelled: 'gray',
};

// Light badges keep their text at shade 9 so small print stays above 4.5:1 contrast.
const badgeStyle = (color: string) => ({ minWidth: 'max-content', color: `var(--mantine-color-${color}-9)` });

export function ClaimStatusBadge({ status, size = 'md', testId }: { status: ClaimStatus; size?: MantineSize; testId?: string }) {
  const label = useClaimLabel();
  const color = CLAIM_STATUS_COLORS[status];
  return (
    <Badge color={color} variant="light" tt="none" radius="sm" size={size} fw={700} style={badgeStyle(color)} data-testid={testId} data-status={status}>
      {label('status', status)}
    </Badge>
  );
}

type Warning = ClaimSummary['warnings'][number];

/** What one warning says in a badge: the late JKK payment with its interest, the others by kind. */
export function useWarningText() {
  const { t } = useTranslation();
  return (w: Warning) =>
    w.code === 'jkk_payment_late'
      ? t('clm.lateInterest', { days: w.daysLate ?? 0, interest: formatRupiah(w.interest ?? 0) })
      : t(`clm.warning.${w.code}`);
}

/**
 * Red for a late JKK payment (interest is accruing), orange for the rest; one badge per kind (two children's
 * scholarships due make one badge), the full messages on hover, focus or touch.
 */
export function ClaimWarningBadges({ warnings }: { warnings: readonly Warning[] }) {
  const text = useWarningText();
  if (warnings.length === 0) return null;
  const byCode = new Map<string, Warning[]>();
  for (const w of warnings) byCode.set(w.code, [...(byCode.get(w.code) ?? []), w]);
  return (
    <Group gap={4}>
      {[...byCode.values()].map((group) => {
        const first = group[0]!;
        const color = first.code === 'jkk_payment_late' ? 'red' : 'orange';
        return (
          <Tooltip
            key={first.code}
            label={group.map((w) => w.message).join('\n')}
            multiline
            w={300}
            withArrow
            style={{ whiteSpace: 'pre-line' }}
            events={{ hover: true, focus: true, touch: true }}
          >
            <Badge color={color} variant="light" tt="none" radius="sm" size="sm" tabIndex={0} style={badgeStyle(color)} data-testid={`claim-warning-${first.code}`}>
              {text(first)}
              {group.length > 1 ? ` (${group.length})` : ''}
            </Badge>
          </Tooltip>
        );
      })}
    </Group>
  );
}

type ScholarshipState = ScholarshipChildDto['entries'][number]['state'];
const SCHOLARSHIP_COLORS: Record<ScholarshipState, string> = { paid: 'green', claimed: 'blue', due: 'red', due_soon: 'orange', upcoming: 'gray' };

/** Dibayar / Diajukan / Jatuh tempo / Segera / Akan datang. */
export function ScholarshipStateBadge({ state }: { state: ScholarshipState }) {
  const { t } = useTranslation();
  const color = SCHOLARSHIP_COLORS[state];
  return (
    <Badge color={color} variant="light" tt="none" radius="sm" size="sm" style={badgeStyle(color)}>
      {t(`clm.scholarshipState.${state}`)}
    </Badge>
  );
}
