import { describe, expect, it } from 'vitest';
import { emptyWorkerValues } from '../../workers/worker-form.ts';
import { occupationOptions, validateNewWorker, valuesFromFields } from './new-worker.ts';

const VILLAGE = '52.03.01.2001';

describe('validateNewWorker', () => {
  it('puts the NIK rule’s own message under the NIK', () => {
    const check = validateNewWorker({ ...emptyWorkerValues(), nik: '5203013213850001', name: 'Lalu Hamzan', occupation: 'farm_labourer' }, VILLAGE);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.errors.nik).toContain('bukan tanggal yang benar');
  });

  it('fixes the village to the round’s and names each missing field', () => {
    const check = validateNewWorker({ ...emptyWorkerValues('52.03.02.2002'), nik: '5203011402900001' }, VILLAGE);
    expect(check.ok).toBe(false);
    expect(!check.ok && Object.keys(check.errors).sort()).toEqual(['name', 'occupation']);
  });

  it('gives the create body the server checks again, and back into the form to correct it', () => {
    const values = { ...emptyWorkerValues(), nik: '5203 0114 0290 0001', name: 'Lalu Hamzan', occupation: 'farm_labourer', hamlet: 'Dusun Daya', monthlyIncome: 900_000 as const };
    const check = validateNewWorker(values, VILLAGE);
    expect(check).toMatchObject({ ok: true, input: { nik: '5203011402900001', villageCode: VILLAGE, monthlyIncome: 900_000 } });
    const again = valuesFromFields(check.ok ? { ...check.input } : null, VILLAGE);
    expect(again).toMatchObject({ nik: '5203011402900001', name: 'Lalu Hamzan', hamlet: 'Dusun Daya', monthlyIncome: 900_000, dependants: '', villageCode: VILLAGE });
  });
});

describe('occupationOptions', () => {
  it('lists the round’s target groups first', () => {
    const options = occupationOptions(['fisher', 'farm_labourer'], 'id', { targets: 'Sasaran', others: 'Lain' });
    expect(options[0]).toEqual({ group: 'Sasaran', items: [{ value: 'farm_labourer', label: 'Buruh tani' }, { value: 'fisher', label: 'Nelayan' }] });
    expect((options[1] as { items: unknown[] }).items).toHaveLength(13);
  });
});
