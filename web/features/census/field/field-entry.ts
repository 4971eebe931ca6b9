/**
 * The phone's census entries and the pure rules around them: what is sent, what an offline edit of a
 * register worker changes, how a conflict is settled, and the search over the register and the queue.
 * No storage and no DOM here, so every rule is unit-tested under Node.
 */
import {
  CENSUS_EDITABLE_FIELDS,
  censusChangesSchema,
  sameFieldValue,
  type CensusEditableField,
  type CensusEntryInput,
  type CensusRegisterDto,
  type CensusRegisterWorker,
  type CensusSyncResult,
} from '../../../../core/census.ts';
import { normalizeNik } from '../../../../core/nik.ts';

export const ENTRY_STATES = ['waiting', 'sent', 'accepted', 'rejected', 'duplicate', 'conflict'] as const;
export type EntryState = (typeof ENTRY_STATES)[number];
export type EntryKind = 'new' | 'update' | 'confirm';

/** One census entry as the phone keeps it until (and after) the server has answered. */
export interface FieldEntry {
  /** Idempotency key: made when first saved, kept across every edit and resend. */
  key: string;
  /** The user who recorded it; only their session sends it. */
  ownerId: string;
  roundId: string;
  villageCode: string;
  kind: EntryKind;
  /** new: the worker as the form checked it (the API's create body). */
  fields: Record<string, unknown> | null;
  /** update and confirm: the register worker. */
  workerId: string | null;
  /** update: the register version the change was made on, the downloaded values, and the new ones. */
  baseVersion: string | null;
  base: Record<string, unknown> | null;
  changes: Record<string, unknown> | null;
  /** What the queue shows: the worker's name. */
  label: string;
  /** When the entry was first saved, on the phone's clock (ISO 8601). */
  recordedAt: string;
  createdAt: string;
  updatedAt: string;
  /** Save order; entries are sent in this order. */
  seq: number;
  state: EntryState;
  /** The server's last answer for this key. */
  result: CensusSyncResult | null;
  /** A conflict settled on the phone by keeping every server value: there was nothing left to send. */
  resolvedLocally?: boolean;
}

/** The entry as `POST /api/census/sync` takes it. */
export function toEntryInput(entry: FieldEntry): CensusEntryInput {
  const envelope = { key: entry.key, roundId: entry.roundId, recordedAt: entry.recordedAt };
  switch (entry.kind) {
    case 'new':
      return { ...envelope, kind: 'new', fields: entry.fields ?? {} };
    case 'update':
      return { ...envelope, kind: 'update', workerId: entry.workerId ?? '', baseVersion: entry.baseVersion ?? '', base: entry.base ?? {}, changes: entry.changes ?? {} };
    case 'confirm':
      return { ...envelope, kind: 'confirm', workerId: entry.workerId ?? '' };
  }
}

/** What an answer from the server makes of an entry. */
export function entryChangesFor(entry: FieldEntry, result: CensusSyncResult, now: string): Partial<FieldEntry> {
  if (result.status === 'accepted') {
    return { state: 'accepted', result, workerId: result.workerId ?? entry.workerId, updatedAt: now };
  }
  return { state: result.status, result, updatedAt: now };
}

/** Sent or accepted entries are out of the phone's hands; every other one may still be corrected. */
export function isEditable(entry: FieldEntry): boolean {
  return entry.state !== 'accepted' && entry.state !== 'sent';
}

/** Entries the server refused (invalid, duplicate, conflict): they wait for the enumerator. */
export function needsAttention(entry: FieldEntry): boolean {
  return entry.state === 'rejected' || entry.state === 'duplicate' || entry.state === 'conflict';
}

export interface QueueCounts {
  total: number;
  waiting: number;
  accepted: number;
  problems: number;
  byState: Record<EntryState, number>;
}

export function countEntries(entries: readonly FieldEntry[]): QueueCounts {
  const byState = Object.fromEntries(ENTRY_STATES.map((s) => [s, 0])) as Record<EntryState, number>;
  for (const e of entries) byState[e.state] += 1;
  return {
    total: entries.length,
    waiting: byState.waiting + byState.sent,
    accepted: byState.accepted,
    problems: byState.rejected + byState.duplicate + byState.conflict,
    byState,
  };
}

// ---------------------------------------------------------------- offline edits of register workers

export type EditValues = Record<CensusEditableField, string>;

export function editValuesOf(worker: Pick<CensusRegisterWorker, CensusEditableField>, changes: Record<string, unknown> | null = null): EditValues {
  const pick = (f: CensusEditableField) => {
    const value = changes && f in changes ? changes[f] : worker[f];
    return typeof value === 'string' ? value : '';
  };
  return { name: pick('name'), hamlet: pick('hamlet'), rt: pick('rt'), rw: pick('rw'), occupation: pick('occupation') };
}

export type EditCheck =
  | { ok: true; base: Record<string, unknown>; changes: Record<string, unknown> }
  | { ok: false; errors: Partial<Record<CensusEditableField, string>> }
  | { ok: false; unchanged: true };

