/**
 * buildApp(deps) assembles the Fastify server: security headers, cookies, session guard, validation,
 * OpenAPI, the domain routes and (in production) the built web app. main.ts and the tests both call it.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { auditRoutes } from './domains/audit/audit.routes.ts';
import { authRoutes } from './domains/auth/auth.routes.ts';
import type { RegionDirectory } from './domains/regions/region-directory.ts';
import { regionRoutes } from './domains/regions/regions.routes.ts';
import { systemRoutes } from './domains/system/system.routes.ts';
import { workerRoutes } from './domains/workers/workers.routes.ts';
import { ImportRunner } from './domains/imports/import-runner.ts';
import { importRoutes } from './domains/imports/imports.routes.ts';
import { ensureCivilOccupations } from './domains/imports/imports.service.ts';
import { reconciliationRoutes } from './domains/reconciliation/reconciliation.routes.ts';
import { premiumRoutes } from './domains/premiums/premiums.routes.ts';
import { enrolmentRoutes } from './domains/enrolment/enrolment.routes.ts';
import { financingRoutes } from './domains/financing/financing.routes.ts';
import { worklistRoutes } from './domains/financing/worklist.routes.ts';
import { paymentRoutes } from './domains/financing/payments.routes.ts';
import { coverageRoutes } from './domains/ucj/coverage.routes.ts';
import { reportRoutes } from './domains/reports/reports.routes.ts';
import { claimRoutes } from './domains/claims/claims.routes.ts';
import { censusRoutes } from './domains/census/census.routes.ts';
import { backupRoutes } from './backup/backup.routes.ts';
import { frameworkErrorHandler, installErrorHandler, NOT_FOUND_BODY } from './errors.ts';
import sessionPlugin from './plugins/session.ts';
import wellFormedText from './plugins/well-formed-text.ts';
import { WEB_DIST_DIR } from './paths.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Background import jobs of this process (tests and shutdown wait on it). */
    imports: ImportRunner;
  }
}

export interface AppDeps {
  config: Config;
  database: Database;
  regions: RegionDirectory;
  /** The clock; tests inject a fixed one. */
  now: () => Date;
  /** Today in the regency's calendar, YYYY-MM-DD. */
  today: () => string;
  isDemo: () => Promise<boolean>;
  /** Pino options or a logger; tests pass `false` or a capturing stream. */
  logger?: FastifyServerOptions['logger'];
}


/** Request logs name the route, never its query string or body: those carry names and NIKs (UU PDP). */
export const logSerializers = {
  req: (req: { method: string; url: string; id?: string; routeOptions?: { url?: string } }) => ({
    id: req.id,
    method: req.method,
    url: req.routeOptions?.url ?? req.url.split('?')[0],
  }),
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
};

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    frameworkErrors: frameworkErrorHandler,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine writes component styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // The same as frame-ancestors 'none', for browsers that read only the older header.
    frameguard: { action: 'deny' },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  // Uploads are streamed to disk by the import routes, which set their own size limit.
  await app.register(fastifyMultipart, { limits: { fileSize: deps.config.importMaxBytes, files: 1 } });
  await app.register(sessionPlugin, {
    db: deps.database.db,
    ttlMs: deps.config.sessionTtlMs,
    secureCookies: deps.config.trustProxy,
    now: deps.now,
    cacheSessions: deps.database.kind === 'pglite',
  });
  await app.register(wellFormedText);
  // Read your writes through the read cache: a write answers once this process has heard the change
  // notices its transaction sent (server/db/read-cache.ts).
  const readCache = deps.database.readCache;
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400 && request.url.startsWith('/api/')) await readCache.sync();
    return payload;
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Jaring API',
        description:
          'Registry of informal workers for Universal Coverage Jamsostek. Errors always have the shape ' +
          '`{"error": {"code", "message", "field"}}`; messages are in Indonesian.',
        version: '0.1.0',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'jaring_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  await app.register(systemRoutes(deps));
  await app.register(authRoutes(deps));
  await app.register(regionRoutes(deps));
  await app.register(workerRoutes(deps));
  await app.register(auditRoutes(deps));

  const imports = new ImportRunner({
    db: deps.database.db,
    dbKind: deps.database.kind,
    regions: deps.regions,
    today: deps.today,
    residentMinAge: 15,
    residentMaxAge: deps.config.residentMaxAge,
    batchRows: deps.config.importBatchRows,
    log: app.log,
  });
  app.decorate('imports', imports);
  await ensureCivilOccupations(deps.database.db);
  await app.register(importRoutes(deps, imports));
  await app.register(reconciliationRoutes(deps));
  await app.register(premiumRoutes(deps));
  await app.register(enrolmentRoutes(deps));
  await app.register(financingRoutes(deps));
  await app.register(worklistRoutes(deps));
  await app.register(paymentRoutes(deps));
  await app.register(coverageRoutes(deps));
  await app.register(reportRoutes(deps));
  await app.register(claimRoutes(deps));
  await app.register(censusRoutes(deps));
  await app.register(backupRoutes(deps));
  // Finish the batch in hand and leave the rest for the next start (it resumes where it stopped).
  app.addHook('onClose', async () => imports.stop());

  await serveWebApp(app);
  return app;
}

/**
 * Serves the built web app (dist/web) when there is one: hashed assets cached for a year, any other
 * GET outside /api answered with the app shell so client-side routes survive a reload.
 */
async function serveWebApp(app: FastifyInstance): Promise<void> {
  const index = path.join(WEB_DIST_DIR, 'index.html');
  const hasWebApp = fs.existsSync(index);
  if (hasWebApp) {
    await app.register(fastifyStatic, {
      root: WEB_DIST_DIR,
      wildcard: false,
      index: false,
      cacheControl: false,
      // The build writes .br and .gz beside each asset; phones on slow links get a third of the bytes.
      preCompressed: true,
      setHeaders: (reply, filePath) => {
        reply.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const isShellRoute = request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/assets/');
    if (hasWebApp && isShellRoute) {
      return reply.header('cache-control', 'no-cache').type('text/html').send(fs.createReadStream(index));
    }
    return reply.code(404).send(NOT_FOUND_BODY);
  });
}
