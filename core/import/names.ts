/**
 * Person-name comparison for record linkage (BPJS participant file ↔ worker register), tuned for the
 * names of East Lombok: Sasak and Muslim names written by many hands, in old and new spelling, with and
 * without titles, with initials and dropped middle names.
 *
 * Two layers:
 *  - `normaliseName` / `nameTokens` fold spelling variants that carry no information about identity
 *    (case, accents, punctuation, titles, degrees, Muhammad/Abdul/Ahmad forms, old Dutch-era spelling,
 *    transliteration of Arabic sounds, doubled letters). Everything folded here compares as *equal*,
 *    so each rule must be one that two different people's names essentially never differ by.
 *  - `compareNames` scores what is left with a token-aware similarity: best pairing of tokens by a blend
 *    of Jaro-Winkler and normalised Damerau-Levenshtein, unmatched tokens penalised by their weight
 *    (small for the noble markers Lalu/Baiq and the very common Muhammad/Siti/Abdul, small for a middle
 *    name when first and last names agree).
 *
 * Speed: normalised names are cached (names repeat a lot: a village has a few hundred distinct names),
 * tokens are interned so each token pair's similarity is computed once, the string metrics run on shared
 * buffers, and nothing is allocated per token pair. 10⁶ pairs take about a second (names.test.ts prints
 * the measured rate).
 */

export type NameReason =
  | 'name_exact'
  | 'name_variant' /* equal after normalising */
  | 'name_missing_middle' /* one name's tokens a subset of the other's */
  | 'name_similar'
  | 'name_initial' /* 'M. Saleh' vs 'Muhammad Saleh' */
  | 'name_different';

export interface NameComparison {
  /** 0..1; 1 only for the same name written the same way (case and punctuation aside). */
  score: number;
  reasons: NameReason[];
}

/**
 * Score levels that `compareNames` guarantees, so callers (linkage rules, explanations) can rely on them.
 * `variant` is the floor for two names equal after normalising, `similar` the floor of `name_similar`
 * and `name_missing_middle` — below it a name is reported `name_different`.
 */
export const NAME_SCORES = Object.freeze({ exact: 1, variant: 0.95, similar: 0.8 });

// ---------------------------------------------------------------------------------------------------
// Normalisation

/**
 * Titles and honorifics dropped wherever they stand: Haji/Hajjah (H., Hj.), academic and religious titles
 * (Dr., Drs., Dra., Ir., Prof., Ust., TGH = Tuan Guru Haji, KH = Kyai Haji, Kyai), forms of address,
 * and the patronymic connectives bin/binti. NOT dropped: Lalu and Baiq (Sasak noble name parts, part
 * of the legal name; kept as weak tokens) and Amaq/Inaq (Sasak teknonyms, "father/mother of": Amaq
 * Saleh is a different person from Saleh, so they must count).
 */
const TITLE_TOKENS = new Set([
  'h', 'hj', 'haji', 'hajjah', 'hajah', 'hajji',
  'dr', 'drs', 'dra', 'drg', 'ir', 'prof',
  'ust', 'ustad', 'ustadz', 'ustaz', 'ustadzah', 'ustazah',
  'tgh', 'tg', 'kh', 'kyai', 'kiai',
  'bpk', 'bapak', 'ibu', 'sdr', 'sdri', 'ny', 'nyonya', 'tn',
  'bin', 'binti',
]);

/**
 * Academic degrees, written after the name (`Ahmad, S.Pd.`, `Siti Aminah S.Pd.I`, `Rudi SE`). They are
 * stripped from the END of the name only, repeatedly, so an initial inside a name (`Lalu M. T. Ahmad`)
 * is never mistaken for one.
 */
const DEGREE_SUFFIX = new RegExp(
  '(?:^|[\\s,])(?:' +
    // dotted: S.Pd, S.Pd.I, S. Ag, M.Pd, A.Md, A.Ma.Pd, S.E., S.H., S.T., M.M. …
    '[sma]\\s?\\.\\s?(?:pd|ag|kom|sos|ip|si|kep|ked|farm|ak|hum|psi|th|hi|sy|km|gz|tr|st|kes|md|ma|e|h|t|m|a|p|pt|hut|ikom|ei|n|ds|sn|keb)(?:\\s?\\.\\s?(?:i|sd|pd|kes|keb|kep|sos|kom))*' +
    // undotted forms clerks type
    '|spd|spdi|sag|skom|ssos|sip|ssi|skep|sked|sfarm|sak|shum|spsi|sthi|shi|ssy|skm|sst|str|amd|amk|amkeb|amkep|amd\\s?kep|mpd|msi|mag|mkes|mkom|mhum|lc|se|sh|st|mm|mh' +
    ')\\.?[\\s,.]*$',
);

