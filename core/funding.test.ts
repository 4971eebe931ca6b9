import { describe, expect, it } from 'vitest';
import { canManageSource, DD_REFUSAL_REASON, fundingRefusal, splitByFiscalYear, workersCoverable, type FundingKind } from './funding.ts';
import type { Actor } from './roles.ts';

describe('fundingRefusal', () => {
  it.each([
    ['DD', '2023-01', '2023-12', null],
    ['DD', '2024-01', '2024-01', DD_REFUSAL_REASON],
    ['DD', '2023-11', '2024-02', DD_REFUSAL_REASON],
    ['DD', '2026-01', '2026-12', DD_REFUSAL_REASON],
    ['APBD', '2023-11', '2024-02', null],
    ['APBD', '2026-01', '2026-12', null],
    ['ADD', '2026-01', '2026-12', null],
  ] as const)('%s %s..%s', (kind, from, to, expected) => {
    expect(fundingRefusal(kind, from, to)).toBe(expected);
  });

  it('says why Dana Desa is refused and what to use instead', () => {
    expect(DD_REFUSAL_REASON).toContain('Januari 2024');
    expect(DD_REFUSAL_REASON).toContain('ADD');
  });
});

describe('splitByFiscalYear', () => {
  it('splits a period crossing the year end', () => {
    expect(splitByFiscalYear('2026-11', '2027-02')).toEqual([
      { fiscalYear: 2026, fromMonth: '2026-11', toMonth: '2026-12' },
      { fiscalYear: 2027, fromMonth: '2027-01', toMonth: '2027-02' },
    ]);
  });

  it('keeps a period inside one year whole, and spans several years', () => {
    expect(splitByFiscalYear('2026-03', '2026-03')).toEqual([{ fiscalYear: 2026, fromMonth: '2026-03', toMonth: '2026-03' }]);
    expect(splitByFiscalYear('2025-12', '2027-01').map((s) => s.fiscalYear)).toEqual([2025, 2026, 2027]);
  });
});

describe('canManageSource', () => {
  const admin: Actor = { role: 'admin', regionCode: '52.03' };
  const village: Actor = { role: 'village', regionCode: '52.03.01.2001' };
  const bpjs: Actor = { role: 'bpjs', regionCode: '52.03' };
  const district: Actor = { role: 'district', regionCode: '52.03.01' };
  const viewer: Actor = { role: 'viewer', regionCode: '52.03' };
  const src = (kind: FundingKind, regionCode: string) => ({ kind, regionCode });

  it.each([
    [admin, src('APBD', '52.03'), true],
    [admin, src('ADD', '52.03.05.2003'), true],
    [admin, src('SELF', '52.03'), true],
    [admin, src('APBD', '52.01'), false],
    [village, src('ADD', '52.03.01.2001'), true],
    [village, src('DD', '52.03.01.2001'), true],
    [village, src('ADD', '52.03.01.2002'), false],
    [village, src('APBD', '52.03'), false],
    [village, src('DBHCHT', '52.03'), false],
    [bpjs, src('SELF', '52.03'), true],
    [bpjs, src('APBD', '52.03'), false],
    [bpjs, src('ADD', '52.03.01.2001'), false],
    [district, src('ADD', '52.03.01.2001'), false],
    [district, src('APBD', '52.03'), false],
    [viewer, src('APBD', '52.03'), false],
    [viewer, src('SELF', '52.03'), false],
  ] as const)('%o manages %o: %s', (actor, source, expected) => {
    expect(canManageSource(actor, source)).toBe(expected);
  });
});

describe('workersCoverable', () => {
  it.each([
    [201_600, 33_600, 6],
    [201_599, 33_600, 5],
    [0, 33_600, 0],
    [-5_000, 33_600, 0],
    [100_000, 0, 0],
  ])('%i remaining at %i each → %i', (remaining, cost, expected) => {
    expect(workersCoverable(remaining, cost)).toBe(expected);
  });
});
