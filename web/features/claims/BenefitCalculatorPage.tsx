import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Placeholder until the page is built. */
export default function BenefitCalculatorPage() {
  const { t } = useTranslation();
  return <Title order={1} size="h2">{t('clmx.calculatorTitle')}</Title>;
}
