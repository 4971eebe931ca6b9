import { describe, expect, it } from 'vitest';
import type { Cell } from './cells.ts';
import { CIVIL_OCCUPATIONS, civilOccupationKey, findCivilOccupation } from './civil-occupations.ts';
import { OCCUPATION_CODES } from '../occupations.ts';

const byId = (id: number) => CIVIL_OCCUPATIONS.find((o) => o.id === id)!;

describe('CIVIL_OCCUPATIONS', () => {
  it('lists the 89 occupations with ids 1..89 in official order', () => {
    expect(CIVIL_OCCUPATIONS).toHaveLength(89);
    expect(CIVIL_OCCUPATIONS.map((o) => o.id)).toEqual(Array.from({ length: 89 }, (_, i) => i + 1));
    expect(byId(1).label).toBe('Belum/Tidak Bekerja');
    expect(byId(20).label).toBe('Buruh Tani/Perkebunan');
    expect(byId(45).label).toBe('Ustadz/Mubaligh');
    expect(byId(81).label).toBe('Sopir');
    expect(byId(89).label).toBe('Lainnya');
  });

  it('has one key per occupation', () => {
    const keys = CIVIL_OCCUPATIONS.map((o) => civilOccupationKey(o.label));
    expect(new Set(keys).size).toBe(89);
  });

  it('pairs an occupation with reason informal, and only then', () => {
    for (const o of CIVIL_OCCUPATIONS) {
      expect(o.occupation === null).toBe(o.reason !== 'informal');
      if (o.occupation) expect(OCCUPATION_CODES).toContain(o.occupation);
    }
  });

  it.each([
    ['Buruh Tani/Perkebunan', 'farm_labourer'],
    ['Petani/Pekebun', 'farmer'],
    ['Nelayan/Perikanan', 'fisher'],
    ['Buruh Nelayan/Perikanan', 'fisher'],
    ['Peternak', 'livestock'],
    ['Buruh Peternakan', 'livestock'],
    ['Perdagangan', 'trader'],
    ['Pedagang', 'trader'],
    ['Konstruksi', 'construction_labourer'],
    ['Tukang Batu', 'construction_labourer'],
    ['Tukang Kayu', 'construction_labourer'],
    ['Tukang Las/Pandai Besi', 'construction_labourer'],
    ['Tukang Listrik', 'construction_labourer'],
    ['Tukang Jahit', 'craftsman'],
    ['Tukang Sol Sepatu', 'craftsman'],
    ['Penata Busana', 'craftsman'],
    ['Seniman', 'craftsman'],
    ['Tukang Cukur', 'small_business_worker'],
    ['Penata Rias', 'small_business_worker'],
    ['Penata Rambut', 'small_business_worker'],
    ['Industri', 'small_business_worker'],
    ['Wiraswasta', 'small_business_worker'],
    ['Mekanik', 'small_business_worker'],
    ['Juru Masak', 'small_business_worker'],
    ['Transportasi', 'other'],
    ['Sopir', 'other'],
    ['Buruh Harian Lepas', 'other'],
    ['Lainnya', 'other'],
    ['Pembantu Rumah Tangga', 'household_worker'],
    ['Imam Masjid', 'community_service'],
    ['Ustadz/Mubaligh', 'community_service'],
    ['Pendeta', 'community_service'],
    ['Pastor', 'community_service'],
    ['Biarawati', 'community_service'],
    ['Paraji', 'community_service'],
    ['Tabib', 'community_service'],
    ['Belum/Tidak Bekerja', 'not_working'],
    ['Mengurus Rumah Tangga', 'not_working'],
    ['Pelajar/Mahasiswa', 'not_working'],
    ['Pensiunan', 'not_working'],
    ['Pegawai Negeri Sipil (PNS)', 'wage_or_civil_servant'],
    ['Tentara Nasional Indonesia (TNI)', 'wage_or_civil_servant'],
    ['Kepolisian RI (POLRI)', 'wage_or_civil_servant'],
    ['Karyawan Swasta', 'wage_or_civil_servant'],
    ['Karyawan BUMN', 'wage_or_civil_servant'],
    ['Karyawan BUMD', 'wage_or_civil_servant'],
    ['Karyawan Honorer', 'wage_or_civil_servant'],
    ['Perangkat Desa', 'wage_or_civil_servant'],
    ['Kepala Desa', 'wage_or_civil_servant'],
    ['Anggota DPR-RI', 'public_office'],
    ['Presiden', 'public_office'],
    ['Gubernur', 'public_office'],
    ['Bupati', 'public_office'],
    ['Anggota DPRD Kabupaten/Kota', 'public_office'],
    ['Dosen', 'professional'],
    ['Guru', 'professional'],
    ['Dokter', 'professional'],
    ['Bidan', 'professional'],
    ['Psikiater/Psikolog', 'professional'],
    ['Pelaut', 'professional'],
    ['Wartawan', 'professional'],
    ['Penterjemah', 'professional'],
    ['Perancang Busana', 'professional'],
    ['Promotor Acara', 'professional'],
    ['Paranormal', 'professional'],
  ])('%s → %s', (label, expected) => {
    const entry = CIVIL_OCCUPATIONS.find((o) => o.label === label);
    expect(entry).toBeDefined();
    expect(entry!.occupation ?? entry!.reason).toBe(expected);
  });
});

