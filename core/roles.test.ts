import { describe, expect, it } from 'vitest';
import { isWithinRegion, regionLevelOf } from './regions.ts';
import { canReadRegion, canWriteCensus, canWriteWorkers, mustMaskNik, type Actor } from './roles.ts';

const village: Actor = { role: 'village', regionCode: '52.03.01.2001' };
const district: Actor = { role: 'district', regionCode: '52.03.01' };
const admin: Actor = { role: 'admin', regionCode: '52.03' };
const bpjs: Actor = { role: 'bpjs', regionCode: '52.03' };
const viewer: Actor = { role: 'viewer', regionCode: '52.03' };
const enumerator: Actor = { role: 'enumerator', regionCode: '52.03.01.2001' };

describe('census entries', () => {
  it.each([
    [enumerator, '52.03.01.2001', true],
    [enumerator, '52.03.01.2002', false],
    [village, '52.03.01.2001', true],
    [admin, '52.03.21.2005', true],
    [district, '52.03.01.2001', false],
    [bpjs, '52.03.01.2001', false],
    [viewer, '52.03.01.2001', false],
  ] as const)('%o may send entries for %s: %s', (actor, villageCode, allowed) => {
    expect(canWriteCensus(actor, villageCode)).toBe(allowed);
  });

  it('does not let an enumerator write the register directly', () => {
    expect(canWriteWorkers(enumerator, '52.03.01.2001')).toBe(false);
  });
});

describe('scope rules', () => {
  it.each([
    // actor, region, may read, may write workers
    [village, '52.03.01.2001', true, true],
    [village, '52.03.01.2002', false, false],
    [village, '52.03.01', false, false],
    [district, '52.03.01.2002', true, false],
    [district, '52.03.02.2001', false, false],
    [admin, '52.03.21.2005', true, true],
    [admin, '52.01.01.2001', false, false],
    [bpjs, '52.03.05.2001', true, false],
    [viewer, '52.03.05.2001', true, false],
  ] as const)('%o on %s: read %s, write %s', (actor, region, read, write) => {
    expect(canReadRegion(actor, region)).toBe(read);
    expect(canWriteWorkers(actor, region)).toBe(write);
  });

  it('does not confuse a code with a longer sibling (52.03.01 vs 52.03.010…)', () => {
    expect(isWithinRegion('52.03.011', '52.03.01')).toBe(false);
    expect(isWithinRegion('52.03.01.2001', '52.03.01')).toBe(true);
  });

  it('masks NIKs for district offices and the dashboard viewer only', () => {
    expect(['admin', 'district', 'village', 'bpjs', 'viewer'].filter((r) => mustMaskNik(r as Actor['role']))).toEqual([
      'district',
      'viewer',
    ]);
  });

  it('knows region levels from the dotted code', () => {
    expect(['52', '52.03', '52.03.01', '52.03.01.2001', '5203', '52.03.1'].map(regionLevelOf)).toEqual([
      'province',
      'regency',
      'district',
      'village',
      null,
      null,
    ]);
  });
});
