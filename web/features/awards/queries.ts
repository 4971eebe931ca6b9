/** TanStack Query hooks of the leaderboard and award rounds; their query keys live here. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AwardRoundDto, LeaderboardResponse, awardRoundCreateSchema, awardRoundListSchema } from '../../../core/coverage.schema.ts';
import { api } from '../../api/client.ts';
import { leaderboardPath, type LeaderboardQuery } from './award-rules.ts';

export type AwardRoundSummary = z.infer<typeof awardRoundListSchema>['items'][number];
export type AwardRoundCreateInput = z.input<typeof awardRoundCreateSchema>;

export const awardKeys = {
  leaderboard: (query: LeaderboardQuery) => ['awards', 'leaderboard', query] as const,
  rounds: ['awards', 'rounds'] as const,
  round: (id: string) => ['awards', 'rounds', id] as const,
};

export function useLeaderboard(query: LeaderboardQuery) {
  return useQuery({
    queryKey: awardKeys.leaderboard(query),
    queryFn: () => api<LeaderboardResponse>('GET', leaderboardPath(query)),
    placeholderData: keepPreviousData,
  });
}

export function useAwardRounds() {
  return useQuery({
    queryKey: awardKeys.rounds,
    queryFn: async () => (await api<z.infer<typeof awardRoundListSchema>>('GET', '/api/awards/rounds')).items,
  });
}

export function useAwardRound(id: string) {
  return useQuery({ queryKey: awardKeys.round(id), queryFn: () => api<AwardRoundDto>('GET', `/api/awards/rounds/${encodeURIComponent(id)}`) });
}

export function useCreateAwardRound() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AwardRoundCreateInput) => api<AwardRoundDto>('POST', '/api/awards/rounds', body),
    onSuccess: (round) => {
      client.setQueryData(awardKeys.round(round.id), round);
      void client.invalidateQueries({ queryKey: awardKeys.rounds, exact: true });
    },
  });
}
