import { describe, expect, it } from 'vitest';
import { addWorkingDays, entitledHeirs, jkkLateness, missingDocuments, requiredDocuments } from './claims.ts';

describe('order of heirs (PP 44/2015 art. 37(5))', () => {
  it('spouse and children come first, together; others only when none of them exists', () => {
    const heirs = [
      { name: 'Ibu', relation: 'parent' as const },
      { name: 'Istri', relation: 'spouse' as const },
      { name: 'Anak', relation: 'child' as const },
      { name: 'Adik', relation: 'sibling' as const },
    ];
    expect(entitledHeirs(heirs).map((h) => h.name)).toEqual(['Istri', 'Anak']);
    expect(entitledHeirs(heirs.filter((h) => h.relation !== 'spouse' && h.relation !== 'child')).map((h) => h.name)).toEqual(['Ibu']);
    expect(entitledHeirs([{ relation: 'parent_in_law' as const }, { relation: 'will' as const }])).toEqual([{ relation: 'parent_in_law' }]);
    expect(entitledHeirs([])).toEqual([]);
  });
});

describe('documents', () => {
  it('a JKM death claim needs seven documents, the marriage book for a spouse and a police report after a traffic accident', () => {
    expect(requiredDocuments('jkm_death').map((d) => d.code)).toEqual([
      'kpj_card',
      'ktp_participant',
      'ktp_heir',
      'death_certificate',
      'family_card',
      'heir_statement',
      'heir_savings_book',
    ]);
    const codes = requiredDocuments('jkk_death', { heirIsSpouse: true, trafficAccident: true }).map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['accident_report', 'marriage_book', 'police_report']));
    expect(requiredDocuments('scholarship', { heirIsSpouse: true, trafficAccident: true }).map((d) => d.code)).not.toContain('police_report');
  });

  it('says what is still missing', () => {
    const required = requiredDocuments('scholarship');
    expect(missingDocuments(required, required.map((d) => d.code))).toEqual([]);
    expect(missingDocuments(required, ['claim_form', 'birth_certificate', 'family_card', 'school_letter', 'report_card']).map((d) => d.label)).toEqual([
      'Buku tabungan anak atau wali',
      'KTP wali',
    ]);
  });
});

describe('JKK payment deadline', () => {
  it('counts seven working days, skipping weekends and public holidays', () => {
    // Wednesday 2 December 2026 → Friday 11 December; with a holiday on Monday 7 December → Monday 14 December.
    expect(addWorkingDays('2026-12-02', 7)).toBe('2026-12-11');
    expect(addWorkingDays('2026-12-02', 7, ['2026-12-07'])).toBe('2026-12-14');
  });

  it('accrues 1% of the benefit for each day late', () => {
    expect(jkkLateness('2026-12-02', '2026-12-11', 70_000_000)).toEqual({ dueOn: '2026-12-11', daysLate: 0, interest: 0 });
    expect(jkkLateness('2026-12-02', '2026-12-16', 70_000_000)).toEqual({ dueOn: '2026-12-11', daysLate: 5, interest: 3_500_000 });
    expect(jkkLateness('2026-12-02', '2026-12-05', 70_000_000).daysLate).toBe(0);
  });
});
