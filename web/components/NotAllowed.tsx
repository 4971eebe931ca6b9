import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Message } from './ErrorState.tsx';

/** Why a page turns the caller away; by default, that the page is not for their role. */
type Reason = 'errors.notForYourRole' | 'errors.notAllowedBody' | 'form.notAllowed';

/** The whole-page answer to a user whose role may not use the page. */
export function NotAllowed({ reason = 'errors.notForYourRole' }: { reason?: Reason }) {
  const { t } = useTranslation();
  return (
    <Message title={t('errors.notAllowedTitle')} tone="orange">
      <Text>{t(reason)}</Text>
    </Message>
  );
}
