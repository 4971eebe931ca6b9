import { Paper, Skeleton, Text, type TextProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../api/types.ts';
import { formatNumber } from '../lib/format.ts';
import { ErrorState } from './ErrorState.tsx';

interface PageQueryState<T> {
  isError: boolean;
  error: unknown;
  data: Page<T> | undefined;
  refetch: () => unknown;
}

/**
 * One page of a paged list as its query stands: the failure with a retry, a skeleton until the first
 * answer, a note when the page is empty, and otherwise `children` with the page.
 */
export function PagedResults<T>({
  query,
  skeletonHeight,
  empty,
  emptyRole,
  children,
}: {
  query: PageQueryState<T>;
  skeletonHeight: number;
  empty: ReactNode;
  emptyRole?: 'status';
  children: (data: Page<T>) => ReactNode;
}) {
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  if (!data) return <Skeleton h={skeletonHeight} radius="md" />;
  if (data.items.length === 0) {
    return (
      <Paper withBorder radius="md" p="lg">
        <Text c="dimmed" ta="center" role={emptyRole}>
          {empty}
        </Text>
      </Paper>
    );
  }
  return children(data);
}

/** `Menampilkan 21–40 dari 57` above a page of a list (`dari 10.000+` when the total is a floor). */
export function ShowingRange({ data, ...props }: { data: Page<unknown>; 'aria-live'?: 'polite' } & TextProps) {
  const { t } = useTranslation();
  const first = (data.page - 1) * data.pageSize;
  return (
    <Text size="sm" c="dimmed" {...props}>
      {t('workers.showing', {
        from: formatNumber(first + 1),
        to: formatNumber(first + data.items.length),
        total: `${formatNumber(data.total)}${data.totalIsCapped ? '+' : ''}`,
      })}
    </Text>
  );
}
