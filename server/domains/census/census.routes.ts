import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  censusProgressSchema,
  censusRegisterSchema,
  censusRoundCreateSchema,
  censusRoundDetailSchema,
  censusRoundListSchema,
  censusRoundPatchSchema,
  censusSyncRequestSchema,
  censusSyncResponseSchema,
} from '../../../core/census.ts';
import { REGION_CODE_PATTERN } from '../../../core/regions.ts';
import type { AppDeps } from '../../app.ts';
import { errorResponses } from '../../http/responses.ts';
import { currentUser } from '../../plugins/session.ts';
import { createRound, downloadRegister, getRound, listRounds, roundProgress, syncEntries, updateRound, type CensusContext } from './census.service.ts';

const roundParams = z.object({ id: z.uuid('Putaran sensus tidak dikenal.') });

/** Census rounds, the offline register and the sync of entries. Enumerators may use these routes (and nothing else). */
export function censusRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps.database;
  const context = (request: FastifyRequest): CensusContext => ({
    actor: currentUser(request),
    requestId: request.id,
    regions: deps.regions,
    today: deps.today(),
    timeZone: deps.config.timeZone,
  });
  const enumerator = { enumerator: true };

  return async (app) => {
    app.get(
      '/api/census/rounds',
      {
        config: enumerator,
        schema: {
          tags: ['census'],
          summary: "Census rounds with a village in the caller's region",
          response: { 200: censusRoundListSchema, ...errorResponses(401, 403) },
        },
      },
      async (request) => ({ items: await listRounds(db, context(request)) }),
    );

    app.post(
      '/api/census/rounds',
      {
        schema: {
          tags: ['census'],
          summary: 'Open a census round: period, target groups, villages and their targets (admin)',
          body: censusRoundCreateSchema,
          response: { 201: censusRoundDetailSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => reply.code(201).send(await createRound(db, context(request), request.body)),
    );

    app.get(
      '/api/census/rounds/:id',
      {
        config: enumerator,
        schema: {
          tags: ['census'],
          summary: "One census round, with its villages inside the caller's region",
          params: roundParams,
          response: { 200: censusRoundDetailSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => getRound(db, context(request), request.params.id),
    );

    app.patch(
      '/api/census/rounds/:id',
      {
        schema: {
          tags: ['census'],
          summary: 'Change, close or reopen a census round (admin)',
          params: roundParams,
          body: censusRoundPatchSchema,
          response: { 200: censusRoundDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => updateRound(db, context(request), request.params.id, request.body),
    );

    app.get(
      '/api/census/rounds/:id/progress',
      {
        config: enumerator,
        schema: {
          tags: ['census'],
          summary: 'Entries collected, accepted, duplicates and uncovered workers found, against the target, per district or village',
          params: roundParams,
          querystring: z.object({ region: z.string().regex(REGION_CODE_PATTERN, 'Kode wilayah tidak valid.').optional() }),
          response: { 200: censusProgressSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => roundProgress(db, context(request), request.params.id, request.query.region),
    );

    app.get(
      '/api/census/register',
      {
        config: enumerator,
        schema: {
          tags: ['census'],
          summary: "A village's register for offline duplicate checks: masked NIK with a salted digest, name, birth date, hamlet, occupation, coverage (the download is audited)",
          querystring: z.object({ village: z.string({ error: 'Pilih desa.' }).regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'Kode desa tidak valid.') }),
          response: { 200: censusRegisterSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => downloadRegister(db, context(request), request.query.village),
    );

    app.post(
      '/api/census/sync',
      {
        config: enumerator,
        // A phone back in signal may send a few hundred entries at once.
        bodyLimit: 2 * 1024 * 1024,
        schema: {
          tags: ['census'],
          summary: 'Send queued census entries; each is applied once per idempotency key, in order, and answered with its own result',
          body: censusSyncRequestSchema,
          response: { 200: censusSyncResponseSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => ({ results: await syncEntries(db, context(request), request.body.entries) }),
    );
  };
}
