import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CLAIM_STATUSES,
  addWorkingDays,
  canTransition,
  claimEligibility,
  claimWarnings,
  contributionMonths,
  documentsStatus,
  entitledHeirs,
  firstWarningDay,
  jkkLateness,
  jkkLatenessOf,
  missingDocuments,
  paymentStatus,
  protectionOn,
  requiredDocuments,
  scholarshipSchedule,
  type ClaimType,
} from './claims.ts';
import type { Participation } from './coverage.ts';

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

describe('protection on the event day (from enrolments and payments)', () => {
  // JKK and JKM from January 2026, paid through March; grace of two months.
  const paidToMarch: Participation[] = [
    { program: 'JKK', startMonth: '2026-01', paidUntil: '2026-03', endedOn: null, paidRanges: [{ from: '2026-01', to: '2026-03' }] },
    { program: 'JKM', startMonth: '2026-01', paidUntil: '2026-03', endedOn: null, paidRanges: [{ from: '2026-01', to: '2026-03' }] },
  ];

  it.each([
    ['2026-03-31', 'active', true],
    ['2026-04-01', 'grace', true],
    ['2026-05-31', 'grace', true],
    ['2026-06-01', 'lapsed', false],
    ['2025-12-31', 'not_started', false],
  ] as const)('on %s JKM is %s (pays: %s)', (day, status, pays) => {
    const jkm = protectionOn(paidToMarch, day, 2).find((p) => p.program === 'JKM')!;
    expect(jkm).toMatchObject({ status, protected: pays });
    expect(claimEligibility('death_natural', protectionOn(paidToMarch, day, 2), day, 2).eligible).toBe(pays);
  });

  it('says why a claim is not eligible, and points to the other programme when it would have paid', () => {
    const lapsed = claimEligibility('death_natural', protectionOn(paidToMarch, '2026-06-01', 2), '2026-06-01', 2);
    expect(lapsed).toMatchObject({ eligible: false, program: 'JKM' });
    expect(lapsed.reason).toContain('nonaktif');
    expect(lapsed.reason).toContain('Maret 2026');
    const jkmOnly: Participation[] = [paidToMarch[1]!];
    const accident = claimEligibility('death_work_accident', protectionOn(jkmOnly, '2026-02-10', 2), '2026-02-10', 2);
    expect(accident).toMatchObject({ eligible: false, program: 'JKK' });
    expect(accident.reason).toContain('tidak terdaftar sebagai peserta JKK');
    expect(accident.reason).toContain('JKM pekerja ini aktif');
    expect(protectionOn([], '2026-02-10', 2).map((p) => p.status)).toEqual(['not_enrolled', 'not_enrolled', 'not_enrolled']);
  });

  it('months paid in advance after a lapse do not protect before they begin', () => {
    const prepaid: Participation[] = paidToMarch.map((p) => ({ ...p, paidUntil: '2026-12', paidRanges: [{ from: '2026-01', to: '2026-03' }, { from: '2026-09', to: '2026-12' }] }));
    expect(claimEligibility('death_natural', protectionOn(prepaid, '2026-07-15', 2), '2026-07-15', 2).eligible).toBe(false);
    expect(claimEligibility('death_natural', protectionOn(prepaid, '2026-09-15', 2), '2026-09-15', 2).eligible).toBe(true);
  });

  it('a participation ended on the day after a death still protects the day of death', () => {
    const ended = paidToMarch.map((p) => ({ ...p, endedOn: '2026-03-11' }));
    expect(claimEligibility('death_natural', protectionOn(ended, '2026-03-10', 2), '2026-03-10', 2).eligible).toBe(true);
    expect(protectionOn(ended, '2026-03-11', 2)[1]!.status).toBe('ended');
  });

  it('counts contribution months once each, up to the event month', () => {
    const twoRuns: Participation[] = [
      { program: 'JKM', startMonth: '2023-01', paidUntil: '2026-12', endedOn: null, paidRanges: [{ from: '2023-01', to: '2023-12' }, { from: '2023-06', to: '2024-03' }, { from: '2026-01', to: '2026-12' }] },
    ];
    // 2023-01..2024-03 = 15 months, 2026-01..2026-08 = 8 months.
    expect(contributionMonths(twoRuns, 'JKM', '2026-08')).toBe(23);
    expect(contributionMonths(twoRuns, 'JKK', '2026-08')).toBe(0);
  });
});

describe('workflow', () => {
  it('moves only along the allowed steps', () => {
    expect(canTransition('submit', 'documents_complete')).toBe(true);
    expect(canTransition('submit', 'reported')).toBe(false);
    expect(canTransition('approve', 'submitted')).toBe(true);
    expect(canTransition('approve', 'documents_complete')).toBe(false);
    expect(canTransition('cancel', 'submitted')).toBe(false);
    expect(canTransition('reopen', 'rejected')).toBe(true);
  });

  it('follows the checklist before submission and the payments after approval', () => {
    expect(documentsStatus('reported', true)).toBe('documents_complete');
    expect(documentsStatus('documents_complete', false)).toBe('reported');
    expect(documentsStatus('submitted', false)).toBe('submitted');
    expect(paymentStatus('approved', 42_000_000, 42_000_000)).toBe('paid');
    expect(paymentStatus('approved', 41_999_999, 42_000_000)).toBe('approved');
    expect(paymentStatus('paid', 32_000_000, 42_000_000)).toBe('approved');
  });
});

