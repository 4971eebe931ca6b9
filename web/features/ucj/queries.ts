/** TanStack Query hooks of the coverage dashboard and its settings; every key starts with `coverage`. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  BreakdownResponse,
  CoverageGrouping,
  CoverageResponse,
  CoverageSettings,
  HeadlineResponse,
  TrendResponse,
  denominatorListSchema,
  denominatorPutSchema,
  targetListSchema,
  targetPutSchema,
} from '../../../core/coverage.schema.ts';
import { api, withQuery } from '../../api/client.ts';

export type TargetList = z.infer<typeof targetListSchema>;
export type DenominatorList = z.infer<typeof denominatorListSchema>;
export type Denominator = DenominatorList['items'][number];
export type TargetPut = z.input<typeof targetPutSchema>;
export type DenominatorPut = z.input<typeof denominatorPutSchema>;

export interface CoverageQuery {
  region: string;
  date?: string;
  by?: CoverageGrouping;
}

export const coverageKeys = {
  all: ['coverage'] as const,
  figures: (query: CoverageQuery) => ['coverage', 'figures', query] as const,
  headline: (region: string) => ['coverage', 'headline', region] as const,
  breakdown: (region: string, date?: string) => ['coverage', 'breakdown', region, date ?? ''] as const,
  trend: (region: string) => ['coverage', 'trend', region] as const,
  settings: ['coverage', 'settings'] as const,
  targets: (region: string) => ['coverage', 'targets', region] as const,
  denominators: (region: string) => ['coverage', 'denominators', region] as const,
};

/** A region's own row and those of its districts or villages on a date. */
export function useCoverage(query: CoverageQuery) {
  return useQuery({
    queryKey: coverageKeys.figures(query),
    queryFn: () => api<CoverageResponse>('GET', withQuery('/api/coverage', { ...query })),
    placeholderData: keepPreviousData,
  });
}

/** Today's headline figures: coverage, uncovered, lapsing within 30 days, benefits paid (the server takes no date). */
export function useCoverageHeadline(region: string) {
  return useQuery({
    queryKey: coverageKeys.headline(region),
    queryFn: () => api<HeadlineResponse>('GET', withQuery('/api/coverage/headline', { region })),
    placeholderData: keepPreviousData,
  });
}

export function useCoverageBreakdown(region: string, date?: string) {
  return useQuery({
    queryKey: coverageKeys.breakdown(region, date),
    queryFn: () => api<BreakdownResponse>('GET', withQuery('/api/coverage/breakdown', { region, date })),
    placeholderData: keepPreviousData,
  });
}

export function useCoverageTrend(region: string) {
  return useQuery({
    queryKey: coverageKeys.trend(region),
    queryFn: () => api<TrendResponse>('GET', withQuery('/api/coverage/trend', { region })),
  });
}

export function useCoverageSettings() {
  return useQuery({ queryKey: coverageKeys.settings, queryFn: () => api<CoverageSettings>('GET', '/api/coverage/settings') });
}

export function useCoverageTargets(region: string | undefined) {
  return useQuery({
    queryKey: coverageKeys.targets(region ?? ''),
    queryFn: () => api<TargetList>('GET', withQuery('/api/coverage/targets', { region })),
    enabled: Boolean(region),
  });
}

export function useCoverageDenominators(region: string | undefined) {
  return useQuery({
    queryKey: coverageKeys.denominators(region ?? ''),
    queryFn: () => api<DenominatorList>('GET', withQuery('/api/coverage/denominators', { region })),
    enabled: Boolean(region),
  });
}

type Client = ReturnType<typeof useQueryClient>;

/** Figures that depend on thresholds and denominators: the dashboard's rows, headline and trend. */
function invalidateFigures(client: Client) {
  for (const part of ['figures', 'headline', 'trend'] as const) void client.invalidateQueries({ queryKey: ['coverage', part] });
}

export function useSaveCoverageSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CoverageSettings) => api<CoverageSettings>('PUT', '/api/coverage/settings', body),
    onSuccess: (saved) => {
      client.setQueryData(coverageKeys.settings, saved);
      invalidateFigures(client);
    },
  });
}

const regionYearPath = (kind: 'targets' | 'denominators', region: string, year: number) =>
  `/api/coverage/${kind}/${encodeURIComponent(region)}/${encodeURIComponent(String(year))}`;

/** Targets feed the trend chart and its projection. */
function invalidateTargets(client: Client) {
  void client.invalidateQueries({ queryKey: ['coverage', 'targets'] });
  void client.invalidateQueries({ queryKey: ['coverage', 'trend'] });
}

export function useSaveTarget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ region, year, body }: { region: string; year: number; body: TargetPut }) => api<unknown>('PUT', regionYearPath('targets', region, year), body),
    onSuccess: () => invalidateTargets(client),
  });
}

export function useDeleteTarget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ region, year }: { region: string; year: number }) => api<void>('DELETE', regionYearPath('targets', region, year)),
    onSuccess: () => invalidateTargets(client),
  });
}

/** An official denominator changes every official percentage, the categories and the projection. */
function invalidateDenominators(client: Client) {
  void client.invalidateQueries({ queryKey: ['coverage', 'denominators'] });
  invalidateFigures(client);
}

export function useSaveDenominator() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ region, year, body }: { region: string; year: number; body: DenominatorPut }) =>
      api<unknown>('PUT', regionYearPath('denominators', region, year), body),
    onSuccess: () => invalidateDenominators(client),
  });
}

export function useDeleteDenominator() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ region, year }: { region: string; year: number }) => api<void>('DELETE', regionYearPath('denominators', region, year)),
    onSuccess: () => invalidateDenominators(client),
  });
}
