/**
 * testApp(): a fully built Jaring on a fresh, migrated database for one test file — in-memory PGlite by
 * default, or a new database on the PostgreSQL server named by TEST_DATABASE_URL. Helpers log in as any
 * role so tests talk to the API exactly as the web app does.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, FastifyServerOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import type { Role } from '../../core/roles.ts';
import { buildApp } from '../app.ts';
import { appDeps, loadRegions } from '../boot.ts';
import { loadConfig } from '../config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { ensureInitialAdmin } from '../domains/auth/auth.service.ts';
import type { RegionDirectory } from '../domains/regions/region-directory.ts';

export const ADMIN_PASSWORD = 'admin-password-for-tests';
export const USER_PASSWORD = 'user-password-for-tests';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  regions: RegionDirectory;
  /** A cookie header for a new user of that role and region (admin: the initial admin). */
  loginAs(role: Role, regionCode?: string): Promise<string>;
  close(): Promise<void>;
}

/** A new, empty database on the TEST_DATABASE_URL server, and how to drop it. */
export async function createPostgresDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `jaring_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function freshDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return { database: await openDatabase({}), drop: async () => {} };
  const { url, drop } = await createPostgresDatabase(serverUrl);
  return { database: await openDatabase({ databaseUrl: url }), drop };
}

export async function testApp(
  options: { regionCode?: string; now?: Date | (() => Date); logger?: FastifyServerOptions['logger']; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const regionCode = options.regionCode ?? '52.03';
  // Uploaded files wait under DATA_DIR/imports: a private temporary folder per test app.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jaring-test-'));
  const config = loadConfig({ JARING_REGENCY: regionCode, JARING_DEMO: '0', LOGIN_RATE_LIMIT: '1000', DATA_DIR: dataDir, ...options.env });
  const { database, drop } = await freshDatabase();
  const regions = await loadRegions(database.db, regionCode);
  await ensureInitialAdmin(database.db, regionCode, ADMIN_PASSWORD);
  const fixed = options.now;
  const now = typeof fixed === 'function' ? fixed : () => fixed ?? new Date();
  const app = await buildApp(appDeps(config, database, regions, { now, isDemo: async () => false, logger: options.logger }));
  await app.ready();

  let userCount = 0;
  const adminCookie = await login(app, 'admin', ADMIN_PASSWORD);
  return {
    app,
    database,
    regions,
    async loginAs(role, scope) {
      if (role === 'admin' && !scope) return adminCookie;
      userCount += 1;
      const username = `${role}.${userCount}.${randomBytes(3).toString('hex')}`;
      const created = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: adminCookie },
        payload: { username, password: USER_PASSWORD, role, regionCode: scope ?? regionCode },
      });
      if (created.statusCode !== 201) throw new Error(`could not create ${role} user: ${created.body}`);
      return login(app, username, USER_PASSWORD);
    },
    async close() {
      await app.close();
      await database.close();
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function login(app: FastifyInstance, username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login of ${username} failed: ${res.body}`);
  return cookieHeader(res);
}

/** The `name=value` part of the session cookie a response set. */
export function cookieHeader(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === 'jaring_session');
  if (!cookie) throw new Error('no session cookie in response');
  return `${cookie.name}=${cookie.value}`;
}