/**
 * The fields the form changed against the downloaded worker: `base` holds their downloaded values (the
 * server compares them with its own to find conflicts), `changes` the new ones, checked with the
 * register's rules. Blank optional fields become null (cleared).
 */
export function checkWorkerEdit(worker: Pick<CensusRegisterWorker, CensusEditableField>, values: EditValues): EditCheck {
  const base: Record<string, unknown> = {};
  const changes: Record<string, unknown> = {};
  for (const field of CENSUS_EDITABLE_FIELDS) {
    const raw = values[field].trim();
    const value = raw === '' && field !== 'name' && field !== 'occupation' ? null : raw;
    if (sameFieldValue(value, worker[field])) continue;
    base[field] = worker[field];
    changes[field] = value;
  }
  if (Object.keys(changes).length === 0) return { ok: false, unchanged: true };
  const parsed = censusChangesSchema.safeParse(changes);
  if (!parsed.success) {
    const errors: Partial<Record<CensusEditableField, string>> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '') as CensusEditableField;
      if (CENSUS_EDITABLE_FIELDS.includes(field) && !errors[field]) errors[field] = issue.message;
    }
    return { ok: false, errors };
  }
  return { ok: true, base, changes: parsed.data };
}

// ---------------------------------------------------------------- conflicts

export type ConflictChoice = 'mine' | 'server';

/**
 * Settles a conflict field by field. The entry is rebased on the server's version: a field where the
 * phone's value was kept gets the server's value as its base (so it no longer conflicts); a field where
 * the server's value was kept leaves the change. Changes that did not conflict stay as they were. When
 * nothing is left to change, the entry is settled on the phone and never sent again.
 */
export function resolveConflict(entry: FieldEntry, choices: Partial<Record<CensusEditableField, ConflictChoice>>, now: string): Partial<FieldEntry> {
  const conflict = entry.result?.conflict;
  if (entry.state !== 'conflict' || !conflict) throw new Error('resolveConflict() on an entry without a conflict');
  const base = { ...(entry.base ?? {}) };
  const changes = { ...(entry.changes ?? {}) };
  for (const { field, server } of conflict.fields) {
    if ((choices[field] ?? 'mine') === 'server') {
      delete base[field];
      delete changes[field];
    } else {
      base[field] = server ?? null;
    }
  }
  if (Object.keys(changes).length === 0) {
    return { state: 'accepted', resolvedLocally: true, base, changes, baseVersion: conflict.serverVersion, updatedAt: now };
  }
  return { state: 'waiting', baseVersion: conflict.serverVersion, base, changes, updatedAt: now };
}

// ---------------------------------------------------------------- search and duplicates

export type SearchHit = { source: 'register'; worker: CensusRegisterWorker } | { source: 'queue'; entry: FieldEntry };

/** The typed NIK when the search is one (16 digits after removing spaces and dots), else null. */
export function nikQuery(query: string): string | null {
  const nik = normalizeNik(query.trim());
  return /^\d{16}$/.test(nik) ? nik : null;
}

/** The NIK a queued entry names: a new worker's own, nothing for changes and confirmations. */
export function entryNik(entry: FieldEntry): string | null {
  const nik = entry.kind === 'new' ? entry.fields?.nik : undefined;
  return typeof nik === 'string' ? normalizeNik(nik) : null;
}

/**
 * Register workers and queued entries matching a name (case-insensitive, anywhere in it) or a whole NIK
 * (`digest` is the typed NIK hashed with the register's salt; queued new workers compare the NIK itself).
 */
export function searchField(
  register: Pick<CensusRegisterDto, 'workers'> | null,
  entries: readonly FieldEntry[],
  query: string,
  digest: string | null,
): SearchHit[] {
  const nik = nikQuery(query);
  const hits: SearchHit[] = [];
  if (nik) {
    for (const worker of register?.workers ?? []) if (digest && worker.nikDigest === digest) hits.push({ source: 'register', worker });
    for (const entry of entries) if (entryNik(entry) === nik) hits.push({ source: 'queue', entry });
    return hits;
  }
  const needle = query.trim().toLocaleLowerCase('id');
  if (needle.length < 2) return hits;
  for (const entry of entries) if (entry.label.toLocaleLowerCase('id').includes(needle)) hits.push({ source: 'queue', entry });
  for (const worker of register?.workers ?? []) if (worker.name.toLocaleLowerCase('id').includes(needle)) hits.push({ source: 'register', worker });
  return hits;
}

/** A queued new worker with this NIK, other than the entry being edited. */
export function findQueuedNik(entries: readonly FieldEntry[], nik: string, exceptKey: string | null): FieldEntry | undefined {
  return entries.find((e) => e.key !== exceptKey && entryNik(e) === nik);
}

/** The register is refreshed on its own when it is older than a day (and there is signal). */
export function isRegisterStale(downloadedAt: string | undefined, now: Date): boolean {
  if (!downloadedAt) return true;
  const at = new Date(downloadedAt).getTime();
  return Number.isNaN(at) || now.getTime() - at > 24 * 60 * 60 * 1000;
}
