/** TanStack Query hooks for every API call the app makes; query keys live here and nowhere else. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { z } from 'zod';
import type {
  CommitmentCreateInput,
  EnrolmentCreateInput,
  EnrolmentDetail,
  PaymentCreateInput,
  PlanResponse,
  PremiumRateCreateInput,
  ProposalRequest,
  ProposalResponse,
  QuoteRequest,
  QuoteResponse,
  WorklistKind,
  WorklistResponse,
  commitmentCreateResponseSchema,
  commitmentSchema,
  fundingSourceSchema,
  paymentDetailSchema,
  paymentSchema,
  ratesResponseSchema,
} from '../../core/financing.schema.ts';
import type { FundingKind } from '../../core/funding.ts';
import type { WorkerCreateInput, WorkerPatchInput } from '../../core/workers.schema.ts';
import type { Role } from '../../core/roles.ts';
import { api, isApiError, withQuery } from './client.ts';
import type {
  AuditEntry,
  ImportJob,
  ImportJobSummary,
  ImportKind,
  ImportPreview,
  Meta,
  Page,
  Region,
  ReviewItem,
  ReviewStatus,
  UnmatchedParticipant,
  User,
  WorkerDetail,
  WorkerSummary,
} from './types.ts';
import { uploadForm, type UploadOptions } from './upload.ts';

export const queryKeys = {
  meta: ['meta'] as const,
  me: ['me'] as const,
  region: (code: string) => ['regions', code] as const,
  children: (code: string) => ['regions', code, 'children'] as const,
  workers: (query: WorkerListQuery) => ['workers', 'list', query] as const,
  worker: (id: string) => ['workers', 'detail', id] as const,
  users: ['users'] as const,
  occupationMap: ['imports', 'occupation-map'] as const,
  audit: (query: AuditQuery) => ['audit', query] as const,
  imports: (query: PageQuery) => ['imports', 'list', query] as const,
  importJob: (id: string) => ['imports', 'detail', id] as const,
  reviews: (query: ReviewQuery) => ['reconciliation', 'reviews', query] as const,
  unmatched: (query: UnmatchedQuery) => ['reconciliation', 'unmatched', query] as const,
  rates: ['premiums', 'rates'] as const,
  enrolments: (workerId: string) => ['enrolments', workerId] as const,
  fundingSources: (query: FundingSourceQuery) => ['funding', 'sources', query] as const,
  plan: (query: PlanQuery) => ['funding', 'plan', query] as const,
  commitments: (query: CommitmentQuery) => ['funding', 'commitments', query] as const,
  payments: (query: PaymentQuery) => ['payments', 'list', query] as const,
  payment: (id: string) => ['payments', 'detail', id] as const,
  worklist: (query: WorklistQueryInput) => ['worklists', query] as const,
};

export function useMeta() {
  return useQuery({ queryKey: queryKeys.meta, queryFn: () => api<Meta>('GET', '/api/meta'), staleTime: 10 * 60_000 });
}

/** The logged-in user, or null when there is no session. */
export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: async () => {
      try {
        return (await api<{ user: User }>('GET', '/api/me')).user;
      } catch (error) {
        if (isApiError(error, 401)) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) => api<{ user: User }>('POST', '/api/auth/login', body),
    onSuccess: ({ user }) => {
      client.clear();
      client.setQueryData(queryKeys.me, user);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('POST', '/api/auth/logout'),
    onSettled: () => {
      client.clear();
      client.setQueryData(queryKeys.me, null);
    },
  });
}

export function useRegion(code: string | undefined) {
  return useQuery({
    queryKey: queryKeys.region(code ?? ''),
    queryFn: () => api<Region>('GET', `/api/regions/${code}`),
    enabled: Boolean(code),
  });
}

/** The child regions of a region, as useRegionChildren and on-demand loaders (fetchQuery) share them. */
export function regionChildrenQuery(code: string) {
  return {
    queryKey: queryKeys.children(code),
    queryFn: async () => (await api<{ items: Region[] }>('GET', `/api/regions/${code}/children`)).items,
  };
}

export function useRegionChildren(code: string | undefined) {
  return useQuery({ ...regionChildrenQuery(code ?? ''), enabled: Boolean(code) });
}

export interface WorkerListQuery {
  village?: string;
  district?: string;
  q?: string;
  /** covered: JKK and JKM both active today; uncovered: everyone else (grace, lapsed, never enrolled). */
  coverage?: 'covered' | 'uncovered';
  page: number;
  pageSize: number;
}

export function useWorkers(query: WorkerListQuery) {
  return useQuery({
    queryKey: queryKeys.workers(query),
    queryFn: () => api<Page<WorkerSummary>>('GET', withQuery('/api/workers', { ...query })),
    placeholderData: keepPreviousData,
  });
}

