/**
 * Sends the phone's queued census entries to `POST /api/census/sync`, in save order, 50 at a time.
 * Entries are marked 'sent' before each request and put back to 'waiting' when it fails (no signal,
 * timeout, server error): their idempotency key makes the retry safe — the server answers an accepted
 * key again with the same result and creates nothing. A 401 stops the run; the entries wait for the
 * next login. Written against a small storage interface so the rules run under Node with a fake fetch.
 */
import { censusSyncResponseSchema, type CensusSyncResult } from '../../../../core/census.ts';
import { entryChangesFor, toEntryInput, type FieldEntry } from './field-entry.ts';

export const SYNC_BATCH_SIZE = 50;
export const SYNC_TIMEOUT_MS = 30_000;
export const SYNC_URL = '/api/census/sync';

/** Where entries live: IndexedDB on the phone, a Map in tests. */
export interface SyncStore {
  /** The owner's entries to send, in `seq` order: waiting ones, and any left 'sent' by a run that never ended. */
  sendable(ownerId: string): Promise<FieldEntry[]>;
  /** Applies changes to entries by key. */
  update(changes: { key: string; changes: Partial<FieldEntry> }[]): Promise<void>;
}

export type SyncOutcome =
  | { status: 'done'; sent: number; accepted: number; refused: number }
  /** No signal or a timeout: the entries of the failed batch wait again. */
  | { status: 'offline'; sent: number }
  | { status: 'session-expired'; sent: number }
  /** The server refused the request as a whole (an error status other than 401); the entries wait again. */
  | { status: 'failed'; sent: number; message: string };

export interface SyncState {
  running: boolean;
  last: (SyncOutcome & { at: string }) | null;
}

export interface SyncEngineOptions {
  store: SyncStore;
  fetch?: typeof fetch;
  batchSize?: number;
  timeoutMs?: number;
  now?: () => Date;
  /** Called once per applied answer, after the entry is stored (e.g. to refresh the cached register). */
  onApplied?: (entry: FieldEntry, result: CensusSyncResult) => Promise<void> | void;
  /** Serialises runs across tabs; defaults to the Web Locks API where the browser has it. */
  lock?: <T>(run: () => Promise<T>) => Promise<T>;
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** One sync at a time: a trigger while a run is going makes it run once more at its end. */
export class SyncEngine {
  private state: SyncState = { running: false, last: null };
  private readonly listeners = new Set<() => void>();
  private current: Promise<SyncOutcome> | null = null;
  private again = false;

  constructor(private readonly options: SyncEngineOptions) {}

  getState = (): SyncState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Sends the owner's queue; resolves when the queue is empty, the signal is gone, or the session ended. */
  run(ownerId: string): Promise<SyncOutcome> {
    if (this.current) {
      this.again = true;
      return this.current;
    }
    this.setState({ running: true });
    const lock = this.options.lock ?? defaultLock;
    this.current = (async () => {
      let outcome: SyncOutcome;
      do {
        this.again = false;
        outcome = await lock(() => this.sendAll(ownerId));
      } while (this.again && outcome.status === 'done');
      return outcome;
    })().finally(() => {
      this.current = null;
    });
    void this.current.then(
      (outcome) => this.setState({ running: false, last: { ...outcome, at: this.now().toISOString() } }),
      (error: unknown) =>
        this.setState({ running: false, last: { status: 'failed', sent: 0, message: error instanceof Error ? error.message : String(error), at: this.now().toISOString() } }),
    );
    return this.current;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private setState(patch: Partial<SyncState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  private async sendAll(ownerId: string): Promise<SyncOutcome> {
    const { store } = this.options;
    const batchSize = this.options.batchSize ?? SYNC_BATCH_SIZE;
    const tried = new Set<string>();
    let sent = 0;
    let accepted = 0;
    let refused = 0;
    for (;;) {
      // Read again before each batch: the enumerator may have saved or corrected entries meanwhile.
      const batch = (await store.sendable(ownerId)).filter((e) => !tried.has(e.key)).slice(0, batchSize);
      if (batch.length === 0) return { status: 'done', sent, accepted, refused };
      for (const e of batch) tried.add(e.key);
      const keys = batch.map((e) => e.key);
      await store.update(keys.map((key) => ({ key, changes: { state: 'sent' } })));

      let results: CensusSyncResult[];
      try {
        results = await this.post(batch);
      } catch (error) {
        await store.update(keys.map((key) => ({ key, changes: { state: 'waiting' } })));
        if (error instanceof HttpFailure) {
          return error.status === 401 ? { status: 'session-expired', sent } : { status: 'failed', sent, message: error.message };
        }
        return { status: 'offline', sent };
      }

      const byKey = new Map(results.map((r) => [r.key, r]));
      const now = this.now().toISOString();
      const updates: { key: string; changes: Partial<FieldEntry> }[] = [];
      const applied: [FieldEntry, CensusSyncResult][] = [];
      for (const entry of batch) {
        const result = byKey.get(entry.key);
        // An entry the answer leaves out is simply sent again next time.
        if (!result) {
          updates.push({ key: entry.key, changes: { state: 'waiting' } });
          continue;
        }
        updates.push({ key: entry.key, changes: entryChangesFor(entry, result, now) });
        applied.push([entry, result]);
        sent += 1;
        if (result.status === 'accepted') accepted += 1;
        else refused += 1;
      }
      await store.update(updates);
      for (const [entry, result] of applied) await this.options.onApplied?.(entry, result);
    }
  }

  private async post(batch: FieldEntry[]): Promise<CensusSyncResult[]> {
    const fetchImpl = this.options.fetch ?? globalThis.fetch.bind(globalThis);
    const response = await fetchImpl(SYNC_URL, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ entries: batch.map(toEntryInput) }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? SYNC_TIMEOUT_MS),
    });
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      // A body cut off mid-way (or a captive portal's page) is no answer: the batch is sent again.
      if (response.ok) throw error;
    }
    if (!response.ok) {
      const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
      throw new HttpFailure(response.status, typeof message === 'string' ? message : `HTTP ${response.status}`);
    }
    const parsed = censusSyncResponseSchema.safeParse(body);
    if (!parsed.success) throw new HttpFailure(response.status, 'Jawaban server tidak dapat dibaca.');
    return parsed.data.results;
  }
}

function defaultLock<T>(run: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  // Another tab of the app waits for this one instead of sending the same entries at the same time.
  return locks ? (locks.request('jaring-census-sync', run) as Promise<T>) : run();
}
