import { describe, expect, it } from 'vitest';
import type { WorkerDetail } from '../../api/types.ts';
import { emptyWorkerValues, errorsFromFields, readNik, toCreateInput, toPatch, validateWorker, valuesFromWorker } from './worker-form.ts';

const filled = {
  ...emptyWorkerValues('52.03.01.2001'),
  nik: '5203 0141 0785 0001',
  name: ' Siti Aminah ',
  occupation: 'farmer',
  monthlyIncome: 1_500_000 as const,
};

describe('worker form', () => {
  it('reads birth date and sex from a complete NIK only', () => {
    expect(readNik('520301410785', '2026-11-25')).toBeNull();
    const read = readNik('5203014107850001', '2026-11-25');
    expect(read?.info.sex).toBe('F');
    expect(read?.birthDate).toBe('1985-07-01');
    expect(readNik('5203010101250001', '2026-11-25')?.birthDate).toBe('2025-01-01');
  });

  it('leaves blanks out of a new worker and normalizes the NIK', () => {
    expect(toCreateInput(filled)).toEqual({
      nik: '5203014107850001',
      name: 'Siti Aminah',
      villageCode: '52.03.01.2001',
      occupation: 'farmer',
      monthlyIncome: 1_500_000,
    });
  });

  it('validates with the shared schema and names each wrong field once', () => {
    expect(validateWorker(filled).ok).toBe(true);
    const result = validateWorker({ ...filled, nik: '123', name: '', occupation: '', sex: 'M' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['name', 'nik', 'occupation']);
    expect(result.errors.nik).toMatch(/16 angka/);
  });

  it('rejects a sex that contradicts the NIK', () => {
    const result = validateWorker({ ...filled, sex: 'M' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.sex).toMatch(/perempuan/);
  });

  it('sends only changed fields on edit, clearing blanks with null', () => {
    const worker = {
      ...toCreateInput(filled),
      id: 'x',
      nikMasked: false,
      sex: 'F',
      birthDate: '1985-07-01',
      districtCode: '52.03.01',
      hamlet: 'Dusun Lauk',
      rt: '001',
      rw: null,
      phone: '081234567890',
      notes: null,
      monthlyIncome: 1_500_000,
    } as unknown as WorkerDetail;
    const initial = valuesFromWorker(worker);
    expect(toPatch(initial, initial)).toEqual({});
    expect(toPatch(initial, { ...initial, hamlet: '', monthlyIncome: 2_000_000, birthDate: '' })).toEqual({
      hamlet: null,
      monthlyIncome: 2_000_000,
    });
  });

  it('sends the number of dependants, zero included, and clears it with null', () => {
    expect(toCreateInput({ ...filled, dependants: 0 }).dependants).toBe(0);
    expect(toCreateInput(filled).dependants).toBeUndefined();
    const initial = { ...filled, dependants: 3 as const };
    expect(toPatch(initial, { ...initial, dependants: '' })).toEqual({ dependants: null });
    expect(validateWorker({ ...filled, dependants: 31 }).ok).toBe(false);
  });

  it('places server field errors on known inputs', () => {
    expect(
      errorsFromFields([
        { field: 'nik', code: 'NIK_FORMAT', message: 'a' },
        { field: 'nik', code: 'X', message: 'b' },
        { field: 'somethingElse', code: 'X', message: 'c' },
      ]),
    ).toEqual({ nik: 'a' });
  });
});
