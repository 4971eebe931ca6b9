import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  budgetPutSchema,
  commitmentCancelSchema,
  commitmentCreateResponseSchema,
  commitmentCreateSchema,
  commitmentListSchema,
  commitmentSchema,
  fundingSourceCreateSchema,
  fundingSourceListSchema,
  fundingSourceSchema,
  planResponseSchema,
  proposalRequestSchema,
  proposalResponseSchema,
} from '../../../core/financing.schema.ts';
import type { AppDeps } from '../../app.ts';
import { apiErrorSchema, errorResponses } from '../../http/responses.ts';
import { currentUser } from '../../plugins/session.ts';
import {
  cancelCommitment,
  createCommitments,
  createSource,
  getPlan,
  listCommitments,
  listSources,
  proposeWorkers,
  putBudget,
  type FinancingContext,
} from './financing.service.ts';

const yearSchema = z.coerce
  .number({ error: 'Tahun anggaran ditulis empat angka, misalnya 2026.' })
  .int('Tahun anggaran ditulis empat angka, misalnya 2026.')
  .min(2015, 'Tahun anggaran paling awal 2015.')
  .max(2100, 'Tahun anggaran tidak valid.');
const regionQuerySchema = z.string().regex(/^\d{2}(\.\d{2}){0,2}(\.\d{4})?$/, 'Kode wilayah tidak valid.');
const idParams = z.object({ id: z.uuid({ error: 'Pengenal tidak valid.' }) });

/** A double-funding refusal names every worker already paid for and who pays. */
const conflictErrorSchema = z.object({
  error: apiErrorSchema.shape.error.extend({
    conflicts: z
      .array(z.object({ workerId: z.string(), name: z.string(), sourceId: z.string(), sourceName: z.string(), fromMonth: z.string(), toMonth: z.string() }))
      .optional(),
  }),
});

export function financingRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps.database;
  const context = (request: FastifyRequest): FinancingContext => ({
    actor: currentUser(request),
    requestId: request.id,
    regions: deps.regions,
    today: deps.today(),
  });

  return async (app) => {
    app.get(
      '/api/funding/sources',
      {
        schema: {
          tags: ['financing'],
          summary: "Funding sources of the caller's region (and the regency's), with a fiscal year's budget, committed, paid and remaining",
          querystring: z.object({ year: yearSchema.optional(), region: regionQuerySchema.optional() }),
          response: { 200: fundingSourceListSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => listSources(db, context(request), request.query),
    );

    app.post(
      '/api/funding/sources',
      {
        schema: {
          tags: ['financing'],
          summary: 'Add a funding source (admin; a village operator its own ADD)',
          body: fundingSourceCreateSchema,
          response: { 201: fundingSourceSchema, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => reply.code(201).send(await createSource(db, context(request), request.body)),
    );

    app.put(
      '/api/funding/sources/:id/budgets/:year',
      {
        schema: {
          tags: ['financing'],
          summary: "Set a source's budget for a fiscal year (never below what is already committed)",
          params: z.object({ id: z.uuid({ error: 'Pengenal sumber dana tidak valid.' }), year: yearSchema }),
          body: budgetPutSchema,
          response: { 200: fundingSourceSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => putBudget(db, context(request), request.params.id, request.params.year, request.body),
    );

    app.post(
      '/api/funding/commitments',
      {
        schema: {
          tags: ['financing'],
          summary: 'Assign workers to a source for a period: checks budget, double funding and Dana Desa; enrols the workers',
          body: commitmentCreateSchema,
          response: { 201: commitmentCreateResponseSchema, ...errorResponses(400, 401, 403, 404), 409: conflictErrorSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await createCommitments(db, context(request), request.body)),
    );

    app.get(
      '/api/funding/commitments',
      {
        schema: {
          tags: ['financing'],
          summary: "Commitments for workers in the caller's region, by source, village and fiscal year",
          querystring: z.object({
            sourceId: z.uuid({ error: 'Pengenal sumber dana tidak valid.' }).optional(),
            village: regionQuerySchema.optional(),
            year: yearSchema.optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: { 200: commitmentListSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => listCommitments(db, context(request), request.query),
    );

    app.post(
      '/api/funding/commitments/:id/cancel',
      {
        schema: {
          tags: ['financing'],
          summary: 'Cancel an unpaid commitment (releases its cost from the budget)',
          params: idParams,
          body: commitmentCancelSchema,
          response: { 200: commitmentSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => cancelCommitment(db, context(request), request.params.id, request.body.reason),
    );

    app.get(
      '/api/funding/plan',
      {
        schema: {
          tags: ['financing'],
          summary: "A village's funding plan for a year: its sources, what they cover and how many more workers they can fund",
          querystring: z.object({ village: regionQuerySchema.optional(), year: yearSchema.optional() }),
          response: { 200: planResponseSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => getPlan(db, context(request), request.query),
    );

    app.post(
      '/api/funding/proposals',
      {
        schema: {
          tags: ['financing'],
          summary: "Rank a village's workers for funding and select within a budget (read-only)",
          body: proposalRequestSchema,
          response: { 200: proposalResponseSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => proposeWorkers(db, context(request), request.body),
    );
  };
}
