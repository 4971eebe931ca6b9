/**
 * The field census app's storage on the phone (IndexedDB, through `idb`): the last user who logged in,
 * their census rounds, each village's downloaded register and the queue of entries. It survives a
 * reload, a restart and days without signal; entries leave only once the server has answered them.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { useEffect, useState } from 'react';
import type { CensusRegisterDto, CensusRegisterWorker, CensusRoundDetailDto, CensusSyncResult } from '../../../../core/census.ts';
import type { User } from '../../../api/types.ts';
import type { FieldEntry } from './field-entry.ts';
import { SyncEngine, type SyncStore } from './sync.ts';

/** The user last seen by `/api/me`; offline, the app works as them. */
export interface CachedProfile extends Pick<User, 'id' | 'username' | 'role' | 'regionCode' | 'regionName'> {
  slot: 'last';
  cachedAt: string;
}

/** The census rounds of a user's region as last read online, with their villages and targets. */
export interface CachedRounds {
  ownerId: string;
  items: CensusRoundDetailDto[];
  cachedAt: string;
}

interface CensusSchema extends DBSchema {
  profile: { key: string; value: CachedProfile };
  rounds: { key: string; value: CachedRounds };
  registers: { key: string; value: CensusRegisterDto };
  entries: { key: string; value: FieldEntry; indexes: { seq: number; ownerId: string } };
}

// `idb` (a thin promise wrapper, ~1 kB) rather than a full IndexedDB framework: the phone's first load
// of this app stays well under its 300 kB budget.
let opened: Promise<IDBPDatabase<CensusSchema>> | undefined;
function censusDb(): Promise<IDBPDatabase<CensusSchema>> {
  opened ??= openDB<CensusSchema>('jaring-census', 1, {
    upgrade(db) {
      db.createObjectStore('profile', { keyPath: 'slot' });
      db.createObjectStore('rounds', { keyPath: 'ownerId' });
      db.createObjectStore('registers', { keyPath: 'villageCode' });
      const entries = db.createObjectStore('entries', { keyPath: 'key' });
      entries.createIndex('seq', 'seq');
      entries.createIndex('ownerId', 'ownerId');
    },
  });
  return opened;
}

// Live queries: every write below announces itself, in this tab (an event) and in the others (a channel).
const changes = new EventTarget();
const otherTabs = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('jaring-census');
otherTabs?.addEventListener('message', () => changes.dispatchEvent(new Event('change')));
function announce(): void {
  changes.dispatchEvent(new Event('change'));
  otherTabs?.postMessage('change');
}

export async function cacheProfile(user: User, now = new Date()): Promise<CachedProfile> {
  const profile: CachedProfile = {
    slot: 'last',
    id: user.id,
    username: user.username,
    role: user.role,
    regionCode: user.regionCode,
    regionName: user.regionName,
    cachedAt: now.toISOString(),
  };
  await (await censusDb()).put('profile', profile);
  announce();
  return profile;
}

export async function readCachedProfile(): Promise<CachedProfile | undefined> {
  return (await censusDb()).get('profile', 'last');
}

/**
 * Logging out on a phone others may use: the cached user, their rounds and every downloaded register
 * (names of a village's people) leave the phone. Unsent entries stay; they go after their owner's next login.
 */
export async function forgetSignedInUser(): Promise<void> {
  const tx = (await censusDb()).transaction(['profile', 'rounds', 'registers'], 'readwrite');
  await Promise.all([tx.objectStore('profile').clear(), tx.objectStore('rounds').clear(), tx.objectStore('registers').clear(), tx.done]);
  announce();
}

export async function cacheRounds(ownerId: string, items: CensusRoundDetailDto[], now = new Date()): Promise<void> {
  await (await censusDb()).put('rounds', { ownerId, items, cachedAt: now.toISOString() });
  announce();
}

export async function readCachedRounds(ownerId: string): Promise<CachedRounds | undefined> {
  return (await censusDb()).get('rounds', ownerId);
}

export async function saveRegister(register: CensusRegisterDto): Promise<void> {
  await (await censusDb()).put('registers', register);
  announce();
}

export async function readRegister(villageCode: string): Promise<CensusRegisterDto | undefined> {
  return (await censusDb()).get('registers', villageCode);
}

/** The entries a user saved on this phone, in save order. */
export async function entriesOf(ownerId: string): Promise<FieldEntry[]> {
  const rows = await (await censusDb()).getAllFromIndex('entries', 'ownerId', ownerId);
  return rows.sort((a, b) => a.seq - b.seq);
}

