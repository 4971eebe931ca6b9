/** Queries the claims pages need beyond queries.ts. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { queryKeys } from '../../api/queries.ts';
import type { WorkerDetail } from '../../api/types.ts';

/** One worker when an id is given (the report form's `?worker=`); shares the cache of the worker's page. */
export function useOptionalWorker(id: string) {
  return useQuery({ queryKey: queryKeys.worker(id), queryFn: () => api<WorkerDetail>('GET', `/api/workers/${id}`), enabled: id !== '' });
}
