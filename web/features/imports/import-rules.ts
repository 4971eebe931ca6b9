/**
 * What a file layout implies for the import pages.
 */
import type { ImportLayout } from '../../api/types.ts';

// Who may import and reconcile is shared with the server (core/roles.ts).
export { canImport, canReconcile, importKindsFor } from '../../../core/roles.ts';

const LAYOUTS: readonly string[] = ['census', 'opensid', 'siak', 'bpjs'] satisfies ImportLayout[];

/** A layout this version of the app has words for; a newer server may name others. */
export function isKnownLayout(layout: string): layout is ImportLayout {
  return LAYOUTS.includes(layout);
}

/** Resident exports (OpenSID, SIAK) leave out some people on purpose; census files and BPJS lists do not. */
export function isResidentExport(layout: string | null): boolean {
  return layout === 'opensid' || layout === 'siak';
}