/** One worker; nothing is asked while `id` is empty (a form whose worker is not chosen yet). */
export function useWorker(id: string) {
  return useQuery({ queryKey: queryKeys.worker(id), queryFn: () => api<WorkerDetail>('GET', `/api/workers/${id}`), enabled: id !== '' });
}

/** Counts and lists change after any write to the register. */
function invalidateRegister(client: ReturnType<typeof useQueryClient>) {
  void client.invalidateQueries({ queryKey: ['workers', 'list'] });
  void client.invalidateQueries({ queryKey: ['regions'] });
}

export function useCreateWorker() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: WorkerCreateInput) => api<WorkerDetail>('POST', '/api/workers', body),
    onSuccess: (worker) => {
      client.setQueryData(queryKeys.worker(worker.id), worker);
      invalidateRegister(client);
    },
  });
}

export function useUpdateWorker(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: WorkerPatchInput) => api<WorkerDetail>('PATCH', `/api/workers/${id}`, patch),
    onSuccess: (worker) => {
      client.setQueryData(queryKeys.worker(worker.id), worker);
      invalidateRegister(client);
    },
  });
}

export function useDeleteWorker(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('DELETE', `/api/workers/${id}`),
    onSuccess: () => {
      client.removeQueries({ queryKey: queryKeys.worker(id) });
      invalidateRegister(client);
    },
  });
}

export function useUsers() {
  return useQuery({
    queryKey: queryKeys.users,
    queryFn: async () => (await api<{ items: User[] }>('GET', '/api/users')).items,
  });
}

export interface CreateUserInput {
  username: string;
  password: string;
  role: Role;
  regionCode: string;
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserInput) => api<User>('POST', '/api/users', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.users }),
  });
}

export interface AuditQuery {
  entity?: string;
  id?: string;
  page: number;
  pageSize: number;
}

export function useAudit(query: AuditQuery) {
  return useQuery({
    queryKey: queryKeys.audit(query),
    queryFn: () => api<Page<AuditEntry>>('GET', withQuery('/api/audit', { ...query })),
    placeholderData: keepPreviousData,
  });
}

export interface PageQuery {
  page: number;
  pageSize: number;
}

// ---------------------------------------------------------------- imports

/** While an import is waiting or running its page asks again every second. */
const IMPORT_POLL_MS = 1000;

export interface ImportUpload extends UploadOptions {
  kind: ImportKind;
  file: File;
  /** Village for census rows without their own village code; a village operator's is fixed by the server. */
  village?: string | null;
}

/** Sends the file to be read, not written: which layout it has and how its columns map. */
/** A CSV is checked from its first part only, so a large file crosses a slow connection once, not twice. */
const CSV_PREVIEW_BYTES = 512 * 1024;

export function usePreviewImport() {
  return useMutation({
    mutationFn: ({ kind, file, village, ...options }: ImportUpload) => {
      const isCsv = /\.(csv|txt)$/i.test(file.name) || file.type === 'text/csv';
      const sent = isCsv && file.size > CSV_PREVIEW_BYTES ? new File([file.slice(0, CSV_PREVIEW_BYTES)], file.name, { type: file.type }) : file;
      return uploadForm<ImportPreview>('/api/imports/preview', { file: sent, kind, village, fileSize: String(file.size) }, options);
    },
  });
}

/** Sends the file for import; the server answers 202 with the job to follow. */
export function useStartImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file, village, ...options }: ImportUpload) =>
      uploadForm<{ id: string }>(`/api/imports/${kind}`, { file, village }, options),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['imports', 'list'] }),
  });
}

export function useImportJob(id: string) {
  return useQuery({
    queryKey: queryKeys.importJob(id),
    queryFn: () => api<ImportJob>('GET', `/api/imports/${id}`),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'queued' || status === 'running' ? IMPORT_POLL_MS : false;
    },
    staleTime: 0,
  });
}

/** What a finished import may have changed: the register, its counts and the reconciliation lists. */
export function useInvalidateAfterImport() {
  const client = useQueryClient();
  return useCallback(() => {
    invalidateRegister(client);
    void client.invalidateQueries({ queryKey: ['workers', 'detail'] });
    void client.invalidateQueries({ queryKey: ['imports', 'list'] });
    void client.invalidateQueries({ queryKey: ['reconciliation'] });
  }, [client]);
}

export function useImports(query: PageQuery) {
  return useQuery({
    queryKey: queryKeys.imports(query),
    queryFn: () => api<Page<ImportJobSummary>>('GET', withQuery('/api/imports', { ...query })),
    placeholderData: keepPreviousData,
    // The history shows running imports too; keep their counts moving while any is unfinished.
    refetchInterval: (q) => (q.state.data?.items.some((i) => i.status === 'queued' || i.status === 'running') ? 3000 : false),
  });
}

