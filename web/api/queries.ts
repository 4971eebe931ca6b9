/** TanStack Query hooks for every API call the app makes; query keys live here and nowhere else. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { WorkerCreateInput, WorkerPatchInput } from '../../core/workers.schema.ts';
import type { Role } from '../../core/roles.ts';
import { api, isApiError, withQuery } from './client.ts';
import type { AuditEntry, Meta, Page, Region, User, WorkerDetail, WorkerSummary } from './types.ts';

export const queryKeys = {
  meta: ['meta'] as const,
  me: ['me'] as const,
  region: (code: string) => ['regions', code] as const,
  children: (code: string) => ['regions', code, 'children'] as const,
  workers: (query: WorkerListQuery) => ['workers', 'list', query] as const,
  worker: (id: string) => ['workers', 'detail', id] as const,
  users: ['users'] as const,
  audit: (query: AuditQuery) => ['audit', query] as const,
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

export function useRegionChildren(code: string | undefined) {
  return useQuery({
    queryKey: queryKeys.children(code ?? ''),
    queryFn: async () => (await api<{ items: Region[] }>('GET', `/api/regions/${code}/children`)).items,
    enabled: Boolean(code),
  });
}

export interface WorkerListQuery {
  village?: string;
  district?: string;
  q?: string;
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

export function useWorker(id: string) {
  return useQuery({ queryKey: queryKeys.worker(id), queryFn: () => api<WorkerDetail>('GET', `/api/workers/${id}`) });
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
