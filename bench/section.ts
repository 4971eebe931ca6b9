/**
 * What the database-scale bench sections (g financing, h coverage, i claims) share: a Jaring booted on a
 * fixed clock against a data folder or a PostgreSQL database, the admin's session for app.inject, timed
 * GETs, and sequential ids written in SQL.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { bootJaring, type Jaring } from '../server/boot.ts';
import { loadConfig } from '../server/config.ts';
import { queryRows, type Db } from '../server/db/client.ts';
import { timing, type Timing } from './output.ts';

/** The day every section's data is built around (the app's clock). */
export const BENCH_NOW = new Date('2026-11-25T03:00:00Z');
export const BENCH_ADMIN_PASSWORD = 'bench-admin-password';

/** A Jaring on the given data folder (PGlite) or DATABASE_URL, silent, without demo data, on the fixed clock. */
export async function bootSection(env: { DATA_DIR: string; DATABASE_URL: string }): Promise<Jaring> {
  const config = loadConfig({
    ...process.env,
    ...env,
    JARING_REGENCY: '52.03',
    JARING_TIMEZONE: 'Asia/Makassar',
    JARING_DEMO: '0',
    JARING_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
    LOGIN_RATE_LIMIT: '100000',
    LOG_LEVEL: 'silent',
  });
  return bootJaring(config, { logger: false, now: () => BENCH_NOW });
}

/** Headers of the admin's session, for app.inject. */
export async function adminHeaders(app: FastifyInstance): Promise<{ cookie: string }> {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: BENCH_ADMIN_PASSWORD } });
  const cookie = login.cookies.find((c) => c.name === 'jaring_session');
  if (!cookie) throw new Error(`admin login failed: ${login.body}`);
  return { cookie: `${cookie.name}=${cookie.value}` };
}

/** p50/p95/max of `n` GETs one after another (after `warmup` untimed ones); any answer but 200 stops the run. */
export async function timeGets(app: FastifyInstance, headers: { cookie: string }, url: (i: number) => string, n: number, warmup = 3): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await app.inject({ method: 'GET', url: url(i + 50), headers });
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await app.inject({ method: 'GET', url: url(i), headers });
    samples.push(performance.now() - t);
    if (res.statusCode !== 200) throw new Error(`${url(i)} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  }
  return timing(samples);
}

/** A whole number written into SQL as it is (sizes and offsets of the seeds). */
export const num = (n: number) => sql.raw(String(Math.trunc(n)));

/** A distinct, well-formed (version 4, RFC variant) UUID for each number: the API checks ids strictly. */
export const seqUuid = (n: SQL) => sql`overlay(overlay(lpad(to_hex(${n}), 32, '0') placing '4' from 13) placing '8' from 17)::uuid`;

/** The same UUID as `seqUuid`, in JavaScript. */
export function seqUuidText(n: number): string {
  const hex = n.toString(16).padStart(32, '0').split('');
  hex[12] = '4';
  hex[16] = '8';
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Fills a temporary table `bench_villages (idx, code)` with the regency's villages, numbered from 0, so a
 * seed can spread row `i` over them (`join bench_villages bv on bv.idx = i % <count>`). Returns the count.
 */
export async function createBenchVillages(db: Db): Promise<number> {
  const villages = await queryRows<{ code: string }>(db, sql`select code from regions where level = 'village' and code like '52.03.%' order by code`);
  await db.execute(sql`create temporary table bench_villages (idx int primary key, code text not null)`);
  await db.execute(
    sql`insert into bench_villages select ordinality - 1, code from unnest(${sql.raw(`array[${villages.map((v) => `'${v.code}'`).join(',')}]`)}::text[]) with ordinality as code`,
  );
  return villages.length;
}
