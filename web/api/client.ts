/**
 * The typed fetch client: JSON in, JSON out, the session cookie rides along. Every non-2xx answer
 * becomes an ApiError carrying the server's error body (its messages are already in Indonesian).
 */
import { isApiErrorBody, type ApiErrorBody, type FieldError } from '../../core/api-error.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.error.message);
    this.name = 'ApiError';
  }

  get code(): string {
    return this.body.error.code;
  }

  /** Every invalid field the server named, including a lone top-level `field`. */
  get fieldErrors(): FieldError[] {
    const { fields, field, code, message } = this.body.error;
    if (fields?.length) return fields;
    return field ? [{ field, code, message }] : [];
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

type Query = Record<string, string | number | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Calls the API; resolves with the parsed body (undefined for 204) or throws ApiError. */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, {
      error: { code: 'NETWORK', message: 'Tidak dapat menghubungi server. Periksa sambungan internet lalu coba lagi.' },
    });
  }
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    throw new ApiError(
      response.status,
      isApiErrorBody(data)
        ? data
        : { error: { code: `HTTP_${response.status}`, message: `Server menjawab dengan galat ${response.status}. Coba lagi nanti.` } },
    );
  }
  return data as T;
}
