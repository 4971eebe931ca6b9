/**
 * One error type for the whole server. Domain code throws `AppError` with a code; the HTTP status is
 * chosen here, in one place, and every answer has the shape in core/api-error.ts.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ApiErrorBody, FieldError } from '../core/api-error.ts';

const STATUS_BY_KIND = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  tooLarge: 413,
  tooMany: 429,
} as const;

export type ErrorKind = keyof typeof STATUS_BY_KIND;

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly extra: Partial<ApiErrorBody['error']> = {},
  ) {
    super(message);
  }

  get status(): number {
    return STATUS_BY_KIND[this.kind];
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}), ...this.extra } };
  }
}

/** A 400 listing several invalid fields; the first one is also the top-level `field`. */
export function validationError(fields: FieldError[]): AppError {
  const first = fields[0] ?? { field: '', code: 'VALIDATION_FAILED', message: 'Data tidak valid.' };
  const message =
    fields.length > 1 ? `${first.message} (dan ${fields.length - 1} isian lain perlu diperbaiki)` : first.message;
  return new AppError('validation', first.code, message, first.field || undefined, { fields });
}

export const errors = {
  unauthenticated: () =>
    new AppError('unauthenticated', 'UNAUTHENTICATED', 'Sesi Anda tidak ada atau sudah berakhir. Silakan masuk kembali.'),
  forbidden: (message = 'Anda tidak berwenang untuk data di luar wilayah atau peran Anda.') =>
    new AppError('forbidden', 'FORBIDDEN', message),
  notFound: (what: string) => new AppError('notFound', 'NOT_FOUND', `${what} tidak ditemukan.`),
};

/** A zod issue as both zod and fastify-type-provider-zod carry it: a code, a path, a message, our `params.code`. */
interface SchemaIssue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  params?: { code?: string };
}

/** Field errors from input that failed its zod schema; the codes say what kind of fix is needed. */
export function fieldErrorsFromIssues(
  issues: readonly SchemaIssue[],
  context: string,
  source: Record<string, unknown> | undefined,
): FieldError[] {
  return issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    const present = field === '' ? source !== undefined : valueAt(source, field) !== undefined;
    const missing = !present && issue.code === 'invalid_type';
    const code = issue.params?.code ?? (missing ? 'FIELD_REQUIRED' : (GENERIC_CODES[issue.code] ?? 'FIELD_INVALID'));
    const message = missing && !issue.message.includes('wajib') ? `Isian "${field || context}" wajib diisi.` : issue.message;
    return { field: field || context, code, message };
  });
}

/** What fastify-type-provider-zod puts in `err.validation` for each zod issue. */
interface FastifyZodIssue {
  keyword: string;
  instancePath: string;
  message: string;
  params: { params?: { code?: string } };
}

function issueFromFastify(item: FastifyZodIssue): SchemaIssue {
  const path = item.instancePath.replace(/^\//, '');
  return { code: item.keyword, path: path ? path.split('/') : [], message: item.message, params: item.params.params };
}

const GENERIC_CODES: Record<string, string> = {
  invalid_type: 'FIELD_INVALID_TYPE',
  too_small: 'FIELD_TOO_SMALL',
  too_big: 'FIELD_TOO_BIG',
  invalid_format: 'FIELD_INVALID_FORMAT',
  invalid_value: 'FIELD_NOT_ALLOWED',
  unrecognized_keys: 'FIELD_UNKNOWN',
};

function valueAt(source: Record<string, unknown> | undefined, dotted: string): unknown {
  let value: unknown = source;
  for (const key of dotted.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function sourceOf(request: FastifyRequest, context: string): Record<string, unknown> | undefined {
  const part = { body: request.body, querystring: request.query, params: request.params, headers: request.headers }[
    context
  ];
  return typeof part === 'object' && part !== null ? (part as Record<string, unknown>) : undefined;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (err instanceof AppError) return reply.code(err.status).send(err.toBody());
    if (hasZodFastifySchemaValidationErrors(err)) {
      const context = err.validationContext ?? 'body';
      const issues = (err.validation as unknown as FastifyZodIssue[]).map(issueFromFastify);
      const fields = fieldErrorsFromIssues(issues, context, sourceOf(request, context));
      const appError = validationError(fields);
      return reply.code(400).send(appError.toBody());
    }
    const status = err.statusCode ?? 500;
    if (status === 413) {
      return reply.code(413).send(
        new AppError('tooLarge', 'PAYLOAD_TOO_LARGE', 'Data yang dikirim terlalu besar. Kirim berkas yang lebih kecil atau bagi menjadi beberapa bagian.').toBody(),
      );
    }
    if (status === 429) {
      return reply.code(429).send(
        new AppError('tooMany', 'RATE_LIMITED', 'Terlalu banyak percobaan. Tunggu satu menit lalu coba lagi.').toBody(),
      );
    }
    if (status >= 400 && status < 500) {
      // Malformed JSON, wrong content type and the like: the client's fault, said plainly.
      return reply.code(status).send({
        error: { code: err.code ?? 'BAD_REQUEST', message: 'Permintaan tidak dapat dibaca. Periksa format data yang dikirim (JSON).' },
      });
    }
    request.log.error({ err: { message: withoutQueryParams(err.message), stack: withoutQueryParams(err.stack), code: err.code } }, 'unhandled error');
    return reply.code(500).send({
      error: { code: 'INTERNAL', message: 'Terjadi kesalahan di server. Coba lagi; jika berulang, hubungi admin Disnakertrans.' },
    });
  });
}

/**
 * Errors Fastify's router raises before any route or hook runs (a path segment that is not valid
 * percent-encoding, a parameter over the length limit): without this they skip the error handler and
 * answer in Fastify's own shape.
 */
export function frameworkErrorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = err.statusCode ?? 400;
  if (status >= 500) {
    request.log.error({ err: { message: withoutQueryParams(err.message), code: err.code } }, 'router error');
    void reply.code(500).send({ error: { code: 'INTERNAL', message: 'Terjadi kesalahan di server. Coba lagi; jika berulang, hubungi admin Disnakertrans.' } });
    return;
  }
  void reply.code(status).send({ error: { code: err.code ?? 'BAD_URL', message: 'Alamat (URL) tidak valid atau terlalu panjang. Periksa alamat yang dibuka.' } });
}

export const NOT_FOUND_BODY: ApiErrorBody = { error: { code: 'NOT_FOUND', message: 'Alamat tidak ditemukan.' } };

/**
 * A failed query's error (Drizzle: "Failed query: … params: …") carries the values it was sent — NIKs,
 * names, phone numbers. Logs keep the SQL and drop the values (UU PDP: no personal data in logs).
 */
export function withoutQueryParams<T extends string | undefined>(text: T): T {
  return (text?.replace(/^params: .*$/gm, 'params: [redacted]') ?? text) as T;
}
