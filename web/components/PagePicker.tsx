import { Group, Pagination } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

/** Paging for long lists: 40-px touch targets, fewer page numbers on phones, labels for screen readers. */
export function PagePicker({ pages, page, onChange }: { pages: number; page: number; onChange: (page: number) => void }) {
  const { t } = useTranslation();
  const isWide = useMediaQuery('(min-width: 62em)', undefined, { getInitialValueInEffect: false });
  if (pages <= 1) return null;
  return (
    <Group justify="center" mt="xs">
      <Pagination
        aria-label={t('workers.pages')}
        total={pages}
        value={Math.min(page, pages)}
        onChange={onChange}
        siblings={isWide ? 1 : 0}
        boundaries={1}
        gap={4}
        getControlProps={(control) => ({ 'aria-label': control === 'previous' ? t('workers.previousPage') : t('workers.nextPage') })}
        getItemProps={(p) => ({ 'aria-label': t('workers.pageN', { page: p }) })}
        style={{ '--pagination-control-size': '40px' }}
      />
    </Group>
  );
}
