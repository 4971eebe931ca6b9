/**
 * A synthetic truth set for record linkage: a worker register and a BPJS participant file whose true
 * links are known, with the errors real files have and the hard negatives that make automatic linking
 * dangerous. Deterministic: everything comes from one seeded PRNG (no Math.random), so a seed always gives
 * the same set and a failing figure can be reproduced.
 *
 * Register: East Lombok people with Sasak/Muslim names drawn with Zipf-like frequencies (so Muhammad, Siti,
 * Ahmad… repeat as they do in a real village), NIKs consistent with birth date and sex
 * (PPRRDD DDMMYY SSSS, 5203DD, women day + 40, serials counted per district and birth date), families with
 * siblings and a few twins.
 *
 * Participants: ~75% exact copies (same NIK: the exact-NIK step links them, not decideLink); ~15% register
 * people whose record has one or two errors (mistyped NIK, missing NIK, name variant, day/month swapped
 * birth date, moved village, and combinations of two); ~10% people NOT in the register, most of them hard
 * negatives. See `LinkageScenario`.
 */
import { seededRandom } from '../random.ts';
import type { PersonRecord } from './linkage.ts';

export type LinkageScenario =
  // in the register, same NIK (handled by exact-NIK matching)
  | 'exact_nik'
  | 'exact_nik_name_variant'
  | 'exact_nik_birth_swapped'
  // in the register, reaches decideLink
  | 'nik_one_digit'
  | 'nik_transposed'
  | 'nik_missing'
  | 'nik_one_digit+name_variant'
  | 'nik_one_digit+birth_swapped'
  | 'nik_transposed+name_variant'
  | 'nik_transposed+birth_swapped'
  | 'nik_missing+name_variant'
  | 'nik_missing+birth_swapped'
  | 'nik_missing+village_moved'
  | 'nik_one_digit+village_moved'
  // not in the register
  | 'neg_random'
  | 'neg_same_name_birth_village' // a namesake cousin: same name, birth date and village, own NIK
  | 'neg_twin' // same birth date, district (so next serial) and village, similar name
  | 'neg_sibling' // same village, similar name, other birth date
  | 'neg_nik_neighbour' // NIK one digit from a register person's (in the date digits), other name and birth date
  | 'neg_same_day_neighbour'; // born the same day in the same district (next serial), other name

export interface TruthSet {
  register: (PersonRecord & { id: string })[];
  participants: (PersonRecord & { kpj: string; truthWorkerId: string | null; scenario: LinkageScenario })[];
}

export interface TruthOptions {
  registerSize: number;
  participantCount: number;
  seed: number;
  /** Kemendagri village codes (`52.03.DD.VVVV`); the DD part becomes the NIK district when present. */
  villageCodes: string[];
}

// ---------------------------------------------------------------------------------------------------
// Names (East Lombok: Sasak and Muslim). Order is frequency rank: earlier names are drawn more often.

