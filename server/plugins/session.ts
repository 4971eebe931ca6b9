/**
 * Authentication for every /api route: the session cookie is resolved to a user before the handler runs.
 * Routes are private unless they declare `config: { public: true }`; a private route without a live
 * session answers 401. Writes another site's page may have forged are refused (Sec-Fetch-Site, Origin and
 * content-type checks, on top of the SameSite=Strict cookie).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/client.ts';
import { resolveSession, toSessionUser, type SessionUser } from '../domains/auth/auth.service.ts';
import { AppError, errors } from '../errors.ts';
import { isCensusOnlyRole } from '../../core/roles.ts';

export const SESSION_COOKIE = 'jaring_session';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
  interface FastifyInstance {
    /** Drops a session from this process's memory at logout (the database row is deleted by the service). */
    forgetSession(token: string): void;
  }
  interface FastifyContextConfig {
    /** Reachable without logging in. */
    public?: boolean;
    /** Open to census enumerators, who may use no other private route. */
    enumerator?: boolean;
  }
}

export interface SessionOptions {
  db: Db;
  ttlMs: number;
  secureCookies: boolean;
  now: () => Date;
  /**
   * Remember resolved sessions for a few seconds. Only for the embedded PGlite, where this process is
   * the only one that can log anybody out; with PostgreSQL another process may end a session at any time.
   */
  cacheSessions: boolean;
}

const SESSION_CACHE_MS = 10_000;
const SESSION_CACHE_MAX = 10_000;

/** Resolved sessions, each trusted until the sooner of its expiry and a few seconds after it was read. */
class SessionCache {
  private readonly entries = new Map<string, { user: SessionUser; until: number }>();

  get(token: string, nowMs: number): SessionUser | undefined {
    const entry = this.entries.get(token);
    if (entry && entry.until > nowMs) return entry.user;
    if (entry) this.entries.delete(token);
    return undefined;
  }

  set(token: string, user: SessionUser, expiresAt: Date, nowMs: number): void {
    if (this.entries.size >= SESSION_CACHE_MAX) this.entries.clear();
    this.entries.set(token, { user, until: Math.min(expiresAt.getTime(), nowMs + SESSION_CACHE_MS) });
  }

  delete(token: string): void {
    this.entries.delete(token);
  }
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure, expires: expiresAt });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why a write may have been forged by another site's page (on top of the SameSite=Strict cookie), or null.
 * The web app sends JSON and multipart uploads from its own origin, so a write is refused when the browser
 * says it comes from another site (Sec-Fetch-Site), when its Origin is another host, or when its body is
 * of a kind an HTML form on another site can send without asking (url-encoded or text/plain).
 */
function forgeryRefusal(request: FastifyRequest): string | null {
  if (SAFE_METHODS.has(request.method)) return null;
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return 'Permintaan dari situs lain ditolak.';
  const origin = request.headers.origin;
  if (origin !== undefined) {
    try {
      // request.host follows X-Forwarded-Host behind a trusted proxy, the Host header otherwise.
      if (new URL(origin).host !== request.host) return 'Permintaan dari situs lain ditolak.';
    } catch {
      return 'Permintaan dari situs lain ditolak.';
    }
  }
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== undefined && type !== '' && type !== 'application/json' && type !== 'multipart/form-data') {
    return 'Jenis data ini tidak diterima. Jaring hanya menerima data JSON atau unggahan berkas (multipart/form-data).';
  }
  return null;
}

async function sessionPlugin(app: FastifyInstance, options: SessionOptions): Promise<void> {
  const cache = options.cacheSessions ? new SessionCache() : undefined;
  app.decorate('forgetSession', (token: string) => cache?.delete(token));
  app.decorateRequest('user', null);
  // Before the body is read: a forged write is refused whether or not it carries a session.
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const refusal = forgeryRefusal(request);
    if (refusal) throw new AppError('forbidden', 'CROSS_SITE_REQUEST', refusal);
  });
  app.addHook('preHandler', async (request, reply) => {
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const now = options.now();
      request.user = cache?.get(token, now.getTime()) ?? null;
      if (!request.user) {
        const session = await resolveSession(options.db, token, { ttlMs: options.ttlMs, now });
        if (session) {
          request.user = toSessionUser(session.user);
          cache?.set(token, request.user, session.expiresAt, now.getTime());
          // Keep the cookie's expiry in step with the (sliding) session.
          if (session.extended) setSessionCookie(reply, token, session.expiresAt, options.secureCookies);
        }
      }
    }
    const config = request.routeOptions.config;
    if (!request.user && !config.public) throw errors.unauthenticated();
    if (request.user && isCensusOnlyRole(request.user.role) && !config.public && !config.enumerator) {
      throw new AppError('forbidden', 'CENSUS_ONLY', 'Petugas sensus hanya dapat memakai aplikasi sensus lapangan.');
    }
  });
}

export default fp(sessionPlugin, { name: 'jaring-session' });

/** The logged-in user of a private route (the preHandler guarantees one). */
export function currentUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw errors.unauthenticated();
  return request.user;
}
