/** TanStack Query hooks of the public page (no login); their query keys live here. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { publicAwardResponseSchema, publicCoverageResponseSchema, publicTrendResponseSchema } from '../../../core/coverage.schema.ts';
import { api, withQuery } from '../../api/client.ts';

export type PublicCoverage = z.infer<typeof publicCoverageResponseSchema>;
export type PublicCoverageRow = PublicCoverage['rows'][number];
export type PublicTrend = z.infer<typeof publicTrendResponseSchema>;
export type PublicAward = z.infer<typeof publicAwardResponseSchema>;

export interface PublicCoverageQuery {
  by: 'district' | 'village';
  region?: string;
}

export const publicKeys = {
  coverage: (query: PublicCoverageQuery) => ['public', 'coverage', query] as const,
  trend: (region: string | undefined) => ['public', 'trend', region ?? ''] as const,
  latestAward: ['public', 'awards', 'latest'] as const,
};

// These routes need no session: api() sends none that matters, and a refusal shows as an error on this
// page (the 401 handler in main.tsx only forgets the user; nothing here redirects to the login page).
export function usePublicCoverage(query: PublicCoverageQuery) {
  return useQuery({
    queryKey: publicKeys.coverage(query),
    queryFn: () => api<PublicCoverage>('GET', withQuery('/api/public/coverage', { ...query })),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

export function usePublicTrend(region?: string) {
  return useQuery({
    queryKey: publicKeys.trend(region),
    queryFn: () => api<PublicTrend>('GET', withQuery('/api/public/trend', { region })),
    staleTime: 5 * 60_000,
  });
}

export function usePublicLatestAward() {
  return useQuery({
    queryKey: publicKeys.latestAward,
    queryFn: () => api<PublicAward>('GET', '/api/public/awards/latest'),
    staleTime: 5 * 60_000,
  });
}
