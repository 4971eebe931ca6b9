import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../api/client.ts';

/** A whole-page answer to a failed load: out of area (403), gone (404), or anything else with a retry. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (isApiError(error, 403)) {
    return (
      <Message title={t('errors.forbiddenTitle')} tone="orange">
        <Text>{error.message}</Text>
        <Text c="dimmed" size="sm">
          {t('errors.forbiddenBody')}
        </Text>
        <HomeButton />
      </Message>
    );
  }
  if (isApiError(error, 404)) {
    return (
      <Message title={t('errors.notFoundTitle')} tone="gray">
        <Text>{t('errors.notFoundBody')}</Text>
        <HomeButton />
      </Message>
    );
  }
  return (
    <Message title={t('errors.genericTitle')} tone="red">
      <Text>{error instanceof Error ? error.message : String(error)}</Text>
      {onRetry && (
        <Group>
          <Button variant="light" onClick={onRetry}>
            {t('app.retry')}
          </Button>
        </Group>
      )}
    </Message>
  );
}

export function Message({ title, tone, children }: { title: string; tone: string; children: React.ReactNode }) {
  return (
    <Paper withBorder radius="lg" p={{ base: 'md', sm: 'xl' }} maw={640} mx="auto" mt="lg" style={{ borderTop: `4px solid var(--mantine-color-${tone}-6)` }}>
      <Stack gap="sm" role="alert">
        <Title order={1} size="h3">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function HomeButton() {
  const { t } = useTranslation();
  return (
    <Group>
      <Button component={Link} to="/" variant="light">
        {t('errors.toMyArea')}
      </Button>
    </Group>
  );
}
