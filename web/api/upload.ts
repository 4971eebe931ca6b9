/**
 * Multipart uploads with progress. `fetch` cannot report how much of a request body has been sent, so
 * files go through XMLHttpRequest; the answer is read exactly as `api()` reads it (JSON in, ApiError out).
 * The session cookie rides along (same origin) and the browser adds the Origin header the server checks.
 */
import { isApiErrorBody } from '../../core/api-error.ts';
import { ApiError } from './client.ts';

export interface UploadProgress {
  /** Bytes of the request body sent so far. */
  loaded: number;
  total: number;
  /** 0..100, whole numbers. */
  percent: number;
  /** Everything is sent; the server is still reading the file and has not answered yet. */
  isSent: boolean;
}

export interface UploadOptions {
  onProgress?: (progress: UploadProgress) => void;
  /** Aborting rejects with a DOMException named `AbortError`. */
  signal?: AbortSignal;
}

/** The part of a 0..100 bar a byte count fills, never past 100 and never NaN. */
export function percentOf(loaded: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.min(100, Math.max(0, Math.floor((loaded / total) * 100)));
}

/** True for the rejection an aborted upload ends with, which callers usually ignore. */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * POSTs `fields` as multipart/form-data (files and text fields; null and undefined are left out) and
 * resolves with the parsed JSON answer, or throws ApiError for a non-2xx answer or a lost connection.
 */
export function uploadForm<T>(path: string, fields: Record<string, string | Blob | null | undefined>, options: UploadOptions = {}): Promise<T> {
  const { onProgress, signal } = options;
  const form = new FormData();
  // Text fields first: a server reading the stream then knows them before the file arrives.
  const entries = Object.entries(fields).sort(([, a], [, b]) => Number(a instanceof Blob) - Number(b instanceof Blob));
  for (const [name, value] of entries) {
    if (value === null || value === undefined) continue;
    if (value instanceof File) form.append(name, value, value.name);
    else form.append(name, value);
  }

  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('Upload aborted', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.responseType = 'text';

    const report = (loaded: number, total: number, isSent: boolean) =>
      onProgress?.({ loaded, total, percent: isSent ? 100 : percentOf(loaded, total), isSent });
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) report(e.loaded, e.total, false);
    };
    xhr.upload.onload = (e) => report(e.loaded, e.total || e.loaded, true);

    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = () => signal?.removeEventListener('abort', onAbort);

    xhr.onabort = () => {
      settle();
      reject(new DOMException('Upload aborted', 'AbortError'));
    };
    // A network error or a connection the server closed early (e.g. a body over its size limit).
    xhr.onerror = () => {
      settle();
      reject(
        new ApiError(0, {
          error: { code: 'NETWORK', message: 'Unggahan terputus. Periksa sambungan internet lalu coba lagi.' },
        }),
      );
    };
    xhr.onload = () => {
      settle();
      const data = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve((xhr.status === 204 ? undefined : data) as T);
        return;
      }
      reject(
        new ApiError(
          xhr.status,
          isApiErrorBody(data)
            ? data
            : xhr.status === 413
              ? { error: { code: 'FILE_TOO_LARGE', message: 'Berkas terlalu besar untuk diunggah.' } }
              : { error: { code: `HTTP_${xhr.status}`, message: `Server menjawab dengan galat ${xhr.status}. Coba lagi nanti.` } },
        ),
      );
    };

    xhr.send(form);
  });
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
