/**
 * Test data factories shared by API and browser tests. Every call makes a unique, synthetic record;
 * nothing depends on rows another test made.
 */
import type { WorkerCreateInput } from '../../core/workers.schema.ts';

let serial = 0;
const runSalt = Math.floor(Math.random() * 5000);

/** A valid synthetic NIK for a district, sex and birth date; the serial makes it unique in this process. */
export function makeNik(options: { districtCode?: string; sex?: 'M' | 'F'; birthDate?: string } = {}): string {
  const district = (options.districtCode ?? '52.03.01').replaceAll('.', '');
  const [y, m, d] = (options.birthDate ?? '1985-07-01').split('-');
  const day = Number(d) + (options.sex === 'F' ? 40 : 0);
  serial += 1;
  const s = String(((runSalt + serial) % 9999) + 1).padStart(4, '0');
  return `${district}${String(day).padStart(2, '0')}${m}${y!.slice(2)}${s}`;
}

export function makeWorker(overrides: Partial<WorkerCreateInput> = {}): WorkerCreateInput {
  const villageCode = overrides.villageCode ?? '52.03.01.2001';
  const sex = overrides.sex ?? 'M';
  const birthDate = overrides.birthDate ?? '1985-07-01';
  serial += 1;
  return {
    nik: overrides.nik ?? makeNik({ districtCode: villageCode.slice(0, 8), sex, birthDate }),
    name: `Pekerja Uji ${toLetters(serial)}`,
    birthDate,
    sex,
    villageCode,
    occupation: 'farm_labourer',
    hamlet: 'Dusun Lauk',
    rt: '001',
    rw: '002',
    phone: '081234567890',
    monthlyIncome: 1_500_000,
    ...overrides,
  };
}

/** 1 → "A", 27 → "AA": names may not hold digits. */
function toLetters(n: number): string {
  let out = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) out = String.fromCharCode(65 + ((x - 1) % 26)) + out;
  return out;
}
