import { describe, expect, it } from 'vitest';
import { SettingError } from './coverage-figures.ts';
import { awardRound, countGrowth, countsTowardGrowth, rankWithTies, validateAwardSettings, type ActiveSpan, type AwardCriteria } from './awards.ts';

const v = (name: string, code: string, score: number | null) => ({ name, code, score });

describe('rankWithTies', () => {
  it.each([
    // scores, direction, expected [name, rank] in listed order
    [[90, 80, 80, 70], 'desc', [['A', 1], ['B', 2], ['C', 2], ['D', 4]]],
    [[80, 80, 80, 10], 'desc', [['A', 1], ['B', 1], ['C', 1], ['D', 4]]],
    [[90, 80, 80, 70], 'asc', [['D', 1], ['B', 2], ['C', 2], ['A', 4]]],
    [[5, null, 7, null], 'desc', [['C', 1], ['A', 2], ['B', null], ['D', null]]], // no score: last, unranked
  ] as const)('%o %s', (scores, direction, expected) => {
    const items = scores.map((s, i) => v('ABCD'[i]!, `52.03.01.200${i}`, s));
    const ranked = rankWithTies(items, (x) => x.score, direction);
    expect(ranked.map((r) => [r.item.name, r.rank])).toEqual(expected);
  });

  it('lists ties by name, then code, whatever the input order', () => {
    const items = [v('Sukamulia', '52.03.02.2002', 50), v('Anjani', '52.03.01.2001', 50), v('Sukamulia', '52.03.01.2009', 50), v('Zat', '52.03.01.2003', 60)];
    const expected = [
      ['Zat', '52.03.01.2003', 1],
      ['Anjani', '52.03.01.2001', 2],
      ['Sukamulia', '52.03.01.2009', 2],
      ['Sukamulia', '52.03.02.2002', 2],
    ];
    for (const input of [items, [...items].reverse()]) {
      expect(rankWithTies(input, (x) => x.score, 'desc').map((r) => [r.item.name, r.item.code, r.rank])).toEqual(expected);
    }
  });
});

describe('countsTowardGrowth over 2025-01-01..2025-12-31', () => {
  it.each<[string, boolean, ActiveSpan[]]>([
    ['never covered', false, []],
    ['covered throughout', false, [{ from: '2024-03-01', to: null }]],
    ['enrolled in the period, still covered', true, [{ from: '2025-03-01', to: null }]],
    ['enrolled on the first day of the period', true, [{ from: '2025-01-01', to: null }]],
    ['covered when the period opened (2024-12-31), not at its end', false, [{ from: '2024-06-01', to: '2024-12-31' }]],
    ['enrolled and lapsed within the period (short enrolment)', false, [{ from: '2025-02-01', to: '2025-06-30' }]],
    ['lapsed one day before the end', false, [{ from: '2025-02-01', to: '2025-12-30' }]],
    ['covered up to the last day', true, [{ from: '2025-02-01', to: '2025-12-31' }]],
    ['lapsed before the period, back by its end', true, [{ from: '2024-06-01', to: '2024-11-30' }, { from: '2025-05-01', to: null }]],
    ['covered at both ends with a gap between', false, [{ from: '2024-01-01', to: '2025-03-31' }, { from: '2025-06-01', to: null }]],
  ])('%s → %s', (_label, counts, spans) => {
    expect(countsTowardGrowth(spans, '2025-01-01', '2025-12-31')).toBe(counts);
  });

  it('counts a village', () => {
    // new and kept (yes), covered throughout (no), short enrolment (no), new and kept (yes) → 2
    const participants: ActiveSpan[][] = [
      [{ from: '2025-03-01', to: null }],
      [{ from: '2023-01-01', to: null }],
      [{ from: '2025-02-01', to: '2025-04-30' }],
      [{ from: '2025-11-01', to: '2026-01-31' }],
    ];
    expect(countGrowth(participants, '2025-01-01', '2025-12-31')).toBe(2);
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => countsTowardGrowth([], '2025-12-31', '2025-01-01')).toThrow(RangeError);
  });
});

