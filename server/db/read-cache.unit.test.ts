import { describe, expect, it } from 'vitest';
import { yearsBefore } from '../domains/ucj/coverage.repo.ts';
import { EVERYTHING_CHANGED, ReadCache, type NoticeTransport } from './read-cache.ts';

/** A transport that delivers its own notices back, like a LISTENing connection does after its NOTIFY. */
function loopback(cache: ReadCache, options: { deliver?: boolean } = {}): NoticeTransport & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    notify: async (payload) => {
      sent.push(payload);
      if (options.deliver !== false) queueMicrotask(() => cache.heard(payload));
    },
    close: async () => {},
  };
}

function counter() {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    compute: async () => ({ value: ++calls }),
  };
}

describe('read cache', () => {
  it('computes once while the tables it read are unchanged, again after a notice for one of them', async () => {
    const cache = new ReadCache();
    cache.attach(loopback(cache));
    const figure = counter();
    expect(await cache.read('k', ['coverage_spans', 'payments'], figure.compute)).toEqual({ value: 1 });
    expect(await cache.read('k', ['coverage_spans', 'payments'], figure.compute)).toEqual({ value: 1 });
    cache.heard('workers+'); // a table this figure did not read
    expect(await cache.read('k', ['coverage_spans', 'payments'], figure.compute)).toEqual({ value: 1 });
    cache.heard('payments');
    expect(await cache.read('k', ['coverage_spans', 'payments'], figure.compute)).toEqual({ value: 2 });
    expect(cache.stats).toEqual({ hits: 2, computed: 2 });
  });

  it('never keeps a figure under versions that a notice heard during its computation made stale', async () => {
    const cache = new ReadCache();
    cache.attach(loopback(cache));
    let calls = 0;
    const slow = async () => {
      calls += 1;
      if (calls === 1) cache.heard('coverage_spans'); // a commit lands while the first computation runs
      return calls;
    };
    expect(await cache.read('k', ['coverage_spans'], slow)).toBe(1);
    expect(await cache.read('k', ['coverage_spans'], slow)).toBe(2);
    expect(await cache.read('k', ['coverage_spans'], slow)).toBe(2);
  });

  it('shares one computation among concurrent readers, and caches no failure', async () => {
    const cache = new ReadCache();
    cache.attach(loopback(cache));
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const compute = async () => {
      calls += 1;
      await gate;
      return calls;
    };
    const both = Promise.all([cache.read('k', ['t'], compute), cache.read('k', ['t'], compute)]);
    release();
    expect(await both).toEqual([1, 1]);
    expect(calls).toBe(1);

    const failing = async (): Promise<number> => {
      throw new Error('database gone');
    };
    await expect(cache.read('f', ['t'], failing)).rejects.toThrow('database gone');
    expect(await cache.read('f', ['t'], async () => 7)).toBe(7);
  });

  it('caches nothing without a listening connection, and forgets everything on reconnection or a restore', async () => {
    const cache = new ReadCache();
    const figure = counter();
    await cache.read('k', ['t'], figure.compute);
    await cache.read('k', ['t'], figure.compute);
    expect(figure.calls).toBe(2); // never attached: no notices, no caching

    cache.attach(loopback(cache));
    await cache.read('k', ['t'], figure.compute);
    await cache.read('k', ['t'], figure.compute);
    expect(figure.calls).toBe(3);
    cache.detach(); // the connection dropped
    await cache.read('k', ['t'], figure.compute);
    expect(figure.calls).toBe(4);
    cache.attach(loopback(cache));
    await cache.read('k', ['t'], figure.compute);
    expect(figure.calls).toBe(5);
    cache.heard(EVERYTHING_CHANGED);
    await cache.read('k', ['t'], figure.compute);
    expect(figure.calls).toBe(6);
  });

  it('sync resolves once its own notice comes back, after those sent before it', async () => {
    const cache = new ReadCache();
    const transport = loopback(cache);
    cache.attach(transport);
    const figure = counter();
    await cache.read('k', ['payments'], figure.compute);
    // Another connection's commit: its notice is on the way when the write request asks to sync.
    queueMicrotask(() => cache.heard('payments'));
    await cache.sync();
    expect(transport.sent).toHaveLength(1);
    expect(transport.sent[0]).toMatch(/^sync:/);
    await cache.read('k', ['payments'], figure.compute);
    expect(figure.calls).toBe(2);
  });

  it('a figure is recomputed after ten minutes even when no notice came', async () => {
    let now = 0;
    const cache = new ReadCache(() => now);
    cache.attach(loopback(cache));
    const figure = counter();
    await cache.read('k', ['t'], figure.compute);
    now = 9 * 60_000;
    await cache.read('k', ['t'], figure.compute);
    expect(figure.calls).toBe(1);
    now = 10 * 60_000 + 1;
    await cache.read('k', ['t'], figure.compute);
    expect(figure.calls).toBe(2);
  });
});

describe('yearsBefore (age band bounds)', () => {
  it('moves the year back and turns 29 February into 28 February in a common year, as PostgreSQL does', () => {
    expect(yearsBefore('2026-12-06', 15)).toBe('2011-12-06');
    expect(yearsBefore('2028-02-29', 15)).toBe('2013-02-28');
    expect(yearsBefore('2028-02-29', 16)).toBe('2012-02-29');
    expect(yearsBefore('2100-03-01', 65)).toBe('2035-03-01');
  });
});