/** Any spelling of Muhammad, after the letter rules below (so `mochammad` arrives as `mohamad`). */
const MUHAMMAD_FORM = /^(?:mh?d|mhmd|moh|mohd|muh|muhd|m[ou]ham[ae][dt])$/;
const AHMAD_FORM = /^(?:ahmat|ahmed|amad)$/;

/** Whole-token spellings folded to one form, after the letter rules and double-letter collapsing. */
const TOKEN_SYNONYMS = new Map<string, string>([
  ['abd', 'abdul'], ['abdu', 'abdul'], ['abdur', 'abdul'], ['abdus', 'abdul'], ['abdun', 'abdul'], ['abdil', 'abdul'], ['abdol', 'abdul'],
  // Nur is written Noor/Noer/Nour; Nurul (= Nur + al) stays distinct, it is a name of its own.
  ['nor', 'nur'], ['nour', 'nur'],
  // Baiq is abbreviated Bq.; `q` becomes `k` below, so undo that for this one word.
  ['bq', 'baiq'], ['bk', 'baiq'], ['baik', 'baiq'],
  // Sasak teknonyms are written with q or k (Amaq/Amak, Inaq/Inak); show them in the usual q form.
  ['amak', 'amaq'], ['inak', 'inaq'],
]);

/**
 * Letter rules, each a spelling difference with no meaning for identity:
 *  - Pre-1972 (Van Ophuijsen/Soewandi) spelling still on old documents: tj→c, dj→j, sj→sy, oe→u, ch→h.
 *  - Transliteration of Arabic sounds: kh→h (Khairul/Hairul), sy→s (Syamsul/Samsul), sh→s (Sholeh/Soleh),
 *    dh→d (Ramadhan/Ramadan), th→t (Fathul/Fatul), gh→g (Ghazali/Gazali), dz→z (Dzulkifli/Zulkifli),
 *    ph→f, q→k (Taufiq/Taufik, Ishaq/Ishak).
 * Order matters: two-letter rules first (`sj`→`sy`→`s`), `q` last.
 */
