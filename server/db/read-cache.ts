/**
 * The read cache: costly regional figures (coverage history, protection, funding, payments) computed once
 * and kept until a table they were computed from changes — exact, not "a few seconds old".
 *
 * Every statement that changes a table makes PostgreSQL send `NOTIFY jaring_changes, '<table>'` when its
 * transaction commits (migration 0009). Each app process listens and counts changes per table; a figure is
 * kept with the counts of the tables it read and is served only while they are unchanged. A notice
 * arrives only after the commit, so a figure computed before a change can never be kept under the counts
 * that follow it.
 *
 * Read your writes: a write request answers only after this process has heard every notice committed
 * before it (`sync`: a notice of its own, which PostgreSQL delivers after all earlier ones). Another app
 * process hears the same notices a moment later — the time a notice takes over the network, well under a
 * millisecond on one host.
 *
 * Only the database itself is cached, never a transaction (which might hold changes not yet committed),
 * and nothing is cached while the listening connection is down (PostgreSQL restarting): every read then
 * computes, and a reconnection forgets everything computed before it.
 */
import type { Db } from './client.ts';

export const CHANGES_CHANNEL = 'jaring_changes';
/** Sent by a restore (whose copies bypass the triggers): forget everything. */
export const EVERYTHING_CHANGED = '*';
/** Tables a cached figure can depend on; 'workers+' counts new workers only, 'workers' any other change. */
export type ChangeSource = string;

/** Defence in depth: a figure is recomputed at least this often even when no notice came. */
const MAX_AGE_MS = 10 * 60_000;
const MAX_ENTRIES = 2000;
const SYNC_TIMEOUT_MS = 5000;

/** How a cache hears notices and asks for its own (one per engine: a PostgreSQL connection, or PGlite). */
export interface NoticeTransport {
  /** Sends a notice on the channel (through the listening connection, so it follows what it has heard). */
  notify(payload: string): Promise<void>;
  close(): Promise<void>;
}

interface Entry {
  versions: string;
  value: unknown;
  at: number;
}

export class ReadCache {
  private readonly versions = new Map<string, number>();
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, { versions: string; promise: Promise<unknown> }>();
  private readonly waiting = new Map<string, () => void>();
  private generation = 0;
  private syncSerial = 0;
  private transport: NoticeTransport | null = null;
  /** Figures served from the cache / computed, since start (for the load bench and tests). */
  readonly stats = { hits: 0, computed: 0 };

  constructor(private readonly now: () => number = Date.now) {}

  /** Whether notices are heard; without them nothing is cached. */
  get listening(): boolean {
    return this.transport !== null;
  }

  attach(transport: NoticeTransport): void {
    this.transport = transport;
    this.forgetAll();
  }

  /** The listening connection is gone: cache nothing until `attach` again. */
  detach(): void {
    this.transport = null;
    this.forgetAll();
  }

  /** A notice arrived: a table changed (or everything, or one of our own sync markers). */
  heard(payload: string): void {
    const resolve = this.waiting.get(payload);
    if (resolve) {
      this.waiting.delete(payload);
      resolve();
      return;
    }
    if (payload === EVERYTHING_CHANGED) this.forgetAll();
    else this.versions.set(payload, (this.versions.get(payload) ?? 0) + 1);
  }

  forgetAll(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /**
   * Resolves once every notice committed before the call has been heard: after a write, so the next read
   * through this process sees it. Gives up after a few seconds and then forgets everything instead.
   */
  async sync(): Promise<void> {
    const transport = this.transport;
    if (!transport) return;
    const marker = `sync:${process.pid}:${++this.syncSerial}`;
    const heard = new Promise<void>((resolve) => this.waiting.set(marker, resolve));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), SYNC_TIMEOUT_MS);
    });
    try {
      await transport.notify(marker);
      if ((await Promise.race([heard, timeout])) === 'timeout') this.forgetAll();
    } catch {
      this.forgetAll();
    } finally {
      clearTimeout(timer);
      this.waiting.delete(marker);
    }
  }

  private versionsOf(sources: readonly ChangeSource[]): string {
    return `${this.generation}:${sources.map((s) => this.versions.get(s) ?? 0).join('.')}`;
  }

  /**
   * The figure under `key`, computed by `compute` from the tables in `sources` — from the cache while none
   * of them changed. Concurrent requests for the same figure share one computation. The value is shared:
   * callers must not change it.
   */
  async read<T>(key: string, sources: readonly ChangeSource[], compute: () => Promise<T>): Promise<T> {
    if (!this.transport) return compute();
    const versions = this.versionsOf(sources);
    const entry = this.entries.get(key);
    if (entry && entry.versions === versions && this.now() - entry.at < MAX_AGE_MS) {
      this.stats.hits += 1;
      return entry.value as T;
    }
    const running = this.inflight.get(key);
    if (running && running.versions === versions) return running.promise as Promise<T>;
    const promise = compute();
    this.inflight.set(key, { versions, promise });
    this.stats.computed += 1;
    try {
      const value = await promise;
      // Kept under the versions read before computing: a change heard meanwhile makes them stale at once.
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { versions, value, at: this.now() });
      return value;
    } finally {
      if (this.inflight.get(key)?.promise === promise) this.inflight.delete(key);
    }
  }

  async close(): Promise<void> {
    const transport = this.transport;
    this.detach();
    await transport?.close();
  }
}

const caches = new WeakMap<object, ReadCache>();

/** Registers the cache of a database (its root handle; transactions are other objects and are not cached). */
export function registerReadCache(db: Db, cache: ReadCache): void {
  caches.set(db, cache);
}

/** The cache of `db`, or undefined for a transaction or a database opened without one. */
export function readCacheOf(db: Db): ReadCache | undefined {
  return caches.get(db);
}

/** `compute()`, from the cache of `db` while none of `sources` changed (see ReadCache.read). */
export function cachedRead<T>(db: Db, key: string, sources: readonly ChangeSource[], compute: () => Promise<T>): Promise<T> {
  const cache = caches.get(db);
  return cache ? cache.read(key, sources, compute) : compute();
}
