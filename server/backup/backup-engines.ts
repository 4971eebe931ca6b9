/**
 * Connections for backup and restore, the same shape on both engines: one connection of its own, whole
 * transactions on it (a REPEATABLE READ snapshot for a backup, a read-write one for a restore), Drizzle's
 * migrator, and a way to close. Opening a data folder here does not migrate it: a backup never changes
 * the database it reads.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { lockDataDir, type Database, type Db } from '../db/client.ts';
import * as schema from '../db/schema.ts';
import { MIGRATIONS_DIR, ROOT_DIR } from '../paths.ts';
import type { SqlSession } from './backup-catalog.ts';
import { BackupError } from './backup-format.ts';

export const JARING_VERSION: string = (JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')) as { version: string }).version;

export type Engine = 'pglite' | 'postgres';

export interface Connection {
  engine: Engine;
  /**
   * Runs `work` in one transaction: `snapshot` is REPEATABLE READ, READ ONLY (one consistent view however
   * long it takes, without blocking writers on PostgreSQL); `write` commits all or nothing.
   */
  transaction<T>(mode: 'snapshot' | 'write', work: (session: SqlSession) => Promise<T>): Promise<T>;
  /** Applies the migrations in `folder` that the database does not have yet. */
  migrate(folder: string): Promise<void>;
  /** One statement outside any transaction (ANALYZE). */
  run(statement: string): Promise<void>;
  /** Drizzle on this connection, for the app's own repos (the audit entry of a backup). */
  drizzle(): Promise<Db>;
  close(): Promise<void>;
}

/**
 * A connection to an open app database. On PGlite it is the app's own (single) connection: the snapshot
 * transaction holds PGlite's transaction lock, so other queries of the server wait until it ends.
 */
export async function connectionTo(database: Database): Promise<Connection> {
  if (database.kind === 'pglite') return pgliteConnection(database.pglite!, async () => {});
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  const client = await pool.connect();
  return pgConnection(client, async () => client.release());
}

export interface Location {
  databaseUrl?: string;
  dataDir: string;
}

/** Opens the database named by DATABASE_URL, or the PGlite data folder (locked for this process). */
export async function openConnection(location: Location): Promise<Connection> {
  if (location.databaseUrl) {
    const pgModule = (await import('pg')).default;
    const client = new pgModule.Client({ connectionString: location.databaseUrl });
    try {
      await client.connect();
    } catch (err) {
      throw new BackupError(`Could not connect to the database (DATABASE_URL): ${(err as Error).message}`);
    }
    return pgConnection(client, () => client.end());
  }
  let release: () => void;
  try {
    release = lockDataDir(location.dataDir);
  } catch (err) {
    throw new BackupError(`${(err as Error).message}\nIf the Jaring server is running on this folder, stop the server first.`);
  }
  try {
    const { PGlite: PGliteClass } = await import('@electric-sql/pglite');
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    const client = await PGliteClass.create({ dataDir: location.dataDir, extensions: { pg_trgm } });
    return pgliteConnection(client as unknown as PGlite, async () => {
      await client.close();
      release();
    });
  } catch (err) {
    release();
    throw err;
  }
}

function pgConnection(client: pg.ClientBase, close: () => Promise<void>): Connection {
  const session: SqlSession = {
    async query(text, params) {
      const result = await client.query({ text, values: params, rowMode: 'array' });
      return { rows: result.rows as unknown[][], affected: result.rowCount ?? 0 };
    },
  };
  return {
    engine: 'postgres',
    async transaction(mode, work) {
      await client.query(mode === 'snapshot' ? 'begin isolation level repeatable read read only' : 'begin');
      try {
        const result = await work(session);
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      }
    },
    async migrate(folder) {
      const { drizzle } = await import('drizzle-orm/node-postgres');
      const { migrate } = await import('drizzle-orm/node-postgres/migrator');
      await migrate(drizzle(client as pg.Client), { migrationsFolder: folder });
    },
    async run(statement) {
      await client.query(statement);
    },
    async drizzle() {
      const { drizzle } = await import('drizzle-orm/node-postgres');
      return drizzle(client as pg.Client, { schema }) as unknown as Db;
    },
    close,
  };
}

function pgliteConnection(client: PGlite, close: () => Promise<void>): Connection {
  return {
    engine: 'pglite',
    transaction(mode, work) {
      return client.transaction(async (tx) => {
        if (mode === 'snapshot') await tx.query('set transaction isolation level repeatable read read only');
        return work({
          async query(text, params) {
            const result = await tx.query<unknown[]>(text, params, { rowMode: 'array' });
            return { rows: result.rows, affected: result.affectedRows ?? 0 };
          },
        });
      });
    },
    async migrate(folder) {
      const { drizzle } = await import('drizzle-orm/pglite');
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(drizzle(client), { migrationsFolder: folder });
    },
    async run(statement) {
      await client.exec(statement);
    },
    async drizzle() {
      const { drizzle } = await import('drizzle-orm/pglite');
      return drizzle(client, { schema }) as unknown as Db;
    },
    close,
  };
}

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

/** This code's migrations, oldest first: the journal entries with the sha256 Drizzle records for each. */
export async function codeMigrations(): Promise<{ tag: string; hash: string; createdAt: number }[]> {
  const { readMigrationFiles } = await import('drizzle-orm/migrator');
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as Journal;
  const files = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR });
  return files.map((file, i) => ({ tag: journal.entries[i]!.tag, hash: file.hash, createdAt: file.folderMillis }));
}

/**
 * Applies this code's migrations up to and including number `count` (not the later ones), through a
 * temporary copy of the migrations folder whose journal stops there.
 */
export async function migrateUpTo(connection: Connection, count: number): Promise<void> {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as Journal;
  if (count >= journal.entries.length) return connection.migrate(MIGRATIONS_DIR);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'jaring-migrations-'));
  try {
    const entries = journal.entries.slice(0, count);
    fs.mkdirSync(path.join(folder, 'meta'));
    fs.writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
    for (const entry of entries) fs.copyFileSync(path.join(MIGRATIONS_DIR, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
    await connection.migrate(folder);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * While the server holds a PGlite data folder it answers backup requests on this Unix socket inside the
 * folder (owner-only), so `npm run jaring -- backup` works without stopping it.
 */
export const BACKUP_SOCKET = 'jaring-backup.sock';

/** The process holding a PGlite data folder's lock (see db/client.ts lockDataDir), if it is alive. */
export function folderOwner(dataDir: string): number | undefined {
  let owner: number;
  try {
    owner = Number(fs.readFileSync(path.join(dataDir, 'jaring.lock'), 'utf8'));
  } catch {
    return undefined;
  }
  if (!owner) return undefined;
  try {
    process.kill(owner, 0);
    return owner;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? owner : undefined;
  }
}
