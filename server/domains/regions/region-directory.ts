/**
 * The region tree kept in memory: regions change only with a new data release, and every worker write
 * checks a village code and a NIK against it, so lookups must not cost a query.
 */
import { isWithinRegion, type RegionLevel } from '../../../core/regions.ts';
import type { RegionRecord } from './region-source.ts';

export class RegionDirectory {
  private readonly byCode = new Map<string, RegionRecord>();
  private readonly childrenByCode = new Map<string, RegionRecord[]>();

  constructor(
    records: RegionRecord[],
    /** The region this installation serves (`52.03`); villages exist only inside it. */
    readonly servedCode: string,
  ) {
    for (const record of records) {
      this.byCode.set(record.code, record);
      if (record.parentCode) {
        const siblings = this.childrenByCode.get(record.parentCode) ?? [];
        siblings.push(record);
        this.childrenByCode.set(record.parentCode, siblings);
      }
    }
    for (const list of this.childrenByCode.values()) list.sort((a, b) => a.code.localeCompare(b.code));
    if (!this.byCode.has(servedCode)) throw new Error(`JARING_REGENCY ${servedCode} is not a known region code`);
  }

  get(code: string): RegionRecord | undefined {
    return this.byCode.get(code);
  }

  children(code: string): RegionRecord[] {
    return this.childrenByCode.get(code) ?? [];
  }

  get served(): RegionRecord {
    return this.byCode.get(this.servedCode)!;
  }

  isServed(code: string): boolean {
    return isWithinRegion(code, this.servedCode) && this.byCode.has(code);
  }

  /** A village of the served region, or undefined. */
  village(code: string): RegionRecord | undefined {
    const record = this.byCode.get(code);
    return record?.level === 'village' && this.isServed(code) ? record : undefined;
  }

  /** All regions of one level inside `scope` (e.g. every village of a district), in code order; a copy. */
  within(scope: string, level: RegionLevel): RegionRecord[] {
    // Every dashboard asks for these lists: walked once per scope and level, as the tree never changes.
    const key = `${scope}|${level}`;
    let found = this.withinCache.get(key);
    if (!found) {
      found = [];
      for (const record of this.byCode.values()) {
        if (record.level === level && isWithinRegion(record.code, scope)) found.push(record);
      }
      found.sort((a, b) => a.code.localeCompare(b.code));
      this.withinCache.set(key, found);
    }
    return found.slice();
  }

  private readonly withinCache = new Map<string, RegionRecord[]>();

  isKnownProvince = (code: string): boolean => this.byCode.get(code)?.level === 'province';
  isKnownDistrict = (code: string): boolean => this.byCode.get(code)?.level === 'district';
}
