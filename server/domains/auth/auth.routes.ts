import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../http/responses.ts';
import { clearSessionCookie, currentUser, SESSION_COOKIE, setSessionCookie } from '../../plugins/session.ts';
import type { AppDeps } from '../../app.ts';
import { createUser, listUsers, login, LoginLockedError, logout, presentUser } from './auth.service.ts';
import { findUserByUsername } from './auth.repo.ts';
import { createUserBodySchema, loginBodySchema, meSchema, userListSchema, userSchema } from './auth.schemas.ts';

export function authRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps.database;
  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        config: { public: true, rateLimit: { max: deps.config.loginRateLimit, timeWindow: '1 minute' } },
        schema: {
          tags: ['auth'],
          summary: 'Log in; sets the httpOnly session cookie (429 with Retry-After when the address or the username is locked out)',
          body: loginBodySchema,
          response: { 200: meSchema, ...errorResponses(400, 401, 429) },
        },
      },
      async (request, reply) => {
        const { token, user, expiresAt } = await login(db, request.body, {
          ttlMs: deps.config.sessionTtlMs,
          now: deps.now(),
          requestId: request.id,
          lockout: deps.config.loginLockout,
        }).catch((err: unknown) => {
          if (err instanceof LoginLockedError) reply.header('retry-after', String(err.retryAfterSeconds));
          throw err;
        });
        setSessionCookie(reply, token, expiresAt, deps.config.trustProxy);
        return { user: presentUser(user, deps.regions) };
      },
    );

    app.post(
      '/api/auth/logout',
      {
        config: { public: true },
        schema: { tags: ['auth'], summary: 'End the session on the server and clear the cookie', response: { 204: z.null() } },
      },
      async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        if (token) {
          app.forgetSession(token);
          await logout(db, token, { actor: request.user, requestId: request.id });
        }
        clearSessionCookie(reply, deps.config.trustProxy);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/me',
      { config: { enumerator: true }, schema: { tags: ['auth'], summary: 'The logged-in user', response: { 200: meSchema, ...errorResponses(401) } } },
      async (request) => {
        const row = await findUserByUsername(db, currentUser(request).username);
        return { user: presentUser(row!, deps.regions) };
      },
    );

    app.post(
      '/api/users',
      {
        schema: {
          tags: ['users'],
          summary: 'Create a user with one role and one region scope (admin only)',
          body: createUserBodySchema,
          response: { 201: userSchema, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const row = await createUser(db, deps.regions, { actor: currentUser(request), requestId: request.id }, request.body);
        return reply.code(201).send(presentUser(row, deps.regions));
      },
    );

    app.get(
      '/api/users',
      { schema: { tags: ['users'], summary: 'All users (admin only)', response: { 200: userListSchema, ...errorResponses(401, 403) } } },
      async (request) => {
        const rows = await listUsers(db, currentUser(request));
        return { items: rows.map((r) => presentUser(r, deps.regions)) };
      },
    );
  };
}
