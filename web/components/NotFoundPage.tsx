import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Message } from './ErrorState.tsx';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Message title={t('errors.pageNotFoundTitle')} tone="gray">
      <Text>{t('errors.pageNotFoundBody')}</Text>
      <Group>
        <Button component={Link} to="/" variant="light">
          {t('errors.toMyArea')}
        </Button>
      </Group>
    </Message>
  );
}
