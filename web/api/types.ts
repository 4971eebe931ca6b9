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
  /** Largest file the import accepts, in bytes. */
  importMaxBytes: number;
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
export type WorkerDetail = z.infer<typeof workerDetailSchema> & {
  /** Per-programme records from BPJS files and from Jaring; optional until every server sends it. */
  enrolments?: Enrolment[];
};
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

/** One programme as the latest BPJS file (source `bpjs`) or Jaring's own records (source `jaring`) state it. */
export interface Enrolment {
  program: 'JKK' | 'JKM' | 'JHT';
  kpj: string | null;
  status: 'active' | 'non_active' | 'grace' | 'lapsed' | 'ended' | 'not_started';
  /** YYYY-MM. */
  paidUntil: string | null;
  source: 'bpjs' | 'jaring';
  /** The date of the BPJS file the record came from, YYYY-MM-DD. */
  reportedOn: string | null;
}

// ---------------------------------------------------------------- imports (server/domains/imports)

export type ImportKind = 'workers' | 'bpjs';
/** How the file was read: Jaring's census template, a resident export (OpenSID, SIAK) or a BPJS participant list. */
export type ImportLayout = 'census' | 'opensid' | 'siak' | 'bpjs';
export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';

/** What `POST /api/imports/preview` found in a file before anything is written. */
export interface ImportPreview {
  layout: ImportLayout;
  fileName: string;
  sheet: string | null;
  delimiter: string | null;
  headers: string[];
  columns: { index: number; header: string; field: string | null; fieldLabel: string | null }[];
  /** Required fields no column was matched to; the import cannot start while any is missing. */
  missing: { field: string; label: string }[];
  /** The first data rows as text, cells in file-column order. */
  sampleRows: string[][];
  estimatedRows: number | null;
}

export interface ImportRowError {
  /** The row number in the file, as a spreadsheet shows it. */
  row: number;
  field: string | null;
  code: string;
  message: string;
}

/** One import as the history lists it. */
export interface ImportJobSummary {
  id: string;
  kind: ImportKind;
  /** Null until the file's layout is known (a file that fails early may never get one). */
  layout: ImportLayout | null;
  fileName: string;
  village: string | null;
  villageName: string | null;
  status: ImportStatus;
  failureMessage: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  createdBy: string | null;
  /** `rowsDone` is sent by newer servers; until then `total` counts the rows read so far. */
  progress: { bytesRead: number; bytesTotal: number; rowsDone?: number };
  /** Rows read so far (all of them once done). */
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Rows of resident exports left out on purpose, by reason. */
  skipped: { occupation: number; age: number; status: number };
  /** BPJS files only: how participants were matched to the register. */
  linkedExact?: number;
  linkedAuto?: number;
  queued?: number;
  unmatched?: number;
}

/** One import with the first rejected rows. */
export interface ImportJob extends ImportJobSummary {
  errors: ImportRowError[];
  errorsTruncated: boolean;
}

// ---------------------------------------------------------------- reconciliation

export type ReviewStatus = 'pending' | 'confirmed' | 'rejected';

/** A person on a BPJS participant list. */
export interface Participant {
  kpj: string;
  nik: string | null;
  name: string;
  birthDate: string | null;
  villageCode: string | null;
  villageName: string | null;
  programs: string[];
  status: 'active' | 'non_active';
  /** YYYY-MM. */
  paidUntil: string | null;
}

/** A BPJS participant that may be a registered worker; a person decides. */
export interface ReviewItem {
  id: string;
  status: ReviewStatus;
  /** How alike the two records are, 0..1. */
  score: number;
  /** Why they were paired, labelled in Indonesian by the server. */
  reasons: { code: string; label: string }[];
  participant: Participant;
  worker: {
    id: string;
    nik: string;
    name: string;
    birthDate: string;
    sex: 'M' | 'F';
    villageCode: string;
    villageName: string;
    occupation: string;
  };
  decidedBy: string | null;
  decidedAt: string | null;
}

/** A BPJS participant no registered worker matched. */
export interface UnmatchedParticipant extends Participant {
  id: string;
  importId: string;
}
