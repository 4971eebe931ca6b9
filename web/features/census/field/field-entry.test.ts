import { describe, expect, it } from 'vitest';
import { nikDigest, type CensusRegisterWorker } from '../../../../core/census.ts';
import {
  checkWorkerEdit,
  countEntries,
  editValuesOf,
  findQueuedNik,
  isEditable,
  isRegisterStale,
  resolveConflict,
  searchField,
  type FieldEntry,
} from './field-entry.ts';

const NOW = '2026-03-02T08:00:00.000Z';

function worker(overrides: Partial<CensusRegisterWorker> = {}): CensusRegisterWorker {
  return {
    id: '00000000-0000-4000-8000-0000000000bb',
    version: '2026-03-01T00:00:00.000Z',
    nikDigest: 'x',
    nikMasked: '520301******0001',
    name: 'Amaq Sahnun',
    sex: 'M',
    birthDate: '1985-07-01',
    hamlet: 'Dusun Lauk',
    rt: '001',
    rw: '002',
    occupation: 'farm_labourer',
    coverage: 'not_enrolled',
    deceased: false,
    ...overrides,
  };
}

function entry(overrides: Partial<FieldEntry> = {}): FieldEntry {
  return {
    key: 'k1',
    ownerId: 'u1',
    roundId: 'r1',
    villageCode: '52.03.01.2001',
    kind: 'new',
    fields: { nik: '5203010107850001', name: 'Inaq Rahmah' },
    workerId: null,
    baseVersion: null,
    base: null,
    changes: null,
    label: 'Inaq Rahmah',
    recordedAt: NOW,
    createdAt: NOW,
    updatedAt: NOW,
    seq: 1,
    state: 'waiting',
    result: null,
    ...overrides,
  };
}

describe('checkWorkerEdit', () => {
  it('sends only the changed fields, with their downloaded values as the base', () => {
    const w = worker();
    const check = checkWorkerEdit(w, { ...editValuesOf(w), hamlet: ' Dusun Daya ', rt: '' });
    expect(check).toEqual({ ok: true, base: { hamlet: 'Dusun Lauk', rt: '001' }, changes: { hamlet: 'Dusun Daya', rt: null } });
  });

  it('says when nothing changed (blank and null are the same)', () => {
    const w = worker({ hamlet: null });
    expect(checkWorkerEdit(w, { ...editValuesOf(w), hamlet: '  ' })).toEqual({ ok: false, unchanged: true });
  });

  it('checks the changes with the register’s rules', () => {
    const w = worker();
    const check = checkWorkerEdit(w, { ...editValuesOf(w), name: 'A', rw: '12a' });
    expect(check.ok).toBe(false);
    expect(check).toMatchObject({ errors: { name: expect.stringContaining('minimal 2 huruf'), rw: expect.stringContaining('RW') } });
  });

  it('starts an edit of a queued change from the queued values', () => {
    expect(editValuesOf(worker(), { hamlet: 'Dusun Daya' }).hamlet).toBe('Dusun Daya');
  });
});

