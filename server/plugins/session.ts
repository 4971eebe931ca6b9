/**
 * Authentication for every /api route: the session cookie is resolved to a user before the handler runs.
 * Routes are private unless they declare `config: { public: true }`; a private route without a live
 * session answers 401. Writes from another site's page are refused (Origin check, on top of SameSite).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/client.ts';
import { resolveSession, toSessionUser, type SessionUser } from '../domains/auth/auth.service.ts';
import { errors } from '../errors.ts';

export const SESSION_COOKIE = 'jaring_session';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
  interface FastifyContextConfig {
    /** Reachable without logging in. */
    public?: boolean;
  }
}

export interface SessionOptions {
  db: Db;
  ttlMs: number;
  secureCookies: boolean;
  now: () => Date;
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure, expires: expiresAt });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure });
}

function isCrossSiteWrite(request: FastifyRequest): boolean {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return false;
  const origin = request.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

async function sessionPlugin(app: FastifyInstance, options: SessionOptions): Promise<void> {
  app.decorateRequest('user', null);
  app.addHook('preHandler', async (request, reply) => {
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    if (isCrossSiteWrite(request)) throw errors.forbidden('Permintaan dari situs lain ditolak.');
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await resolveSession(options.db, token, { ttlMs: options.ttlMs, now: options.now() });
      if (session) {
        request.user = toSessionUser(session.user);
        // Keep the cookie's expiry in step with the (sliding) session.
        if (session.extended) setSessionCookie(reply, token, session.expiresAt, options.secureCookies);
      }
    }
    if (!request.user && !request.routeOptions.config.public) throw errors.unauthenticated();
  });
}

export default fp(sessionPlugin, { name: 'jaring-session' });

/** The logged-in user of a private route (the preHandler guarantees one). */
export function currentUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw errors.unauthenticated();
  return request.user;
}
