import { describe, expect, it } from 'vitest';
import type { CensusSyncResult } from '../../../../core/census.ts';
import type { FieldEntry } from './field-entry.ts';
import { SyncEngine, type SyncStore } from './sync.ts';

const OWNER = '00000000-0000-4000-8000-000000000001';
const ROUND = '00000000-0000-4000-8000-0000000000aa';
const WORKER = '00000000-0000-4000-8000-0000000000bb';

let serial = 0;
function entry(overrides: Partial<FieldEntry> = {}): FieldEntry {
  serial += 1;
  return {
    key: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    ownerId: OWNER,
    roundId: ROUND,
    villageCode: '52.03.01.2001',
    kind: 'new',
    fields: { nik: '5203010107850001', name: `Pekerja ${serial}` },
    workerId: null,
    baseVersion: null,
    base: null,
    changes: null,
    label: `Pekerja ${serial}`,
    recordedAt: '2026-03-01T08:00:00.000Z',
    createdAt: '2026-03-01T08:00:00.000Z',
    updatedAt: '2026-03-01T08:00:00.000Z',
    seq: serial,
    state: 'waiting',
    result: null,
    ...overrides,
  };
}

/** The queue in a Map, as IndexedDB would keep it. */
class MemoryStore implements SyncStore {
  readonly rows = new Map<string, FieldEntry>();
  constructor(entries: FieldEntry[]) {
    for (const e of entries) this.rows.set(e.key, structuredClone(e));
  }
  async sendable(ownerId: string) {
    return [...this.rows.values()].filter((e) => e.ownerId === ownerId && (e.state === 'waiting' || e.state === 'sent')).sort((a, b) => a.seq - b.seq);
  }
  async update(changes: { key: string; changes: Partial<FieldEntry> }[]) {
    for (const { key, changes: c } of changes) {
      const row = this.rows.get(key);
      if (row) this.rows.set(key, { ...row, ...c });
    }
  }
  stateOf(key: string) {
    return this.rows.get(key)?.state;
  }
}

function result(key: string, overrides: Partial<CensusSyncResult> = {}): CensusSyncResult {
  return { key, status: 'accepted', replayed: false, outcome: 'created', workerId: WORKER, version: 'v2', error: null, existing: null, conflict: null, ...overrides };
}

interface Call {
  keys: string[];
  statesDuring: (string | undefined)[];
}