describe('resolveConflict', () => {
  const conflicted = entry({
    kind: 'update',
    fields: null,
    workerId: 'w1',
    baseVersion: 'v1',
    base: { name: 'Amaq Sahnun', hamlet: 'Dusun Lauk', rt: '001' },
    changes: { name: 'Amaq Sahnun Rais', hamlet: 'Dusun Daya', rt: '003' },
    state: 'conflict',
    result: {
      key: 'k1',
      status: 'conflict',
      replayed: false,
      outcome: null,
      workerId: 'w1',
      version: null,
      error: { code: 'CENSUS_CONFLICT', message: 'Diubah di server.' },
      existing: null,
      conflict: {
        serverVersion: 'v2',
        fields: [
          { field: 'name', base: 'Amaq Sahnun', mine: 'Amaq Sahnun Rais', server: 'Amaq Sahnun R.' },
          { field: 'hamlet', base: 'Dusun Lauk', mine: 'Dusun Daya', server: 'Dusun Tengak' },
        ],
      },
    },
  });

  it('rebases on the server version: kept phone values get the server value as base, server choices drop out', () => {
    expect(resolveConflict(conflicted, { hamlet: 'mine', name: 'server' }, NOW)).toEqual({
      state: 'waiting',
      baseVersion: 'v2',
      base: { hamlet: 'Dusun Tengak', rt: '001' },
      changes: { hamlet: 'Dusun Daya', rt: '003' },
      updatedAt: NOW,
    });
  });

  it('settles the entry on the phone when every remaining change was given up', () => {
    const onlyConflicts = { ...conflicted, base: { name: 'Amaq Sahnun', hamlet: 'Dusun Lauk' }, changes: { name: 'Amaq Sahnun Rais', hamlet: 'Dusun Daya' } };
    expect(resolveConflict(onlyConflicts, { hamlet: 'server', name: 'server' }, NOW)).toMatchObject({ state: 'accepted', resolvedLocally: true, changes: {} });
  });

  it('refuses an entry without a conflict', () => {
    expect(() => resolveConflict(entry(), {}, NOW)).toThrow();
  });
});

describe('searchField', () => {
  const salt = 'garam';
  it('finds a whole NIK by its salted digest in the register, and as typed in the queue', async () => {
    const nik = '5203010107850001';
    const register = { workers: [worker({ nikDigest: await nikDigest(salt, nik) }), worker({ id: 'other', nikDigest: await nikDigest(salt, '5203010107850002') })] };
    const queued = entry({ fields: { nik, name: 'Inaq' } });
    const hits = searchField(register, [queued], '5203 0101 0785 0001', await nikDigest(salt, nik));
    expect(hits.map((h) => (h.source === 'register' ? h.worker.id : h.entry.key))).toEqual([register.workers[0]!.id, 'k1']);
  });

  it('finds names by a case-insensitive part, queue first', () => {
    const hits = searchField({ workers: [worker(), worker({ id: 'w2', name: 'Baiq Nur' })] }, [entry({ label: 'Amaq Rahim' })], 'amaq', null);
    expect(hits.map((h) => h.source)).toEqual(['queue', 'register']);
  });

  it('needs two letters before listing names', () => {
    expect(searchField({ workers: [worker()] }, [], 'a', null)).toEqual([]);
  });
});

describe('queue rules', () => {
  it('finds a queued NIK other than the entry being edited', () => {
    const queued = entry({ key: 'a', fields: { nik: '5203010107850001' } });
    expect(findQueuedNik([queued], '5203010107850001', null)).toBe(queued);
    expect(findQueuedNik([queued], '5203010107850001', 'a')).toBeUndefined();
  });

  it('lets every entry not sent or accepted be corrected', () => {
    expect(['waiting', 'rejected', 'duplicate', 'conflict'].every((state) => isEditable(entry({ state: state as FieldEntry['state'] })))).toBe(true);
    expect(isEditable(entry({ state: 'sent' }))).toBe(false);
    expect(isEditable(entry({ state: 'accepted' }))).toBe(false);
  });

  it('counts waiting, accepted and refused entries', () => {
    const counts = countEntries([entry({ state: 'waiting' }), entry({ state: 'sent' }), entry({ state: 'accepted' }), entry({ state: 'duplicate' }), entry({ state: 'conflict' })]);
    expect(counts).toMatchObject({ total: 5, waiting: 2, accepted: 1, problems: 2 });
  });

  it('refreshes a register older than a day', () => {
    const now = new Date('2026-03-02T08:00:00Z');
    expect(isRegisterStale(undefined, now)).toBe(true);
    expect(isRegisterStale('2026-03-01T09:00:00Z', now)).toBe(false);
    expect(isRegisterStale('2026-03-01T07:59:00Z', now)).toBe(true);
  });
});
