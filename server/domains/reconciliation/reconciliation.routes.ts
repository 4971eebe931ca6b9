import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { errorResponses } from '../../http/responses.ts';
import { currentUser } from '../../plugins/session.ts';
import { decideReview, listReviews, listUnmatched, type ReconciliationContext } from './reconciliation.service.ts';

const personSchema = {
  nik: z.string().nullable(),
  name: z.string(),
  birthDate: z.string().nullable(),
  villageCode: z.string().nullable(),
  villageName: z.string().nullable(),
};

const participantSchema = z.object({
  kpj: z.string(),
  ...personSchema,
  programs: z.array(z.string()),
  status: z.enum(['active', 'non_active']),
  paidUntil: z.string().nullable(),
});

export const reviewSchema = z.object({
  id: z.string(),
  status: z.enum(['pending', 'confirmed', 'rejected']),
  /** 0..1: how alike the two records are. */
  score: z.number(),
  reasons: z.array(z.object({ code: z.string(), label: z.string() })),
  participant: participantSchema,
  worker: z.object({
    id: z.string(),
    ...personSchema,
    nik: z.string(),
    birthDate: z.string(),
    villageCode: z.string(),
    sex: z.enum(['M', 'F']),
    occupation: z.string(),
  }),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

const paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

export function reconciliationRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps.database;
  const context = (request: FastifyRequest): ReconciliationContext => ({ actor: currentUser(request), requestId: request.id, regions: deps.regions });

  return async (app) => {
    app.get(
      '/api/reconciliation/reviews',
      {
        schema: {
          tags: ['reconciliation'],
          summary: 'Suggested participant–worker pairs for an officer to confirm or reject (admin, bpjs)',
          querystring: z.object({ status: z.enum(['pending', 'confirmed', 'rejected']).default('pending'), ...paging }),
          response: {
            200: z.object({ items: z.array(reviewSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => listReviews(db, context(request), request.query),
    );

    for (const [verb, decision] of [
      ['confirm', 'confirmed'],
      ['reject', 'rejected'],
    ] as const) {
      app.post(
        `/api/reconciliation/reviews/:id/${verb}`,
        {
          schema: {
            tags: ['reconciliation'],
            summary: verb === 'confirm' ? 'Confirm: the participant is this worker (links them)' : 'Reject: not the same person (never suggested again)',
            params: z.object({ id: z.uuid({ error: 'Nomor usulan tidak valid.' }) }),
            body: z.object({}).passthrough().optional(),
            response: { 200: reviewSchema, ...errorResponses(400, 401, 403, 404, 409) },
          },
        },
        async (request) => decideReview(db, request.params.id, decision, context(request)),
      );
    }

    app.get(
      '/api/reconciliation/unmatched',
      {
        schema: {
          tags: ['reconciliation'],
          summary: 'BPJS participants not found in the register (no link and no pending suggestion)',
          querystring: z.object({ q: z.string().max(100).optional(), ...paging }),
          response: {
            200: z.object({
              items: z.array(participantSchema.extend({ id: z.string(), importId: z.string() })),
              total: z.number().int(),
              page: z.number().int(),
              pageSize: z.number().int(),
            }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => listUnmatched(db, context(request), request.query),
    );
  };
}
