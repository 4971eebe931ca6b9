import fs from 'node:fs';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { errorResponses } from '../../http/responses.ts';
import { currentUser } from '../../plugins/session.ts';
import { censusTemplateCsv, censusTemplateXlsx, rejectedRowsCsv } from './import-files.ts';
import type { ImportRunner } from './import-runner.ts';
import {
  assertMayImport,
  changeCivilOccupation,
  importActor,
  targetVillageFor,
  createImport,
  getImport,
  jobForRejectedFile,
  listCivilOccupations,
  listImports,
  previewImport,
  type ImportServiceContext,
} from './imports.service.ts';
import { civilOccupationSchema, importJobSchema, importListSchema, importPreviewSchema } from './imports.schemas.ts';
import { receiveUpload } from './upload.ts';

const idParams = z.object({ id: z.uuid({ error: 'Nomor impor tidak valid.' }) });
const multipartBody = { consumes: ['multipart/form-data'] };

export function importRoutes(deps: AppDeps, runner: ImportRunner): FastifyPluginAsyncZod {
  const { db } = deps.database;
  const context = (request: FastifyRequest): ImportServiceContext => ({
    actor: currentUser(request),
    requestId: request.id,
    regions: deps.regions,
    today: deps.today(),
  });
  const upload = (request: FastifyRequest) => receiveUpload(request, deps.config.importDir, deps.config.importMaxBytes);

  return async (app) => {
    for (const kind of ['workers', 'bpjs'] as const) {
      app.post(
        `/api/imports/${kind}`,
        {
          schema: {
            tags: ['imports'],
            summary:
              kind === 'workers'
                ? 'Import a census file (CSV/XLSX; also OpenSID and SIAK resident exports): multipart field `file`, optional `village`'
                : 'Import the BPJS participant file (CSV/XLSX) and link participants to the register: multipart field `file`',
            ...multipartBody,
            response: { 202: z.object({ id: z.string() }), ...errorResponses(400, 401, 403, 413) },
          },
        },
        async (request, reply) => {
          const ctx = context(request);
          assertMayImport(ctx.actor, kind);
          const { file, fields } = await upload(request);
          try {
            const targetVillage = targetVillageFor(ctx, kind, fields.village || undefined);
            const { id } = await createImport(db, file, { ...ctx, kind, importer: importActor(ctx.actor), targetVillage });
            runner.enqueue(id);
            return reply.code(202).send({ id });
          } catch (error) {
            fs.rmSync(file.path, { force: true });
            throw error;
          }
        },
      );
    }

    app.post(
      '/api/imports/preview',
      {
        schema: {
          tags: ['imports'],
          summary: 'Read the header and first rows of a file: detected layout, column mapping, missing columns (nothing is imported)',
          ...multipartBody,
          response: { 200: importPreviewSchema, ...errorResponses(400, 401, 403, 413) },
        },
      },
      async (request) => {
        const ctx = context(request);
        const { file, fields } = await upload(request);
        try {
          const kind = fields.kind === 'bpjs' ? 'bpjs' : 'workers';
          // The browser may send only the first part of a large CSV; `fileSize` is then the whole file's size.
          const fullSize = Number(fields.fileSize);
          const sized = Number.isSafeInteger(fullSize) && fullSize > file.size ? { ...file, size: fullSize } : file;
          return await previewImport(sized, kind, fields.village || undefined, ctx);
        } finally {
          fs.rmSync(file.path, { force: true });
        }
      },
    );

    app.get(
      '/api/imports',
      {
        schema: {
          tags: ['imports'],
          summary: "Imports, newest first (the regency office sees all, others their own)",
          querystring: z.object({
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(100).default(20),
          }),
          response: { 200: importListSchema, ...errorResponses(400, 401) },
        },
      },
      async (request) => listImports(db, context(request), request.query.page, request.query.pageSize),
    );

    app.get(
      '/api/imports/template',
      {
        schema: {
          tags: ['imports'],
          summary: 'The census import template (XLSX with help sheets, or CSV)',
          querystring: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
        },
      },
      async (request, reply) => {
        currentUser(request);
        if (request.query.format === 'csv') {
          return reply
            .header('content-type', 'text/csv; charset=utf-8')
            .header('content-disposition', 'attachment; filename="templat-sensus-pekerja.csv"')
            .send(censusTemplateCsv());
        }
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', 'attachment; filename="templat-sensus-pekerja.xlsx"')
          .send(await censusTemplateXlsx(deps.regions));
      },
    );

    app.get(
      '/api/imports/occupation-map',
      {
        schema: {
          tags: ['imports'],
          summary: "How the civil registry's 89 occupations (OpenSID/SIAK) map to Jaring's occupations",
          response: { 200: z.object({ items: z.array(civilOccupationSchema) }), ...errorResponses(401) },
        },
      },
      async (request) => {
        currentUser(request);
        return { items: await listCivilOccupations(db) };
      },
    );

    app.put(
      '/api/imports/occupation-map/:key',
      {
        schema: {
          tags: ['imports'],
          summary: 'Change the Jaring occupation of one civil-registry occupation (admin); null = not an informal worker',
          params: z.object({ key: z.string().min(1).max(100) }),
          body: z.object({ occupation: z.string().nullable() }),
          response: { 200: civilOccupationSchema.omit({ updatedAt: true }).extend({ updatedAt: z.string() }), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const row = await changeCivilOccupation(db, request.params.key, request.body.occupation, context(request));
        return { ...row, updatedAt: row.updatedAt.toISOString() };
      },
    );

    app.get(
      '/api/imports/:id',
      {
        schema: {
          tags: ['imports'],
          summary: 'Progress and result of an import: counts per outcome, rejected rows with reasons, BPJS linkage counts',
          params: idParams,
          response: { 200: importJobSchema, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => getImport(db, request.params.id, context(request)),
    );

    app.get(
      '/api/imports/:id/rejected',
      {
        schema: {
          tags: ['imports'],
          summary: "The rejected rows as CSV: the file's own columns plus the reason, to fix and upload again",
          params: idParams,
        },
      },
      async (request, reply) => {
        const job = await jobForRejectedFile(db, request.params.id, context(request));
        const base = job.fileName.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '_') || 'impor';
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${base}-ditolak.csv"`)
          .send(rejectedRowsCsv(db, job));
      },
    );
  };
}
