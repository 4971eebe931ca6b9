import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { worklistQuerySchema, worklistResponseSchema } from '../../../core/financing.schema.ts';
import type { AppDeps } from '../../app.ts';
import { errorResponses } from '../../http/responses.ts';
import { currentUser } from '../../plugins/session.ts';
import { getWorklist } from './worklist.service.ts';

export function worklistRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps.database;
  return async (app) => {
    app.get(
      '/api/worklists/renewals',
      {
        schema: {
          tags: ['financing'],
          summary: 'Workers whose protection ends soon, is in grace, lapsed this month, ends with the year or hands over to self-payment',
          description: 'format=csv|xlsx answers a file with every matching row (the export is audited); json answers one page.',
          querystring: worklistQuerySchema,
          response: { 200: worklistResponseSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const answer = await getWorklist(db, { actor: currentUser(request), requestId: request.id, regions: deps.regions, today: deps.today() }, request.query);
        if (answer.format === 'json') return answer.body;
        return reply
          .header('content-type', answer.contentType)
          .header('content-disposition', `attachment; filename="${answer.fileName}"`)
          .header('cache-control', 'no-store')
          // A file, not the JSON shape: Fastify sends strings and buffers as they are, past the serializer.
          .send(answer.content as never);
      },
    );
  };
}
