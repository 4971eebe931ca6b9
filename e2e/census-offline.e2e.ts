/**
 * Journey: a census enumerator lists workers in a field with no signal. On a 360-px phone they log in
 * (landing on /sensus), the village register downloads and the service worker takes the app; then the
 * signal goes. They add three workers offline — one whose NIK is first typed wrong (the NIK rule's
 * message shows under the field), one new, and one already registered (flagged at once, recorded as met
 * instead of doubled) — reload the app with no signal and find all three queued. Back online the queue
 * sends itself; the register holds exactly two new workers and the round counts 3 collected, 2 added,
 * 1 duplicate, and sending again creates nothing. A second journey edits a worker offline while the
 * office changes the same field: the phone shows the conflict with both values and sends the choice.
 * Real server, fresh database, Debian's chromium; no waits on the clock, only on what the page shows.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../core/dates.ts';
import { makeNik, makeWorker } from '../server/test/factories.ts';
import { RESULTS, startHarness, type Harness } from './harness.ts';

const ENUMERATOR = { username: 'petugas.sensus', password: 'e2e-enumerator-pass-1415' };
const VILLAGE = '52.03.01.2001';
const ROUND_NAME = 'Sensus buruh tani Tanjung Luar';

let harness: Harness;
let today = '';
let roundId = '';
const registered = makeWorker({ villageCode: VILLAGE, name: 'Amaq Sahnun' });
const moved = makeWorker({ villageCode: VILLAGE, name: 'Inaq Rahmah', sex: 'F', birthDate: '1988-04-12', hamlet: 'Dusun Lauk' });
let movedId = '';
// A 32nd of the 13th month: a NIK that cannot be.
const impossibleNik = '5203013213850001';
const firstNik = makeNik({ districtCode: '52.03.01', sex: 'M', birthDate: '1990-02-14' });
const secondNik = makeNik({ districtCode: '52.03.01', sex: 'F', birthDate: '1979-11-03' });

interface Figures {
  collected: number;
  added: number;
  duplicates: number;
  accepted: number;
}

async function progress(): Promise<Figures> {
  return (await harness.adminApi<{ totals: Figures }>('GET', `/api/census/rounds/${roundId}/progress?region=${VILLAGE}`)).totals;
}

async function workerTotal(nik: string): Promise<number> {
  return (await harness.adminApi<{ total: number }>('GET', `/api/workers?q=${nik}`)).total;
}

async function entryStates(page: Page): Promise<(string | null)[]> {
  return page.getByTestId('cns-entry').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-state')));
}

async function goOffline(context: BrowserContext, page: Page): Promise<void> {
  await context.setOffline(true);
  await expect.poll(() => page.getByTestId('cns-online').getAttribute('data-online')).toBe('false');
}

async function goOnline(context: BrowserContext, page: Page): Promise<void> {
  await context.setOffline(false);
  await expect.poll(() => page.getByTestId('cns-online').getAttribute('data-online')).toBe('true');
}

/** Fills the new-worker form; the NIK fills birth date and sex on its own. */
async function fillNewWorker(page: Page, worker: { nik: string; name: string; hamlet: string }): Promise<void> {
  await page.getByTestId('cns-nik').fill(worker.nik);
  await page.getByTestId('cns-name').fill(worker.name);
  await page.getByTestId('cns-hamlet').fill(worker.hamlet);
  await page.getByTestId('cns-occupation').selectOption('farm_labourer');
}

async function saveAndReturn(page: Page): Promise<void> {
  await page.getByTestId('cns-save').click();
  await page.getByTestId('cns-add').waitFor();
}

beforeAll(async () => {
  harness = await startHarness();
  today = (await harness.adminApi<{ today: string }>('GET', '/api/meta')).today;
  await harness.adminApi('POST', '/api/users', { ...ENUMERATOR, role: 'enumerator', regionCode: VILLAGE });
  await harness.adminApi('POST', '/api/workers', registered);
  movedId = (await harness.adminApi<{ id: string }>('POST', '/api/workers', moved)).id;
  const round = await harness.adminApi<{ id: string }>('POST', '/api/census/rounds', {
    name: ROUND_NAME,
    startsOn: today,
    endsOn: addDays(today, 30),
    targetGroups: ['farm_labourer'],
    villages: [{ villageCode: VILLAGE, target: 10 }],
  });
  roundId = round.id;
});
afterAll(() => harness?.close());