describe('awardRound', () => {
  // Bounds within the round: coverage 20..60 (range 40), growth 0..20 (20), covered 100..400 (300).
  const villages = [
    { code: '52.03.01.2001', name: 'Aik Dewa', coveragePercent: 40, growth: 10, covered: 400 },
    { code: '52.03.01.2002', name: 'Bagik Papan', coveragePercent: 60, growth: 0, covered: 300 },
    { code: '52.03.01.2003', name: 'Cendi Manik', coveragePercent: 50, growth: 20, covered: 100 },
    { code: '52.03.01.2004', name: 'Danger', coveragePercent: 20, growth: 5, covered: 200 },
  ];
  const criteria: AwardCriteria = { coverage: 2, growth: 1, covered: 1 }; // sum 4

  it('normalises min-max per criterion and weights by share of the weight sum', () => {
    const { entries } = awardRound({ villages, criteria, winners: 1 });
    // Bagik Papan: parts 100, 0, 66.67 → (2×100 + 0 + 66.67) / 4 = 66.67
    // Aik Dewa:    parts 50, 50, 100   → (100 + 50 + 100) / 4     = 62.5
    // Cendi Manik: parts 75, 100, 0    → (150 + 100 + 0) / 4      = 62.5 (tie: listed by name)
    // Danger:      parts 0, 25, 33.33  → (0 + 25 + 33.33) / 4     = 14.58
    expect(entries.map((e) => [e.name, e.score, e.rank])).toEqual([
      ['Bagik Papan', 66.67, 1],
      ['Aik Dewa', 62.5, 2],
      ['Cendi Manik', 62.5, 2],
      ['Danger', 14.58, 4],
    ]);
    expect(entries[0]!.parts).toEqual({ coverage: 100, growth: 0, covered: 66.67 });
    expect(entries[3]!.parts).toEqual({ coverage: 0, growth: 25, covered: 33.33 });
    expect(entries[0]!.covered).toBe(300); // the village's own fields come through
  });

  it.each([
    // winners, winners flagged, winnerCount, tiedAtCutoff
    [1, ['Bagik Papan'], 1, false],
    [2, ['Bagik Papan', 'Aik Dewa', 'Cendi Manik'], 3, true], // the tie at rank 2 all win
    [3, ['Bagik Papan', 'Aik Dewa', 'Cendi Manik'], 3, false],
    [10, ['Bagik Papan', 'Aik Dewa', 'Cendi Manik', 'Danger'], 4, false],
  ])('with %i prize(s): %o win', (winners, names, winnerCount, tiedAtCutoff) => {
    const result = awardRound({ villages, criteria, winners });
    expect(result.entries.filter((e) => e.isWinner).map((e) => e.name)).toEqual(names);
    expect(result.winnerCount).toBe(winnerCount);
    expect(result.tiedAtCutoff).toBe(tiedAtCutoff);
  });

  it('depends on the ratio of the weights only', () => {
    const a = awardRound({ villages, criteria, winners: 1 }).entries.map((e) => e.score);
    const b = awardRound({ villages, criteria: { coverage: 4, growth: 2, covered: 2 }, winners: 1 }).entries.map((e) => e.score);
    expect(b).toEqual(a);
  });

  it('with one criterion weighted, ranks by that criterion alone', () => {
    // coverage parts: 60 → 100, 50 → 75, 40 → 50, 20 → 0
    const { entries } = awardRound({ villages, criteria: { coverage: 1, growth: 0, covered: 0 }, winners: 1 });
    expect(entries.map((e) => [e.name, e.score])).toEqual([
      ['Bagik Papan', 100],
      ['Cendi Manik', 75],
      ['Aik Dewa', 50],
      ['Danger', 0],
    ]);
  });

  it('gives everyone full marks on a criterion where nobody differs', () => {
    const same = villages.map((x) => ({ ...x, coveragePercent: 30, growth: 4, covered: 100 }));
    const { entries, winnerCount, tiedAtCutoff } = awardRound({ villages: same, criteria, winners: 1 });
    expect(entries.every((e) => e.score === 100 && e.rank === 1 && e.isWinner)).toBe(true);
    expect([winnerCount, tiedAtCutoff]).toEqual([4, true]);
  });

  it('has nothing to rank in an empty round', () => {
    expect(awardRound({ villages: [], criteria, winners: 3 })).toEqual({ entries: [], winnerCount: 0, tiedAtCutoff: false });
  });

  it.each([
    [{ coverage: -1, growth: 1, covered: 1 }, 3, 'AWARD_WEIGHT_INVALID'],
    [{ coverage: Number.NaN, growth: 1, covered: 1 }, 3, 'AWARD_WEIGHT_INVALID'],
    [{ coverage: 0, growth: 0, covered: 0 }, 3, 'AWARD_WEIGHTS_ALL_ZERO'],
    [{ coverage: 1, growth: 0, covered: 0 }, 0, 'AWARD_WINNERS_INVALID'],
    [{ coverage: 1, growth: 0, covered: 0 }, 1.5, 'AWARD_WINNERS_INVALID'],
  ])('refuses weights %o with %s winners (%s)', (weights, winners, code) => {
    expect(validateAwardSettings(weights, winners)?.code).toBe(code);
    expect(() => awardRound({ villages, criteria: weights, winners })).toThrow(SettingError);
  });
});
