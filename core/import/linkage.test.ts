import { describe, expect, it } from 'vitest';
import { parseNik } from '../nik.ts';
import { decideLink, LINK_THRESHOLDS, nikDistance, nikIsValid, scoreCandidate, type LinkDecision, type PersonRecord } from './linkage.ts';
import { generateLinkageTruth, type TruthSet } from './linkage-truth.ts';

// Muhammad Saleh, man, born 12 July 1985, first registered in district 52.03.01, serial 0003.
const SALEH: PersonRecord = { nik: '5203011207850003', name: 'Muhammad Saleh', birthDate: '1985-07-12', sex: 'M', villageCode: '52.03.01.2001' };
const person = (over: Partial<PersonRecord>): PersonRecord => ({ ...SALEH, ...over });
const kind = (d: LinkDecision) => d.kind;

describe('nikDistance', () => {
  it.each([
    ['5203011207850003', '5203011207850003', 'exact'],
    ['5203011207850003', '5203011307850003', 'one_digit'],
    ['5203011207850003', '5203011207850008', 'one_digit'],
    ['5203011207850003', '5203012107850003', 'transposed'],
    ['5203011207850003', '5203011207850030', 'transposed'],
    ['5203011207850003', '2503011207850003', 'transposed'],
    ['5203011207850003', '5203011207850012', 'different'], // two adjacent digits, not a swap
    ['5203011207850003', '5203021207850004', 'different'], // two digits apart
    ['5203011207850003', '520301120785003', 'different'], // a digit dropped: not handled as a typo
    ['5203011207850003', '', 'different'],
  ])('%s / %s → %s', (a, b, expected) => {
    expect(nikDistance(a, b)).toBe(expected);
    expect(nikDistance(b, a)).toBe(expected);
  });
});

describe('nikIsValid', () => {
  it('agrees with parseNik (core/nik.ts) on valid, invalid and mistyped NIKs', () => {
    const samples = [
      '5203011207850003', '5203015207850003', '5203012902000001', '5203012902010001', '5203013104850001',
      '5203017104850001', '5203010013850001', '5203013207850001', '5203014007850001', '5203017207850001',
      '5203010100850001', '5203010113850001', '5203010107850000', '520301010785001', '52030101078500O1', '',
      '5203016902040001', '5203016902030001', '5203017112990003',
    ];
    const truth = generateLinkageTruth({ registerSize: 500, participantCount: 200, seed: 3, villageCodes: ['52.03.01.2001', '52.03.02.2001'] });
    for (const p of truth.participants) if (p.nik) samples.push(p.nik);
    for (const w of truth.register.slice(0, 100)) {
      for (let i = 0; i < 16; i++) samples.push(w.nik!.slice(0, i) + String((Number(w.nik![i]) + 5) % 10) + w.nik!.slice(i + 1));
    }
    for (const nik of samples) expect(nikIsValid(nik), nik).toBe(parseNik(nik).ok);
  });
});

describe('scoreCandidate', () => {
  it.each([
    ['NIK one digit in the birth date, name variant', person({ nik: '5203011307850003', name: 'MOH. SALEH' }), ['nik_one_digit', 'birth_exact', 'name_variant', 'village_same']],
    ['NIK transposed, birth swapped', person({ nik: '5203012107850003', birthDate: '1985-12-07' }), ['nik_transposed', 'birth_day_month_swapped', 'name_exact', 'village_same']],
    ['NIK missing, moved', person({ nik: null, villageCode: '52.03.05.2003' }), ['nik_missing', 'birth_exact', 'name_exact', 'village_different']],
    ['NIK "0" counts as missing, village unknown', person({ nik: '0', villageCode: null }), ['nik_missing', 'birth_exact', 'name_exact', 'village_missing']],
    ['different NIK, birth and name', person({ nik: '5203055506900001', name: 'Siti Aminah', birthDate: '1990-06-15', sex: 'F' }), ['nik_different', 'birth_different', 'name_different', 'village_same', 'sex_conflict']],
    ['sex from the NIK when not declared (day + 40)', person({ nik: '5203015207850003', sex: null, birthDate: null }), ['nik_one_digit', 'birth_missing', 'name_exact', 'village_same', 'sex_conflict']],
  ])('%s', (_label, participant, reasons) => {
    expect(scoreCandidate(participant, SALEH).reasons).toEqual(reasons);
  });

  it('ranks stronger evidence higher and stays within 0..1', () => {
    const strong = scoreCandidate(person({ nik: '5203011307850003' }), SALEH).score;
    const noNik = scoreCandidate(person({ nik: null }), SALEH).score;
    const swapped = scoreCandidate(person({ nik: null, birthDate: '1985-12-07' }), SALEH).score;
    const stranger = scoreCandidate({ nik: '5203104411920002', name: 'Baiq Hartini', birthDate: '1992-11-04', sex: 'F', villageCode: '52.03.10.2004' }, SALEH).score;
    expect(strong).toBeGreaterThan(noNik);
    expect(noNik).toBeGreaterThan(swapped);
    expect(swapped).toBeGreaterThan(stranger);
    expect(strong).toBeLessThanOrEqual(1);
    expect(stranger).toBe(0);
  });
});

