import { describe, expect, it } from 'vitest';
import { generateLinkageTruth } from './linkage-truth.ts';
import { compareNames, damerauLevenshtein, jaroWinkler, nameTokens, NAME_SCORES, normaliseName, type NameReason } from './names.ts';

describe('normaliseName', () => {
  it.each([
    // Muhammad in all its spellings
    ['Muhammad Saleh', 'muhammad saleh'],
    ['MUHAMAD SALEH', 'muhammad saleh'],
    ['Muhammmad Saleh', 'muhammad saleh'],
    ['Mohammad Saleh', 'muhammad saleh'],
    ['Mohamad Saleh', 'muhammad saleh'],
    ['Mochammad Saleh', 'muhammad saleh'],
    ['Mochamad Saleh', 'muhammad saleh'],
    ['Muhamat Saleh', 'muhammad saleh'],
    ['Moh. Saleh', 'muhammad saleh'],
    ['Moh Saleh', 'muhammad saleh'],
    ['Mohd Saleh', 'muhammad saleh'],
    ['Muh. Saleh', 'muhammad saleh'],
    ['Mhd. Saleh', 'muhammad saleh'],
    ['M. Saleh', 'muhammad saleh'],
    ['H.M. Saleh', 'muhammad saleh'],
    ['Lalu M. Saleh', 'lalu muhammad saleh'],
    ['Baiq Siti M.', 'baiq siti m'], // an M. inside a (woman's) name stays an initial
    // titles and honorifics
    ['H. Ahmad Zainuddin', 'ahmad zainudin'],
    ['Hj. Siti Aminah, S.Pd.', 'siti aminah'],
    ['Haji Sahnan', 'sahnan'],
    ['Hajjah Fatimah', 'fatimah'],
    ['Drs. H. Lalu Abdul Kadir, M.Pd', 'lalu abdul kadir'],
    ['Dr. Ir. Herman', 'herman'],
    ['TGH. Zainal Abidin', 'zainal abidin'],
    ['Kyai Haji Hasan', 'hasan'],
    ['Ust. Mahsun', 'mahsun'],
    ['Ahmad bin Saleh', 'ahmad saleh'],
    // degrees, dotted or not, after a comma or not
    ['Baiq Nurul Hidayah S.Pd.I', 'baiq nurul hidayah'],
    ['Ahmad Saleh, SE', 'ahmad saleh'],
    ['Ahmad Saleh S.E.', 'ahmad saleh'],
    ['Rudi Hartono, S.H., M.H.', 'rudi hartono'],
    ['Siti Aminah, A.Md.Keb', 'siti aminah'],
    ['Herman S. Ag', 'herman'],
    ['Rahmat S.Kom', 'rahmat'],
    ['Lalu M. T. Ahmad', 'lalu muhammad t ahmad'], // initials inside a name are not a degree
    // Sasak name parts are kept: Lalu/Baiq (noble), Amaq/Inaq (teknonyms: "father/mother of")
    ['Bq. Nurul Hidayah', 'baiq nurul hidayah'],
    ['Amaq Saleh', 'amaq saleh'],
    ['Inaq Aminah', 'inaq aminah'],
    // Abdul
    ['Abd. Rahman', 'abdul rahman'],
    ['Abdurrahman', 'abdul rahman'],
    ['Abdurahman', 'abdul rahman'],
    ['Abdulkadir', 'abdul kadir'],
    ['Abdussalam', 'abdul salam'],
    ['Abdoel Rachman', 'abdul rahman'],
    ['Abdullah', 'abdulah'], // a name of its own, not Abdul + lah
    // old spelling and transliteration
    ['Achmad Djunaedi', 'ahmad junaedi'],
    ['Akhmad Tjahjadi', 'ahmad cahjadi'],
    ['Sjamsoel Bahri', 'samsul bahri'],
    ['Khairul Anwar', 'hairul anwar'],
    ['Muhammad Sholeh', 'muhammad soleh'],
    ['Rizky Ramadhan', 'rizki ramadan'],
    ['Taufiq Hidayat', 'taufik hidayat'],
    ['Dzulkifli', 'zulkifli'],
    ['Ghazali', 'gazali'],
    ['Noor Aini', 'nur aini'],
    ['Noer Aini', 'nur aini'],
    ['Nurul Aini', 'nurul aini'], // Nurul is a name of its own
    // doubled letters, case, accents, punctuation
    ['Zainuddin', 'zainudin'],
    ['Sitti Hasanah', 'siti hasanah'],
    ["Ma'ruf Amin", 'maruf amin'],
    ['José', 'jose'],
    ['  SITI   AMINAH ', 'siti aminah'],
    ['', ''],
  ])('%s → %s', (name, expected) => {
    expect(normaliseName(name)).toBe(expected);
  });

  it('nameTokens returns the tokens, and a copy', () => {
    const tokens = nameTokens('H. Lalu Muhammad Zainuddin');
    expect(tokens).toEqual(['lalu', 'muhammad', 'zainudin']);
    tokens.pop();
    expect(nameTokens('H. Lalu Muhammad Zainuddin')).toHaveLength(3);
  });
});

