/** TanStack Query hooks of claims and benefits; every key starts with `claims` (or `benefits`). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  BenefitEstimateDto,
  BenefitEstimateRequest,
  BenefitRateCreateInput,
  ClaimActionBody,
  ClaimCheckDto,
  ClaimCreateInput,
  ClaimDetailDto,
  ClaimListQuery,
  ClaimPatchInput,
  ClaimPaymentCreateInput,
  ClaimSettings,
  ClaimTotalsDto,
  ClaimTotalsQuery,
  HandoverCreateInput,
  HandoverDetailDto,
  HandoverDto,
  HeirInput,
  benefitRateListSchema,
  claimListSchema,
  heirPatchSchema,
} from '../../../core/claims.schema.ts';
import type { ClaimAction, ClaimEvent } from '../../../core/claims.ts';
import { api, withQuery } from '../../api/client.ts';

export type ClaimList = z.infer<typeof claimListSchema>;
export type ClaimSummary = ClaimList['items'][number];
export type ClaimDetail = ClaimDetailDto;
export type BenefitRateList = z.infer<typeof benefitRateListSchema>;
export type HeirPatch = z.input<typeof heirPatchSchema>;

export const claimKeys = {
  all: ['claims'] as const,
  list: (query: ClaimListQuery) => ['claims', 'list', query] as const,
  detail: (id: string) => ['claims', 'detail', id] as const,
  check: (workerId: string, event: ClaimEvent, eventDate: string) => ['claims', 'check', workerId, event, eventDate] as const,
  totals: (query: ClaimTotalsQuery) => ['claims', 'totals', query] as const,
  settings: ['claims', 'settings'] as const,
  handovers: ['claims', 'handovers'] as const,
  handover: (id: string) => ['claims', 'handovers', id] as const,
  rates: ['benefits', 'rates'] as const,
};

/** Claims of a region, filtered and paged (warnings derived by the server). */
export function useClaims(query: ClaimListQuery) {
  return useQuery({
    queryKey: claimKeys.list(query),
    queryFn: () => api<ClaimList>('GET', withQuery('/api/claims', { ...query })),
    placeholderData: keepPreviousData,
  });
}

/** One claim with heirs, checklist, steps, payments and scholarships (the read is audited). */
export function useClaim(id: string) {
  return useQuery({ queryKey: claimKeys.detail(id), queryFn: () => api<ClaimDetail>('GET', `/api/claims/${id}`), enabled: id !== '' });
}

/** Was the worker protected on the day, and what would the claim pay? Asked as soon as worker, event and day are known. */
export function useClaimCheck(workerId: string, event: ClaimEvent | null, eventDate: string) {
  return useQuery({
    queryKey: claimKeys.check(workerId, event ?? 'death_natural', eventDate),
    queryFn: () => api<ClaimCheckDto>('GET', withQuery('/api/claims/check', { workerId, event, eventDate })),
    enabled: workerId !== '' && event !== null && /^\d{4}-\d{2}-\d{2}$/.test(eventDate),
    retry: false,
  });
}

/** Every write on a claim answers the claim as it now stands: put it in the cache and refresh the lists. */
function useClaimWrite<V>(request: (vars: V) => Promise<ClaimDetail>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (claim) => {
      client.setQueryData(claimKeys.detail(claim.id), claim);
      void client.invalidateQueries({ queryKey: ['claims', 'list'] });
      void client.invalidateQueries({ queryKey: ['claims', 'totals'] });
      if (claim.parentClaimId) void client.invalidateQueries({ queryKey: claimKeys.detail(claim.parentClaimId) });
      // A death changes the worker (deceased, participations ended) and the coverage figures.
      void client.invalidateQueries({ queryKey: ['workers'] });
      void client.invalidateQueries({ queryKey: ['coverage'] });
    },
  });
}

export function useReportClaim() {
  return useClaimWrite((input: ClaimCreateInput) => api<ClaimDetail>('POST', '/api/claims', input));
}

export function useUpdateClaim(id: string) {
  return useClaimWrite((patch: ClaimPatchInput) => api<ClaimDetail>('PATCH', `/api/claims/${id}`, patch));
}

export function useRecheckClaim(id: string) {
  return useClaimWrite(() => api<ClaimDetail>('POST', `/api/claims/${id}/recheck`, {}));
}

/** submit, approve, reject, cancel, reopen. */
export function useClaimAction(id: string) {
  return useClaimWrite(({ action, body }: { action: ClaimAction; body: ClaimActionBody }) => api<ClaimDetail>('POST', `/api/claims/${id}/${action}`, body));
}

