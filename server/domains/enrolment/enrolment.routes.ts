import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  enrolmentCreateSchema,
  enrolmentDetailSchema,
  enrolmentEndSchema,
  enrolmentListSchema,
  enrolmentPatchSchema,
} from '../../../core/financing.schema.ts';
import type { AppDeps } from '../../app.ts';
import { errorResponses } from '../../http/responses.ts';
import { currentUser } from '../../plugins/session.ts';
import { workerIdParams } from '../workers/workers.schemas.ts';
import { createEnrolments, endEnrolment, listEnrolments, updateEnrolment, type EnrolmentContext } from './enrolment.service.ts';

const enrolmentIdParams = z.object({ id: z.uuid({ error: 'Alamat data kepesertaan tidak valid.' }) });
/** Indonesian sentence when the declared income was raised to the minimum. */
const notice = z.string().nullable().optional();

export function enrolmentRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps.database;
  const context = (request: FastifyRequest): EnrolmentContext => ({ actor: currentUser(request), requestId: request.id, today: deps.today() });

  return async (app) => {
    app.get(
      '/api/workers/:id/enrolments',
      {
        schema: {
          tags: ['enrolment'],
          summary: "A worker's participations (open and ended) with status today and payment lines (the read is audited)",
          params: workerIdParams,
          response: { 200: enrolmentListSchema, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => listEnrolments(db, context(request), request.params.id),
    );

    app.post(
      '/api/workers/:id/enrolments',
      {
        schema: {
          tags: ['enrolment'],
          summary: 'Enrol a worker in programmes from a month (JKK and JKM together); answers all their participations',
          params: workerIdParams,
          body: enrolmentCreateSchema,
          response: { 201: enrolmentListSchema.extend({ notice }), ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => reply.code(201).send(await createEnrolments(db, context(request), request.params.id, request.body)),
    );

    app.patch(
      '/api/enrolments/:id',
      {
        schema: {
          tags: ['enrolment'],
          summary: 'Correct the KPJ number or declared income of a participation',
          params: enrolmentIdParams,
          body: enrolmentPatchSchema,
          response: { 200: enrolmentDetailSchema.extend({ notice }), ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => updateEnrolment(db, context(request), request.params.id, request.body),
    );

    app.post(
      '/api/enrolments/:id/end',
      {
        schema: {
          tags: ['enrolment'],
          summary: 'End a participation on a day, with the reason (it stops protecting from that day)',
          params: enrolmentIdParams,
          body: enrolmentEndSchema,
          response: { 200: enrolmentDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => endEnrolment(db, context(request), request.params.id, request.body),
    );
  };
}
