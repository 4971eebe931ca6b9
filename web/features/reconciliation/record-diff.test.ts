import { describe, expect, it } from 'vitest';
import { countDifferent, diffByCommonSubsequence, diffByPosition, diffNik, groupSegments, type Segment } from './record-diff.ts';

/** A side written compactly: differing runs in brackets, `52[1]0`. */
function show(segments: Segment[]): string {
  return segments.map((s) => (s.isDifferent ? `[${s.text}]` : s.text)).join('');
}

describe('diffNik', () => {
  it.each([
    ['5203014107850001', '5203014107850001', '5203014107850001', '5203014107850001'],
    ['5203014107850001', '5203014107850010', '52030141078500[01]', '52030141078500[10]'],
    ['5203014107850001', '5203015107850001', '520301[4]107850001', '520301[5]107850001'],
    ['5203014107850001', '6203014107850009', '[5]20301410785000[1]', '[6]20301410785000[9]'],
    // A masked digit is unknown, not different.
    ['520301******0001', '5203014107850002', '520301******000[1]', '520301410785000[2]'],
    // One digit lost (a spreadsheet dropping it): only that digit is marked, not everything after it.
    ['5203014107850001', '520301410785001', '52030141078500[0]1', '520301410785001'],
  ])('%s against %s', (a, b, left, right) => {
    const [l, r] = diffNik(a, b);
    expect(show(l)).toBe(left);
    expect(show(r)).toBe(right);
  });

  it('gives back each value unchanged when the segments are joined', () => {
    const [l, r] = diffNik('5203014107850001', '5203014107851001');
    expect(l.map((s) => s.text).join('')).toBe('5203014107850001');
    expect(r.map((s) => s.text).join('')).toBe('5203014107851001');
  });

  it('counts the differing digits', () => {
    const [l, r] = diffNik('5203014107850001', '5203014107850010');
    expect(countDifferent(l)).toBe(2);
    expect(countDifferent(r)).toBe(2);
  });
});

describe('diffByPosition', () => {
  it('marks the extra tail of the longer value', () => {
    const [l, r] = diffByPosition('1985-07-01', '1985-07');
    expect(show(l)).toBe('1985-07[-01]');
    expect(show(r)).toBe('1985-07');
  });

  it('handles empty values', () => {
    expect(diffByPosition('', '')).toEqual([[], []]);
    expect(show(diffByPosition('', '12')[1])).toBe('[12]');
  });
});

describe('diffByCommonSubsequence', () => {
  it.each([
    ['Siti Aminah', 'SITI AMINAH', 'Siti Aminah', 'SITI AMINAH'],
    ['Siti Aminah', 'Siti Amina', 'Siti Amina[h]', 'Siti Amina'],
    ['Lalu Muhamad', 'Lalu Muhammad', 'Lalu Muhamad', 'Lalu Muham[m]ad'],
    ['Baiq Nurul', 'Nurul', '[Baiq ]Nurul', 'Nurul'],
    ['Ahmad', 'Akmad', 'A[h]mad', 'A[k]mad'],
  ])('%s against %s', (a, b, left, right) => {
    const [l, r] = diffByCommonSubsequence(a, b);
    expect(show(l)).toBe(left);
    expect(show(r)).toBe(right);
  });
});

describe('groupSegments', () => {
  it('groups by four without marking the spaces', () => {
    const [l] = diffNik('5203014107850001', '5203014107850010');
    expect(show(groupSegments(l))).toBe('5203 0141 0785 00[01]');
  });

  it('keeps a mark that spans a group boundary apart from the space', () => {
    const [l] = diffByPosition('12345678', '12300008');
    expect(show(groupSegments(l))).toBe('123[4] [567]8');
  });

  it('leaves short values alone', () => {
    expect(groupSegments([])).toEqual([]);
    expect(show(groupSegments([{ text: '520', isDifferent: true }]))).toBe('[520]');
  });
});