/** A server that accepts everything unless `answer` says otherwise; records each request. */
function fakeServer(store: MemoryStore, answer?: (keys: string[], call: number) => Response | Error | CensusSyncResult[]) {
  const calls: Call[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    expect(url).toBe('/api/census/sync');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    const body = JSON.parse(String(init.body)) as { entries: { key: string }[] };
    const keys = body.entries.map((e) => e.key);
    calls.push({ keys, statesDuring: keys.map((k) => store.stateOf(k)) });
    const a = answer?.(keys, calls.length) ?? keys.map((k) => result(k));
    if (a instanceof Error) throw a;
    if (a instanceof Response) return a;
    return new Response(JSON.stringify({ results: a }), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  return { calls, fetchImpl };
}

describe('SyncEngine', () => {
  it('sends the owner’s waiting entries in save order, in batches, marked sent while in flight', async () => {
    const entries = Array.from({ length: 120 }, () => entry());
    const other = entry({ ownerId: 'someone-else' });
    const done = entry({ state: 'accepted' });
    // Saved out of order: seq decides.
    const store = new MemoryStore([...entries].reverse().concat(other, done));
    const { calls, fetchImpl } = fakeServer(store);
    const engine = new SyncEngine({ store, fetch: fetchImpl });

    const outcome = await engine.run(OWNER);

    expect(outcome).toEqual({ status: 'done', sent: 120, accepted: 120, refused: 0 });
    expect(calls.map((c) => c.keys.length)).toEqual([50, 50, 20]);
    expect(calls.flatMap((c) => c.keys)).toEqual(entries.map((e) => e.key));
    expect(calls.every((c) => c.statesDuring.every((s) => s === 'sent'))).toBe(true);
    expect(entries.every((e) => store.stateOf(e.key) === 'accepted')).toBe(true);
    expect(store.rows.get(entries[0]!.key)?.workerId).toBe(WORKER);
    expect(store.rows.get(entries[0]!.key)?.result?.version).toBe('v2');
    expect(store.stateOf(other.key)).toBe('waiting');
    expect(engine.getState()).toMatchObject({ running: false, last: { status: 'done', sent: 120 } });
  });

  it('puts a batch back to waiting when the network fails, and resends it with the same keys later', async () => {
    const entries = [entry(), entry(), entry()];
    const store = new MemoryStore(entries);
    let offline = true;
    const { calls, fetchImpl } = fakeServer(store, () => (offline ? new TypeError('Failed to fetch') : undefined!));
    const engine = new SyncEngine({ store, fetch: fetchImpl });

    expect(await engine.run(OWNER)).toEqual({ status: 'offline', sent: 0 });
    expect(entries.map((e) => store.stateOf(e.key))).toEqual(['waiting', 'waiting', 'waiting']);

    offline = false;
    expect(await engine.run(OWNER)).toMatchObject({ status: 'done', accepted: 3 });
    expect(calls[1]!.keys).toEqual(calls[0]!.keys);
  });

  it('treats a timeout like a lost signal', async () => {
    const store = new MemoryStore([entry()]);
    const { fetchImpl } = fakeServer(store, () => new DOMException('The operation timed out.', 'TimeoutError'));
    expect(await new SyncEngine({ store, fetch: fetchImpl }).run(OWNER)).toEqual({ status: 'offline', sent: 0 });
    expect([...store.rows.values()][0]!.state).toBe('waiting');
  });

  it('keeps the results of earlier batches when a later one fails', async () => {
    const entries = Array.from({ length: 3 }, () => entry());
    const store = new MemoryStore(entries);
    const { fetchImpl } = fakeServer(store, (keys, call) => (call === 2 ? new TypeError('Failed to fetch') : keys.map((k) => result(k))));
    const outcome = await new SyncEngine({ store, fetch: fetchImpl, batchSize: 2 }).run(OWNER);
    expect(outcome).toEqual({ status: 'offline', sent: 2 });
    expect(entries.map((e) => store.stateOf(e.key))).toEqual(['accepted', 'accepted', 'waiting']);
  });

  it('stops on 401: the entries wait for the next login', async () => {
    const entries = [entry(), entry()];
    const store = new MemoryStore(entries);
    const { calls, fetchImpl } = fakeServer(
      store,
      () => new Response(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'Sesi berakhir.' } }), { status: 401 }),
    );
    const outcome = await new SyncEngine({ store, fetch: fetchImpl, batchSize: 1 }).run(OWNER);
    expect(outcome).toEqual({ status: 'session-expired', sent: 0 });
    expect(calls).toHaveLength(1);
    expect(entries.map((e) => store.stateOf(e.key))).toEqual(['waiting', 'waiting']);
  });

  it('reports a refused request with the server’s message and keeps the entries', async () => {
    const store = new MemoryStore([entry()]);
    const { fetchImpl } = fakeServer(
      store,
      () => new Response(JSON.stringify({ error: { code: 'FORBIDDEN', message: 'Bukan desa Anda.' } }), { status: 403 }),
    );
    expect(await new SyncEngine({ store, fetch: fetchImpl }).run(OWNER)).toEqual({ status: 'failed', sent: 0, message: 'Bukan desa Anda.' });
    expect([...store.rows.values()][0]!.state).toBe('waiting');
  });

  it('treats a 200 that is not the API’s answer (a captive portal page) as no signal', async () => {
    const store = new MemoryStore([entry()]);
    const { fetchImpl } = fakeServer(store, () => new Response('<html>Login Wi-Fi</html>', { status: 200 }));
    expect(await new SyncEngine({ store, fetch: fetchImpl }).run(OWNER)).toEqual({ status: 'offline', sent: 0 });
  });

  it('stores each refusal with its reason; an entry the answer leaves out waits again', async () => {
    const [ok, bad, dup, clash, missing] = [entry(), entry(), entry(), entry(), entry()];
    const store = new MemoryStore([ok!, bad!, dup!, clash!, missing!]);
    const conflict = { serverVersion: 'v9', fields: [{ field: 'hamlet' as const, base: 'Lauk', mine: 'Daya', server: 'Tengak' }] };
    const { fetchImpl } = fakeServer(store, () => [
      result(ok!.key),
      result(bad!.key, { status: 'rejected', outcome: null, workerId: null, error: { code: 'NIK_INVALID_DATE', message: 'Tanggal di NIK salah.', field: 'nik' } }),
      result(dup!.key, { status: 'duplicate', outcome: null, error: { code: 'NIK_TAKEN', message: 'NIK sudah terdaftar.' } }),
      result(clash!.key, { status: 'conflict', outcome: null, conflict }),
    ]);
    const applied: string[] = [];
    const outcome = await new SyncEngine({ store, fetch: fetchImpl, onApplied: (e, r) => void applied.push(`${e.key}:${r.status}`) }).run(OWNER);

    expect(outcome).toEqual({ status: 'done', sent: 4, accepted: 1, refused: 3 });
    expect(store.rows.get(bad!.key)).toMatchObject({ state: 'rejected', result: { error: { message: 'Tanggal di NIK salah.' } } });
    expect(store.stateOf(dup!.key)).toBe('duplicate');
    expect(store.rows.get(clash!.key)).toMatchObject({ state: 'conflict', result: { conflict } });
    expect(store.stateOf(missing!.key)).toBe('waiting');
    expect(applied).toHaveLength(4);
  });

  it('resends an entry left "sent" by a run that never finished (the app was closed mid-request)', async () => {
    const stale = entry({ state: 'sent' });
    const store = new MemoryStore([stale]);
    const { calls, fetchImpl } = fakeServer(store, (keys) => keys.map((k) => result(k, { replayed: true })));
    await new SyncEngine({ store, fetch: fetchImpl }).run(OWNER);
    expect(calls[0]!.keys).toEqual([stale.key]);
    expect(store.stateOf(stale.key)).toBe('accepted');
  });

  it('runs one sync at a time; a trigger during a run makes it go once more at the end', async () => {
    const first = entry();
    const store = new MemoryStore([first]);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const calls: string[][] = [];
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      const keys = (JSON.parse(String(init.body)) as { entries: { key: string }[] }).entries.map((e) => e.key);
      calls.push(keys);
      if (calls.length === 1) await gate;
      return new Response(JSON.stringify({ results: keys.map((k) => result(k)) }), { status: 200 });
    }) as unknown as typeof fetch;
    const engine = new SyncEngine({ store, fetch: fetchImpl });

    const a = engine.run(OWNER);
    expect(engine.getState().running).toBe(true);
    // Saved while the first request is in flight.
    const second = entry();
    store.rows.set(second.key, second);
    const b = engine.run(OWNER);
    expect(b).toBe(a);
    release();
    await a;
    expect(calls).toEqual([[first.key], [second.key]]);
    expect(store.stateOf(second.key)).toBe('accepted');
    expect(engine.getState().running).toBe(false);
  });

  it('sends each kind in the API’s shape', async () => {
    const update = entry({ kind: 'update', fields: null, workerId: WORKER, baseVersion: 'v1', base: { hamlet: 'Lauk' }, changes: { hamlet: 'Daya' } });
    const confirm = entry({ kind: 'confirm', fields: null, workerId: WORKER });
    const store = new MemoryStore([update, confirm]);
    let body: unknown;
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      body = JSON.parse(String(init.body));
      return new Response(JSON.stringify({ results: [result(update.key), result(confirm.key)] }), { status: 200 });
    }) as unknown as typeof fetch;
    await new SyncEngine({ store, fetch: fetchImpl }).run(OWNER);
    expect(body).toEqual({
      entries: [
        { key: update.key, roundId: ROUND, recordedAt: update.recordedAt, kind: 'update', workerId: WORKER, baseVersion: 'v1', base: { hamlet: 'Lauk' }, changes: { hamlet: 'Daya' } },
        { key: confirm.key, roundId: ROUND, recordedAt: confirm.recordedAt, kind: 'confirm', workerId: WORKER },
      ],
    });
  });
});
