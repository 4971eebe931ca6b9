import { describe, expect, it } from 'vitest';
import { formatAddress, formatDate, formatFileSize, formatMonth, formatNumber, formatPercent, formatRupiah, groupNik } from './format.ts';

describe('formatters', () => {
  it.each([
    [1_500_000, 'Rp1.500.000'],
    [0, 'Rp0'],
    [999, 'Rp999'],
  ])('formats %d Rupiah as %s', (value, expected) => {
    expect(formatRupiah(value)).toBe(expected);
  });

  it('groups thousands with dots', () => {
    expect(formatNumber(3073)).toBe('3.073');
  });

  it('writes calendar days the Indonesian way, whatever the time zone', () => {
    expect(formatDate('1985-07-01')).toBe('1 Juli 1985');
    expect(formatDate('1985-07-01', 'en')).toBe('1 July 1985');
    expect(formatDate('not a date')).toBe('not a date');
  });

  it.each([
    ['2026-11', 'id', 'November 2026'],
    ['2026-08', 'id', 'Agustus 2026'],
    ['2027-01', 'id', 'Januari 2027'],
    ['2026-08', 'en', 'August 2026'],
    ['2025-12', 'en', 'December 2025'],
  ] as const)('writes the month %s in %s as %s, whatever the time zone', (month, lang, expected) => {
    expect(formatMonth(month, lang)).toBe(expected);
  });

  it.each(['2026-13', '2026-1', 'November', ''])('leaves %j as it is', (value) => {
    expect(formatMonth(value)).toBe(value);
  });

  it('joins the parts of an address that are known', () => {
    expect(formatAddress({ hamlet: 'Dusun Lauk', rt: '001', rw: '002' })).toBe('Dusun Lauk, RT 001/RW 002');
    expect(formatAddress({ hamlet: null, rt: '001', rw: null })).toBe('RT 001');
    expect(formatAddress({ hamlet: null, rt: null, rw: null })).toBe('–');
  });

  it('groups a NIK by four digits', () => {
    expect(groupNik('5203014107850001')).toBe('5203 0141 0785 0001');
    expect(groupNik('520301******0001')).toBe('5203 01** **** 0001');
  });

  it.each([
    [0.874, '87%'],
    [1, '100%'],
    [0, '0%'],
  ])('writes the share %d as %s', (share, expected) => {
    expect(formatPercent(share)).toBe(expected);
  });

  it.each([
    [860, '860 B'],
    [1536, '1,5 kB'],
    [50 * 1024 * 1024, '50 MB'],
    [1572864, '1,5 MB'],
  ])('writes %d bytes as %s', (bytes, expected) => {
    expect(formatFileSize(bytes)).toBe(expected);
  });
});
