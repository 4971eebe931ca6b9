/**
 * The shapes the API answers with, as the web app reads them. Worker answers come straight from the
 * shared schemas in core/; the rest mirror server/domains/<domain>/<domain>.schemas.ts (web speaks
 * HTTP and never imports server code).
 */
import type { z } from 'zod';
import type { coverageSchema, programSchema, workerDetailSchema, workerSummarySchema } from '../../core/workers.schema.ts';
import type { RegionLevel } from '../../core/regions.ts';
import type { Role } from '../../core/roles.ts';

export interface Meta {
  region: { code: string; name: string; level: string };
  demo: boolean;
  /** Today in the regency's calendar, YYYY-MM-DD. */
  today: string;
  occupations: { code: string; id: string; en: string }[];
}

export interface User {
  id: string;
  username: string;
  role: Role;
  regionCode: string;
  regionName: string;
  createdAt: string;
}

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  workerCount?: number;
}

/** Worker answers: the very schemas the server serialises with (core/workers.schema.ts). */
export type WorkerSummary = z.infer<typeof workerSummarySchema>;
export type WorkerDetail = z.infer<typeof workerDetailSchema>;
/** Protection today (JKK and JKM together), derived by the server. */
export type Coverage = z.infer<typeof coverageSchema>;
/** One programme the worker takes part in, with its own status today. */
export type ProgramParticipation = z.infer<typeof programSchema>;

export interface Page<T> {
  items: T[];
  total: number;
  /** Worker lists count exactly up to 10,000; past that the total is a floor. */
  totalIsCapped?: boolean;
  page: number;
  pageSize: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: string | null;
  actorUsername: string | null;
  actorRole: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  regionCode: string | null;
  changes: Record<string, unknown> | null;
}
