/** Small pieces both census round pages show: the state badge, the period and the target groups. */
import { Badge, Group, type MantineSize } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CensusRoundState } from '../../../../core/census.ts';
import { occupationLabel } from '../../../../core/occupations.ts';
import { useLang } from '../../../i18n/index.ts';
import { formatDate } from '../../../lib/format.ts';

const STATE_COLORS: Record<CensusRoundState, string> = {
  upcoming: 'blue',
  running: 'green',
  ended: 'gray',
  closed: 'orange',
};

/** Belum mulai / Berjalan / Selesai / Ditutup. */
export function RoundStateBadge({ state, size }: { state: CensusRoundState; size?: MantineSize }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLORS[state]} variant={state === 'running' ? 'filled' : 'light'} tt="none" radius="sm" size={size} style={{ minWidth: 'max-content' }} data-testid="round-state" data-state={state}>
      {t(`cnr.state.${state}`)}
    </Badge>
  );
}

/** `1 Maret 2027 – 31 Maret 2027`. */
export function useRoundPeriod(): (round: { startsOn: string; endsOn: string }) => string {
  const { t } = useTranslation();
  const lang = useLang();
  return (round) => t('cnr.period', { from: formatDate(round.startsOn, lang), to: formatDate(round.endsOn, lang) });
}

/** The occupations a round lists, as small badges. */
export function TargetGroups({ groups }: { groups: readonly string[] }) {
  const lang = useLang();
  return (
    <Group gap={4}>
      {groups.map((g) => (
        <Badge key={g} variant="outline" color="gray" tt="none" radius="sm" fw={500}>
          {occupationLabel(g, lang)}
        </Badge>
      ))}
    </Group>
  );
}