// ---------------------------------------------------------------- reconciliation

export interface ReviewQuery extends PageQuery {
  status: ReviewStatus;
}

export function useReviews(query: ReviewQuery) {
  return useQuery({
    queryKey: queryKeys.reviews(query),
    queryFn: () => api<Page<ReviewItem>>('GET', withQuery('/api/reconciliation/reviews', { ...query })),
    placeholderData: keepPreviousData,
  });
}

/** Confirms (`confirm`) or rejects (`reject`) that a BPJS participant is the registered worker. */
export function useDecideReview() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'confirm' | 'reject' }) =>
      api<ReviewItem>('POST', `/api/reconciliation/reviews/${id}/${decision}`, {}),
    // Also after a refusal: another officer may have decided the pair first.
    onSettled: () => void client.invalidateQueries({ queryKey: ['reconciliation'] }),
    onSuccess: (item) => {
      // A confirmed pair links the worker to the BPJS enrolment: protection and lists change.
      if (item.status === 'confirmed') {
        invalidateRegister(client);
        void client.invalidateQueries({ queryKey: queryKeys.worker(item.worker.id) });
      }
    },
  });
}

export interface UnmatchedQuery extends PageQuery {
  q?: string;
}

export function useUnmatched(query: UnmatchedQuery) {
  return useQuery({
    queryKey: queryKeys.unmatched(query),
    queryFn: () => api<Page<UnmatchedParticipant>>('GET', withQuery('/api/reconciliation/unmatched', { ...query })),
    placeholderData: keepPreviousData,
  });
}

export interface CivilOccupationMapping {
  key: string;
  civilId: number | null;
  label: string;
  occupation: string | null;
  reason: string;
  updatedAt: string;
  updatedBy: string | null;
}

/** How the civil registry's 89 occupations (OpenSID/SIAK exports) map to Jaring's occupations. */
export function useOccupationMap() {
  return useQuery({
    queryKey: queryKeys.occupationMap,
    queryFn: async () => (await api<{ items: CivilOccupationMapping[] }>('GET', '/api/imports/occupation-map')).items,
  });
}

export function useChangeOccupationMapping() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ key, occupation }: { key: string; occupation: string | null }) =>
      api<CivilOccupationMapping>('PUT', `/api/imports/occupation-map/${encodeURIComponent(key)}`, { occupation }),
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.occupationMap }),
  });
}

// ---------------------------------------------------------------- premiums, enrolment and financing
// Shapes come from core/financing.schema.ts, the same schemas the server serialises with.

export type PremiumRates = z.infer<typeof ratesResponseSchema>;
export type PremiumRate = PremiumRates['rates'][number];
export type GraceRule = PremiumRates['graceRules'][number];
export type FundingSource = z.infer<typeof fundingSourceSchema>;
export type Commitment = z.infer<typeof commitmentSchema>;
export type CommitmentCreateResponse = z.infer<typeof commitmentCreateResponseSchema>;
export type Payment = z.infer<typeof paymentSchema>;
export type PaymentDetail = z.infer<typeof paymentDetailSchema>;
export type EnrolmentRecord = EnrolmentDetail;
export type { PlanResponse, ProposalRequest, ProposalResponse, QuoteRequest, QuoteResponse, WorklistKind, WorklistResponse };


/** Money moved or promised: budgets, plans, lists, protection and the register's badges all change. */
function invalidateFinancing(client: ReturnType<typeof useQueryClient>) {
  void client.invalidateQueries({ queryKey: ['funding'] });
  void client.invalidateQueries({ queryKey: ['payments'] });
  void client.invalidateQueries({ queryKey: ['worklists'] });
  void client.invalidateQueries({ queryKey: ['enrolments'] });
  void client.invalidateQueries({ queryKey: ['workers', 'detail'] });
  invalidateRegister(client);
}

export function useRates() {
  return useQuery({ queryKey: queryKeys.rates, queryFn: () => api<PremiumRates>('GET', '/api/premiums/rates'), staleTime: 5 * 60_000 });
}

export function useCreateRate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PremiumRateCreateInput) => api<PremiumRate>('POST', '/api/premiums/rates', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['premiums'] }),
  });
}

export function useCreateGraceRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { months: number; validFrom: string; regulation: string; note?: string | null }) =>
      api<GraceRule>('POST', '/api/premiums/grace-rules', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['premiums'] }),
  });
}

/** Prices a period; a mutation because it is asked on demand, not kept. */
export function useQuote() {
  return useMutation({ mutationFn: (body: QuoteRequest) => api<QuoteResponse>('POST', '/api/premiums/quote', body) });
}

