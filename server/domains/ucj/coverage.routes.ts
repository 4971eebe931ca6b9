import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  awardRoundCreateSchema,
  awardRoundListSchema,
  awardRoundSchema,
  breakdownResponseSchema,
  coverageQuerySchema,
  coverageResponseSchema,
  coverageSettingsSchema,
  dateRegionQuerySchema,
  denominatorListSchema,
  denominatorPutSchema,
  denominatorSchema,
  headlineResponseSchema,
  leaderboardQuerySchema,
  leaderboardResponseSchema,
  optionalRegionQuerySchema,
  publicAwardResponseSchema,
  publicCoverageResponseSchema,
  publicTrendResponseSchema,
  regionYearParamsSchema,
  targetListSchema,
  targetPutSchema,
  targetSchema,
  trendQuerySchema,
  trendResponseSchema,
} from '../../../core/coverage.schema.ts';
import type { AppDeps } from '../../app.ts';
import { errorResponses } from '../../http/responses.ts';
import { currentUser } from '../../plugins/session.ts';
import {
  createAwardRound,
  getAwardRound,
  getBreakdown,
  getCoverage,
  getHeadline,
  getLeaderboard,
  getPublicCoverage,
  getPublicLatestAward,
  getPublicTrend,
  getSettings,
  getTrend,
  listAwardRounds,
  listDenominators,
  listTargets,
  putDenominator,
  putSettings,
  putTarget,
  removeDenominator,
  removeTarget,
  type CoverageContext,
} from './coverage.service.ts';

