/**
 * Where the time of a request goes in the database: capture the SQL one request really sends (through
 * Drizzle's query logger, so the plan is of the repo's own query, not a copy) and EXPLAIN ANALYZE it.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../server/db/client.ts';

export interface CapturedQuery {
  sql: string;
  params: unknown[];
}

interface QueryLogger {
  logQuery(query: string, params: unknown[]): void;
}

/** Drizzle keeps its logger on the (internal) session; transactions copy it from the session options. */
interface SessionInternals {
  logger?: QueryLogger;
  options?: { logger?: QueryLogger };
}

/** Runs `work` and returns the SQL statements Drizzle sent meanwhile (empty when the internals differ). */
export async function captureQueries(db: Db, work: () => Promise<unknown>): Promise<CapturedQuery[]> {
  const session = (db as unknown as { session?: SessionInternals }).session;
  const captured: CapturedQuery[] = [];
  if (!session || !session.logger) {
    await work();
    return captured;
  }
  const previous = { logger: session.logger, optionsLogger: session.options?.logger };
  const logger: QueryLogger = { logQuery: (query, params) => captured.push({ sql: query, params: [...params] }) };
  session.logger = logger;
  if (session.options) session.options.logger = logger;
  try {
    await work();
  } finally {
    session.logger = previous.logger;
    if (session.options) session.options.logger = previous.optionsLogger;
  }
  return captured;
}

/** The captured statement with its `$n` placeholders bound again, as a Drizzle SQL object. */
function rebind(query: CapturedQuery): SQL {
  const parts = query.sql.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  parts.forEach((part, i) => chunks.push(i % 2 === 0 ? sql.raw(part) : sql`${query.params[Number(part) - 1]}`));
  return sql.join(chunks, sql.raw(''));
}

/** EXPLAIN (ANALYZE, BUFFERS) of a read-only statement; returns the plan lines. */
export async function explainAnalyze(db: Db, query: CapturedQuery): Promise<string[]> {
  if (!/^\s*select\b/i.test(query.sql)) throw new Error('only SELECT statements are explained (ANALYZE runs them)');
  const result = (await db.execute(sql`EXPLAIN (ANALYZE, BUFFERS) ${rebind(query)}`)) as unknown as { rows: Record<string, string>[] };
  return result.rows.map((row) => row['QUERY PLAN'] ?? Object.values(row)[0] ?? '');
}