const MALE_FIRST = [
  'Muhammad', 'Ahmad', 'Abdul', 'Zainal', 'Rahmat', 'Saleh', 'Herman', 'Sahnan', 'Mahsun', 'Hasan',
  'Husain', 'Ismail', 'Ibrahim', 'Yusuf', 'Sulaiman', 'Hamzah', 'Junaidi', 'Zulkifli', 'Sahrul', 'Syamsul',
  'Taufik', 'Rizki', 'Hendra', 'Suhardi', 'Sapri', 'Saparudin', 'Amir', 'Amrullah', 'Mustafa', 'Fathurrahman',
  'Abdurrahman', 'Khairul', 'Jamaludin', 'Nasrullah', 'Rusdi', 'Marzuki', 'Hairudin', 'Mahmud', 'Munawir', 'Ridwan',
  'Ramli', 'Fauzi', 'Fadli', 'Bakri', 'Burhan', 'Darmawan', 'Dedi', 'Erwin', 'Gazali', 'Hadi',
  'Iskandar', 'Jumadil', 'Kamarudin', 'Lukman', 'Maksum', 'Nasir', 'Nurdin', 'Sahabudin', 'Samsudin', 'Sukri',
  'Wahyudi', 'Zaini', 'Zulhadi', 'Rusli', 'Hamdi', 'Fathul', 'Rijal', 'Agus', 'Heri', 'Nasrun', 'Suhaimi', 'Sahidin',
];
const FEMALE_FIRST = [
  'Siti', 'Nurul', 'Aminah', 'Fatimah', 'Hasanah', 'Maryam', 'Khadijah', 'Aisyah', 'Rohani', 'Rukmini',
  'Sumiati', 'Sri', 'Sapinah', 'Hamdiah', 'Halimah', 'Hamidah', 'Zainab', 'Salmah', 'Mariani', 'Nurhayati',
  'Nurhasanah', 'Rahmawati', 'Rosmiati', 'Saodah', 'Suhaini', 'Sukmawati', 'Yuliani', 'Zuraida', 'Inayah', 'Kurniawati',
  'Marni', 'Masitah', 'Muliani', 'Murni', 'Nining', 'Rabiah', 'Rahimah', 'Ratna', 'Rina', 'Rini',
  'Rusmini', 'Sahidah', 'Saniah', 'Sarimah', 'Wahidah', 'Hidayah', 'Hikmah', 'Laela', 'Mahnun', 'Hartini',
  'Zuhriah', 'Kartini', 'Yuliana', 'Sumarni', 'Nursiah', 'Hadijah', 'Mardiah', 'Juhriah', 'Sahnun', 'Raehan',
  'Hajar', 'Sitiawati',
];
const MALE_PARTS = [
  'Hidayat', 'Rahman', 'Hasan', 'Saleh', 'Abidin', 'Arifin', 'Hamdi', 'Hakim', 'Rahim', 'Aziz',
  'Kadir', 'Latif', 'Majid', 'Salim', 'Sulhan', 'Hasanudin', 'Zainudin', 'Ramdani', 'Saputra', 'Wijaya',
  'Kurniawan', 'Hidayatullah', 'Fahmi', 'Hariadi', 'Sahidi', 'Muhsin', 'Anwar', 'Effendi', 'Ilham', 'Mulyadi',
  'Jayadi', 'Wardi', 'Sanusi', 'Mansur', 'Asmuni', 'Halid', 'Fadil', 'Amin', 'Maulana', 'Azhari',
  'Ismail', 'Suryadi', 'Apriadi', 'Zulkarnain', 'Hamzanwadi', 'Sukardi', 'Fauzi', 'Sahroni', 'Muliadi', 'Hadi',
  'Habibi', 'Khalid', 'Ramadhan', 'Syukri', 'Taufiq', 'Rosyidi', 'Mukhtar', 'Sahnan', 'Mahsun', 'Husni',
];
const FEMALE_PARTS = [
  'Aminah', 'Fatimah', 'Hasanah', 'Hidayah', 'Fitri', 'Fitriani', 'Hayati', 'Kartini', 'Lestari', 'Maulidia',
  'Rahmi', 'Safitri', 'Suryani', 'Wahyuni', 'Yanti', 'Ulfa', 'Zahra', 'Amalia', 'Anggraini', 'Ariani',
  'Damayanti', 'Handayani', 'Ismawati', 'Jannah', 'Kamila', 'Mardiah', 'Nabila', 'Rahmawati', 'Sholehah', 'Khairunnisa',
  'Zuhriah', 'Marlina', 'Halimah', 'Aisyah', 'Mariam', 'Rohmah', 'Sapitri', 'Suhaeni', 'Juliana', 'Wulandari',
  'Hartini', 'Rukmini', 'Sumiati', 'Maesarah', 'Hikmah', 'Nurjannah', 'Sakinah', 'Muslimah', 'Rosidah', 'Zaitun',
  'Aprilia', 'Herawati', 'Nurlaila', 'Rahayu', 'Sulastri', 'Warni', 'Yuliana', 'Zakiah', 'Wahidah', 'Hamidah',
];
/** Similar-sounding names parents give to siblings and twins. */
const TWIN_PAIRS: [string, string][] = [
  ['Hasan', 'Husain'], ['Rina', 'Rini'], ['Hasanah', 'Husnah'], ['Fatimah', 'Fatmawati'], ['Rahmat', 'Rahmad'],
  ['Saleh', 'Salim'], ['Zainal', 'Zainul'], ['Ahmad', 'Ahmadi'], ['Aminah', 'Aminatun'], ['Hamdi', 'Hamdan'],
  ['Sahnan', 'Sahnun'], ['Fauzi', 'Fauzan'], ['Herman', 'Hermawan'], ['Nurul', 'Nurlaila'], ['Juhriah', 'Jumriah'],
];

// ---------------------------------------------------------------------------------------------------
// PRNG and helpers

