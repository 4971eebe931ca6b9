import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  graceRuleCreateSchema,
  graceRuleSchema,
  premiumRateCreateSchema,
  premiumRateSchema,
  quoteRequestSchema,
  quoteResponseSchema,
  ratesResponseSchema,
} from '../../../core/financing.schema.ts';
import type { AppDeps } from '../../app.ts';
import { errorResponses } from '../../http/responses.ts';
import { currentUser } from '../../plugins/session.ts';
import { createGraceRule, createRate, listRates, quote, type PremiumContext } from './premiums.service.ts';

export function premiumRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps.database;
  const context = (request: FastifyRequest): PremiumContext => ({ actor: currentUser(request), requestId: request.id, today: deps.today() });

  return async (app) => {
    app.get(
      '/api/premiums/rates',
      {
        schema: {
          tags: ['premiums'],
          summary: 'Premium rates and grace rules, each with the months it applies to',
          response: { 200: ratesResponseSchema, ...errorResponses(401) },
        },
      },
      async () => listRates(db),
    );

    app.post(
      '/api/premiums/rates',
      {
        schema: {
          tags: ['premiums'],
          summary: 'Record a premium rate from a regulation, valid from a month (admin)',
          body: premiumRateCreateSchema,
          response: { 201: premiumRateSchema, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => reply.code(201).send(await createRate(db, context(request), request.body)),
    );

    app.post(
      '/api/premiums/grace-rules',
      {
        schema: {
          tags: ['premiums'],
          summary: 'Record how many unpaid months still protect, valid from a month (admin)',
          body: graceRuleCreateSchema,
          response: { 201: graceRuleSchema, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => reply.code(201).send(await createGraceRule(db, context(request), request.body)),
    );

    app.post(
      '/api/premiums/quote',
      {
        schema: {
          tags: ['premiums'],
          summary: 'Premiums for an income, programmes and months, priced with the rate in force each month',
          body: quoteRequestSchema,
          response: { 200: quoteResponseSchema, ...errorResponses(400, 401) },
        },
      },
      async (request) => quote(db, deps.today(), request.body),
    );
  };
}
