/** Region codes in the Kemendagri dotted form: `52`, `52.03`, `52.03.01`, `52.03.01.2001`. */
export const REGION_LEVELS = ['province', 'regency', 'district', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const REGION_CODE_PATTERN = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;

/** The level of a region code, or null when the code is not in dotted Kemendagri form. */
export function regionLevelOf(code: string): RegionLevel | null {
  if (!REGION_CODE_PATTERN.test(code)) return null;
  return REGION_LEVELS[code.split('.').length - 1] ?? null;
}

/** True when `code` is the region `scope` itself or lies inside it (`52.03.01.2001` lies in `52.03`). */
export function isWithinRegion(code: string, scope: string): boolean {
  return code === scope || code.startsWith(`${scope}.`);
}

export function parentCodeOf(code: string): string | null {
  const cut = code.lastIndexOf('.');
  return cut === -1 ? null : code.slice(0, cut);
}

/** The code of the ancestor at `level` (`districtCodeOf('52.03.01.2001')` → `52.03.01`). */
export function ancestorCodeAt(code: string, level: RegionLevel): string | null {
  const parts = code.split('.');
  const depth = REGION_LEVELS.indexOf(level) + 1;
  return parts.length >= depth ? parts.slice(0, depth).join('.') : null;
}