/** Cumulative Zipf weights (s = 1) for a list of n ranked items, built once per list size. */
const zipfTables = new Map<number, Float64Array>();
function zipfTable(n: number): Float64Array {
  let table = zipfTables.get(n);
  if (!table) {
    table = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) table[i] = sum += 1 / (i + 1);
    for (let i = 0; i < n; i++) table[i] = table[i]! / sum;
    zipfTables.set(n, table);
  }
  return table;
}

interface Rng {
  next: () => number;
  int: (lo: number, hi: number) => number;
  chance: (p: number) => boolean;
  pick: <T>(list: readonly T[]) => T;
  zipf: <T>(list: readonly T[]) => T;
  weighted: <T>(entries: readonly (readonly [T, number])[]) => T;
}

function makeRng(seed: number): Rng {
  const next = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)]!,
    zipf: (list) => {
      const table = zipfTable(list.length);
      const r = next();
      let lo = 0;
      let hi = list.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (table[mid]! < r) lo = mid + 1;
        else hi = mid;
      }
      return list[lo]!;
    },
    weighted: (entries) => {
      const total = entries.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [value, w] of entries) if ((r -= w) < 0) return value;
      return entries[entries.length - 1]![0];
    },
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// ---------------------------------------------------------------------------------------------------
// People

interface Person {
  name: string;
  sex: 'M' | 'F';
  y: number;
  m: number;
  d: number;
  village: string;
  district: string;
  nik: string;
}

const birthDateOf = (p: { y: number; m: number; d: number }) => `${p.y}-${pad(p.m)}-${pad(p.d)}`;