export function coverageRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps.database;
  const context = (request: FastifyRequest): CoverageContext => ({ actor: currentUser(request), requestId: request.id, today: deps.today(), regions: deps.regions });
  const publicContext = (request: FastifyRequest): CoverageContext => ({ actor: null, requestId: request.id, today: deps.today(), regions: deps.regions });
  const read = (summary: string) => ({ tags: ['coverage'], summary });

  return async (app) => {
    app.get(
      '/api/coverage',
      {
        schema: {
          ...read('Coverage of a region on a date, with its districts or villages (register and official denominators, category)'),
          querystring: coverageQuerySchema,
          response: { 200: coverageResponseSchema, ...errorResponses(400, 401) },
        },
      },
      async (request) => getCoverage(db, context(request), request.query),
    );

    app.get(
      '/api/coverage/headline',
      {
        schema: {
          ...read('Headline figures of a region today: coverage, uncovered, lapsing within 30 days, benefits paid'),
          querystring: optionalRegionQuerySchema,
          response: { 200: headlineResponseSchema, ...errorResponses(400, 401) },
        },
      },
      async (request) => getHeadline(db, context(request), request.query),
    );

    app.get(
      '/api/coverage/breakdown',
      {
        schema: {
          ...read('Coverage of a region by occupation, sex, age band and funding source'),
          querystring: dateRegionQuerySchema,
          response: { 200: breakdownResponseSchema, ...errorResponses(400, 401) },
        },
      },
      async (request) => getBreakdown(db, context(request), request.query),
    );

    app.get(
      '/api/coverage/trend',
      {
        schema: {
          ...read('Coverage per month from the first data on, targets, the national reference path and a projection'),
          querystring: trendQuerySchema,
          response: { 200: trendResponseSchema, ...errorResponses(400, 401) },
        },
      },
      async (request) => getTrend(db, context(request), request.query),
    );

    app.get(
      '/api/coverage/settings',
      { schema: { ...read('Category thresholds, the denominator that decides the category, projection window'), response: { 200: coverageSettingsSchema, ...errorResponses(401) } } },
      async () => getSettings(db),
    );
    app.put(
      '/api/coverage/settings',
      {
        schema: {
          ...read('Change the coverage settings (admin)'),
          body: coverageSettingsSchema,
          response: { 200: coverageSettingsSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => putSettings(db, context(request), request.body),
    );

    app.get(
      '/api/coverage/targets',
      { schema: { ...read('Coverage targets per region and year'), querystring: optionalRegionQuerySchema, response: { 200: targetListSchema, ...errorResponses(400, 401) } } },
      async (request) => listTargets(db, context(request), request.query),
    );
    app.put(
      '/api/coverage/targets/:region/:year',
      {
        schema: {
          ...read('Set a region’s coverage target for a year (admin)'),
          params: regionYearParamsSchema,
          body: targetPutSchema,
          response: { 200: targetSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => putTarget(db, context(request), request.params.region, request.params.year, request.body),
    );
    app.delete(
      '/api/coverage/targets/:region/:year',
      { schema: { ...read('Remove a coverage target (admin)'), params: regionYearParamsSchema, response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) } } },
      async (request, reply) => {
        await removeTarget(db, context(request), request.params.region, request.params.year);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/coverage/denominators',
      {
        schema: {
          ...read('Official denominators (e.g. BPS Sakernas) per region and year, with their source'),
          querystring: optionalRegionQuerySchema,
          response: { 200: denominatorListSchema, ...errorResponses(400, 401) },
        },
      },
      async (request) => listDenominators(db, context(request), request.query),
    );
    app.put(
      '/api/coverage/denominators/:region/:year',
      {
        schema: {
          ...read('Record an official denominator for a region and year, with its source (admin)'),
          params: regionYearParamsSchema,
          body: denominatorPutSchema,
          response: { 200: denominatorSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => putDenominator(db, context(request), request.params.region, request.params.year, request.body),
    );
    app.delete(
      '/api/coverage/denominators/:region/:year',
      { schema: { ...read('Remove an official denominator (admin)'), params: regionYearParamsSchema, response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) } } },
      async (request, reply) => {
        await removeDenominator(db, context(request), request.params.region, request.params.year);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/leaderboard',
      {
        schema: {
          tags: ['awards'],
          summary: 'Villages ranked by coverage %, growth over a period or covered count (ties share a rank)',
          querystring: leaderboardQuerySchema,
          response: { 200: leaderboardResponseSchema, ...errorResponses(400, 401) },
        },
      },
      async (request) => getLeaderboard(db, context(request), request.query),
    );

    app.get(
      '/api/awards/rounds',
      { schema: { tags: ['awards'], summary: 'Award rounds, newest first', response: { 200: awardRoundListSchema, ...errorResponses(401) } } },
      async (request) => listAwardRounds(db, context(request)),
    );
    app.post(
      '/api/awards/rounds',
      {
        schema: {
          tags: ['awards'],
          summary: 'Run an award round: rank the villages by weighted criteria over a period and freeze the result (admin)',
          body: awardRoundCreateSchema,
          response: { 201: awardRoundSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => reply.code(201).send(await createAwardRound(db, context(request), request.body)),
    );
    app.get(
      '/api/awards/rounds/:id',
      {
        schema: {
          tags: ['awards'],
          summary: 'An award round with its full ranking',
          params: z.object({ id: z.string().uuid('Pengenal putaran tidak valid.') }),
          response: { 200: awardRoundSchema, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => getAwardRound(db, context(request), request.params.id),
    );

    // Public figures: no login, aggregates only, counts under 5 suppressed.
    app.get(
      '/api/public/coverage',
      {
        config: { public: true },
        schema: {
          tags: ['public'],
          summary: 'Public coverage per district or village (counts under 5 suppressed)',
          querystring: coverageQuerySchema.omit({ date: true }),
          response: { 200: publicCoverageResponseSchema, ...errorResponses(400) },
        },
      },
      async (request) => getPublicCoverage(db, publicContext(request), request.query),
    );
    app.get(
      '/api/public/trend',
      {
        config: { public: true },
        schema: { tags: ['public'], summary: 'Public coverage trend (counts under 5 suppressed)', querystring: optionalRegionQuerySchema, response: { 200: publicTrendResponseSchema, ...errorResponses(400) } },
      },
      async (request) => getPublicTrend(db, publicContext(request), request.query),
    );
    app.get(
      '/api/public/awards/latest',
      { config: { public: true }, schema: { tags: ['public'], summary: 'The latest award round’s winners', response: { 200: publicAwardResponseSchema } } },
      async (request) => getPublicLatestAward(db, publicContext(request)),
    );
  };
}
