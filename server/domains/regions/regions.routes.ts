import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isWithinRegion } from '../../../core/regions.ts';
import type { AppDeps } from '../../app.ts';
import { errors } from '../../errors.ts';
import { errorResponses } from '../../http/responses.ts';
import { countWorkersByChild, countWorkersIn } from '../workers/workers.repo.ts';
import { regionCodeParams, regionListSchema, regionSchema } from './regions.schemas.ts';

/** Region names are public facts; worker counts are aggregates. Any logged-in user may browse the tree. */
export function regionRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps.database;
  /** Regions overlapping the served one (inside it, or containing it) can hold registered workers. */
  const hasWorkers = (code: string) => isWithinRegion(code, deps.regions.servedCode) || isWithinRegion(deps.regions.servedCode, code);
  return async (app) => {
    app.get(
      '/api/regions/:code',
      {
        schema: {
          tags: ['regions'],
          summary: 'One region by its dotted Kemendagri code, with its worker count',
          params: regionCodeParams,
          response: { 200: regionSchema, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => {
        const region = deps.regions.get(request.params.code);
        if (!region) throw errors.notFound(`Wilayah ${request.params.code}`);
        return { ...region, ...(hasWorkers(region.code) ? { workerCount: await countWorkersIn(db, region.code) } : {}) };
      },
    );

    app.get(
      '/api/regions/:code/children',
      {
        schema: {
          tags: ['regions'],
          summary: 'The regions directly below one region (districts of a regency, villages of a district)',
          params: regionCodeParams,
          response: { 200: regionListSchema, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => {
        const { code } = request.params;
        if (!deps.regions.get(code)) throw errors.notFound(`Wilayah ${code}`);
        const children = deps.regions.children(code);
        const counted = hasWorkers(code);
        const counts = counted ? await countWorkersByChild(db, code) : new Map<string, number>();
        return {
          items: children.map((child) => ({
            ...child,
            ...(counted ? { workerCount: counts.get(child.code) ?? 0 } : {}),
          })),
        };
      },
    );
  };
}