export function generateLinkageTruth(options: TruthOptions): TruthSet {
  const { registerSize, participantCount, seed, villageCodes } = options;
  if (villageCodes.length === 0) throw new Error('generateLinkageTruth: villageCodes is empty');
  const rng = makeRng(seed);

  // Serials are counted per first 12 digits (district + birth date with the sex offset), as the civil
  // registry does; the register holds only some of the people, so counters start a little above 1 and skip.
  const serials = new Map<string, number>();
  const allNiks = new Set<string>();
  const registerNiks = new Set<string>();

  const districtOf = (village: string) => /^\d{2}\.\d{2}\.(\d{2})\./.exec(village)?.[1] ?? pad(rng.int(1, 21));
  const villageWeights = villageCodes.map((v, i) => [v, 1 + ((i * 7919) % 5)] as const); // some villages are bigger

  function makeNik(district: string, sex: 'M' | 'F', y: number, m: number, d: number): string {
    const prefix = `5203${district}${pad(sex === 'F' ? d + 40 : d)}${pad(m)}${pad(y % 100)}`;
    let serial = serials.get(prefix) ?? rng.int(0, 2);
    for (;;) {
      serial += rng.chance(0.8) ? 1 : 2;
      const nik = `${prefix}${pad(serial, 4)}`;
      if (!allNiks.has(nik)) {
        serials.set(prefix, serial);
        allNiks.add(nik);
        return nik;
      }
    }
  }

  function randomName(sex: 'M' | 'F'): string {
    const tokens: string[] = [];
    if (sex === 'M') {
      if (rng.chance(0.02)) return `Amaq ${rng.zipf(MALE_FIRST)}`; // teknonym: "father of …"
      if (rng.chance(0.08)) tokens.push('Lalu');
      tokens.push(rng.zipf(MALE_FIRST));
      const parts = rng.chance(0.2) ? 2 : rng.chance(0.6) || tokens.at(-1) === 'Muhammad' || tokens.at(-1) === 'Abdul' ? 1 : 0;
      for (let i = 0; i < parts; i++) tokens.push(rng.zipf(MALE_PARTS));
    } else {
      if (rng.chance(0.02)) return `Inaq ${rng.zipf(FEMALE_FIRST.slice(2))}`;
      if (rng.chance(0.08)) tokens.push('Baiq');
      tokens.push(rng.zipf(FEMALE_FIRST));
      const parts = rng.chance(0.15) ? 2 : rng.chance(0.55) || tokens.at(-1) === 'Siti' ? 1 : 0;
      for (let i = 0; i < parts; i++) tokens.push(rng.zipf(FEMALE_PARTS));
    }
    return [...new Set(tokens)].join(' ');
  }

  function randomBirth(): { y: number; m: number; d: number } {
    const y = rng.int(1960, 2006);
    const m = rng.int(1, 12);
    return { y, m, d: rng.int(1, daysIn(y, m)) };
  }

  function newPerson(over: Partial<Person> = {}): Person {
    const sex = over.sex ?? (rng.chance(0.45) ? 'F' : 'M');
    const b = over.y !== undefined ? { y: over.y, m: over.m!, d: over.d! } : randomBirth();
    const village = over.village ?? rng.weighted(villageWeights);
    // 85% were first registered in the district they live in; the rest moved since.
    const district = over.district ?? (rng.chance(0.85) ? districtOf(village) : pad(rng.int(1, 21)));
    return {
      name: over.name ?? randomName(sex),
      sex,
      ...b,
      village,
      district,
      nik: over.nik ?? makeNik(district, sex, b.y, b.m, b.d),
    };
  }

  /** A name a parent might give a sibling or twin: one token swapped for a similar-sounding or family one. */
  function relativeName(name: string, sex: 'M' | 'F'): string {
    const tokens = name.split(' ');
    const start = tokens[0] === 'Lalu' || tokens[0] === 'Baiq' ? 1 : 0;
    for (const [a, b] of TWIN_PAIRS) {
      const i = tokens.indexOf(a);
      const j = tokens.indexOf(b);
      if (i >= start) return [...tokens.slice(0, i), b, ...tokens.slice(i + 1)].join(' ');
      if (j >= start) return [...tokens.slice(0, j), a, ...tokens.slice(j + 1)].join(' ');
    }
    // Keep the family part (last token when there are several), change the given name.
    const out = tokens.slice();
    const idx = tokens.length - start >= 2 ? start : tokens.length - 1;
    const pool = sex === 'M' ? MALE_FIRST : FEMALE_FIRST;
    let replacement = rng.zipf(pool);
    for (let guard = 0; replacement === out[idx] && guard < 10; guard++) replacement = rng.zipf(pool);
    out[idx] = replacement;
    if (tokens.length - start === 1) out.push(rng.zipf(sex === 'M' ? MALE_PARTS : FEMALE_PARTS));
    return out.join(' ');
  }

  // --- Register -----------------------------------------------------------------------------------
  const register: Person[] = [];
  while (register.length < registerSize) {
    const person = newPerson();
    register.push(person);
    if (register.length < registerSize && rng.chance(0.1)) {
      // A sibling in the same village: similar name, born 1–8 years apart.
      const year = Math.min(2006, Math.max(1960, person.y + (rng.chance(0.5) ? 1 : -1) * rng.int(1, 8)));
      const sex = rng.chance(0.6) ? person.sex : person.sex === 'M' ? 'F' : 'M';
      const m = rng.int(1, 12);
      register.push(newPerson({ sex, name: sex === person.sex ? relativeName(person.name, sex) : randomName(sex), y: year, m, d: rng.int(1, daysIn(year, m)), village: person.village }));
    }
    if (register.length < registerSize && rng.chance(0.01)) {
      // Twins: same birth date and district (so consecutive serials), same village, similar names.
      register.push(newPerson({ sex: person.sex, name: relativeName(person.name, person.sex), y: person.y, m: person.m, d: person.d, village: person.village, district: person.district }));
    }
  }
  for (const p of register) registerNiks.add(p.nik);

  const registerOut = register.map((p, i) => ({
    id: `W${pad(i + 1, 6)}`,
    nik: p.nik,
    name: registerSpelling(p, rng),
    birthDate: birthDateOf(p),
    sex: p.sex,
    villageCode: p.village,
  }));

  // --- Participants --------------------------------------------------------------------------------
  const order = register.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  // Each register person appears at most once in the participant file; the rest of the register is
  // people the file does not know. Skipped people (a swap needs day ≤ 12) stay available.
  const used = new Set<number>();
  let cursor = 0;
  const takePerson = (accept: (p: Person) => boolean = () => true): number => {
    // Step over people already taken (picks made further ahead): same choices, without rescanning them each call.
    while (cursor < order.length && used.has(order[cursor]!)) cursor++;
    for (let tries = 0; tries < order.length; tries++) {
      const idx = order[(cursor + tries) % order.length]!;
      if (used.has(idx) || !accept(register[idx]!)) continue;
      used.add(idx);
      if (tries === 0) cursor++;
      return idx;
    }
    throw new Error('generateLinkageTruth: register too small for the participants asked');
  };
  const swappable = (p: Person) => p.d <= 12 && p.d !== p.m;

  const participants: TruthSet['participants'] = [];
  let kpj = 21_000_000_000 + rng.int(0, 999_999) * 1000;
  const push = (fields: PersonRecord, truth: number | null, scenario: LinkageScenario) => {
    participants.push({ ...fields, kpj: String((kpj += rng.int(1, 97))), truthWorkerId: truth === null ? null : registerOut[truth]!.id, scenario });
  };
  const bpjsName = (name: string) => (rng.chance(0.7) ? name.toUpperCase() : name); // BPJS files are mostly in capitals
  const bpjsSex = (sex: 'M' | 'F') => (rng.chance(0.8) ? sex : null);
  const recordOf = (p: Person, over: Partial<PersonRecord> = {}): PersonRecord => ({
    nik: p.nik,
    name: bpjsName(p.name),
    birthDate: birthDateOf(p),
    sex: bpjsSex(p.sex),
    villageCode: p.village,
    ...over,
  });

  const nExact = Math.round(participantCount * 0.75);
  const nNegative = Math.round(participantCount * 0.1);
  const nVariant = participantCount - nExact - nNegative;

  for (let i = 0; i < nExact; i++) {
    const scenario = rng.weighted([['exact_nik', 90], ['exact_nik_name_variant', 7], ['exact_nik_birth_swapped', 3]] as const);
    const idx = takePerson(scenario === 'exact_nik_birth_swapped' ? swappable : undefined);
    const p = register[idx]!;
    if (scenario === 'exact_nik') push(recordOf(p), idx, scenario);
    else if (scenario === 'exact_nik_name_variant') push(recordOf(p, { name: bpjsName(nameVariant(p.name, p.sex, rng)) }), idx, scenario);
    else push(recordOf(p, { birthDate: `${p.y}-${pad(p.d)}-${pad(p.m)}` }), idx, scenario);
  }

  const mistype = (nik: string, kind: 'one_digit' | 'transposed'): string => {
    for (;;) {
      const chars = nik.split('');
      if (kind === 'one_digit') {
        const i = rng.int(0, 15);
        const old = chars[i]!;
        let digit = old;
        while (digit === old) digit = String(rng.int(0, 9));
        chars[i] = digit;
      } else {
        const i = rng.int(0, 14);
        if (chars[i] === chars[i + 1]) continue;
        [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
      }
      const typo = chars.join('');
      // A typo that happens to be another person's NIK would be linked by the exact-NIK step, which is
      // not what this set measures; draw again.
      if (!allNiks.has(typo)) return typo;
    }
  };

  const VARIANT_SCENARIOS = [
    ['nik_one_digit', 16], ['nik_transposed', 8], ['nik_missing', 16],
    ['nik_one_digit+name_variant', 10], ['nik_one_digit+birth_swapped', 6],
    ['nik_transposed+name_variant', 5], ['nik_transposed+birth_swapped', 3],
    ['nik_missing+name_variant', 14], ['nik_missing+birth_swapped', 6],
    ['nik_missing+village_moved', 8], ['nik_one_digit+village_moved', 4],
    ['exact_nik_name_variant', 2], ['exact_nik_birth_swapped', 2],
  ] as const satisfies readonly (readonly [LinkageScenario, number])[];

  for (let i = 0; i < nVariant; i++) {
    const scenario: LinkageScenario = rng.weighted(VARIANT_SCENARIOS);
    const parts = scenario.split('+');
    const idx = takePerson(parts.includes('birth_swapped') || scenario === 'exact_nik_birth_swapped' ? swappable : undefined);
    const p = register[idx]!;
    const rec = recordOf(p);
    for (const part of parts) {
      if (part === 'nik_one_digit') rec.nik = mistype(p.nik, 'one_digit');
      else if (part === 'nik_transposed') rec.nik = mistype(p.nik, 'transposed');
      else if (part === 'nik_missing') rec.nik = rng.chance(0.7) ? null : rng.pick(['', '0', '-']);
      else if (part === 'name_variant' || scenario === 'exact_nik_name_variant') rec.name = bpjsName(nameVariant(p.name, p.sex, rng));
      else if (part === 'birth_swapped' || scenario === 'exact_nik_birth_swapped') rec.birthDate = `${p.y}-${pad(p.d)}-${pad(p.m)}`;
      else if (part === 'village_moved') rec.villageCode = rng.chance(0.2) ? null : rng.pick(villageCodes.filter((v) => v !== p.village));
    }
    push(rec, idx, scenario);
  }

  const NEGATIVE_SCENARIOS = [
    ['neg_random', 30], ['neg_same_name_birth_village', 20], ['neg_twin', 12],
    ['neg_sibling', 14], ['neg_nik_neighbour', 14], ['neg_same_day_neighbour', 10],
  ] as const satisfies readonly (readonly [LinkageScenario, number])[];

  for (let i = 0; i < nNegative; i++) {
    const scenario: LinkageScenario = rng.weighted(NEGATIVE_SCENARIOS);
    const base = register[rng.int(0, register.length - 1)]!;
    let person: Person;
    if (scenario === 'neg_random') {
      person = newPerson();
    } else if (scenario === 'neg_same_name_birth_village') {
      // Half were registered in the same district (serial next to the register person's: NIKs one digit
      // apart), half elsewhere (often the same serial, district digits one apart).
      person = newPerson({ name: base.name, sex: base.sex, y: base.y, m: base.m, d: base.d, village: base.village, district: rng.chance(0.5) ? base.district : pad(rng.int(1, 21)) });
    } else if (scenario === 'neg_twin') {
      person = newPerson({ name: relativeName(base.name, base.sex), sex: base.sex, y: base.y, m: base.m, d: base.d, village: base.village, district: base.district });
    } else if (scenario === 'neg_sibling') {
      const y = Math.min(2006, Math.max(1960, base.y + (rng.chance(0.5) ? 1 : -1) * rng.int(0, 6)));
      const m = rng.int(1, 12);
      person = newPerson({ name: relativeName(base.name, base.sex), sex: base.sex, y, m, d: rng.int(1, daysIn(y, m)), village: base.village });
      if (birthDateOf(person) === birthDateOf(base)) person.d = person.d === 1 ? 2 : person.d - 1;
    } else if (scenario === 'neg_nik_neighbour') {
      person = nikNeighbour(base) ?? newPerson();
    } else {
      person = newPerson({ sex: base.sex, y: base.y, m: base.m, d: base.d, district: base.district });
    }
    const nikMissing = scenario !== 'neg_same_name_birth_village' && rng.chance(0.05);
    push(recordOf(person, nikMissing ? { nik: null } : {}), null, scenario);
  }

  /** A valid, unused NIK one digit from `base`'s, the change inside the birth-date digits; its owner is born on that date. */
  function nikNeighbour(base: Person): Person | null {
    for (let tries = 0; tries < 50; tries++) {
      const i = rng.int(6, 11);
      const chars = base.nik.split('');
      let digit = chars[i]!;
      while (digit === chars[i]) digit = String(rng.int(0, 9));
      chars[i] = digit;
      const nik = chars.join('');
      if (allNiks.has(nik)) continue;
      const rawDay = Number(nik.slice(6, 8));
      const sex = rawDay > 40 ? 'F' : 'M';
      const d = sex === 'F' ? rawDay - 40 : rawDay;
      const m = Number(nik.slice(8, 10));
      const y = Math.floor(base.y / 100) * 100 + Number(nik.slice(10, 12));
      if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m) || y > 2008) continue;
      allNiks.add(nik);
      return { name: randomName(sex), sex, y, m, d, village: rng.weighted(villageWeights), district: base.district, nik };
    }
    return null;
  }

  // Shuffle so scenarios are not in blocks.
  for (let i = participants.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [participants[i], participants[j]] = [participants[j]!, participants[i]!];
  }
  return { register: registerOut, participants };
}