const LETTER_RULES: [RegExp, string][] = [
  [/tj/g, 'c'],
  [/dj/g, 'j'],
  [/sj/g, 'sy'],
  [/oe/g, 'u'],
  [/kh/g, 'h'],
  [/ch/g, 'h'],
  [/sy/g, 's'],
  [/sh/g, 's'],
  [/dh/g, 'd'],
  [/th/g, 't'],
  [/gh/g, 'g'],
  [/dz/g, 'z'],
  [/ph/g, 'f'],
  [/q/g, 'k'],
];
const NEEDS_LETTER_RULES = /tj|dj|sj|oe|kh|ch|sy|sh|dh|th|gh|dz|ph|q/;
const DOUBLE_LETTERS = /([a-z])\1+/g;
/** Word-final y after a consonant is the old/variant spelling of i: Rizky/Rizki, Hendry/Hendri. */
const FINAL_Y = /([^aeiou])y$/;
const APOSTROPHES = /['’‘`ʼ´]/g;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NON_LETTERS = /[^a-z]+/;

/** Weak tokens: matched or not, they say little about identity (noble markers, the commonest names). */
const WEAK_TOKENS = new Set(['lalu', 'baiq', 'muhammad', 'siti', 'abdul']);
const WEAK_WEIGHT = 0.35;

interface NormalisedName {
  /** Case, accents and punctuation folded only; equality here is `name_exact`. */
  plain: string;
  tokens: string[];
  joined: string;
  /** Tokens without separators, to see `Nurhasanah` = `Nur Hasanah`. */
  concat: string;
  /** Token positions that were a bare `M.` expanded to Muhammad. */
  expandedInitial: boolean[];
  /** Interned token ids, so token-pair similarities can be cached by a number key. */
  ids: number[];
  weights: number[];
  /** Cache generation the ids belong to (ids are only comparable within one generation). */
  generation: number;
}

function basicFold(name: string): string {
  let s = name.toLowerCase();
  // Only decompose when there is something to decompose: NFD is the costliest step for plain ASCII.
  // eslint-disable-next-line no-control-regex
  if (/[^\u0000-\u007f]/.test(s)) s = s.normalize('NFD').replace(COMBINING_MARKS, '');
  return s.replace(APOSTROPHES, '');
}

/** One token after the letter rules: collapse doubled letters, final y → i, then whole-token synonyms. */
function canonicalToken(token: string): string {
  const t = token.replace(DOUBLE_LETTERS, '$1').replace(FINAL_Y, '$1i');
  if (MUHAMMAD_FORM.test(t)) return 'muhammad';
  if (AHMAD_FORM.test(t)) return 'ahmad';
  return TOKEN_SYNONYMS.get(t) ?? t;
}

/**
 * Abdul+name written as one word: Abdurrahman, Abdulkadir, Abdussalam → abdul + rahman/kadir/salam. The
 * article's consonant assimilates (abdu-r-rahman), so after `abdu` one `l` or one doubled consonant is
 * dropped. Abdullah stays whole (its remainder `lah` is not a name).
 */
function splitAbdul(token: string): [string, string] | null {
  if (!token.startsWith('abdu') || token.length < 9) return null;
  let rest = token.slice(4);
  if (rest[0] === rest[1] || rest[0] === 'l') rest = rest.slice(1);
  return rest.length >= 4 ? ['abdul', rest] : null;
}

function computeNormalised(name: string): NormalisedName {
  let s = basicFold(name);
  const plain = s.split(NON_LETTERS).filter(Boolean).join(' ');
  // Degrees at the end, repeatedly (`, S.Pd., M.Pd`), keeping at least one word.
  for (let guard = 0; guard < 4; guard++) {
    const m = DEGREE_SUFFIX.exec(s);
    if (!m || m.index === 0) break;
    s = s.slice(0, m.index);
  }
  const tokens: string[] = [];
  const expandedInitial: boolean[] = [];
  for (const raw of s.split(NON_LETTERS)) {
    if (!raw || TITLE_TOKENS.has(raw)) continue;
    // A bare `M.` is Muhammad when it opens the name (`M. Saleh`, `H. M. Saleh`, `Lalu M. Saleh`); inside
    // a name (`Baiq Siti M.`) it stays an initial, matched by the initial rule in compareNames.
    if (raw === 'm' && (tokens.length === 0 || (tokens.length === 1 && tokens[0] === 'lalu'))) {
      tokens.push('muhammad');
      expandedInitial.push(true);
      continue;
    }
    const withRules = NEEDS_LETTER_RULES.test(raw) ? canonicalLetters(raw) : raw;
    for (const part of splitAbdul(withRules) ?? [withRules]) {
      tokens.push(canonicalToken(part));
      expandedInitial.push(false);
    }
  }
  return {
    plain,
    tokens,
    joined: tokens.join(' '),
    concat: tokens.join(''),
    expandedInitial,
    ids: tokens.map(internToken),
    weights: tokens.map((t) => (WEAK_TOKENS.has(t) ? WEAK_WEIGHT : 1)),
    generation,
  };
}

// Token interning: names are built from a small vocabulary (a few thousand distinct tokens in a regency),
// so the similarity of two tokens is computed once and then looked up by a numeric key.
const tokenIds = new Map<string, number>();
const tokenTexts: string[] = [];
function internToken(token: string): number {
  let id = tokenIds.get(token);
  if (id === undefined) {
    id = tokenTexts.length;
    tokenIds.set(token, id);
    tokenTexts.push(token);
  }
  return id;
}
const PAIR_CACHE_LIMIT = 2_000_000;
const pairCache = new Map<number, number>();
function cachedTokenSimilarity(idA: number, idB: number): number {
  if (idA === idB) return 1;
  // Symmetric measure: key on the ordered pair. Ids stay far below 2^26 in any real batch.
  const key = idA < idB ? idA * 67_108_864 + idB : idB * 67_108_864 + idA;
  let sim = pairCache.get(key);
  if (sim === undefined) {
    if (pairCache.size >= PAIR_CACHE_LIMIT) pairCache.clear();
    sim = tokenSimilarity(tokenTexts[idA]!, tokenTexts[idB]!);
    pairCache.set(key, sim);
  }
  return sim;
}

function canonicalLetters(token: string): string {
  let t = token;
  for (const [pattern, replacement] of LETTER_RULES) t = t.replace(pattern, replacement);
  return t;
}

// Names repeat heavily within a village and across the two files; cache the normalised form.
// Bounded: when the name cache or the token table is full, both are cleared (a new generation) together
// with the pair cache keyed on token ids. A batch rarely holds more distinct names than this.
const CACHE_LIMIT = 200_000;
const TOKEN_LIMIT = 200_000;
const cache = new Map<string, NormalisedName>();
let generation = 0;

function normalised(name: string): NormalisedName {
  let entry = cache.get(name);
  if (entry === undefined) {
    if (cache.size >= CACHE_LIMIT || tokenTexts.length >= TOKEN_LIMIT) {
      cache.clear();
      tokenIds.clear();
      tokenTexts.length = 0;
      pairCache.clear();
      generation++;
    }
    entry = computeNormalised(name);
    cache.set(name, entry);
  }
  return entry;
}

/** The name folded for comparison: `Hj. Siti Aminah, S.Pd.` → `siti aminah`, `Moh. Zainuddin` → `muhammad zainudin`. */
export function normaliseName(name: string): string {
  return normalised(name).joined;
}

/** The tokens of `normaliseName`. */
export function nameTokens(name: string): string[] {
  return normalised(name).tokens.slice();
}

// ---------------------------------------------------------------------------------------------------
// String metrics on shared buffers

let flagsA = new Uint8Array(32);
let flagsB = new Uint8Array(32);
let rowPrev2 = new Int32Array(33);
let rowPrev = new Int32Array(33);
let rowCur = new Int32Array(33);

function ensureBuffers(n: number): void {
  if (n < flagsA.length) return;
  const size = n * 2;
  flagsA = new Uint8Array(size);
  flagsB = new Uint8Array(size);
  rowPrev2 = new Int32Array(size + 1);
  rowPrev = new Int32Array(size + 1);
  rowCur = new Int32Array(size + 1);
}

/** Jaro-Winkler similarity (prefix scale 0.1, prefix up to 4). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  ensureBuffers(Math.max(la, lb));
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === c) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let halfTranspositions = 0;
  for (let i = 0, k = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) halfTranspositions++;
    k++;
  }
  const jaro = (matches / la + matches / lb + (matches - halfTranspositions / 2) / matches) / 3;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Damerau-Levenshtein distance, optimal-string-alignment variant (adjacent transposition costs 1). */
export function damerauLevenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (la === 0) return lb;
  if (lb === 0) return la;
  ensureBuffers(Math.max(la, lb));
  let prev2 = rowPrev2;
  let prev = rowPrev;
  let cur = rowCur;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
    }
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb]!;
}