describe('compareNames', () => {
  const cases: [string, string, NameReason[], [number, number]][] = [
    // a, b, reasons, score range
    ['Muhammad Saleh', 'MUHAMMAD SALEH', ['name_exact'], [1, 1]],
    ['Moh. Saleh', 'Muhammad Saleh', ['name_variant'], [0.95, 0.99]],
    ['H. Ahmad Zainuddin', 'Ahmad Zainudin', ['name_variant'], [0.95, 0.99]],
    ['Abdurrahman', 'Abdul Rahman', ['name_variant'], [0.95, 0.99]],
    ['Khairul Anwar', 'Hairul Anwar', ['name_variant'], [0.95, 0.99]],
    ['Nurhasanah', 'Nur Hasanah', ['name_variant'], [0.95, 0.95]],
    ['M. Saleh', 'Muhammad Saleh', ['name_variant', 'name_initial'], [0.95, 0.95]],
    ['A. Rahman', 'Abdul Rahman', ['name_similar', 'name_initial'], [0.85, 0.95]],
    ['Muhammad Zainal Abidin', 'Muhammad Abidin', ['name_missing_middle'], [0.85, 0.94]],
    ['Lalu Ahmad Saleh', 'Ahmad Saleh', ['name_missing_middle'], [0.85, 0.94]],
    ['Aminah', 'Siti Aminah', ['name_missing_middle'], [0.8, 0.9]],
    ['Muhammad Saleh', 'Muhammad Soleh', ['name_similar'], [0.8, 0.94]],
    ['Fatimah', 'Patimah', ['name_similar'], [0.8, 0.94]],
    ['Baiq Rina Wati', 'Baiq Rini Wati', ['name_similar'], [0.8, 0.94]],
    ['Nurhasanah', 'Nur Hasana', ['name_similar'], [0.8, 0.94]],
    // different people
    ['Muhammad Saleh', 'Muhammad Salim', ['name_different'], [0, 0.8]],
    ['Muhammad Hasan', 'Muhammad Husain', ['name_different'], [0, 0.8]],
    ['Zainal Arifin', 'Zainal Abidin', ['name_different'], [0, 0.8]],
    ['Siti Aminah', 'Siti Fatimah', ['name_different'], [0, 0.6]],
    ['Saleh', 'Amaq Saleh', ['name_different'], [0, 0.7]], // Amaq Saleh is Saleh's father
    ['Saleh', 'Ahmad Saleh', ['name_different'], [0, 0.7]],
    ['Hasan', 'Husain', ['name_different'], [0, 0.6]],
    ['Rina', 'Rini', ['name_different'], [0, 0.8]], // twins' names: one letter on four is too little to go on
    ['Ahmad Fauzi', 'Siti Aminah', ['name_different'], [0, 0.2]],
    ['', 'Siti Aminah', ['name_different'], [0, 0]],
  ];

  it.each(cases)('%s / %s → %j', (a, b, reasons, [lo, hi]) => {
    const result = compareNames(a, b);
    expect(result.reasons).toEqual(reasons);
    expect(result.score).toBeGreaterThanOrEqual(lo);
    expect(result.score).toBeLessThanOrEqual(hi);
  });

  it('is symmetric', () => {
    for (const [a, b] of cases) expect(compareNames(b, a).score).toBe(compareNames(a, b).score);
  });

  it('keeps the documented score floors', () => {
    expect(compareNames('Siti Aminah', 'SITI AMINAH').score).toBe(NAME_SCORES.exact);
    expect(compareNames('Hj. Siti Aminah', 'Siti Aminah').score).toBeGreaterThanOrEqual(NAME_SCORES.variant);
    // Nothing that is not equal after normalising reaches the variant level.
    expect(compareNames('Lalu Ahmad Saleh', 'Ahmad Saleh').score).toBeLessThan(NAME_SCORES.variant);
  });

  it('string metrics', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('', 'a')).toBe(0);
    expect(damerauLevenshtein('saleh', 'salhe')).toBe(1);
    expect(damerauLevenshtein('saleh', 'salim')).toBe(2);
    expect(damerauLevenshtein('', 'abc')).toBe(3);
    expect(damerauLevenshtein('a'.repeat(80), 'b'.repeat(80))).toBe(80); // longer than the shared buffers
  });

  it('scores a large batch of pairs quickly', () => {
    const villages = Array.from({ length: 40 }, (_, i) => `52.03.${String((i % 21) + 1).padStart(2, '0')}.${2001 + Math.floor(i / 21)}`);
    const truth = generateLinkageTruth({ registerSize: 5_000, participantCount: 2_000, seed: 11, villageCodes: villages });
    const a = truth.participants.map((p) => p.name);
    const b = truth.register.map((w) => w.name);
    const pairs = 500_000;
    let sum = 0;
    const start = performance.now();
    for (let i = 0; i < pairs; i++) sum += compareNames(a[i % a.length]!, b[(i * 7919) % b.length]!).score;
    const seconds = (performance.now() - start) / 1000;
    const perSecond = Math.round(pairs / seconds);
    console.info(`compareNames: ${pairs} pairs in ${seconds.toFixed(2)} s = ${perSecond} pairs/s`);
    expect(sum).toBeGreaterThan(0);
    // ~500k/s on a developer machine; the floor only catches a pathological regression on a busy runner.
    expect(perSecond).toBeGreaterThan(100_000);
  });
});
