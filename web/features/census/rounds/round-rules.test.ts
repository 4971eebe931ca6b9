import { describe, expect, it } from 'vitest';
import type { CensusRoundDetailDto } from '../../../../core/census.ts';
import {
  blankRoundForm,
  canSeeCensusRounds,
  districtCountOf,
  mergeVillages,
  roundBody,
  roundFormOf,
  roundFormProblems,
  roundPatch,
  targetTotalOf,
  withSameTarget,
  type RoundFormVillage,
} from './round-rules.ts';

const village = (code: string, target: number | '' = ''): RoundFormVillage => ({
  villageCode: code,
  villageName: `Desa ${code}`,
  districtCode: code.slice(0, 8),
  districtName: `Kecamatan ${code.slice(0, 8)}`,
  target,
});

const round: CensusRoundDetailDto = {
  id: 'r1',
  name: 'Sensus buruh tani 2027',
  startsOn: '2027-03-01',
  endsOn: '2027-03-31',
  targetGroups: ['farm_labourer', 'fisher'],
  state: 'running',
  closedAt: null,
  villageCount: 2,
  targetTotal: 250,
  createdAt: '2027-02-20T01:00:00.000Z',
  villages: [
    { villageCode: '52.03.02.2001', villageName: 'Desa B', districtCode: '52.03.02', districtName: 'Kec B', target: null },
    { villageCode: '52.03.01.2001', villageName: 'Desa A', districtCode: '52.03.01', districtName: 'Kec A', target: 250 },
  ],
};

describe('census round form', () => {
  it('starts today for 30 days with the four usual groups', () => {
    expect(blankRoundForm('2027-01-15')).toMatchObject({
      startsOn: '2027-01-15',
      endsOn: '2027-02-14',
      targetGroups: ['farm_labourer', 'fisher', 'small_business_worker', 'community_service'],
      villages: [],
    });
  });

  it('adds villages once, sorted by code, keeping the targets already typed', () => {
    const merged = mergeVillages([village('52.03.02.2001', 40)], [village('52.03.01.2001'), village('52.03.02.2001')]);
    expect(merged.map((v) => [v.villageCode, v.target])).toEqual([
      ['52.03.01.2001', ''],
      ['52.03.02.2001', 40],
    ]);
    expect(districtCountOf(merged)).toBe(2);
  });

  it('fills one target everywhere and sums the targets set', () => {
    const villages = [village('52.03.01.2001', 10), village('52.03.01.2002')];
    expect(targetTotalOf(villages)).toBe(10);
    expect(targetTotalOf(withSameTarget(villages, 75))).toBe(150);
    expect(targetTotalOf(withSameTarget(villages, ''))).toBeNull();
  });

  it('sends a blank target as null', () => {
    const form = { ...blankRoundForm('2027-01-15'), villages: [village('52.03.01.2001'), village('52.03.01.2002', 30)] };
    expect(roundBody(form).villages).toEqual([
      { villageCode: '52.03.01.2001', target: null },
      { villageCode: '52.03.01.2002', target: 30 },
    ]);
  });

  it('names the fields the schema objects to, rows by their place', () => {
    const problems = roundFormProblems({
      name: 'ab',
      startsOn: '2027-03-10',
      endsOn: '2027-03-01',
      targetGroups: [],
      villages: [village('52.03.01.2001', 10), village('52.03.01.2002', -5)],
    });
    expect(Object.keys(problems).sort()).toEqual(['endsOn', 'name', 'targetGroups', 'villages.1.target']);
    expect(roundFormProblems({ ...blankRoundForm('2027-01-15'), name: 'Sensus nelayan' })).toHaveProperty('villages');
    expect(roundFormProblems({ ...blankRoundForm('2027-01-15'), name: 'Sensus nelayan', villages: [village('52.03.01.2001')] })).toEqual({});
  });

  it('patches only what changed, and the village list whole', () => {
    const form = roundFormOf(round);
    expect(form.villages.map((v) => v.villageCode)).toEqual(['52.03.01.2001', '52.03.02.2001']);
    expect(roundPatch(round, form)).toEqual({});
    expect(roundPatch(round, { ...form, endsOn: '2027-04-15', targetGroups: ['fisher', 'farm_labourer'] })).toEqual({ endsOn: '2027-04-15' });
    const withTarget = { ...form, villages: form.villages.map((v) => (v.villageCode === '52.03.02.2001' ? { ...v, target: 90 } : v)) };
    expect(roundPatch(round, withTarget)).toEqual({
      villages: [
        { villageCode: '52.03.01.2001', target: 250 },
        { villageCode: '52.03.02.2001', target: 90 },
      ],
    });
  });

  it('is for everyone but enumerators', () => {
    expect(canSeeCensusRounds('viewer')).toBe(true);
    expect(canSeeCensusRounds('enumerator')).toBe(false);
  });
});
