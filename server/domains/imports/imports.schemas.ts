import { z } from 'zod';

const layoutSchema = z.enum(['census', 'opensid', 'siak', 'bpjs']);

const columnSchema = z.object({ index: z.number().int(), header: z.string(), field: z.string().nullable(), fieldLabel: z.string().nullable() });

export const importPreviewSchema = z.object({
  layout: layoutSchema,
  layoutLabel: z.string(),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  sheet: z.string().nullable(),
  delimiter: z.string().nullable(),
  headers: z.array(z.string()),
  columns: z.array(columnSchema),
  missing: z.array(z.object({ field: z.string(), label: z.string() })),
  sampleRows: z.array(z.array(z.string())),
  estimatedRows: z.number().int().nullable(),
});

const jobSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(['workers', 'bpjs']),
  layout: layoutSchema.nullable(),
  fileName: z.string(),
  village: z.string().nullable(),
  villageName: z.string().nullable(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  failureMessage: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  progress: z.object({ bytesRead: z.number().int(), bytesTotal: z.number().int(), rowsDone: z.number().int() }),
  /** Rows read (empty rows aside): created + updated + unchanged + rejected + skipped. */
  total: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  /** Residents of an OpenSID/SIAK export left out, by reason (not errors). */
  skipped: z.object({ occupation: z.number().int(), age: z.number().int(), status: z.number().int() }),
  // BPJS imports only
  linkedExact: z.number().int().optional(),
  linkedAuto: z.number().int().optional(),
  linkedConfirmed: z.number().int().optional(),
  queued: z.number().int().optional(),
  unmatched: z.number().int().optional(),
});

export const importJobSchema = jobSummarySchema.extend({
  errors: z.array(z.object({ row: z.number().int(), field: z.string().nullable(), code: z.string(), message: z.string() })),
  /** More errors exist than are listed; the rejected-rows file has them all. */
  errorsTruncated: z.boolean(),
});

export const importListSchema = z.object({
  items: z.array(jobSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const civilOccupationSchema = z.object({
  key: z.string(),
  civilId: z.number().int().nullable(),
  label: z.string(),
  occupation: z.string().nullable(),
  reason: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