export function useAddHeir(claimId: string) {
  return useClaimWrite((input: HeirInput) => api<ClaimDetail>('POST', `/api/claims/${claimId}/heirs`, input));
}

export function useUpdateHeir(claimId: string) {
  return useClaimWrite(({ heirId, patch }: { heirId: string; patch: HeirPatch }) => api<ClaimDetail>('PATCH', `/api/claims/${claimId}/heirs/${heirId}`, patch));
}

export function useRemoveHeir(claimId: string) {
  return useClaimWrite((heirId: string) => api<ClaimDetail>('DELETE', `/api/claims/${claimId}/heirs/${heirId}`));
}

export function useReceiveDocument(claimId: string) {
  return useClaimWrite(({ code, receivedOn, note }: { code: string; receivedOn: string; note?: string | null }) =>
    api<ClaimDetail>('PUT', `/api/claims/${claimId}/documents/${code}`, { receivedOn, note }),
  );
}

export function useWithdrawDocument(claimId: string) {
  return useClaimWrite((code: string) => api<ClaimDetail>('DELETE', `/api/claims/${claimId}/documents/${code}`));
}

export function useRecordClaimPayment(claimId: string) {
  return useClaimWrite((input: ClaimPaymentCreateInput) => api<ClaimDetail>('POST', `/api/claims/${claimId}/payments`, input));
}

export function useReverseClaimPayment(claimId: string) {
  return useClaimWrite(({ paymentId, reason }: { paymentId: string; reason: string }) => api<ClaimDetail>('POST', `/api/claims/${claimId}/payments/${paymentId}/reverse`, { reason }));
}

/** Claims one school year's scholarship; answers the new scholarship claim (the parent is refreshed). */
export function useClaimScholarship(claimId: string) {
  return useClaimWrite((input: { heirId: string; year: number; schoolLevel: 'TK' | 'SD' | 'SMP' | 'SMA' | 'PT' }) => api<ClaimDetail>('POST', `/api/claims/${claimId}/scholarships`, input));
}

// ---- Totals, ceremonies, settings, rates -----------------------------------------------------------

export function useClaimTotals(query: ClaimTotalsQuery) {
  return useQuery({
    queryKey: claimKeys.totals(query),
    queryFn: () => api<ClaimTotalsDto>('GET', withQuery('/api/claims/totals', { ...query })),
    placeholderData: keepPreviousData,
  });
}

export function useHandovers() {
  return useQuery({ queryKey: claimKeys.handovers, queryFn: () => api<{ items: HandoverDto[] }>('GET', '/api/claims/handovers') });
}

export function useHandover(id: string) {
  return useQuery({ queryKey: claimKeys.handover(id), queryFn: () => api<HandoverDetailDto>('GET', `/api/claims/handovers/${id}`), enabled: id !== '' });
}

export function useCreateHandover() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: HandoverCreateInput) => api<HandoverDetailDto>('POST', '/api/claims/handovers', input),
    onSuccess: (handover) => {
      client.setQueryData(claimKeys.handover(handover.id), handover);
      void client.invalidateQueries({ queryKey: claimKeys.handovers });
    },
  });
}

export function useReplaceHandoverClaims(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (claimIds: string[]) => api<HandoverDetailDto>('PUT', `/api/claims/handovers/${id}/claims`, { claimIds }),
    onSuccess: (handover) => {
      client.setQueryData(claimKeys.handover(handover.id), handover);
      void client.invalidateQueries({ queryKey: claimKeys.handovers });
    },
  });
}

export function useClaimSettings() {
  return useQuery({ queryKey: claimKeys.settings, queryFn: () => api<ClaimSettings>('GET', '/api/claims/settings') });
}

export function useSaveClaimSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (settings: ClaimSettings) => api<ClaimSettings>('PUT', '/api/claims/settings', settings),
    onSuccess: (settings) => {
      client.setQueryData(claimKeys.settings, settings);
      void client.invalidateQueries({ queryKey: claimKeys.all });
    },
  });
}

export function useBenefitRates() {
  return useQuery({ queryKey: claimKeys.rates, queryFn: () => api<BenefitRateList>('GET', '/api/benefits/rates') });
}

export function useCreateBenefitRate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: BenefitRateCreateInput) => api<BenefitRateList>('POST', '/api/benefits/rates', input),
    onSuccess: (list) => client.setQueryData(claimKeys.rates, list),
  });
}

/** The calculator: a mutation, so each press of "Hitung" asks once with the form as it is. */
export function useBenefitEstimate() {
  return useMutation({ mutationFn: (input: BenefitEstimateRequest) => api<BenefitEstimateDto>('POST', '/api/benefits/estimate', input) });
}
