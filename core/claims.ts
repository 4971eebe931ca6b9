/**
 * Rules of a benefit claim (shared/domain.md, "Benefits"): the legal order of heirs, the documents each
 * claim needs, and the payment deadline with its late interest. Pure; the claims workflow uses them.
 */

// ---- Heirs ---------------------------------------------------------------------------------------

/** Relations of an heir to the participant, in the order of PP 44/2015 art. 37(5) (rank 1 first). */
export const HEIR_RELATIONS = [
  { code: 'spouse', label: 'Suami/istri (janda/duda)', rank: 1 },
  { code: 'child', label: 'Anak', rank: 1 },
  { code: 'parent', label: 'Orang tua', rank: 2 },
  { code: 'grandchild', label: 'Cucu', rank: 2 },
  { code: 'grandparent', label: 'Kakek/nenek', rank: 2 },
  { code: 'sibling', label: 'Saudara kandung', rank: 3 },
  { code: 'parent_in_law', label: 'Mertua', rank: 4 },
  { code: 'will', label: 'Pihak yang ditunjuk dalam wasiat', rank: 5 },
] as const;
export type HeirRelation = (typeof HEIR_RELATIONS)[number]['code'];

export function heirRank(relation: HeirRelation): number {
  return HEIR_RELATIONS.find((r) => r.code === relation)!.rank;
}

/** The heirs entitled to the benefit: those of the first rank anyone holds (the others wait behind them). */
export function entitledHeirs<H extends { relation: HeirRelation }>(heirs: readonly H[]): H[] {
  if (heirs.length === 0) return [];
  const first = Math.min(...heirs.map((h) => heirRank(h.relation)));
  return heirs.filter((h) => heirRank(h.relation) === first);
}

// ---- Documents -----------------------------------------------------------------------------------

export const CLAIM_TYPES = ['jkm_death', 'jkk_death', 'jkk_injury', 'scholarship'] as const;
export type ClaimType = (typeof CLAIM_TYPES)[number];

export interface ClaimDocument {
  code: string;
  label: string;
}

const JKM_DOCUMENTS: ClaimDocument[] = [
  { code: 'kpj_card', label: 'Kartu peserta (KPJ)' },
  { code: 'ktp_participant', label: 'KTP peserta' },
  { code: 'ktp_heir', label: 'KTP ahli waris' },
  { code: 'death_certificate', label: 'Akta/surat keterangan kematian' },
  { code: 'family_card', label: 'Kartu keluarga (KK)' },
  { code: 'heir_statement', label: 'Surat keterangan ahli waris' },
  { code: 'heir_savings_book', label: 'Buku tabungan ahli waris' },
];
const MARRIAGE_BOOK: ClaimDocument = { code: 'marriage_book', label: 'Buku nikah (ahli waris suami/istri)' };
const POLICE_REPORT: ClaimDocument = { code: 'police_report', label: 'Laporan polisi (kecelakaan lalu lintas)' };
const ACCIDENT_REPORT: ClaimDocument = { code: 'accident_report', label: 'Laporan kecelakaan kerja (formulir tahap I dan II)' };
const INJURY_DOCUMENTS: ClaimDocument[] = [
  { code: 'kpj_card', label: 'Kartu peserta (KPJ)' },
  { code: 'ktp_participant', label: 'KTP peserta' },
  ACCIDENT_REPORT,
  { code: 'medical_statement', label: 'Surat keterangan dokter' },
  { code: 'savings_book', label: 'Buku tabungan peserta' },
];
const SCHOLARSHIP_DOCUMENTS: ClaimDocument[] = [
  { code: 'claim_form', label: 'Formulir klaim beasiswa' },
  { code: 'birth_certificate', label: 'Akta kelahiran anak' },
  { code: 'family_card', label: 'Kartu keluarga (KK)' },
  { code: 'school_letter', label: 'Surat keterangan masih sekolah/kuliah' },
  { code: 'report_card', label: 'Rapor atau kartu hasil studi terakhir' },
  { code: 'savings_book', label: 'Buku tabungan anak atau wali' },
  { code: 'ktp_guardian', label: 'KTP wali' },
];

/** The documents a claim needs; a spouse heir adds the marriage book, a traffic accident the police report. */
export function requiredDocuments(type: ClaimType, options: { heirIsSpouse?: boolean; trafficAccident?: boolean } = {}): ClaimDocument[] {
  const list =
    type === 'scholarship' ? [...SCHOLARSHIP_DOCUMENTS] : type === 'jkk_injury' ? [...INJURY_DOCUMENTS] : type === 'jkk_death' ? [...JKM_DOCUMENTS, ACCIDENT_REPORT] : [...JKM_DOCUMENTS];
  if (options.heirIsSpouse && (type === 'jkm_death' || type === 'jkk_death')) list.push(MARRIAGE_BOOK);
  if (options.trafficAccident && type !== 'scholarship') list.push(POLICE_REPORT);
  return list;
}

/** What is still missing before the claim can be submitted to BPJS (empty: complete). */
export function missingDocuments(required: readonly ClaimDocument[], receivedCodes: Iterable<string>): ClaimDocument[] {
  const received = new Set(receivedCodes);
  return required.filter((d) => !received.has(d.code));
}

// ---- Payment deadline ----------------------------------------------------------------------------

/** Working days BPJS has to pay a complete JKK claim; each day later adds 1% (PP 44/2015 art. 37). */
export const JKK_PAYMENT_WORKING_DAYS = 7;
export const JKK_LATE_PERCENT_PER_DAY = 1;

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function isWorkingDay(day: string, holidays: ReadonlySet<string>): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(day);
}

/** The day `n` working days after `day` (weekends and the given public holidays skipped). */
export function addWorkingDays(day: string, n: number, holidays: Iterable<string> = []): string {
  const skip = new Set(holidays);
  let current = day;
  for (let added = 0; added < n; ) {
    current = nextDay(current);
    if (isWorkingDay(current, skip)) added += 1;
  }
  return current;
}

/**
 * Lateness of a complete JKK claim on `asOf` (the payment day, or today while unpaid): the due date, the
 * calendar days late and the interest accrued at 1% of the benefit per day late (whole Rupiah, rounded down).
 */
export function jkkLateness(completeOn: string, asOf: string, benefit: number, holidays: Iterable<string> = []): { dueOn: string; daysLate: number; interest: number } {
  const dueOn = addWorkingDays(completeOn, JKK_PAYMENT_WORKING_DAYS, holidays);
  const daysLate = Math.max(0, Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${dueOn}T00:00:00Z`)) / 86_400_000));
  return { dueOn, daysLate, interest: Math.floor((benefit * JKK_LATE_PERCENT_PER_DAY * daysLate) / 100) };
}
