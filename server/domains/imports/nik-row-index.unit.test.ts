import { describe, expect, it } from 'vitest';
import { NikRowIndex } from './nik-row-index.ts';

describe('NikRowIndex', () => {
  it('remembers the first row of every NIK through many resizes, Papua codes included', () => {
    const index = new NikRowIndex(4);
    const niks = Array.from({ length: 50_000 }, (_, i) => `${i % 2 ? '9604' : '5203'}${String(i * 7919).padStart(12, '0')}`);
    niks.forEach((nik, row) => expect(index.firstRowOrAdd(nik, row + 1)).toBeUndefined());
    expect(index.size).toBe(50_000);
    niks.forEach((nik, row) => expect(index.firstRowOrAdd(nik, 999_999)).toBe(row + 1));
    expect(index.size).toBe(50_000);
  });

  it('tells NIKs apart that differ in one digit or only in their halves', () => {
    const index = new NikRowIndex();
    expect(index.firstRowOrAdd('5203011205800007', 1)).toBeUndefined();
    expect(index.firstRowOrAdd('5203011205800008', 2)).toBeUndefined();
    expect(index.firstRowOrAdd('1205800752030112', 3)).toBeUndefined();
    expect(index.firstRowOrAdd('5203011205800007', 4)).toBe(1);
  });
});