export function useEnrolments(workerId: string) {
  return useQuery({
    queryKey: queryKeys.enrolments(workerId),
    queryFn: async () => (await api<{ items: EnrolmentDetail[] }>('GET', `/api/workers/${workerId}/enrolments`)).items,
  });
}

export function useCreateEnrolment(workerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: EnrolmentCreateInput) => api<{ items: EnrolmentDetail[] }>('POST', `/api/workers/${workerId}/enrolments`, body),
    onSuccess: () => invalidateFinancing(client),
  });
}

export function usePatchEnrolment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; kpj?: string | null; declaredIncome?: number }) =>
      api<EnrolmentDetail>('PATCH', `/api/enrolments/${id}`, body),
    onSuccess: () => invalidateFinancing(client),
  });
}

export function useEndEnrolment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; endedOn: string; reason: string }) => api<EnrolmentDetail>('POST', `/api/enrolments/${id}/end`, body),
    onSuccess: () => invalidateFinancing(client),
  });
}

export interface FundingSourceQuery {
  year: number;
  region?: string;
}

export function useFundingSources(query: FundingSourceQuery, enabled = true) {
  return useQuery({
    queryKey: queryKeys.fundingSources(query),
    queryFn: async () => (await api<{ items: FundingSource[] }>('GET', withQuery('/api/funding/sources', { ...query }))).items,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCreateFundingSource() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: FundingKind; regionCode?: string; name?: string }) => api<FundingSource>('POST', '/api/funding/sources', body),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['funding'] }),
  });
}

export function usePutBudget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ sourceId, year, ...body }: { sourceId: string; year: number; amount: number; budgetLine?: string | null; legalBasis?: string | null }) =>
      api<FundingSource>('PUT', `/api/funding/sources/${sourceId}/budgets/${year}`, body),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['funding'] }),
  });
}

export interface PlanQuery {
  village: string;
  year: number;
}

export function usePlan(query: PlanQuery) {
  return useQuery({
    queryKey: queryKeys.plan(query),
    queryFn: () => api<PlanResponse>('GET', withQuery('/api/funding/plan', { ...query })),
    enabled: Boolean(query.village),
    placeholderData: keepPreviousData,
  });
}

export function useProposal() {
  return useMutation({ mutationFn: (body: ProposalRequest) => api<ProposalResponse>('POST', '/api/funding/proposals', body) });
}

export function useCreateCommitments() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CommitmentCreateInput) => api<CommitmentCreateResponse>('POST', '/api/funding/commitments', body),
    onSuccess: () => invalidateFinancing(client),
  });
}

export interface CommitmentQuery {
  sourceId?: string;
  village?: string;
  year?: number;
  page: number;
  pageSize?: number;
}

export function useCommitments(query: CommitmentQuery, enabled = true) {
  return useQuery({
    queryKey: queryKeys.commitments(query),
    queryFn: () => api<{ items: Commitment[]; total: number; totalAmount: number }>('GET', withQuery('/api/funding/commitments', { ...query })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCancelCommitment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => api<Commitment>('POST', `/api/funding/commitments/${id}/cancel`, { reason }),
    onSuccess: () => invalidateFinancing(client),
  });
}

export function useCreatePayment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PaymentCreateInput) => api<PaymentDetail>('POST', '/api/payments', body),
    onSuccess: () => invalidateFinancing(client),
  });
}

export interface PaymentQuery {
  sourceId?: string;
  village?: string;
  /** YYYY-MM-DD, on `paidOn`. */
  from?: string;
  to?: string;
  page: number;
}

export function usePayments(query: PaymentQuery) {
  return useQuery({
    queryKey: queryKeys.payments(query),
    queryFn: () => api<Page<Payment>>('GET', withQuery('/api/payments', { ...query })),
    placeholderData: keepPreviousData,
  });
}

export function usePayment(id: string | null) {
  return useQuery({
    queryKey: queryKeys.payment(id ?? ''),
    queryFn: () => api<PaymentDetail>('GET', `/api/payments/${id}`),
    enabled: Boolean(id),
  });
}

export function useReversePayment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => api<PaymentDetail>('POST', `/api/payments/${id}/reverse`, { reason }),
    onSuccess: () => invalidateFinancing(client),
  });
}

export interface WorklistQueryInput {
  kind: WorklistKind;
  region?: string;
  sourceId?: string;
  renewMonths?: number;
  page: number;
  pageSize: number;
}

export function useWorklist(query: WorklistQueryInput) {
  return useQuery({
    queryKey: queryKeys.worklist(query),
    queryFn: () => api<WorklistResponse>('GET', withQuery('/api/worklists/renewals', { ...query })),
    placeholderData: keepPreviousData,
  });
}
