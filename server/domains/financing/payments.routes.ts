import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.ts';

export function paymentRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  void deps;
  return async () => {};
}
