import { Box, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMeta } from '../api/queries.ts';

export const DEMO_BANNER_HEIGHT = 32;

/** Shown on every page of an installation that holds the synthetic demo dataset. */
export function DemoBanner() {
  const { t } = useTranslation();
  const meta = useMeta();
  if (!meta.data?.demo) return null;
  return (
    <Box
      role="note"
      bg="yellow.3"
      c="dark.9"
      px="sm"
      h={DEMO_BANNER_HEIGHT}
      style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', borderBottom: '1px solid var(--mantine-color-yellow-5)' }}
    >
      <Text fw={700} size="xs" ta="center" lh={1.15}>
        {t('app.demoBanner')}
      </Text>
    </Box>
  );
}
