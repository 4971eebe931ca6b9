import { and, asc, count, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';
import { auditLog } from '../audit/audit.table.ts';
import { sessions, users } from './auth.table.ts';

export type UserRow = typeof users.$inferSelect;
export type UserInsert = typeof users.$inferInsert;

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  return row;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function insertUser(db: Db, user: UserInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(user).returning();
  return row!;
}

export async function findUsers(db: Db): Promise<UserRow[]> {
  return db.select().from(users).orderBy(asc(users.username));
}

export async function insertSession(db: Db, session: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(session);
}

/** The live session for a token hash, with its (enabled) user, or undefined. */
export async function findLiveSession(db: Db, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), isNull(users.disabledAt)));
  return row;
}

export async function extendSession(db: Db, tokenHash: string, expiresAt: Date): Promise<void> {
  await db.update(sessions).set({ expiresAt }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

export async function updatePasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

export async function deleteSessionsOfUser(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/**
 * When the latest `limit` failed logins under a username happened (newest first), counting only those
 * after `since` and after the last successful login of that name. Read from the audit trail, which every
 * app process writes, so a lockout holds across processes. Refusals of a locked name do not count.
 */
export async function findRecentLoginFailures(db: Db, username: string, since: Date, limit: number): Promise<Date[]> {
  const rows = await queryRows<{ at: Date | string }>(
    db,
    sql`select a.at from ${auditLog} a
        where a.action = 'login_failed' and a.actor_username = ${username} and a.at > ${since.toISOString()}::timestamptz
          and coalesce(a.changes->>'reason', '') <> 'locked'
          and a.at > coalesce((select max(s.at) from ${auditLog} s
                               where s.action = 'login' and s.actor_username = ${username} and s.at > ${since.toISOString()}::timestamptz), '-infinity')
        order by a.at desc
        limit ${limit}`,
  );
  return rows.map((r) => new Date(r.at));
}
