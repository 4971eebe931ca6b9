import { and, count, desc, eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditLog } from './audit.table.ts';

export type AuditInsert = typeof auditLog.$inferInsert;
export type AuditRow = typeof auditLog.$inferSelect;

export async function insertAudit(db: Db, entry: AuditInsert): Promise<void> {
  await db.insert(auditLog).values(entry);
}

/**
 * `WITH w AS (<write>) INSERT INTO audit_log …`: PostgreSQL runs a data-modifying CTE exactly once and to
 * completion even when nothing reads it, so the write and its audit row commit or fail together.
 */
export async function insertAuditAfter(db: Db, write: SQLWrapper & { getSQL(): SQL }, entry: AuditInsert): Promise<void> {
  await db.execute(sql`with w as (${write.getSQL()}) insert into ${auditLog} (actor_id, actor_username, actor_role, action, entity, entity_id, region_code, changes, request_id)
    values (${entry.actorId ?? null}, ${entry.actorUsername ?? null}, ${entry.actorRole ?? null}, ${entry.action}, ${entry.entity},
      ${entry.entityId ?? null}, ${entry.regionCode ?? null}, ${entry.changes === undefined || entry.changes === null ? null : JSON.stringify(entry.changes)}::jsonb,
      ${entry.requestId ?? null})`);
}

export async function findAudit(
  db: Db,
  filter: { entity?: string; entityId?: string; limit: number; offset: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  const conditions: SQL[] = [];
  if (filter.entity) conditions.push(eq(auditLog.entity, filter.entity));
  if (filter.entityId) {
    // A bulk import writes one entry per batch naming every worker it created or changed.
    conditions.push(
      sql`(${auditLog.entityId} = ${filter.entityId} or (${auditLog.action} = 'import' and ${auditLog.entity} = 'worker'
        and (${auditLog.changes}->'created' ? ${filter.entityId} or ${auditLog.changes}->'updated' ? ${filter.entityId})))`,
    );
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const rows = await db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(filter.limit)
    .offset(filter.offset);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(auditLog).where(where);
  return { rows, total };
}