// ---------------------------------------------------------------------------------------------------
// Comparison

/** An initial (`A.`) against a full token starting with that letter. */
const INITIAL_SIMILARITY = 0.8;
/** Token pairs below this are not a pairing at all, just two unmatched tokens. */
const MIN_TOKEN_SIMILARITY = 0.3;
/** Weight left on an unmatched middle name when first and last names agree. */
const MIDDLE_NAME_FACTOR = 0.3;
/** A first/last token pair at least this close counts as "agreeing" for the middle-name rule. */
const ENDS_AGREE = 0.85;
const MAX_TOKENS = 8;

/**
 * Token similarity. The raw measure is the mean of Jaro-Winkler (rewards a shared start: spelling varies
 * more at the end of names) and 1 − DL/length (counts edits). It is then stretched so that one edit in a
 * name-length token stays high (Saleh/Soleh, Fatimah/Patimah ≈ 0.82) while two edits fall to about half
 * (Saleh/Salim, Arifin/Abidin, Fauzi/Fauzan ≈ 0.45): those are different names, not misspellings, and
 * must not be carried by the other tokens of the name into "similar".
 */
function tokenSimilarity(x: string, y: string): number {
  if (x === y) return 1;
  const dl = 1 - damerauLevenshtein(x, y) / Math.max(x.length, y.length);
  const raw = (jaroWinkler(x, y) + dl) / 2;
  return Math.min(1, Math.max(0, (raw - 0.5) / 0.42));
}

function initialSimilarity(x: string, y: string): number {
  if (x === y) return 1;
  return x.charCodeAt(0) === y.charCodeAt(0) ? INITIAL_SIMILARITY : 0;
}

const simMatrix = new Float64Array(MAX_TOKENS * MAX_TOKENS);
const pairOfA = new Int8Array(MAX_TOKENS);
const pairOfB = new Int8Array(MAX_TOKENS);

