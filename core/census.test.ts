import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { censusRoundCreateSchema, censusRoundState, censusRoundTakes, conflictingFields, nikDigest, percentOfTarget, sameFieldValue } from './census.ts';

const round = { startsOn: '2026-11-01', endsOn: '2026-11-30', closedAt: null };

describe('census rounds', () => {
  it.each([
    ['2026-10-31', 'upcoming'],
    ['2026-11-01', 'running'],
    ['2026-11-30', 'running'],
    ['2026-12-01', 'ended'],
  ] as const)('on %s a round of November is %s', (today, state) => {
    expect(censusRoundState(round, today)).toBe(state);
  });

  it('is closed once the admin closes it, whatever the day', () => {
    expect(censusRoundState({ ...round, closedAt: '2026-11-10T00:00:00Z' }, '2026-11-15')).toBe('closed');
  });

  it('takes entries recorded inside the period, even when they arrive later, and none once closed', () => {
    expect(censusRoundTakes(round, '2026-11-30')).toBe(true);
    expect(censusRoundTakes(round, '2026-12-01')).toBe(false);
    expect(censusRoundTakes(round, '2026-10-31')).toBe(false);
    expect(censusRoundTakes({ ...round, closedAt: '2026-11-20T00:00:00Z' }, '2026-11-10')).toBe(false);
  });

  it('refuses an end before the start and a village listed twice, naming the field', () => {
    const result = censusRoundCreateSchema.safeParse({
      name: 'Sensus',
      startsOn: '2026-11-30',
      endsOn: '2026-11-01',
      targetGroups: ['fisher'],
      villages: [{ villageCode: '52.03.01.2001' }, { villageCode: '52.03.01.2001', target: 5 }],
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['endsOn', 'villages.1.villageCode']));
  });

  it('gives the percent of target with one decimal, and none without a target', () => {
    expect(percentOfTarget(37, 40)).toBe(92.5);
    expect(percentOfTarget(1, 3)).toBe(33.3);
    expect(percentOfTarget(5, null)).toBeNull();
    expect(percentOfTarget(5, 0)).toBeNull();
  });
});

describe('offline edits', () => {
  const base = { name: 'Amaq Ali', hamlet: 'Dusun Lauk', occupation: 'farm_labourer' };

  it('is a conflict only where both the phone and the server changed a field, to different values', () => {
    const server = { ...base, hamlet: 'Dusun Daya', occupation: 'fisher' };
    expect(conflictingFields(base, { hamlet: 'Dusun Bat' }, server)).toEqual(['hamlet']);
    // The server changed the occupation, the phone the name: both stand.
    expect(conflictingFields(base, { name: 'Amaq Ali Akbar' }, server)).toEqual([]);
    // Both made the same change: nothing to choose.
    expect(conflictingFields(base, { hamlet: 'Dusun Daya' }, server)).toEqual([]);
    expect(conflictingFields(base, { hamlet: 'Dusun Bat', occupation: 'trader' }, server)).toEqual(['hamlet', 'occupation']);
  });

  it('treats blank, null and missing alike, and ignores surrounding spaces', () => {
    expect(sameFieldValue('', null)).toBe(true);
    expect(sameFieldValue(undefined, null)).toBe(true);
    expect(sameFieldValue(' Dusun Lauk ', 'Dusun Lauk')).toBe(true);
    expect(sameFieldValue('Dusun Lauk', 'Dusun Daya')).toBe(false);
  });
});

describe('NIK digest', () => {
  it('is SHA-256 of salt and NIK, the same in the browser (Web Crypto) as on the server (node:crypto)', async () => {
    const salt = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
    const nik = '5203014507850001';
    expect(await nikDigest(salt, nik)).toBe(createHash('sha256').update(`${salt}:${nik}`).digest('hex'));
    expect(await nikDigest('another-salt', nik)).not.toBe(await nikDigest(salt, nik));
  });
});