/** How the register writes a name: mostly as is, sometimes in capitals (OpenSID exports), with Haji titles or degrees. */
function registerSpelling(p: Person, rng: Rng): string {
  let name = p.name;
  const age = 2025 - p.y;
  if (age > 45 && rng.chance(0.08)) name = `${p.sex === 'M' ? 'H.' : 'Hj.'} ${name}`;
  if (age > 24 && rng.chance(0.03)) name = `${name}, ${rng.pick(['S.Pd.', 'S.Pd.I', 'S.E.', 'A.Md.', 'S.Ag'])}`;
  return rng.chance(0.4) ? name.toUpperCase() : name;
}

/**
 * The same name as another clerk would write it: a Muhammad spelling, a Haji title added or dropped, a
 * doubled or undoubled letter, kh/h, old spelling, a dropped middle name or noble marker, an initial,
 * or one mistyped letter.
 */
function nameVariant(name: string, sex: 'M' | 'F', rng: Rng): string {
  const tokens = name.split(' ');
  const options: (() => string | null)[] = [
    () => {
      const i = tokens.indexOf('Muhammad');
      if (i < 0) return null;
      const forms = ['Muhamad', 'Mohammad', 'Mochammad', 'Moh.', 'Muh.', 'Mhd.', 'Mohamad', 'Muhammmad'];
      // `M.` only where it stands for Muhammad unambiguously: at the start or after Lalu.
      if (i === 0 || (i === 1 && tokens[0] === 'Lalu')) forms.push('M.', 'M.');
      return replaceAt(tokens, i, rng.pick(forms));
    },
    () => `${sex === 'M' ? rng.pick(['H.', 'H', 'Haji']) : rng.pick(['Hj.', 'Hj', 'Hajjah'])} ${name}`,
    () => {
      // Double a consonant between vowels (Zainudin → Zainuddin) or undouble (Hidayatullah → Hidayatulah).
      const i = rng.int(0, tokens.length - 1);
      const t = tokens[i]!;
      const doubled = /([b-df-hj-np-tv-z])\1/i.exec(t);
      if (doubled) return replaceAt(tokens, i, t.slice(0, doubled.index) + t.slice(doubled.index + 1));
      const single = /[aeiou]([bdklmnprst])[aeiou]/i.exec(t.slice(1));
      if (!single) return null;
      const at = single.index + 2;
      return replaceAt(tokens, i, t.slice(0, at) + t.charAt(at) + t.slice(at));
    },
    () => {
      const i = tokens.findIndex((t) => /^Kh|^H[aeiou]/.test(t));
      if (i < 0) return null;
      const t = tokens[i]!;
      return replaceAt(tokens, i, t.startsWith('Kh') ? `H${t.slice(2)}` : `Kh${t.slice(1)}`);
    },
    () => {
      // Old spelling: u → oe, j → dj, c → tj; or Arabic transliteration sy/s, q/k, dh/d.
      const rules: [RegExp, string][] = [[/u/, 'oe'], [/j/, 'dj'], [/c/, 'tj'], [/Sy/, 'S'], [/k$/, 'q'], [/q$/, 'k'], [/dh/, 'd'], [/Sh/, 'S'], [/S(?=[aeiou])/, 'Sy']];
      for (let tries = 0; tries < 8; tries++) {
        const i = rng.int(0, tokens.length - 1);
        const [re, to] = rng.pick(rules);
        if (re.test(tokens[i]!)) return replaceAt(tokens, i, tokens[i]!.replace(re, to));
      }
      return null;
    },
    () => {
      // Missing middle name, or the noble marker left out.
      if (tokens.length >= 3) return [...tokens.slice(0, 1), ...tokens.slice(2)].join(' ');
      if (tokens.length === 2 && (tokens[0] === 'Lalu' || tokens[0] === 'Baiq')) return null;
      if (tokens.length >= 2 && (tokens[0] === 'Lalu' || tokens[0] === 'Baiq')) return tokens.slice(1).join(' ');
      return null;
    },
    () => {
      if (tokens[0] === 'Lalu' || tokens[0] === 'Baiq') return `${tokens[0] === 'Lalu' ? 'L.' : 'Bq.'} ${tokens.slice(1).join(' ')}`;
      return null;
    },
    () => {
      // One mistyped letter in a longer token (not the first letter).
      const candidates = tokens.map((t, i) => [t, i] as const).filter(([t]) => t.length >= 6);
      if (candidates.length === 0) return null;
      const [t, i] = rng.pick(candidates);
      const at = rng.int(1, t.length - 1);
      const letters = 'aiueonrshmlkt';
      let c = t.charAt(at);
      while (c === t.charAt(at)) c = letters.charAt(rng.int(0, letters.length - 1));
      return replaceAt(tokens, i, t.slice(0, at) + c + t.slice(at + 1));
    },
  ];
  for (let tries = 0; tries < 20; tries++) {
    const out = rng.pick(options)();
    if (out && out !== name) return out;
  }
  return `${sex === 'M' ? 'H.' : 'Hj.'} ${name}`;
}

function replaceAt(tokens: string[], i: number, value: string): string {
  return [...tokens.slice(0, i), value, ...tokens.slice(i + 1)].join(' ');
}