/** Compares two names; see `NameReason` for what the reasons mean and `NAME_SCORES` for the score floors. */
export function compareNames(a: string, b: string): NameComparison {
  let na = normalised(a);
  const nb = normalised(b);
  if (na.generation !== nb.generation) na = normalised(a); // the caches were reset between the two
  if (na.tokens.length === 0 || nb.tokens.length === 0) return { score: 0, reasons: ['name_different'] };
  if (na.plain === nb.plain) return { score: NAME_SCORES.exact, reasons: ['name_exact'] };
  if (na.joined === nb.joined) {
    // `M. Saleh` vs `Muhammad Saleh`: equal after normalising, but one side only had the initial.
    const initial = na.expandedInitial.some((e, i) => e !== nb.expandedInitial[i]);
    return initial
      ? { score: NAME_SCORES.variant, reasons: ['name_variant', 'name_initial'] }
      : { score: 0.97, reasons: ['name_variant'] };
  }
  if (na.concat === nb.concat) return { score: NAME_SCORES.variant, reasons: ['name_variant'] }; // Nurhasanah = Nur Hasanah

  const ta = na.tokens;
  const tb = nb.tokens;
  const la = Math.min(ta.length, MAX_TOKENS);
  const lb = Math.min(tb.length, MAX_TOKENS);
  for (let i = 0; i < la; i++) {
    const idA = na.ids[i]!;
    const singleA = ta[i]!.length === 1;
    for (let j = 0; j < lb; j++) {
      simMatrix[i * MAX_TOKENS + j] =
        singleA || tb[j]!.length === 1 ? initialSimilarity(ta[i]!, tb[j]!) : cachedTokenSimilarity(idA, nb.ids[j]!);
    }
  }
  pairOfA.fill(-1, 0, la);
  pairOfB.fill(-1, 0, lb);
  // Greedy best pairing: with at most a handful of tokens it equals the optimal one in practice.
  let initialUsed = false;
  let matched = 0;
  let allPairsStrong = true;
  for (let round = Math.min(la, lb); round > 0; round--) {
    let best = -1;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < la; i++) {
      if (pairOfA[i] !== -1) continue;
      for (let j = 0; j < lb; j++) {
        if (pairOfB[j] !== -1) continue;
        const v = simMatrix[i * MAX_TOKENS + j]!;
        if (v >= MIN_TOKEN_SIMILARITY && v > best) {
          best = v;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi === -1) break;
    pairOfA[bi] = bj;
    pairOfB[bj] = bi;
    matched++;
    if (ta[bi]!.length === 1 || tb[bj]!.length === 1) initialUsed = true;
    if (best < 0.9) allPairsStrong = false;
  }

  const endsAgree =
    la > 1 &&
    lb > 1 &&
    pairOfA[0] === 0 &&
    simMatrix[0]! >= ENDS_AGREE &&
    pairOfA[la - 1] === lb - 1 &&
    simMatrix[(la - 1) * MAX_TOKENS + lb - 1]! >= ENDS_AGREE;
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < la; i++) {
    const wa = na.weights[i]!;
    const j = pairOfA[i]!;
    if (j !== -1) {
      const w = Math.max(wa, nb.weights[j]!);
      numerator += 2 * w * simMatrix[i * MAX_TOKENS + j]!;
      denominator += 2 * w;
    } else {
      denominator += wa * (endsAgree && i > 0 && i < la - 1 ? MIDDLE_NAME_FACTOR : 1);
    }
  }
  for (let j = 0; j < lb; j++) {
    if (pairOfB[j] !== -1) continue;
    denominator += nb.weights[j]! * (endsAgree && j > 0 && j < lb - 1 ? MIDDLE_NAME_FACTOR : 1);
  }
  let score = denominator > 0 ? numerator / denominator : 0;

  // Merged or split words with a spelling difference (`Nurhasanah` vs `Nur Hasana`): compare the whole.
  // Only worth the quadratic cost when it can beat the token score: same first letter (a merge keeps it)
  // and lengths close enough that 1 − DL/length − 0.05 may exceed the score.
  if (score < 0.9 && la !== lb && na.concat.charCodeAt(0) === nb.concat.charCodeAt(0)) {
    const longer = Math.max(na.concat.length, nb.concat.length);
    const bound = 1 - Math.abs(na.concat.length - nb.concat.length) / longer - 0.05;
    if (bound > score) score = Math.max(score, 1 - damerauLevenshtein(na.concat, nb.concat) / longer - 0.05);
  }
  // Only an exact or folded-equal name may reach the variant level.
  score = Math.min(score, NAME_SCORES.variant - 0.01);

  const reasons: NameReason[] = [];
  const subset = matched === Math.min(la, lb) && la !== lb && allPairsStrong;
  if (score >= NAME_SCORES.similar) reasons.push(subset ? 'name_missing_middle' : 'name_similar');
  else reasons.push('name_different');
  if (initialUsed && score >= NAME_SCORES.similar) reasons.push('name_initial');
  return { score: round3(score), reasons };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
