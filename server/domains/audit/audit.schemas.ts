import { z } from 'zod';
import { pageQuery } from '../../http/paging.ts';

export const auditQuerySchema = pageQuery.extend({
  entity: z.string().max(40).optional().describe('worker, user, session, …'),
  id: z.string().max(64).optional().describe('The entity id'),
});

export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  regionCode: z.string().nullable(),
  changes: z.record(z.string(), z.unknown()).nullable(),
});

export const auditListSchema = z.object({
  items: z.array(auditEntrySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
