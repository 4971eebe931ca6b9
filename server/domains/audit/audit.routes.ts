import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';
import { errorResponses } from '../../http/responses.ts';
import { currentUser } from '../../plugins/session.ts';
import { auditListSchema, auditQuerySchema } from './audit.schemas.ts';
import { listAudit } from './audit.service.ts';

export function auditRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'The audit trail, newest first (admin only); read-only by design',
          querystring: auditQuerySchema,
          response: { 200: auditListSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => listAudit(deps.database.db, currentUser(request), request.query),
    );
  };
}
