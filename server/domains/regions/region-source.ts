/**
 * Reads the region tree from the `idn-area-data` package (Kemendagri codes, ODbL data): all provinces,
 * regencies and districts of Indonesia (NIK checks need them all) and the villages of the served region.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isWithinRegion, type RegionLevel } from '../../../core/regions.ts';

export interface RegionRecord {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

const require = createRequire(import.meta.url);
const packageDir = path.dirname(require.resolve('idn-area-data/package.json'));
export const REGION_DATA_VERSION = `idn-area-data@${(JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }).version}`;

const FILES: { level: RegionLevel; file: string }[] = [
  { level: 'province', file: 'provinces.csv' },
  { level: 'regency', file: 'regencies.csv' },
  { level: 'district', file: 'districts.csv' },
  { level: 'village', file: 'villages.csv' },
];

/** Every record above village level, and the villages inside `servedRegion`. */
export function readRegionRecords(servedRegion: string): RegionRecord[] {
  const records: RegionRecord[] = [];
  for (const { level, file } of FILES) {
    const text = fs.readFileSync(path.join(packageDir, 'data', file), 'utf8');
    for (const line of text.split(/\r?\n/).slice(1)) {
      if (!line) continue;
      const code = line.slice(0, line.indexOf(','));
      if (level === 'village' && !isWithinRegion(code, servedRegion)) continue;
      const parts = line.split(',');
      // provinces.csv has `code,name`; the others `code,parent_code,name`.
      const name = level === 'province' ? parts.slice(1).join(',') : parts.slice(2).join(',');
      const parentCode = level === 'province' ? null : (parts[1] ?? null);
      records.push({ code, name: tidyName(name), level, parentCode });
    }
  }
  return records;
}

/** `KABUPATEN LOMBOK TIMUR` → `Kabupaten Lombok Timur`; the data writes apostrophes as `"` (`Ja"an`). */
function tidyName(raw: string): string {
  const name = raw.trim().replaceAll('"', "'");
  if (name !== name.toUpperCase()) return name;
  return name.toLowerCase().replace(/(^|[\s(/-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}
