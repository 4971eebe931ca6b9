/**
 * The fixed list of informal-worker occupations Jaring registers. Codes are stable (stored and sent over
 * the API); labels are what people read. `hazardous` marks work with a high accident risk, which the
 * financing rules put first.
 */
export const OCCUPATIONS = [
  { code: 'farm_labourer', id: 'Buruh tani', en: 'Farm labourer', hazardous: true },
  { code: 'farmer', id: 'Petani', en: 'Farmer', hazardous: true },
  { code: 'fisher', id: 'Nelayan', en: 'Fisher', hazardous: true },
  { code: 'livestock', id: 'Peternak', en: 'Livestock keeper', hazardous: false },
  { code: 'trader', id: 'Pedagang', en: 'Trader', hazardous: false },
  { code: 'street_vendor', id: 'Pedagang kaki lima', en: 'Street vendor', hazardous: false },
  { code: 'motorcycle_taxi', id: 'Ojek', en: 'Motorcycle taxi driver', hazardous: true },
  { code: 'construction_labourer', id: 'Buruh bangunan', en: 'Construction labourer', hazardous: true },
  { code: 'craftsman', id: 'Pengrajin', en: 'Craftsman', hazardous: false },
  { code: 'small_business_worker', id: 'Pekerja UMKM', en: 'Small-business worker', hazardous: false },
  { code: 'household_worker', id: 'Pekerja rumah tangga', en: 'Household worker', hazardous: false },
  {
    code: 'community_service',
    id: 'Pekerja sosial kemasyarakatan',
    en: 'Community service worker',
    hazardous: false,
  },
  // Paritrana counts these separately: non-civil-servant government workers and ad hoc election workers.
  { code: 'government_non_asn', id: 'Pegawai pemerintah non-ASN', en: 'Non-civil-servant government worker', hazardous: false },
  { code: 'election_worker', id: 'Petugas pemilu ad hoc', en: 'Ad hoc election worker', hazardous: false },
  { code: 'other', id: 'Lainnya', en: 'Other', hazardous: false },
] as const;

export type OccupationCode = (typeof OCCUPATIONS)[number]['code'];

export const OCCUPATION_CODES = OCCUPATIONS.map((o) => o.code) as [OccupationCode, ...OccupationCode[]];

export function occupationLabel(code: string, lang: 'id' | 'en' = 'id'): string {
  return OCCUPATIONS.find((o) => o.code === code)?.[lang] ?? code;
}
