import { Box, Container, Group, Text } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { useMeta } from '../api/queries.ts';
import { DemoBanner } from './DemoBanner.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Logo } from './Logo.tsx';
import { PageLoader } from './PageLoader.tsx';

/** The frame of pages seen before logging in. */
export function PublicLayout() {
  const { t } = useTranslation();
  const meta = useMeta();
  return (
    <Box mih="100dvh" bg="gray.0">
      <DemoBanner />
      <Container size="sm" py="md">
        <Group justify="space-between" wrap="nowrap" mb="xl">
          <Logo subtitle={meta.data?.region.name} />
          <LanguageSwitch />
        </Group>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
        <Text c="dimmed" size="xs" ta="center" mt="xl">
          {t('app.tagline')}
        </Text>
      </Container>
    </Box>
  );
}