describe('overdue warnings', () => {
  const claim = { type: 'jkm_death' as const, status: 'reported' as const, reportedOn: '2026-11-02', submittedOn: null, decidedOn: null, benefit: 42_000_000, missing: requiredDocuments('jkm_death').slice(0, 2) };

  it('flags documents still missing two weeks after the report', () => {
    expect(claimWarnings(claim, '2026-11-16')).toEqual([]);
    const [warning] = claimWarnings(claim, '2026-11-17');
    expect(warning).toMatchObject({ code: 'documents_pending', dueOn: '2026-11-16', daysLate: 1 });
    expect(warning!.message).toContain('Kartu peserta (KPJ)');
  });

  it('flags a complete JKK claim unpaid after 7 working days with the interest accrued; JKM waits for a decision', () => {
    const jkk = { ...claim, type: 'jkk_death' as const, status: 'approved' as const, submittedOn: '2026-11-20', decidedOn: '2026-11-23', benefit: 70_000_000, missing: [] };
    expect(claimWarnings(jkk, '2026-12-01')).toEqual([]);
    expect(claimWarnings(jkk, '2026-12-03')).toEqual([expect.objectContaining({ code: 'jkk_payment_late', dueOn: '2026-12-01', daysLate: 2, interest: 1_400_000 })]);
    const jkm = { ...claim, status: 'submitted' as const, submittedOn: '2026-11-20', missing: [] };
    expect(claimWarnings(jkm, '2026-12-02')).toEqual([expect.objectContaining({ code: 'decision_pending', dueOn: '2026-12-01' })]);
    const approved = { ...jkm, status: 'approved' as const, decidedOn: '2026-11-23' };
    expect(claimWarnings(approved, '2026-12-03')).toEqual([expect.objectContaining({ code: 'payment_pending', dueOn: '2026-12-02' })]);
    expect(jkkLatenessOf(jkm, '2026-12-03', [])).toBeNull();
  });
});

describe('scholarship schedule', () => {
  const predicted = [
    { year: 2026, level: 'SD', amount: 1_500_000, dueOn: '2026-08-10' },
    { year: 2027, level: 'SD', amount: 1_500_000, dueOn: '2027-07-01' },
    { year: 2028, level: 'SMP', amount: 2_000_000, dueOn: '2028-07-01' },
  ];

  it('shows years claimed, due and remaining, and the next one to claim', () => {
    const none = scholarshipSchedule(predicted, [], '2026-09-01', '2026-08-10');
    expect(none).toMatchObject({ claimedYears: 0, dueYears: 1, remainingYears: 3, remainingAmount: 5_000_000, next: { year: 2026, state: 'due' } });
    const paidFirst = scholarshipSchedule(predicted, [{ claimId: 'a', year: 2026, level: 'SD', amount: 1_500_000, status: 'paid' }], '2027-06-10', '2026-08-10');
    expect(paidFirst).toMatchObject({ claimedYears: 1, paidYears: 1, paidAmount: 1_500_000, dueYears: 0, remainingYears: 2, next: { year: 2027, dueOn: '2027-07-01', state: 'due_soon' } });
    expect(paidFirst.entries.map((e) => e.state)).toEqual(['paid', 'due_soon', 'upcoming']);
  });

  it('a rejected year stays open; a claimed year at another level replaces the prediction', () => {
    const s = scholarshipSchedule(
      predicted,
      [
        { claimId: 'a', year: 2026, level: 'SD', amount: 1_500_000, status: 'rejected' },
        { claimId: 'b', year: 2027, level: 'SMP', amount: 2_000_000, status: 'submitted' },
      ],
      '2027-08-01',
      '2026-08-10',
    );
    expect(s.entries.map((e) => [e.year, e.level, e.state])).toEqual([
      [2026, 'SD', 'due'],
      [2027, 'SMP', 'claimed'],
      [2028, 'SMP', 'upcoming'],
    ]);
  });
});

describe('the first day a claim needs attention', () => {
  const day = (offset: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + offset * 86_400_000).toISOString().slice(0, 10);

  it('is exactly the first day claimWarnings says anything, for any claim, deadlines and day', () => {
    const claimArb = fc.record({
      type: fc.constantFrom('jkm_death', 'jkk_death', 'jkk_injury', 'scholarship') as fc.Arbitrary<ClaimType>,
      status: fc.constantFrom(...CLAIM_STATUSES),
      reported: fc.integer({ min: 0, max: 200 }),
      submittedAfter: fc.option(fc.integer({ min: 0, max: 60 })),
      decidedAfter: fc.option(fc.integer({ min: 0, max: 60 })),
      missing: fc.integer({ min: 0, max: 3 }),
      benefit: fc.integer({ min: 0, max: 100_000_000 }),
    });
    const deadlinesArb = fc.record({
      documentsDays: fc.integer({ min: 1, max: 40 }),
      decisionWorkingDays: fc.integer({ min: 1, max: 12 }),
      paymentWorkingDays: fc.integer({ min: 1, max: 12 }),
      holidays: fc.uniqueArray(fc.integer({ min: 0, max: 400 }), { maxLength: 12 }).map((offsets) => offsets.map(day)),
    });
    fc.assert(
      fc.property(claimArb, deadlinesArb, fc.integer({ min: 0, max: 400 }), (c, deadlines, todayOffset) => {
        const submittedOn = c.submittedAfter === null ? null : day(c.reported + c.submittedAfter);
        const claim = {
          type: c.type,
          status: c.status,
          reportedOn: day(c.reported),
          submittedOn,
          decidedOn: submittedOn && c.decidedAfter !== null ? day(c.reported + c.submittedAfter! + c.decidedAfter) : null,
          benefit: c.benefit,
          missing: requiredDocuments('jkm_death').slice(0, c.missing),
        };
        const today = day(todayOffset);
        const first = firstWarningDay(claim, deadlines);
        expect(claimWarnings(claim, today, deadlines).length > 0).toBe(first !== null && today >= first);
      }),
      { numRuns: 3000 },
    );
  });
});
