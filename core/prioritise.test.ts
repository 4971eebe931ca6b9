import { describe, expect, it } from 'vitest';
import { DEFAULT_PRIORITY_RULES, rankCandidates, type PriorityCandidate } from './prioritise.ts';

let n = 0;
function candidate(overrides: Partial<PriorityCandidate> = {}): PriorityCandidate {
  n += 1;
  return { workerId: `w${String(n).padStart(3, '0')}`, name: `Pekerja ${n}`, age: 40, hazardous: false, dependants: null, fundedBy: null, coveredForPeriod: false, cost: 100, ...overrides };
}
const names = (list: { name: string }[]) => list.map((c) => c.name);

describe('rankCandidates', () => {
  it('leaves out workers over the age limit', () => {
    const [young, old] = [candidate({ name: 'Muda', age: 65 }), candidate({ name: 'Tua', age: 66 })];
    const ranked = rankCandidates([old, young], DEFAULT_PRIORITY_RULES, 1000);
    expect(ranked.find((c) => c.name === 'Tua')).toMatchObject({ eligible: false, selected: false, reasons: expect.arrayContaining(['age_over_limit']) });
    expect(ranked.find((c) => c.name === 'Muda')).toMatchObject({ eligible: true, selected: true });
    expect(names(ranked)).toEqual(['Muda', 'Tua']);
  });

  it('puts hazardous work before other work, and dependants before none', () => {
    const ranked = rankCandidates(
      [
        candidate({ name: 'Pedagang', hazardous: false }),
        candidate({ name: 'Pedagang Berkeluarga', hazardous: false, dependants: 2 }),
        candidate({ name: 'Nelayan', hazardous: true }),
      ],
      DEFAULT_PRIORITY_RULES,
      1000,
    );
    expect(names(ranked)).toEqual(['Nelayan', 'Pedagang Berkeluarga', 'Pedagang']);
    expect(ranked[0]!.reasons).toContain('hazardous');
    expect(ranked[1]!.reasons).toContain('dependants');
  });

  it('excludes workers another source already funds, and those already covered', () => {
    const ranked = rankCandidates(
      [candidate({ name: 'Dibiayai', fundedBy: 'APBD Kabupaten Lombok Timur' }), candidate({ name: 'Lunas', coveredForPeriod: true }), candidate({ name: 'Belum' })],
      DEFAULT_PRIORITY_RULES,
      1000,
    );
    expect(ranked.filter((c) => c.selected).map((c) => c.name)).toEqual(['Belum']);
    expect(ranked.find((c) => c.name === 'Dibiayai')!.reasons).toContain('funded_elsewhere');
    expect(ranked.find((c) => c.name === 'Lunas')!.reasons).toContain('already_covered');
  });

  it('selects in rank order within the budget, skipping one too costly for what is left', () => {
    const ranked = rankCandidates(
      [
        candidate({ name: 'A', hazardous: true, dependants: 3, cost: 100 }),
        candidate({ name: 'B', hazardous: true, dependants: 2, cost: 300 }),
        candidate({ name: 'C', hazardous: true, dependants: 1, cost: 100 }),
        candidate({ name: 'D', cost: 100 }),
      ],
      DEFAULT_PRIORITY_RULES,
      250,
    );
    expect(names(ranked)).toEqual(['A', 'B', 'C', 'D']);
    expect(ranked.map((c) => [c.selected, c.cumulativeCost])).toEqual([
      [true, 100],
      [false, 0],
      [true, 200],
      [false, 0],
    ]);
  });

  it('orders ties the same way whatever the input order (older, then name, then id)', () => {
    const list = [candidate({ name: 'Budi', age: 50 }), candidate({ name: 'Ani', age: 50 }), candidate({ name: 'Cici', age: 58 }), candidate({ name: 'Ani', age: 50 })];
    const first = rankCandidates(list, DEFAULT_PRIORITY_RULES, 1000).map((c) => c.workerId);
    const second = rankCandidates([...list].reverse(), DEFAULT_PRIORITY_RULES, 1000).map((c) => c.workerId);
    expect(second).toEqual(first);
    expect(rankCandidates(list, DEFAULT_PRIORITY_RULES, 1000).map((c) => c.name)).toEqual(['Cici', 'Ani', 'Ani', 'Budi']);
  });

  it('follows changed rules: no age limit, hazardous not first', () => {
    const ranked = rankCandidates(
      [candidate({ name: 'Tua', age: 70 }), candidate({ name: 'Nelayan', hazardous: true, age: 30 })],
      { ...DEFAULT_PRIORITY_RULES, maxAge: null, hazardousFirst: false },
      1000,
    );
    expect(ranked.every((c) => c.eligible)).toBe(true);
    expect(names(ranked)).toEqual(['Tua', 'Nelayan']);
  });
});
