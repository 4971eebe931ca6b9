/**
 * Finding a village from what a spreadsheet says: a Kemendagri code (dotted or as 10 digits), or a village
 * name, optionally narrowed by its district's name ("Desa Pringgabaya", "Kec. Pringgabaya").
 */
import { cleanText, type Cell } from '../../../core/import/cells.ts';
import type { RegionDirectory } from '../regions/region-directory.ts';

export type VillageLookup =
  | { ok: true; code: string }
  | { ok: false; reason: 'unknown_code' | 'unknown_district' | 'unknown_name' | 'ambiguous_name'; candidates?: number }
  | { ok: false; reason: 'empty' };

export interface VillageNames {
  lookup(codeCell: Cell, nameCell: Cell, districtCell: Cell): VillageLookup;
}

export function normaliseRegionName(name: string): string {
  return name
    .toLowerCase()
    .replace(/^(desa|kelurahan|kel\.?|ds\.?|kecamatan|kec\.?)\s+/, '')
    .replace(/[^a-z0-9]/g, '');
}

/** `5203012001` → `52.03.01.2001`; anything else is returned as written. */
export function dottedVillageCode(text: string): string {
  const digits = text.replace(/\D/g, '');
  return digits.length === 10 ? `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}.${digits.slice(6)}` : text;
}

/** Built once per import: village and district names of the served region, normalised. */
export function villageNames(regions: RegionDirectory): VillageNames {
  const byName = new Map<string, string[]>();
  for (const village of regions.within(regions.servedCode, 'village')) {
    const key = normaliseRegionName(village.name);
    byName.set(key, [...(byName.get(key) ?? []), village.code]);
  }
  const districtByName = new Map(regions.within(regions.servedCode, 'district').map((d) => [normaliseRegionName(d.name), d.code]));
  return {
    lookup(codeCell, nameCell, districtCell) {
      const codeText = cleanText(codeCell).replace(/\s/g, '');
      if (codeText) {
        const code = dottedVillageCode(codeText);
        return regions.village(code) ? { ok: true, code } : { ok: false, reason: 'unknown_code' };
      }
      const nameText = cleanText(nameCell);
      if (!nameText) return { ok: false, reason: 'empty' };
      let candidates = byName.get(normaliseRegionName(nameText)) ?? [];
      const districtText = cleanText(districtCell);
      if (districtText) {
        const district = districtByName.get(normaliseRegionName(districtText));
        if (!district) return { ok: false, reason: 'unknown_district' };
        candidates = candidates.filter((c) => c.startsWith(`${district}.`));
      }
      if (candidates.length === 0) return { ok: false, reason: 'unknown_name' };
      if (candidates.length > 1) return { ok: false, reason: 'ambiguous_name', candidates: candidates.length };
      return { ok: true, code: candidates[0]! };
    },
  };
}
