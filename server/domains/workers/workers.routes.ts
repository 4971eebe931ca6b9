import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { errorResponses } from '../../http/responses.ts';
import { currentUser } from '../../plugins/session.ts';
import {
  workerCreateSchema,
  workerDetailSchema,
  workerIdParams,
  workerListQuerySchema,
  workerListSchema,
  workerPatchSchema,
} from './workers.schemas.ts';
import { createWorker, deleteWorker, getWorker, listWorkers, updateWorker, type WorkerContext } from './workers.service.ts';

export function workerRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps.database;
  const context = (request: FastifyRequest): WorkerContext => ({
    actor: currentUser(request),
    requestId: request.id,
    regions: deps.regions,
    today: deps.today(),
  });

  return async (app) => {
    app.get(
      '/api/workers',
      {
        schema: {
          tags: ['workers'],
          summary: "List workers in the caller's region, by village or district, searched by name or NIK",
          querystring: workerListQuerySchema,
          response: { 200: workerListSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => listWorkers(db, context(request), request.query),
    );

    app.post(
      '/api/workers',
      {
        schema: {
          tags: ['workers'],
          summary: 'Register a worker (admin, or the operator of that village)',
          body: workerCreateSchema,
          response: { 201: workerDetailSchema, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => reply.code(201).send(await createWorker(db, context(request), request.body)),
    );

    app.get(
      '/api/workers/:id',
      {
        schema: {
          tags: ['workers'],
          summary: "One worker's full record (the read is audited)",
          params: workerIdParams,
          response: { 200: workerDetailSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => getWorker(db, context(request), request.params.id),
    );

    app.patch(
      '/api/workers/:id',
      {
        schema: {
          tags: ['workers'],
          summary: 'Change some fields of a worker; the merged record is checked again',
          params: workerIdParams,
          body: workerPatchSchema,
          response: { 200: workerDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => updateWorker(db, context(request), request.params.id, request.body),
    );

    app.delete(
      '/api/workers/:id',
      {
        schema: {
          tags: ['workers'],
          summary: 'Remove a worker from the register (kept for the audit trail)',
          params: workerIdParams,
          response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        await deleteWorker(db, context(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
