import { Badge, Group, Stack, Text, type MantineSize } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoverageStatus, ProgramStatus } from '../../../core/coverage.ts';
import type { Coverage } from '../../api/types.ts';
import { useLang } from '../../i18n/index.ts';
import { formatMonth } from '../../lib/format.ts';

type Tone = 'good' | 'warn' | 'stop' | 'none' | 'info';

// Mantine's light badge palettes fall below 4.5:1 for small text, so the tones are set here: a tint with
// dark text for the calm states, solid red with white text for lapsed protection, which must stand out.
const TONES: Record<Tone, CSSProperties> = {
  good: { background: 'var(--mantine-color-green-1)', color: '#1e6b2f', borderColor: 'var(--mantine-color-green-5)' },
  warn: { background: 'var(--mantine-color-yellow-1)', color: '#7a4a00', borderColor: 'var(--mantine-color-yellow-6)' },
  stop: { background: 'var(--mantine-color-red-9)', color: '#fff', borderColor: 'var(--mantine-color-red-9)' },
  none: { background: 'var(--mantine-color-gray-1)', color: 'var(--mantine-color-gray-7)', borderColor: 'var(--mantine-color-gray-4)' },
  info: { background: 'var(--mantine-color-blue-0)', color: 'var(--mantine-color-blue-9)', borderColor: 'var(--mantine-color-blue-3)' },
};

const COVERAGE_TONE: Record<CoverageStatus, Tone> = { covered: 'good', grace: 'warn', lapsed: 'stop', not_enrolled: 'none' };
// `non_active` is how a BPJS participant file states a programme that is not running (no months are known).
const PROGRAM_TONE: Record<ProgramStatus | 'non_active', Tone> = {
  active: 'good',
  grace: 'warn',
  lapsed: 'stop',
  ended: 'none',
  not_started: 'info',
  non_active: 'none',
};

// A shape per tone as well, so the state reads without telling colours apart.
const ICONS: Record<Tone, ReactNode> = {
  good: <path d="M2.5 6.5 5 9l4.5-5.5" />,
  warn: (
    <>
      <circle cx="6" cy="6" r="4.5" />
      <path d="M6 3.5V6l1.75 1.25" />
    </>
  ),
  stop: <path d="M3 3l6 6M9 3 3 9" />,
  none: <path d="M3 6h6" />,
  info: <path d="M4.5 3 8 6 4.5 9" />,
};

function StatusBadge({ tone, label, size, title }: { tone: Tone; label: string; size: MantineSize; title?: string }) {
  return (
    <Badge
      size={size}
      radius="sm"
      tt="none"
      fw={600}
      title={title}
      // max-content: a crowded table column must grow for the words rather than cut them off.
      style={{ ...TONES[tone], border: `1px solid ${TONES[tone].borderColor}`, flex: 'none', minWidth: 'max-content' }}
      leftSection={
        <svg width="12" height="12" viewBox="0 0 12 12" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
          {ICONS[tone]}
        </svg>
      }
    >
      {label}
    </Badge>
  );
}

/** `dibayar s.d. November 2026`, or null when there is nothing to say (not enrolled). */
function usePaidUntilText(coverage: Coverage): string | null {
  const { t } = useTranslation();
  const lang = useLang();
  if (coverage.status === 'not_enrolled') return null;
  return coverage.paidUntil ? t('coverage.paidUntil', { month: formatMonth(coverage.paidUntil, lang) }) : t('coverage.nothingPaid');
}

/**
 * A worker's protection today as a badge (colour, shape and words). With `withPaidUntil` the month paid up
 * to is written out beside it (`inline`) or under it (`stacked`), since a title tooltip never shows on a phone.
 */
export function CoverageBadge({
  coverage,
  size = 'md',
  withPaidUntil,
}: {
  coverage: Coverage;
  size?: MantineSize;
  withPaidUntil?: 'inline' | 'stacked';
}) {
  const { t } = useTranslation();
  const paidUntil = usePaidUntilText(coverage);
  const badge = (
    <StatusBadge tone={COVERAGE_TONE[coverage.status]} label={t(`coverage.status.${coverage.status}`)} size={size} title={paidUntil ?? undefined} />
  );
  if (!withPaidUntil || !paidUntil) return badge;
  const line = (
    <Text size={size === 'lg' || size === 'xl' ? 'sm' : 'xs'} c="dimmed" style={{ whiteSpace: 'nowrap' }}>
      {paidUntil}
    </Text>
  );
  return withPaidUntil === 'stacked' ? (
    <Stack gap={2} align="flex-start">
      {badge}
      {line}
    </Stack>
  ) : (
    <Group gap={6} wrap="wrap" align="center">
      {badge}
      {line}
    </Group>
  );
}

/** The status of one programme (JKK, JKM, JHT) today, as Jaring derives it or a BPJS file states it. */
export function ProgramStatusBadge({ status, size = 'sm' }: { status: ProgramStatus | 'non_active'; size?: MantineSize }) {
  const { t } = useTranslation();
  return <StatusBadge tone={PROGRAM_TONE[status]} label={t(`coverage.programStatus.${status}`)} size={size} />;
}