describe('the field census app without signal', () => {
  it('queues three workers offline, keeps them across a reload, and sends them once when the signal returns', async () => {
    const { context, page } = await harness.newPage(360, 740);
    try {
      await harness.logIn(page, ENUMERATOR.username, ENUMERATOR.password);
      expect(new URL(page.url()).pathname).toBe('/sensus');
      expect(await page.getByTestId('cns-round-name').textContent()).toBe(ROUND_NAME);
      expect(await page.getByTestId('cns-village').textContent()).toBe('Tanjung Luar');
      await expect.poll(() => page.getByTestId('cns-register-info').getAttribute('data-count')).toBe('2');

      // The service worker has the app: from the next load on it controls the page.
      await expect
        .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state ?? null), { timeout: 60_000 })
        .toBe('activated');
      await page.reload();
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await page.getByTestId('cns-register-info').waitFor();

      await goOffline(context, page);

      // 1. A NIK typed wrong: the NIK rule's own message under the field, and nothing saved.
      await page.getByTestId('cns-add').click();
      await fillNewWorker(page, { nik: impossibleNik, name: 'Lalu Hamzan', hamlet: 'Dusun Daya' });
      const nikError = page.getByTestId('cns-new-form').getByText('bukan tanggal yang benar');
      await nikError.waitFor();
      await page.getByTestId('cns-save').click();
      expect(await page.getByTestId('cns-nik').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByTestId('cns-add').count()).toBe(0);
      await page.getByTestId('cns-nik').fill(firstNik);
      await nikError.waitFor({ state: 'detached' });
      await page.screenshot({ path: `${RESULTS}/census-offline-form-360.png`, fullPage: true });
      await saveAndReturn(page);

      // 2. A new worker.
      await page.getByTestId('cns-add').click();
      await fillNewWorker(page, { nik: secondNik, name: 'Baiq Nurhayati', hamlet: 'Dusun Lauk' });
      await saveAndReturn(page);

      // 3. Someone already registered: flagged as soon as the NIK is whole, recorded as met.
      await page.getByTestId('cns-add').click();
      await page.getByTestId('cns-nik').fill(registered.nik);
      await page.getByTestId('cns-dup-alert').waitFor();
      expect(await page.getByTestId('cns-dup-alert').textContent()).toContain('NIK sudah terdaftar');
      expect(await page.getByTestId('cns-dup-name').textContent()).toBe('Amaq Sahnun');
      // Saving it as a new worker is refused.
      await page.getByTestId('cns-name').fill('Amaq Sahnun');
      await page.getByTestId('cns-occupation').selectOption('farm_labourer');
      await page.getByTestId('cns-save').click();
      await page.getByTestId('cns-dup-blocked').waitFor();
      await page.getByTestId('cns-dup-confirm').click();
      await page.getByTestId('cns-add').waitFor();

      await expect.poll(() => entryStates(page)).toEqual(['waiting', 'waiting', 'waiting']);
      const kinds = await page.getByTestId('cns-entry').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-kind')));
      expect(kinds).toEqual(['confirm', 'new', 'new']);

      // No signal, and the app is opened again: everything is still there, waiting.
      await page.reload();
      await page.getByTestId('cns-queue').waitFor();
      await expect.poll(() => entryStates(page)).toEqual(['waiting', 'waiting', 'waiting']);
      expect(await page.getByTestId('cns-online').getAttribute('data-online')).toBe('false');
      const labels = await page.getByTestId('cns-entry-label').allTextContents();
      expect(labels).toEqual(['Amaq Sahnun', 'Baiq Nurhayati', 'Lalu Hamzan']);
      expect(await page.getByTestId('cns-entry').first().textContent()).toContain('Menunggu');
      await page.screenshot({ path: `${RESULTS}/census-offline-queue-360.png`, fullPage: true });

      // Signal back: the queue goes by itself.
      await goOnline(context, page);
      await expect.poll(() => entryStates(page), { timeout: 20_000 }).toEqual(['accepted', 'accepted', 'accepted']);
      expect(await page.getByTestId('cns-entry').first().textContent()).toContain('Diterima');

      expect(await workerTotal(firstNik)).toBe(1);
      expect(await workerTotal(secondNik)).toBe(1);
      expect(await workerTotal(registered.nik)).toBe(1);
      expect(await progress()).toMatchObject({ collected: 3, added: 2, duplicates: 1 });
      await expect.poll(() => page.getByTestId('cns-progress').getAttribute('data-collected')).toBe('3');

      // Sending again, even every key once more (as after a lost answer), creates nothing.
      await page.getByTestId('cns-send-now').click();
      await expect.poll(() => page.getByTestId('cns-sync-status').getAttribute('data-status')).toBe('done');
      await page.evaluate(
        () =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('jaring-census');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const tx = open.result.transaction('entries', 'readwrite');
              const store = tx.objectStore('entries');
              const all = store.getAll();
              all.onsuccess = () => {
                for (const row of all.result as { state: string }[]) store.put({ ...row, state: 'waiting' });
              };
              tx.oncomplete = () => {
                open.result.close();
                resolve();
              };
              tx.onerror = () => reject(tx.error);
            };
          }),
      );
      await page.reload();
      await expect.poll(() => entryStates(page), { timeout: 20_000 }).toEqual(['accepted', 'accepted', 'accepted']);
      await page.getByTestId('cns-send-now').click();
      await expect.poll(() => page.getByTestId('cns-sync-status').getAttribute('data-status')).toBe('done');
      expect(await workerTotal(firstNik)).toBe(1);
      expect(await workerTotal(secondNik)).toBe(1);
      expect(await progress()).toMatchObject({ collected: 3, added: 2, duplicates: 1 });
    } finally {
      await context.close();
    }
  });

  it('shows an offline edit that met an office change as a conflict, and sends the field chosen', async () => {
    const { context, page } = await harness.newPage(360, 740);
    try {
      await harness.logIn(page, ENUMERATOR.username, ENUMERATOR.password);
      expect(new URL(page.url()).pathname).toBe('/sensus');
      // The two registered workers and the two added above.
      await expect.poll(() => page.getByTestId('cns-register-info').getAttribute('data-count')).toBe('4');

      await goOffline(context, page);
      await page.getByTestId('cns-search-input').fill('rahmah');
      await page.getByTestId('cns-hit-edit').click();
      const hamlet = page.getByTestId('cns-edit-hamlet');
      expect(await hamlet.inputValue()).toBe('Dusun Lauk');
      await hamlet.fill('Dusun Daya');
      await page.getByTestId('cns-edit-save').click();
      await page.getByTestId('cns-add').waitFor();
      await expect.poll(() => entryStates(page)).toEqual(['waiting']);

      // Meanwhile the village office moves her to another hamlet.
      await harness.adminApi('PATCH', `/api/workers/${movedId}`, { hamlet: 'Dusun Tengak' });

      await goOnline(context, page);
      await expect.poll(() => entryStates(page), { timeout: 20_000 }).toEqual(['conflict']);
      expect(await page.getByTestId('cns-entry').textContent()).toContain('Konflik');
      await page.getByTestId('cns-entry-resolve').click();
      expect(await page.getByTestId('cns-conflict-hamlet-mine-value').textContent()).toBe('Dusun Daya');
      expect(await page.getByTestId('cns-conflict-hamlet-server-value').textContent()).toBe('Dusun Tengak');
      await page.screenshot({ path: `${RESULTS}/census-offline-conflict-360.png`, fullPage: true });
      // Nothing is overwritten before a choice is made.
      expect(await page.getByTestId('cns-conflict-save').isDisabled()).toBe(true);
      await page.getByTestId('cns-conflict-hamlet-mine').click();
      await page.getByTestId('cns-conflict-save').click();
      await page.getByTestId('cns-add').waitFor();
      await expect.poll(() => entryStates(page), { timeout: 20_000 }).toEqual(['accepted']);

      const worker = await harness.adminApi<{ hamlet: string }>('GET', `/api/workers/${movedId}`);
      expect(worker.hamlet).toBe('Dusun Daya');
    } finally {
      await context.close();
    }
  });

  it('keeps working when the session has ended, and says to log in again to send', async () => {
    const { context, page } = await harness.newPage(360, 740);
    try {
      await harness.logIn(page, ENUMERATOR.username, ENUMERATOR.password);
      await page.getByTestId('cns-register-info').waitFor();
      await context.clearCookies();
      await page.reload();
      await page.getByTestId('cns-session-expired').waitFor();
      expect(await page.getByTestId('cns-session-expired').textContent()).toContain('Sesi berakhir — masuk lagi untuk mengirim; entri tetap tersimpan');

      await page.getByTestId('cns-add').click();
      await fillNewWorker(page, { nik: makeNik({ districtCode: '52.03.01', sex: 'M', birthDate: '1995-06-30' }), name: 'Lalu Ahmad', hamlet: 'Dusun Daya' });
      await saveAndReturn(page);
      await page.getByTestId('cns-send-now').click();
      await expect.poll(() => page.getByTestId('cns-sync-status').getAttribute('data-status')).toBe('session-expired');
      await expect.poll(() => entryStates(page)).toEqual(['waiting']);

      // Logged in again, the entry goes.
      await page.getByTestId('cns-session-expired').getByRole('link').click();
      await page.waitForURL((url) => url.pathname === '/login');
      await page.getByLabel('Nama pengguna').fill(ENUMERATOR.username);
      await page.getByLabel('Kata sandi').fill(ENUMERATOR.password);
      await page.getByRole('button', { name: 'Masuk' }).click();
      await page.waitForURL((url) => url.pathname === '/sensus');
      await expect.poll(() => entryStates(page), { timeout: 20_000 }).toEqual(['accepted']);

      // Logging out takes the village's register off the phone and ends the session on the server.
      await page.getByTestId('cns-logout').click();
      await page.waitForURL((url) => url.pathname === '/login');
      const registers = await page.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const open = indexedDB.open('jaring-census');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const count = open.result.transaction('registers').objectStore('registers').count();
              count.onsuccess = () => {
                open.result.close();
                resolve(count.result);
              };
            };
          }),
      );
      expect(registers).toBe(0);
      const me = await page.evaluate(() => fetch('/api/me').then((r) => r.status));
      expect(me).toBe(401);
    } finally {
      await context.close();
    }
  });
});
