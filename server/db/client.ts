/**
 * Opens the database: embedded PGlite in DATA_DIR by default, or a PostgreSQL server when DATABASE_URL
 * is set. Both speak the same SQL and run the same migrations; only the client differs.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { MIGRATIONS_DIR } from '../paths.ts';
import { CHANGES_CHANNEL, ReadCache, registerReadCache } from './read-cache.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** A database or a transaction: repos accept either, so services decide where transactions begin. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DbKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DbKind;
  /** The embedded engine itself, for what Drizzle does not cover (COPY, dumps); absent on PostgreSQL. */
  pglite?: import('@electric-sql/pglite').PGlite;
  /** Costly figures kept until a table they read changes (see read-cache.ts). */
  readCache: ReadCache;
  close(): Promise<void>;
}


/** An advisory-lock key so that several app processes starting at once migrate one after another. */
const MIGRATION_LOCK = 52_03_2024;

export interface OpenOptions {
  databaseUrl?: string;
  /** PGlite data folder; `memory://` (or undefined with no URL) keeps everything in memory, for tests. */
  dataDir?: string;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options.dataDir ?? 'memory://');
}

async function openPglite(dataDir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const release = dataDir.startsWith('memory://') ? () => {} : lockDataDir(dataDir);
  try {
    const client = await PGlite.create({ dataDir, extensions: { pg_trgm } });
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
    // One embedded session: it hears its own notices, dispatched as the commit is read.
    const readCache = new ReadCache();
    const unlisten = await client.listen(CHANGES_CHANNEL, (payload) => readCache.heard(payload));
    readCache.attach({
      notify: async (payload) => {
        await client.query('select pg_notify($1, $2)', [CHANGES_CHANNEL, payload]);
      },
      close: () => unlisten(),
    });
    registerReadCache(db as unknown as Db, readCache);
    return {
      db: db as unknown as Db,
      kind: 'pglite',
      pglite: client,
      readCache,
      close: async () => {
        await readCache.close();
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/**
 * PGlite is a single-process database: two processes on one data folder would corrupt it. A lock file
 * holding the owner's PID keeps a second one out; a lock left by a dead process is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'jaring.lock');
  if (lockedHere.has(lockFile)) throw new Error(`The data folder ${dataDir} is already open in this process.`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      lockedHere.add(lockFile);
      return () => {
        lockedHere.delete(lockFile);
        fs.rmSync(lockFile, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(fs.readFileSync(lockFile, 'utf8'));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new Error(
          `The data folder ${dataDir} is in use by another Jaring process (pid ${owner}). Stop it first; ` +
            'to run several processes, use a PostgreSQL server (DATABASE_URL).',
        );
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not lock the data folder ${dataDir}`);
}

const lockedHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function openPostgres(url: string): Promise<Database> {
  const pg = (await import('pg')).default;
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  // Migrate over one dedicated connection holding an advisory lock, so parallel starts do not race.
  const migrator = new pg.Client({ connectionString: url });
  await migrator.connect();
  try {
    await migrator.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate(drizzle(migrator), { migrationsFolder: MIGRATIONS_DIR });
    await migrator.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  } finally {
    await migrator.end();
  }
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection that the server drops (restart, failover, admin) must not take the process down:
  // the pool replaces it on the next query.
  pool.on('error', (err) => process.stderr.write(`database connection lost (will reconnect): ${err.message}\n`));
  const db = drizzle(pool, { schema });
  const readCache = new ReadCache();
  registerReadCache(db as unknown as Db, readCache);
  const listener = await listenForChanges(url, readCache);
  return {
    db: db as unknown as Db,
    kind: 'postgres',
    readCache,
    close: async () => {
      await listener.stop();
      await pool.end();
    },
  };
}

const RECONNECT_MS = 1000;

/**
 * A connection of its own that LISTENs for change notices and feeds them to the cache. When it drops
 * (server restart), the cache stops caching until a new connection listens again, retried every second.
 */
async function listenForChanges(url: string, cache: ReadCache): Promise<{ stop(): Promise<void> }> {
  const pg = (await import('pg')).default;
  let client: import('pg').Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (msg) => {
      if (msg.channel === CHANGES_CHANNEL) cache.heard(msg.payload ?? '');
    });
    c.on('error', () => lost(c));
    c.on('end', () => lost(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (err) {
      await c.end().catch(() => {});
      throw err;
    }
    if (stopped) return void (await c.end());
    client = c;
    cache.attach({
      notify: async (payload) => {
        await c.query('select pg_notify($1, $2)', [CHANGES_CHANNEL, payload]);
      },
      close: async () => {},
    });
  };
  const lost = (c: import('pg').Client) => {
    if (client !== c) return;
    client = null;
    cache.detach();
    c.end().catch(() => {});
    if (!stopped) scheduleRetry();
  };
  const scheduleRetry = () => {
    retry = setTimeout(() => {
      connect().catch(() => {
        if (!stopped) scheduleRetry();
      });
    }, RECONNECT_MS);
    retry.unref();
  };
  await connect();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(retry);
      const c = client;
      client = null;
      await cache.close();
      await c?.end();
    },
  };
}

/** Runs raw SQL and returns its rows: both drivers answer `db.execute` with `{ rows }`. */
/** Whether a database error (or one it wraps, as Drizzle does) carries this SQLSTATE, e.g. 23505 unique violation. */
export function hasSqlState(err: unknown, code: string): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === code) return true;
  }
  return false;
}

export async function queryRows<T>(db: Db, query: import('drizzle-orm').SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
