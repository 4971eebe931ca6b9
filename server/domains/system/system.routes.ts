import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OCCUPATIONS } from '../../../core/occupations.ts';
import type { AppDeps } from '../../app.ts';

/** Public facts about this installation: health, which region it serves, whether it holds demo data. */
export function systemRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/health',
      {
        config: { public: true },
        schema: {
          tags: ['system'],
          summary: 'Liveness and database check',
          response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']) }) },
        },
      },
      async () => {
        await deps.database.db.execute('select 1');
        return { status: 'ok' as const, db: deps.database.kind };
      },
    );

    app.get(
      '/api/meta',
      {
        config: { public: true },
        schema: {
          tags: ['system'],
          summary: 'The served region, whether the data is a synthetic demo, and the occupation list',
          response: {
            200: z.object({
              region: z.object({ code: z.string(), name: z.string(), level: z.string() }),
              demo: z.boolean(),
              today: z.string(),
              occupations: z.array(z.object({ code: z.string(), id: z.string(), en: z.string() })),
              /** Largest file the import accepts, in bytes. */
              importMaxBytes: z.number().int(),
            }),
          },
        },
      },
      async () => {
        const { code, name, level } = deps.regions.served;
        return {
          region: { code, name, level },
          demo: await deps.isDemo(),
          today: deps.today(),
          occupations: OCCUPATIONS.map(({ code: c, id, en }) => ({ code: c, id, en })),
          importMaxBytes: deps.config.importMaxBytes,
        };
      },
    );
  };
}
