/** Multipart uploads through app.inject, as the browser's FormData sends them. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface UploadOptions {
  cookie: string;
  fileName: string;
  content: string | Buffer;
  fields?: Record<string, string>;
  contentType?: string;
}

export function multipartBody(options: Omit<UploadOptions, 'cookie'>): { body: Buffer; contentType: string } {
  const boundary = `----jaring${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(options.fields ?? {})) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${options.fileName}"\r\nContent-Type: ${options.contentType ?? 'application/octet-stream'}\r\n\r\n`,
    ),
  );
  parts.push(Buffer.isBuffer(options.content) ? options.content : Buffer.from(options.content, 'utf8'));
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function upload(app: FastifyInstance, url: string, options: UploadOptions): Promise<LightMyRequestResponse> {
  const { body, contentType } = multipartBody(options);
  return app.inject({ method: 'POST', url, headers: { cookie: options.cookie, 'content-type': contentType }, payload: body });
}

/** Uploads a file for import, waits until the background job has run, and returns its result. */
export async function importAndWait(
  app: FastifyInstance,
  kind: 'workers' | 'bpjs',
  options: UploadOptions,
): Promise<{ id: string; job: Record<string, unknown> & { status: string; errors: { row: number; field: string | null; code: string; message: string }[] } }> {
  const res = await upload(app, `/api/imports/${kind}`, options);
  if (res.statusCode !== 202) throw new Error(`import upload answered ${res.statusCode}: ${res.body}`);
  const { id } = res.json() as { id: string };
  await app.imports.idle();
  const job = await app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: { cookie: options.cookie } });
  return { id, job: job.json() };
}
