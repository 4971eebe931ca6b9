/** TanStack Query hooks of census rounds and their progress; their query keys live here. */
import { useMutation, useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import { useCallback } from 'react';
import type {
  CensusProgressDto,
  CensusRoundCreateInput,
  CensusRoundDetailDto,
  CensusRoundDto,
  CensusRoundPatchInput,
} from '../../../../core/census.ts';
import { api, withQuery } from '../../../api/client.ts';
import { regionChildrenQuery } from '../../../api/queries.ts';

export const censusRoundKeys = {
  all: ['census', 'rounds'] as const,
  list: ['census', 'rounds', 'list'] as const,
  detail: (id: string) => ['census', 'rounds', 'detail', id] as const,
  progress: (id: string, region: string) => ['census', 'rounds', 'progress', id, region] as const,
};

export function useCensusRounds() {
  return useQuery({
    queryKey: censusRoundKeys.list,
    queryFn: async () => (await api<{ items: CensusRoundDto[] }>('GET', '/api/census/rounds')).items,
  });
}

export function useCensusRound(id: string) {
  return useQuery({
    queryKey: censusRoundKeys.detail(id),
    queryFn: () => api<CensusRoundDetailDto>('GET', `/api/census/rounds/${encodeURIComponent(id)}`),
  });
}

/** Progress of one round in one region; without `region` the server answers for the caller's own. */
export function useCensusProgress(id: string, region: string | undefined) {
  return useQuery({
    queryKey: censusRoundKeys.progress(id, region ?? ''),
    queryFn: () => api<CensusProgressDto>('GET', withQuery(`/api/census/rounds/${encodeURIComponent(id)}/progress`, { region })),
    placeholderData: keepPreviousData,
    // Entries keep arriving while a round runs.
    refetchInterval: 60_000,
  });
}

export function useCreateCensusRound() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CensusRoundCreateInput) => api<CensusRoundDetailDto>('POST', '/api/census/rounds', body),
    onSuccess: (round) => {
      client.setQueryData(censusRoundKeys.detail(round.id), round);
      void client.invalidateQueries({ queryKey: censusRoundKeys.list, exact: true });
    },
  });
}

export function useUpdateCensusRound(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: CensusRoundPatchInput) => api<CensusRoundDetailDto>('PATCH', `/api/census/rounds/${encodeURIComponent(id)}`, patch),
    onSuccess: (round) => {
      client.setQueryData(censusRoundKeys.detail(round.id), round);
      void client.invalidateQueries({ queryKey: censusRoundKeys.list, exact: true });
      // Targets and villages feed the progress figures.
      void client.invalidateQueries({ queryKey: ['census', 'rounds', 'progress', id] });
    },
  });
}

/**
 * Loads the villages of a district on demand (the "whole district" and "all villages" shortcuts), sharing
 * the cache of useRegionChildren.
 */
export function useVillageLoader() {
  const client = useQueryClient();
  return useCallback(
    (districtCode: string) =>
      client.fetchQuery({ ...regionChildrenQuery(districtCode), staleTime: 5 * 60_000 }),
    [client],
  );
}
