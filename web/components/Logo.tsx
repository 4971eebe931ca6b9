import { Box, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The app's name with the served region under it; the mark is a small net drawn in SVG (no image request). */
export function Logo({ subtitle }: { subtitle?: string }) {
  const { t } = useTranslation();
  return (
    <Group gap={10} wrap="nowrap" miw={0}>
      <Box component="svg" viewBox="0 0 32 32" w={32} h={32} aria-hidden style={{ flex: 'none' }}>
        <rect width="32" height="32" rx="8" fill="var(--mantine-color-jaring-9)" />
        <path d="M6 10h20M6 16h20M6 22h20M10 6v20M16 6v20M22 6v20" stroke="#fff" strokeWidth="2" strokeLinecap="round" opacity="0.9" />
      </Box>
      <Box miw={0}>
        <Text fw={750} size="lg" lh={1.1}>
          {t('app.name')}
        </Text>
        {subtitle && (
          <Text size="xs" c="dimmed" lh={1.2} truncate>
            {subtitle}
          </Text>
        )}
      </Box>
    </Group>
  );
}
