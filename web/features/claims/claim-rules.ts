/**
 * Which claims pages a role opens. The server decides every read and write (scope, role); these only keep
 * a role away from pages that can show it nothing useful.
 */
import type { Role } from '../../../core/roles.ts';

/** Reporting a death or work accident: the manpower office, village operators and BPJS officers. */
export function canReportClaims(role: Role): boolean {
  return role === 'admin' || role === 'village' || role === 'bpjs';
}

/** Ceremonies list heirs by name: everyone who follows claims, not the dashboard viewer. */
export function canSeeHandovers(role: Role): boolean {
  return role !== 'viewer';
}

/** Planning a ceremony: the manpower office and BPJS officers. */
export function canManageHandovers(role: Role): boolean {
  return role === 'admin' || role === 'bpjs';
}

/** Deadlines, public holidays and benefit amounts are the manpower office's settings. */
export function canManageClaimSettings(role: Role): boolean {
  return role === 'admin';
}
