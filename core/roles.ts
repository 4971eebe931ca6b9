/**
 * Roles and the scope rules every route enforces on the server. Each user has one role and one region
 * scope; a user reaches a region only when it lies inside that scope.
 */
import { maskNik } from './nik.ts';
import { isWithinRegion, type RegionLevel } from './regions.ts';

export const ROLES = ['admin', 'district', 'village', 'enumerator', 'bpjs', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { id: string; en: string }> = {
  admin: { id: 'Admin Disnakertrans', en: 'Manpower office admin' },
  district: { id: 'Kecamatan (camat)', en: 'District office' },
  village: { id: 'Operator desa', en: 'Village operator' },
  enumerator: { id: 'Petugas sensus (enumerator)', en: 'Census enumerator' },
  bpjs: { id: 'Petugas BPJS Ketenagakerjaan', en: 'BPJS branch officer' },
  viewer: { id: 'Pimpinan (dasbor)', en: 'Dashboard viewer' },
};

/** The level of region a role's scope must be: a village operator is scoped to one village, and so on. */
export const ROLE_SCOPE_LEVEL: Record<Role, RegionLevel | 'regency-or-wider'> = {
  admin: 'regency-or-wider',
  district: 'district',
  village: 'village',
  enumerator: 'village',
  bpjs: 'regency-or-wider',
  viewer: 'regency-or-wider',
};

export interface Actor {
  role: Role;
  regionCode: string;
}

export function canReadRegion(actor: Actor, regionCode: string): boolean {
  return isWithinRegion(regionCode, actor.regionCode);
}

/** Who may add, change or remove workers in the register: the manpower office and the village's own operator. */
export function canWriteWorkers(actor: Actor, villageCode: string): boolean {
  return (actor.role === 'admin' || actor.role === 'village') && isWithinRegion(villageCode, actor.regionCode);
}

/**
 * Census entries (new workers, changes, confirmations) for one village: the manpower office, the
 * village's operator, and the enumerators of that village — who may do nothing else (`ENUMERATOR_ONLY`).
 */
export function canWriteCensus(actor: Actor, villageCode: string): boolean {
  return (actor.role === 'admin' || actor.role === 'village' || actor.role === 'enumerator') && isWithinRegion(villageCode, actor.regionCode);
}

/** Opening, changing and closing census rounds: the manpower office. */
export function canManageCensusRounds(actor: Actor): boolean {
  return actor.role === 'admin';
}

/**
 * An enumerator works only in the census app: every other private route refuses them, whatever their
 * region. Routes they may use say so with `config: { enumerator: true }`.
 */
export function isCensusOnlyRole(role: Role): boolean {
  return role === 'enumerator';
}

/** District offices and the dashboard viewer read lists with NIKs masked. */
export function mustMaskNik(role: Role): boolean {
  return role === 'district' || role === 'viewer';
}

/** A NIK as the role may see it: masked for district offices and the dashboard viewer. */
export function nikFor(role: Role, nik: string): string {
  return mustMaskNik(role) ? maskNik(nik) : nik;
}

/** The dashboard viewer never sees a phone number or full NIK, even on one worker's page. */
export function mayReadPersonalDetail(role: Role): boolean {
  return role !== 'viewer';
}

export function canManageUsers(actor: Actor): boolean {
  return actor.role === 'admin';
}

export function canReadAudit(actor: Actor): boolean {
  return actor.role === 'admin';
}

export type ImportKind = 'workers' | 'bpjs';

const IMPORT_KINDS: Record<Role, ImportKind[]> = {
  admin: ['workers', 'bpjs'],
  village: ['workers'],
  enumerator: [],
  bpjs: ['bpjs'],
  district: [],
  viewer: [],
};

/** Census and resident files: the regency office and village operators; BPJS participant lists: the regency office and BPJS officers. */
export function importKindsFor(role: Role): ImportKind[] {
  return IMPORT_KINDS[role];
}

export function canImport(role: Role, kind?: ImportKind): boolean {
  return kind ? IMPORT_KINDS[role].includes(kind) : IMPORT_KINDS[role].length > 0;
}

/** Reviewing suggested participant–worker pairs and the participants outside the register. */
export function canReconcile(role: Role): boolean {
  return role === 'admin' || role === 'bpjs';
}

/** Enrolling workers and keeping their KPJ numbers: the manpower office, the village's own operator and BPJS officers. */
export function canWriteEnrolment(actor: Actor, villageCode: string): boolean {
  return (actor.role === 'admin' || actor.role === 'village' || actor.role === 'bpjs') && isWithinRegion(villageCode, actor.regionCode);
}

/** Premium rates and the grace rule change only with a regulation: the manpower office records them. */
export function canManageRates(actor: Actor): boolean {
  return actor.role === 'admin';
}

/**
 * Reporting a death or work accident, entering heirs and marking documents received: the manpower office,
 * the village's own operator and BPJS officers (families also come to the branch office).
 */
export function canFileClaims(actor: Actor, villageCode: string): boolean {
  return (actor.role === 'admin' || actor.role === 'village' || actor.role === 'bpjs') && isWithinRegion(villageCode, actor.regionCode);
}

/** Submitting claims to BPJS, recording its decisions and the payments to heirs: BPJS officers and the manpower office. */
export function canProcessClaims(actor: Actor, villageCode: string): boolean {
  return (actor.role === 'admin' || actor.role === 'bpjs') && isWithinRegion(villageCode, actor.regionCode);
}

/** Hand-over ceremonies (who receives what, on stage): the manpower office and BPJS officers. */
export function canManageHandovers(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'bpjs';
}
