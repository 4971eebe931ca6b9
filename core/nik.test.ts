import { describe, expect, it } from 'vitest';
import { birthDateFromNik, birthDateMatchesNik, maskNik, normalizeNik, parseNik } from './nik.ts';

const known = {
  isKnownProvince: (c: string) => ['52', '11', '35'].includes(c),
  isKnownDistrict: (c: string) => c.startsWith('52.03.') && Number(c.slice(6)) <= 21,
};

describe('parseNik', () => {
  it.each([
    // nik, expected code (or 'ok'), why
    ['5203010107850001', 'ok', 'man born 1 July 1985 in Keruak'],
    ['5203014107850001', 'ok', 'woman: day + 40'],
    ['5203017112990003', 'ok', 'woman born 31 Dec: day 71'],
    ['5203012902000001', 'ok', '29 Feb 2000 is a leap day'],
    ['5203012902040001', 'ok', '29 Feb 04 exists'],
    ['5203012902010001', 'NIK_INVALID_DATE', '29 Feb 01 does not exist in either century'],
    ['5203013104850001', 'NIK_INVALID_DATE', '31 April does not exist'],
    ['5203017104850001', 'NIK_INVALID_DATE', '31 April for a woman (71) does not exist'],
    ['5203010013850001', 'NIK_INVALID_DATE', 'day 00'],
    ['5203013207850001', 'NIK_INVALID_DATE', 'day 32 is neither a man nor a woman'],
    ['5203014007850001', 'NIK_INVALID_DATE', 'day 40 = woman day 0'],
    ['5203017207850001', 'NIK_INVALID_DATE', 'day 72'],
    ['5203010100850001', 'NIK_INVALID_DATE', 'month 00'],
    ['5203010113850001', 'NIK_INVALID_DATE', 'month 13'],
    ['5203010107850000', 'NIK_INVALID_SERIAL', 'serial 0000'],
    ['9903010107850001', 'NIK_UNKNOWN_PROVINCE', 'province 99 does not exist'],
    ['520301010785001', 'NIK_FORMAT', '15 digits'],
    ['52030101078500011', 'NIK_FORMAT', '17 digits'],
    ['52030101078500O1', 'NIK_FORMAT', 'letter O instead of zero'],
    ['', 'NIK_FORMAT', 'empty'],
  ])('%s → %s (%s)', (nik, expected) => {
    const result = parseNik(nik, known);
    expect(result.ok ? 'ok' : result.error.code).toBe(expected);
    if (!result.ok) expect(result.error.message).toMatch(/NIK/);
  });

  it('reads region, sex and date parts', () => {
    const result = parseNik('5203014107850123', known);
    expect(result).toMatchObject({
      ok: true,
      info: { provinceCode: '52', regencyCode: '52.03', districtCode: '52.03.01', sex: 'F', day: 1, month: 7, yy: 85, serial: '0123' },
      warnings: [],
    });
  });

  it('warns, never rejects, on a district code that is not in the list today', () => {
    const result = parseNik('5203990107850001', known);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.warnings.map((w) => w.code)).toEqual(['NIK_UNKNOWN_DISTRICT']);
  });
});

describe('birth date from the NIK', () => {
  const info = (nik: string) => {
    const r = parseNik(nik);
    if (!r.ok) throw new Error(r.error.code);
    return r.info;
  };
  it.each([
    ['5203010107850001', '2026-11-24', '1985-07-01'],
    ['5203010107050001', '2026-11-24', '2005-07-01'],
    ['5203010112260001', '2026-11-24', '1926-12-01'], // 1 Dec 2026 is still ahead: previous century
    ['5203012411260001', '2026-11-24', '2026-11-24'],
    ['5203012902000001', '2026-11-24', '2000-02-29'],
  ])('%s on %s → %s', (nik, today, expected) => {
    expect(birthDateFromNik(info(nik), today)).toBe(expected);
  });

  it('compares a declared date by day, month and two-digit year', () => {
    expect(birthDateMatchesNik(info('5203014107850001'), '1985-07-01')).toBe(true);
    expect(birthDateMatchesNik(info('5203014107850001'), '1885-07-01')).toBe(true);
    expect(birthDateMatchesNik(info('5203014107850001'), '1985-07-02')).toBe(false);
    expect(birthDateMatchesNik(info('5203014107850001'), '1986-07-01')).toBe(false);
  });
});

describe('NIK helpers', () => {
  it('masks the birth date, keeps region and serial', () => {
    expect(maskNik('5203014107850123')).toBe('520301******0123');
  });
  it('normalizes what people type around a NIK', () => {
    expect(normalizeNik(" 5203.0141 0785-0123'")).toBe('5203014107850123');
    expect(normalizeNik("'5203014107850123")).toBe('5203014107850123');
  });
});
