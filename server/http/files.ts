/** Files the API hands out (XLSX, PDF, CSV): one shape, one way to send them, one way to name them. */
import type { FastifyReply } from 'fastify';

export interface FileAnswer {
  body: Buffer;
  contentType: string;
  fileName: string;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_TYPE = 'application/pdf';

/** Sends a file as a download; never cached (files carry personal data or figures of the day). */
export function sendFile(reply: FastifyReply, file: FileAnswer) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .header('cache-control', 'no-store')
    .send(file.body);
}

/** A file name without spaces or characters a browser or an OS would trip over: "Desa Ö 1" → "Desa-O-1". */
export function fileNameOf(...parts: string[]): string {
  return parts
    .join('-')
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}
