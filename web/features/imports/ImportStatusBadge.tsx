import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportStatus } from '../../api/types.ts';
import { isKnownLayout } from './import-rules.ts';

const STATUS_COLORS: Record<ImportStatus, string> = { queued: 'gray', running: 'blue', done: 'green', failed: 'red' };

export function ImportStatusBadge({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} tt="none" style={{ flex: 'none', minWidth: 'max-content' }}>
      {t(`imports.status.${status}`)}
    </Badge>
  );
}

/** The words for a Jaring field key (`nik`, `birthDate`…); an unknown key is shown as it is. */
export function useFieldLabel(): (field: string) => string {
  const { t, i18n } = useTranslation();
  return (field) => {
    const key = `imports.fields.${field}`;
    return i18n.exists(key) ? t(key as 'imports.fields.nik') : field;
  };
}

/** The words for a file layout; a layout a newer server names is shown as it is. */
export function useLayoutLabel(): (layout: string | null, form?: 'long' | 'short') => string {
  const { t } = useTranslation();
  return (layout, form = 'long') => {
    if (layout === null) return '';
    if (!isKnownLayout(layout)) return layout;
    return form === 'short' ? t(`imports.layoutShort.${layout}`) : t(`imports.layout.${layout}`);
  };
}
