import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { setLang, useLang } from '../i18n/index.ts';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <SegmentedControl
      aria-label={t('app.language')}
      size="sm"
      value={lang}
      onChange={(value) => void setLang(value === 'en' ? 'en' : 'id')}
      data={[
        { value: 'id', label: 'ID' },
        { value: 'en', label: 'EN' },
      ]}
      styles={{ label: { minHeight: 34, display: 'flex', alignItems: 'center', paddingInline: 12 } }}
    />
  );
}
