/**
 * The shapes the API answers with, as the web app reads them. They mirror the server's response
 * schemas (server/domains/<domain>/<domain>.schemas.ts); web speaks HTTP and never imports server code.
 */
import type { CoverageStatus, Program, ProgramStatus } from '../../core/coverage.ts';
import type { OccupationCode } from '../../core/occupations.ts';
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

export interface WorkerSummary {
  id: string;
  nik: string;
  nikMasked: boolean;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  age: number;
  villageCode: string;
  villageName: string;
  districtCode: string;
  districtName: string;
  hamlet: string | null;
  rt: string | null;
  rw: string | null;
  occupation: OccupationCode;
  coverage: Coverage;
}

/** Protection today (JKK and JKM together), derived by the server. */
export interface Coverage {
  status: CoverageStatus;
  /** The earlier of the JKK and JKM paid-until months (YYYY-MM), or null when nothing was paid. */
  paidUntil: string | null;
}

/** One programme the worker takes part in, with its own status today. */
export interface ProgramParticipation {
  program: Program;
  /** The participant's card number (Kartu Peserta Jamsostek). */
  kpj: string | null;
  startMonth: string;
  paidUntil: string | null;
  /** `APBD`, `ADD`, `DBHCHT`, `CSR`, `SELF`, or a code this app does not know yet. */
  fundingSource: string;
  status: ProgramStatus;
}

export interface WorkerDetail extends WorkerSummary {
  phone: string | null;
  monthlyIncome: number | null;
  notes: string | null;
  nikDistrictCode: string;
  programs: ProgramParticipation[];
  createdAt: string;
  updatedAt: string;
  warnings: { code: string; message: string }[];
}

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
