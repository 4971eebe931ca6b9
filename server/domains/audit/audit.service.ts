/**
 * The audit trail: who did what to which record, and when. Writers call `recordAudit` with the same
 * transaction as the change itself, so a change without its audit entry cannot exist.
 */
import { canReadAudit } from '../../../core/roles.ts';
import type { Db } from '../../db/client.ts';
import { errors } from '../../errors.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import type { SQL, SQLWrapper } from 'drizzle-orm';
import { findAudit, insertAudit, insertAuditAfter, type AuditInsert } from './audit.repo.ts';

export type AuditAction = 'create' | 'update' | 'delete' | 'read' | 'import' | 'export' | 'login' | 'login_failed' | 'logout';

export interface AuditContext {
  actor: SessionUser | null;
  requestId?: string;
  /** For failed logins: the username that was tried (there is no actor). */
  attemptedUsername?: string;
}

export interface AuditEvent {
  action: AuditAction;
  entity: string;
  entityId?: string | null;
  regionCode?: string | null;
  changes?: Record<string, unknown> | null;
  /** When it happened by the app's clock; the database's now() when left out. Logins set it: the lockout counts them. */
  at?: Date;
}

export async function recordAudit(db: Db, context: AuditContext, event: AuditEvent): Promise<void> {
  await insertAudit(db, auditEntry(context, event));
}

/**
 * Runs one write statement and appends its audit entry in a single SQL statement — atomic without a
 * transaction, and one round trip instead of four (BEGIN, write, audit, COMMIT) on the hot create path.
 */
export async function writeWithAudit(db: Db, write: SQLWrapper & { getSQL(): SQL }, context: AuditContext, event: AuditEvent): Promise<void> {
  await insertAuditAfter(db, write, auditEntry(context, event));
}

function auditEntry(context: AuditContext, event: AuditEvent): AuditInsert {
  return {
    actorId: context.actor?.id ?? null,
    actorUsername: context.actor?.username ?? context.attemptedUsername ?? null,
    actorRole: context.actor?.role ?? null,
    action: event.action,
    entity: event.entity,
    entityId: event.entityId ?? null,
    regionCode: event.regionCode ?? null,
    changes: event.changes ?? null,
    requestId: context.requestId ?? null,
    ...(event.at ? { at: event.at } : {}),
  };
}

/** The before/after of a new record: every listed field from nothing to its value. */
export function createdChanges<T extends Record<string, unknown>>(row: T, fields: readonly (keyof T & string)[]): Record<string, { before: null; after: unknown }> {
  return Object.fromEntries(fields.map((field) => [field, { before: null, after: row[field] ?? null }]));
}

/** Field-by-field before/after of what actually changed; unchanged fields are left out. */
export function diffRecords<T extends Record<string, unknown>>(
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const field of fields) {
    if (before[field] !== after[field]) changes[field] = { before: before[field] ?? null, after: after[field] ?? null };
  }
  return changes;
}

export async function listAudit(
  db: Db,
  actor: SessionUser,
  query: { entity?: string; id?: string; page: number; pageSize: number },
) {
  if (!canReadAudit(actor)) throw errors.forbidden('Hanya admin Disnakertrans yang dapat membaca jejak audit.');
  const { rows, total } = await findAudit(db, {
    entity: query.entity,
    entityId: query.id,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return {
    items: rows.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actorId: row.actorId,
      actorUsername: row.actorUsername,
      actorRole: row.actorRole,
      action: row.action,
      entity: row.entity,
      entityId: row.entityId,
      regionCode: row.regionCode,
      changes: row.changes as Record<string, unknown> | null,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