/** Entries other users saved here and the server has not accepted yet (they wait for that user's login). */
export async function countUnsentOfOthers(ownerId: string): Promise<number> {
  const rows = await (await censusDb()).getAll('entries');
  return rows.filter((e) => e.ownerId !== ownerId && e.state !== 'accepted').length;
}

/** A new entry: its key is made here, once, and kept for every resend; `seq` keeps the save order. */
export async function addEntry(
  entry: Omit<FieldEntry, 'key' | 'seq' | 'state' | 'result' | 'recordedAt' | 'createdAt' | 'updatedAt'>,
  now = new Date(),
): Promise<FieldEntry> {
  const tx = (await censusDb()).transaction('entries', 'readwrite');
  const last = await tx.store.index('seq').openCursor(null, 'prev');
  const at = now.toISOString();
  const row: FieldEntry = {
    ...entry,
    key: crypto.randomUUID(),
    seq: (last?.value.seq ?? 0) + 1,
    state: 'waiting',
    result: null,
    recordedAt: at,
    createdAt: at,
    updatedAt: at,
  };
  await tx.store.add(row);
  await tx.done;
  announce();
  return row;
}

/**
 * A correction of a queued entry: same key, and back to 'waiting' so it is sent (again). Refused only
 * when the entry is in flight or already accepted.
 */
export async function changeEntry(key: string, changes: Partial<FieldEntry>, now = new Date()): Promise<boolean> {
  const tx = (await censusDb()).transaction('entries', 'readwrite');
  const row = await tx.store.get(key);
  if (!row || row.state === 'sent' || row.state === 'accepted') return false;
  await tx.store.put({ ...row, state: 'waiting', ...changes, updatedAt: now.toISOString() });
  await tx.done;
  announce();
  return true;
}

export async function deleteEntry(key: string): Promise<boolean> {
  const tx = (await censusDb()).transaction('entries', 'readwrite');
  const row = await tx.store.get(key);
  if (!row || row.state === 'sent' || row.state === 'accepted') return false;
  await tx.store.delete(key);
  await tx.done;
  announce();
  return true;
}

/** The queue as the sync engine sees it. */
export const indexedDbSyncStore: SyncStore = {
  async sendable(ownerId) {
    return (await entriesOf(ownerId)).filter((e) => e.state === 'waiting' || e.state === 'sent');
  },
  async update(updates) {
    const tx = (await censusDb()).transaction('entries', 'readwrite');
    for (const { key, changes: c } of updates) {
      const row = await tx.store.get(key);
      if (row) await tx.store.put({ ...row, ...c });
    }
    await tx.done;
    announce();
  },
};

/**
 * After an accepted change, the downloaded copy of the worker takes the new values and version, so the
 * next offline edit starts from what the server now holds.
 */
export async function applyToRegister(entry: FieldEntry, result: CensusSyncResult): Promise<void> {
  if (result.status !== 'accepted' || entry.kind !== 'update' || !entry.changes || !result.version) return;
  const tx = (await censusDb()).transaction('registers', 'readwrite');
  const register = await tx.store.get(entry.villageCode);
  if (!register) return;
  const workers = register.workers.map((w) => (w.id === entry.workerId ? { ...w, ...(entry.changes as Partial<CensusRegisterWorker>), version: result.version! } : w));
  await tx.store.put({ ...register, workers });
  await tx.done;
  announce();
}

/**
 * The value of a storage query, read again whenever this store changes (in this tab or another). `loaded`
 * tells "not there" (undefined) from "not read yet"; `error` is set when storage cannot be used at all.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[]): { data: T | undefined; loaded: boolean; error: unknown } {
  const [state, setState] = useState<{ data: T | undefined; loaded: boolean; error: unknown; deps: readonly unknown[] }>({
    data: undefined,
    loaded: false,
    error: null,
    deps,
  });
  useEffect(() => {
    let live = true;
    const read = () =>
      query().then(
        (data) => live && setState({ data, loaded: true, error: null, deps }),
        (error: unknown) => live && setState({ data: undefined, loaded: true, error, deps }),
      );
    void read();
    changes.addEventListener('change', read);
    return () => {
      live = false;
      changes.removeEventListener('change', read);
    };
  }, deps);
  // An answer for other arguments (the village changed) is not this query's answer.
  const current = state.deps.length === deps.length && state.deps.every((d, i) => Object.is(d, deps[i]));
  return current ? state : { data: undefined, loaded: false, error: null };
}

/** The one sync engine of the app: sends the IndexedDB queue and keeps the downloaded register current. */
export const fieldSync = new SyncEngine({ store: indexedDbSyncStore, onApplied: applyToRegister });