describe('civilOccupationKey', () => {
  const BURUH_TANI = civilOccupationKey('Buruh Tani/Perkebunan');
  const PNS = civilOccupationKey('Pegawai Negeri Sipil (PNS)');

  it.each<[Cell, string]>([
    ['Buruh Tani/Perkebunan', BURUH_TANI],
    ['BURUH TANI/PERKEBUNAN', BURUH_TANI],
    ['BURUH TANI / PERKEBUNAN', BURUH_TANI],
    ['buruh tani  /  perkebunan', BURUH_TANI],
    ['Buruh Tani - Perkebunan', BURUH_TANI],
    ['Buruh Tani Perkebunan', BURUH_TANI],
    ['BURUH TANI', BURUH_TANI],
    [' Buruh\u00a0Tani/Perkebunan ', BURUH_TANI],
    ['20', BURUH_TANI],
    [20, BURUH_TANI],
    ['020', BURUH_TANI],
    ['Pegawai Negeri Sipil (PNS)', PNS],
    ['PEGAWAI NEGERI SIPIL', PNS],
    ['PNS', PNS],
    ['(PNS)', PNS],
    ['5', PNS],
  ])('%j → the key of its label', (cell, expected) => {
    expect(civilOccupationKey(cell)).toBe(expected);
  });

  it.each<[Cell, number]>([
    ['KEPOLISIAN RI (POLRI)', 7],
    ['Kepolisian R.I.', 7],
    ['POLRI', 7],
    ['TNI', 6],
    ['ANGGOTA DPR-RI', 48],
    ['Anggota DPR RI', 48],
    ['BELUM / TIDAK BEKERJA', 1],
    ['Tidak Bekerja', 1],
    ['Ibu Rumah Tangga', 2],
    ['PELAJAR', 3],
    ['Mahasiswa', 3],
    ['PETANI', 9],
    ['NELAYAN', 11],
    ['USTADZ', 45],
    ['SUPIR', 81],
    ['TUKANG LAS', 29],
    ['PSIKOLOG', 76],
    ['Lain-lain', 89],
    ['Wiraswasta', 88],
  ])('%j names civil occupation %i', (cell, id) => {
    expect(civilOccupationKey(cell)).toBe(civilOccupationKey(byId(id).label));
    expect(findCivilOccupation(cell)?.id).toBe(id);
  });

  it('is its own key: keys stored in the database look themselves up', () => {
    for (const o of CIVIL_OCCUPATIONS) {
      const key = civilOccupationKey(o.label);
      expect(civilOccupationKey(key)).toBe(key);
      expect(findCivilOccupation(key)).toBe(o);
    }
  });

  it.each<[Cell, string]>([
    ['', ''],
    [null, ''],
    [undefined, ''],
    ['Astronot Luar Angkasa', 'ASTRONOT LUAR ANGKASA'],
    ['90', '90'],
    [0, '0'],
  ])('%j (not in the list) → %j', (cell, expected) => {
    expect(civilOccupationKey(cell)).toBe(expected);
    expect(findCivilOccupation(cell)).toBeUndefined();
  });
});