describe('decideLink', () => {
  it.each([
    // automatic: two independent strong evidences
    ['NIK typo in the date digits + same birth date + name variant', person({ nik: '5203011307850003', name: 'MOH. SALEH' })],
    ['NIK digits of the date transposed + exact', person({ nik: '5203012107850003' })],
    ['NIK typo in the date digits + birth day/month swapped', person({ nik: '5203011207580003', birthDate: '1985-12-07' })],
    ['NIK typo in the date digits + moved village', person({ nik: '5203011207860003', villageCode: '52.03.04.2002' })],
    ['NIK typo outside the date digits that makes the NIK invalid (serial 0000): no real person has it', person({ nik: '5203011207850000' })],
    ['NIK missing + exact name (after folding) + birth + village', person({ nik: null, name: 'H. Muhammad Saleh' })],
    ['NIK missing + "M." for Muhammad (the lowest auto score, 0.60) + birth + village', person({ nik: null, name: 'M. SALEH', sex: null })],
  ])('auto: %s', (_label, participant) => {
    const decision = decideLink(participant, [SALEH]);
    expect(decision).toMatchObject({ kind: 'auto', workerIndex: 0 });
  });

  it.each([
    // review: plausible, but a person must look
    ['NIK typo in the serial: could be a namesake born the same day in the same district', person({ nik: '5203011207850004' })],
    ['NIK typo in the district: could be a namesake registered in district 02', person({ nik: '5203021207850003' })],
    ['NIK typo but the declared sex contradicts', person({ nik: '5203011307850003', sex: 'F' })],
    ['NIK typo whose NIK-encoded sex contradicts (day + 40)', person({ nik: '5203015207850003', sex: null })],
    ['NIK missing, birth date swapped', person({ nik: null, birthDate: '1985-12-07' })],
    ['NIK missing, other village', person({ nik: null, villageCode: '52.03.09.2001' })],
    ['NIK missing, middle name missing', { ...SALEH, nik: null, name: 'Muhammad Zainal Saleh' }],
    ['NIK missing, same village and birth year, other date', person({ nik: null, birthDate: '1985-03-02' })],
  ])('review: %s', (_label, participant) => {
    const decision = decideLink(participant, [SALEH]);
    expect(decision.kind).toBe('review');
    if (decision.kind === 'review') expect(decision.candidates[0]!.workerIndex).toBe(0);
  });

  describe('must never link automatically', () => {
    it('same name, birth date and village but a different valid NIK: review (everything else identical)', () => {
      const cousin = person({ nik: '5203051207850001' });
      expect(kind(decideLink(cousin, [SALEH]))).toBe('review');
      // …and with anything else different as well, two different NIKs are two people.
      expect(kind(decideLink({ ...cousin, birthDate: '1985-07-13' }, [SALEH]))).toBe('none');
      expect(kind(decideLink({ ...cousin, name: 'Muhammad Soleh' }, [SALEH]))).toBe('none');
    });

    it('a namesake cousin born the same day in the same district (next serial, one digit apart)', () => {
      expect(kind(decideLink(person({ nik: '5203011207850004' }), [SALEH]))).toBe('review');
    });

    it('two close candidates: namesakes in the same village with the same birth date, no NIK to tell them apart', () => {
      const otherSaleh = person({ nik: '5203011207850004' });
      const decision = decideLink(person({ nik: null }), [SALEH, otherSaleh]);
      expect(decision.kind).toBe('review');
      if (decision.kind === 'review') expect(decision.candidates.map((c) => c.workerIndex).sort()).toEqual([0, 1]);
    });

    it('no NIK and another candidate in the block with a similar name (other village): review', () => {
      const elsewhere = person({ nik: '5203061207850002', name: 'Muhammad Soleh', villageCode: '52.03.06.2001' });
      expect(kind(decideLink(person({ nik: null }), [SALEH, elsewhere]))).toBe('review');
    });

    it('twins: a NIK one digit from both, similar names', () => {
      const twinA = person({ name: 'Muhammad Hasan', nik: '5203011207850003' });
      const twinB = person({ name: 'Muhammad Husain', nik: '5203011207850004' });
      // A record of twin A with a typo in the day digit is one digit from A and two from B …
      expect(kind(decideLink(person({ name: 'Muhammad Hasan', nik: '5203011307850003' }), [twinA, twinB]))).toBe('auto');
      // … but twin B's own record, when only A is in the register, is one digit from A: never auto.
      expect(kind(decideLink(twinB, [twinA]))).not.toBe('auto');
    });

    it('one-digit NIK neighbour with a different name and birth date: none', () => {
      const neighbour = { nik: '5203011307850003', name: 'Ahmad Fauzi', birthDate: '1985-07-13', sex: 'M' as const, villageCode: '52.03.03.2001' };
      expect(kind(decideLink(neighbour, [SALEH]))).toBe('none');
    });

    it('a candidate that does not beat the runner-up by the margin', () => {
      const typo = person({ nik: '5203011307850003' });
      // The same person twice in the register (a duplicate row): the import must not pick one.
      expect(kind(decideLink(typo, [SALEH, { ...SALEH }]))).toBe('review');
      // A namesake cousin with his own, different NIK is far behind: the NIK-typo candidate wins.
      const cousin = person({ nik: '5203051207850001' });
      const decision = decideLink(typo, [cousin, SALEH]);
      expect(decision).toMatchObject({ kind: 'auto', workerIndex: 1 });
    });
  });

  it('review: NIK typo and a name mangled by a typo, the birth date and village agreeing', () => {
    const hasanah = { nik: '5203154509700003', name: 'Hasanah', birthDate: '1970-09-05', sex: 'F' as const, villageCode: '52.03.15.2001' };
    const record = { ...hasanah, nik: '5203154519700003', name: 'HLSANAH' };
    expect(scoreCandidate(record, hasanah).reasons).toContain('name_different');
    expect(kind(decideLink(record, [hasanah]))).toBe('review');
  });

  it('review: NIK typo, but neither NIK encodes the birth date both records declare', () => {
    const worker = person({ birthDate: '1985-07-14' }); // the register's own NIK says 12 July
    expect(kind(decideLink(person({ nik: '5203011307850003', birthDate: '1985-07-14' }), [worker]))).toBe('review');
  });

  it('review lists at most three candidates, best first', () => {
    const block = [0, 1, 2, 3, 4].map((i) => person({ nik: `520301120785000${i + 4}` }));
    const decision = decideLink(person({ nik: null }), block);
    expect(decision.kind).toBe('review');
    if (decision.kind !== 'review') return;
    expect(decision.candidates).toHaveLength(3);
    const scores = decision.candidates.map((c) => c.score.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('no candidates: none', () => {
    expect(decideLink(SALEH, [])).toEqual({ kind: 'none' });
  });

  it('exports its thresholds', () => {
    expect(LINK_THRESHOLDS).toEqual({ auto: 0.6, review: 0.1, autoMargin: 0.15 });
    expect(Object.isFrozen(LINK_THRESHOLDS)).toBe(true);
  });
});

describe('generateLinkageTruth', () => {
  const villages = Array.from({ length: 40 }, (_, i) => `52.03.${String((i % 21) + 1).padStart(2, '0')}.${2001 + Math.floor(i / 21)}`);

  it('is deterministic for a seed and different for another', () => {
    const a = generateLinkageTruth({ registerSize: 300, participantCount: 100, seed: 7, villageCodes: villages });
    const b = generateLinkageTruth({ registerSize: 300, participantCount: 100, seed: 7, villageCodes: villages });
    const c = generateLinkageTruth({ registerSize: 300, participantCount: 100, seed: 8, villageCodes: villages });
    expect(b).toEqual(a);
    expect(c.register[0]).not.toEqual(a.register[0]);
  });

  it('makes register NIKs that are unique and consistent with birth date and sex', () => {
    const { register, participants } = generateLinkageTruth({ registerSize: 3000, participantCount: 1000, seed: 5, villageCodes: villages });
    expect(register).toHaveLength(3000);
    expect(participants).toHaveLength(1000);
    expect(new Set(register.map((w) => w.nik)).size).toBe(3000);
    for (const w of register) {
      const parsed = parseNik(w.nik!);
      expect(parsed.ok, w.nik!).toBe(true);
      if (!parsed.ok) continue;
      expect(w.nik!.startsWith('5203')).toBe(true);
      expect(parsed.info.sex).toBe(w.sex);
      expect(`${pad(parsed.info.yy)}-${pad(parsed.info.month)}-${pad(parsed.info.day)}`).toBe(w.birthDate!.slice(2));
    }
    const firstNames = new Set(register.map((w) => w.name.replace(/^(H\.|Hj\.|LALU|Lalu|BAIQ|Baiq) /i, '').split(' ')[0]!.toLowerCase()));
    expect(firstNames.size).toBeGreaterThanOrEqual(60);
    // Common names repeat, as in a real village.
    const counts = new Map<string, number>();
    for (const w of register) counts.set(w.name.toLowerCase(), (counts.get(w.name.toLowerCase()) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeGreaterThan(5);
  });

  it('mixes exact copies, damaged copies and people not in the register', () => {
    const { register, participants } = generateLinkageTruth({ registerSize: 20_000, participantCount: 5_000, seed: 1, villageCodes: villages });
    const registerNiks = new Set(register.map((w) => w.nik));
    const exact = participants.filter((p) => p.nik && registerNiks.has(p.nik));
    const outside = participants.filter((p) => p.truthWorkerId === null);
    expect(exact.length / participants.length).toBeGreaterThan(0.72);
    expect(exact.length / participants.length).toBeLessThan(0.8);
    expect(outside.length / participants.length).toBeCloseTo(0.1, 2);
    // exact NIK always means the true worker; nobody outside the register has a register NIK.
    const byNik = new Map(register.map((w) => [w.nik, w.id]));
    for (const p of exact) expect(byNik.get(p.nik!)).toBe(p.truthWorkerId);
    // each register person appears at most once, and most of the register is not in the participant file
    const linked = participants.filter((p) => p.truthWorkerId).map((p) => p.truthWorkerId);
    expect(new Set(linked).size).toBe(linked.length);
    const scenarios = new Set(participants.map((p) => p.scenario));
    for (const s of ['nik_one_digit', 'nik_transposed', 'nik_missing', 'nik_missing+name_variant', 'nik_one_digit+birth_swapped', 'neg_same_name_birth_village', 'neg_twin', 'neg_sibling', 'neg_nik_neighbour']) {
      expect(scenarios.has(s as never), s).toBe(true);
    }
  });
});

describe('linkage against the synthetic truth set', () => {
  it('auto precision ≥ 99.9% and auto+review recall ≥ 98% on 20,000 register / 5,000 participants', () => {
    const villages = Array.from({ length: 40 }, (_, i) => `52.03.${String((i % 21) + 1).padStart(2, '0')}.${2001 + Math.floor(i / 21)}`);
    const truth = generateLinkageTruth({ registerSize: 20_000, participantCount: 5_000, seed: 20_250_601, villageCodes: villages });
    const m = evaluate(truth);
    console.info(
      `linkage truth set: ${m.linkageParticipants} participants reach decideLink (${m.exactNik} linked by exact NIK), ` +
        `${m.pairs} candidate pairs in ${m.seconds.toFixed(2)} s (${Math.round(m.pairs / m.seconds)} pairs/s)\n` +
        `  auto: ${m.autos} (${m.autoCorrect} correct) → precision ${(m.precision * 100).toFixed(2)}%\n` +
        `  in register: ${m.positives}; found by auto ${m.autoCorrect} + review ${m.foundInReview} → recall ${(m.recall * 100).toFixed(2)}%` +
        ` (blocking missed ${m.blockingMissed})\n` +
        `  review queue: ${m.reviews} (${m.negativesInReview} of them not in the register); not in register: ${m.negatives}\n` +
        [...m.byScenario].sort().map(([s, c]) => `  ${s.padEnd(30)} auto ${c.auto} review ${c.review} none ${c.none}${c.wrong ? ` WRONG ${c.wrong}` : ''}`).join('\n'),
    );
    expect(m.blockingMissed).toBe(0);
    expect(m.precision).toBeGreaterThanOrEqual(0.999);
    expect(m.recall).toBeGreaterThanOrEqual(0.98);
    expect(m.autos).toBeGreaterThan(m.positives * 0.3); // the review queue is not the answer to everything
  });
});

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * The import's pipeline in memory: exact NIK first, then blocking (same birth date, swapped birth date,
 * NIK first-8 or last-8 digits, or same village and birth year), then decideLink.
 */
function evaluate(truth: TruthSet) {
  const { register, participants } = truth;
  const index = (key: (w: TruthSet['register'][number]) => (string | null)[]) => {
    const map = new Map<string, number[]>();
    register.forEach((w, i) => {
      for (const k of key(w)) {
        if (k === null) continue;
        const list = map.get(k);
        if (list) list.push(i);
        else map.set(k, [i]);
      }
    });
    return map;
  };
  const byNik = new Map(register.map((w, i) => [w.nik, i]));
  const byBirth = index((w) => [w.birthDate]);
  const byNikHalf = index((w) => (w.nik ? [`a${w.nik.slice(0, 8)}`, `b${w.nik.slice(8)}`] : []));
  const byVillageYear = index((w) => [w.villageCode && w.birthDate ? `${w.villageCode}|${w.birthDate.slice(0, 4)}` : null]);
  const rowOf = new Map(register.map((w, i) => [w.id, i]));

  const m = {
    exactNik: 0, linkageParticipants: 0, pairs: 0, seconds: 0, autos: 0, autoCorrect: 0, positives: 0, foundInReview: 0,
    blockingMissed: 0, reviews: 0, negatives: 0, negativesInReview: 0, precision: 0, recall: 0,
    byScenario: new Map<string, { auto: number; review: number; none: number; wrong: number }>(),
  };
  const start = performance.now();
  for (const p of participants) {
    if (p.nik && byNik.has(p.nik)) {
      m.exactNik++;
      continue;
    }
    m.linkageParticipants++;
    const block = new Set<number>();
    const add = (rows: number[] | undefined) => rows?.forEach((r) => block.add(r));
    if (p.birthDate) {
      const [y, mo, d] = p.birthDate.split('-');
      add(byBirth.get(p.birthDate));
      add(byBirth.get(`${y}-${d}-${mo}`));
      if (p.villageCode) add(byVillageYear.get(`${p.villageCode}|${y}`));
    }
    if (p.nik && /^\d{16}$/.test(p.nik)) {
      add(byNikHalf.get(`a${p.nik.slice(0, 8)}`));
      add(byNikHalf.get(`b${p.nik.slice(8)}`));
    }
    const rows = [...block];
    m.pairs += rows.length;
    const decision = decideLink(p, rows.map((r) => register[r]!));
    const truthRow = p.truthWorkerId === null ? -1 : rowOf.get(p.truthWorkerId)!;
    const stats = m.byScenario.get(p.scenario) ?? { auto: 0, review: 0, none: 0, wrong: 0 };
    m.byScenario.set(p.scenario, stats);
    stats[decision.kind]++;
    if (truthRow >= 0) {
      m.positives++;
      if (!block.has(truthRow)) m.blockingMissed++;
    } else m.negatives++;
    if (decision.kind === 'auto') {
      m.autos++;
      if (rows[decision.workerIndex] === truthRow) m.autoCorrect++;
      else stats.wrong++;
    } else if (decision.kind === 'review') {
      m.reviews++;
      if (truthRow < 0) m.negativesInReview++;
      else if (decision.candidates.some((c) => rows[c.workerIndex] === truthRow)) m.foundInReview++;
    }
  }
  m.seconds = (performance.now() - start) / 1000;
  m.precision = m.autos === 0 ? 1 : m.autoCorrect / m.autos;
  m.recall = (m.autoCorrect + m.foundInReview) / m.positives;
  return m;
}
