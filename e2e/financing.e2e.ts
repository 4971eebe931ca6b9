/**
 * Journey: a village operator opens the village's funding plan, sees the ADD budget, asks for the priority
 * proposal for the rest of the year (the two younger workers ticked, the 70-year-old left out by the age
 * rule), saves the plan, records the payment at the prefilled amount, and finds the two funded workers
 * protected in the village list while the third is not. Saving the same workers again is refused with the
 * double-funding message naming the ADD source. On a phone, the commitments list then refuses to cancel a
 * paid commitment (reverse the payment first) and records the payment of a new one from its ticks. Runs a real server on a fresh database and Debian's chromium;
 * the year and months come from the server's own "today".
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorker } from '../server/test/factories.ts';
import { RESULTS, startHarness, type Harness } from './harness.ts';

const OPERATOR = { username: 'operator.dana', password: 'e2e-operator-pass-321' };
const VILLAGE = '52.03.01.2001';
const VILLAGE_NAME = 'Tanjung Luar';
const SOURCE_NAME = `ADD Desa ${VILLAGE_NAME}`;
const BUDGET = 1_000_000;

const FARM = 'Amaq Sahnan';
const FISHER = 'Inaq Rohani';
const TRADER = 'Papuq Umar';

let harness: Harness;
let today = '';
let year = 0;
let thisMonth = '';
let perWorker = 0;
let sourceId = '';
const ids: Record<string, string> = {};

/** Rupiah as the web app writes it (`Rp1.000.000`). */
const rupiah = (n: number) => `Rp${n.toLocaleString('id-ID')}`;
/** `2026-11` → `November 2026`, as the month pickers show it. */
const monthName = (month: string) =>
  new Intl.DateTimeFormat('id-ID', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));

/** A birth date that makes someone exactly `age` on the server's today (a month short of the next birthday). */
function bornAged(age: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  d.setUTCDate(Math.min(d.getUTCDate(), 28));
  d.setUTCFullYear(d.getUTCFullYear() - age);
  return d.toISOString().slice(0, 10);
}

function candidateRow(page: Page, name: string) {
  return page.getByTestId('candidate-row').filter({ hasText: name });
}

beforeAll(async () => {
  harness = await startHarness();
  // The server's clock (WITA) decides the fiscal year and the months; nothing here is hard-coded.
  today = (await harness.adminApi<{ today: string }>('GET', '/api/meta')).today;
  year = Number(today.slice(0, 4));
  thisMonth = today.slice(0, 7);

  await harness.adminApi('POST', '/api/users', { ...OPERATOR, role: 'village', regionCode: VILLAGE });
  const workers = [
    { key: FARM, worker: makeWorker({ name: FARM, villageCode: VILLAGE, occupation: 'farm_labourer', birthDate: bornAged(40), dependants: 2 }) },
    { key: FISHER, worker: makeWorker({ name: FISHER, villageCode: VILLAGE, occupation: 'fisher', sex: 'F', birthDate: bornAged(33), dependants: 0 }) },
    { key: TRADER, worker: makeWorker({ name: TRADER, villageCode: VILLAGE, occupation: 'trader', birthDate: bornAged(70), dependants: 1 }) },
  ];
  for (const { key, worker } of workers) ids[key] = (await harness.adminApi<{ id: string }>('POST', '/api/workers', worker)).id;

  const source = await harness.adminApi<{ id: string; name: string }>('POST', '/api/funding/sources', { kind: 'ADD', regionCode: VILLAGE });
  expect(source.name).toBe(SOURCE_NAME);
  await harness.adminApi('PUT', `/api/funding/sources/${source.id}/budgets/${year}`, { amount: BUDGET });
  sourceId = source.id;

  // What one worker costs from this month to December at the minimum income (nobody is enrolled yet).
  const months = 12 - Number(thisMonth.slice(5)) + 1;
  perWorker = (await harness.adminApi<{ total: number }>('POST', '/api/premiums/quote', { income: 0, programs: ['JKK', 'JKM'], months, startMonth: thisMonth })).total;
  expect(perWorker).toBeGreaterThan(0);
  expect(perWorker * 2).toBeLessThanOrEqual(BUDGET);
}, 180_000);

afterAll(() => harness?.close());

describe('village funding plan', () => {
  it('commits the ADD plan, records the payment, and the two funded workers turn protected', async () => {
    const { context, page } = await harness.newPage(1280, 900);
    try {
      await harness.logIn(page, OPERATOR.username, OPERATOR.password);
      await page.goto(`${harness.baseUrl}/pembiayaan/rencana`);
      await page.getByRole('heading', { name: `${VILLAGE_NAME} — tahun anggaran ${year}` }).waitFor();

      // The village's ADD with this year's budget.
      const card = page.getByTestId('plan-source-ADD');
      await card.getByText(SOURCE_NAME, { exact: true }).waitFor();
      await expect.poll(() => card.textContent()).toContain(rupiah(BUDGET));
      await expect.poll(() => page.getByTestId('count-total').textContent()).toContain('3');

      // The proposal form starts at this month and runs to December, from the ADD.
      await expect.poll(() => page.getByTestId('proposal-from').inputValue()).toBe(monthName(thisMonth));
      await expect.poll(() => page.getByTestId('proposal-to').inputValue()).toBe(monthName(`${year}-12`));
      await expect.poll(() => page.getByTestId('proposal-source').inputValue()).toBe(`${SOURCE_NAME} (ADD)`);
      expect(await page.getByLabel('Hanya usia 65 tahun ke bawah').isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Buat usulan' }).click();

      const result = page.getByTestId('proposal-result');
      await result.getByRole('heading', { name: '3 calon penerima' }).waitFor();
      // Ranked: hazardous work with dependants, hazardous work, then the one over the age limit.
      await expect.poll(() => page.getByTestId('candidate-row').allTextContents()).toEqual([
        expect.stringContaining(FARM),
        expect.stringContaining(FISHER),
        expect.stringContaining(TRADER),
      ]);
      expect(await page.getByLabel(`Pilih ${FARM}`).isChecked()).toBe(true);
      expect(await page.getByLabel(`Pilih ${FISHER}`).isChecked()).toBe(true);
      expect(await page.getByLabel(`Pilih ${TRADER}`).isChecked()).toBe(false);
      await candidateRow(page, FARM).getByText('Punya tanggungan', { exact: true }).waitFor();
      await candidateRow(page, FARM).getByText('40 tahun', { exact: true }).waitFor();
      await candidateRow(page, TRADER).getByText('70 tahun', { exact: true }).waitFor();
      await candidateRow(page, TRADER).getByText('Melewati batas usia', { exact: true }).waitFor();
      await expect.poll(() => page.getByTestId('running-total').textContent()).toContain(`2 pekerja dicentang: ${rupiah(2 * perWorker)}`);
      await page.screenshot({ path: path.join(RESULTS, 'plan-proposal-1280.png'), fullPage: true });

      await page.getByRole('button', { name: 'Simpan rencana' }).click();
      const saved = page.getByTestId('plan-saved');
      await saved.getByText('Rencana tersimpan', { exact: true }).waitFor();
      await expect.poll(() => saved.textContent()).toContain(`2 pekerja dibiayai dengan total ${rupiah(2 * perWorker)}; 2 pekerja baru didaftarkan JKK dan JKM.`);

      // The payment form comes prefilled with the quoted cost and today's date.
      const form = page.getByTestId('payment-form');
      await form.getByRole('heading', { name: 'Catat pembayaran' }).waitFor();
      await expect.poll(() => page.getByTestId('payment-amount').inputValue()).toBe(rupiah(2 * perWorker));
      expect(await page.getByTestId('payment-paid-on').inputValue()).toBe(today);
      await page.getByTestId('payment-reference').fill('SP2D-E2E-001');
      await form.getByRole('button', { name: 'Catat pembayaran' }).click();
      const recorded = page.getByTestId('payment-recorded');
      await recorded.getByText('Pembayaran tercatat', { exact: true }).waitFor();
      await expect.poll(() => recorded.textContent()).toContain(`${rupiah(2 * perWorker)} untuk 2 pekerja, ${monthName(thisMonth)} – ${monthName(`${year}-12`)}`);
      await page.screenshot({ path: path.join(RESULTS, 'plan-paid-1280.png'), fullPage: true });

      // Saving the same workers again: shown as funded by the ADD, and refused when the rules let them through.
      await page.getByRole('button', { name: 'Buat usulan' }).click();
      await result.getByRole('heading', { name: '3 calon penerima' }).waitFor();
      await candidateRow(page, FARM).getByText('Sudah dibiayai', { exact: true }).waitFor();
      await candidateRow(page, FARM).getByText(`dibiayai ${SOURCE_NAME}`, { exact: true }).waitFor();
      expect(await page.getByLabel(`Pilih ${FARM}`).isChecked()).toBe(false);
      expect(await page.getByLabel(`Pilih ${FARM}`).isDisabled()).toBe(true);
      await expect.poll(() => page.getByTestId('commit-plan').isDisabled()).toBe(true);

      await page.getByLabel('Kecualikan yang sudah dibiayai sumber lain').uncheck();
      await page.getByLabel('Kecualikan yang sudah terlindungi sepanjang periode').uncheck();
      await page.getByRole('button', { name: 'Buat usulan' }).click();
      await result.getByRole('heading', { name: '3 calon penerima' }).waitFor();
      await expect.poll(() => page.getByLabel(`Pilih ${FARM}`).isChecked()).toBe(true);
      expect(await page.getByLabel(`Pilih ${FISHER}`).isChecked()).toBe(true);
      expect(await page.getByLabel(`Pilih ${TRADER}`).isChecked()).toBe(false);

      const [refusal] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/funding/commitments') && r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Simpan rencana' }).click(),
      ]);
      expect(refusal.status()).toBe(409);
      expect(((await refusal.json()) as { error: { code: string } }).error.code).toBe('DOUBLE_FUNDING');
      const alert = page.getByTestId('api-error');
      await alert.getByText('Rencana tidak dapat disimpan', { exact: true }).waitFor();
      await expect.poll(() => alert.textContent()).toContain(`${FARM} sudah dibiayai ${SOURCE_NAME} untuk ${thisMonth === `${year}-12` ? monthName(thisMonth) : `${monthName(thisMonth)} s.d. ${monthName(`${year}-12`)}`}; satu bulan tidak boleh dibayar dua sumber.`);
      await alert.getByRole('listitem').filter({ hasText: `${FISHER} · ${SOURCE_NAME}` }).waitFor();
      await expect.poll(() => page.getByTestId('plan-saved').count()).toBe(0);
      await page.screenshot({ path: path.join(RESULTS, 'plan-double-funding-1280.png'), fullPage: true });

      // The village list: the two funded workers are protected, the 70-year-old is not enrolled.
      await page.goto(`${harness.baseUrl}/regions/${VILLAGE}`);
      await page.getByRole('heading', { name: VILLAGE_NAME }).waitFor();
      const row = (name: string) => page.getByRole('row').filter({ hasText: name });
      await row(FARM).getByText('Terlindungi', { exact: true }).waitFor();
      await row(FISHER).getByText('Terlindungi', { exact: true }).waitFor();
      await row(TRADER).getByText('Belum terdaftar', { exact: true }).waitFor();
      expect(await row(TRADER).getByText('Terlindungi', { exact: true }).count()).toBe(0);
      await row(FARM).getByText(`dibayar s.d. ${monthName(`${year}-12`)}`, { exact: true }).waitFor();
      await page.screenshot({ path: path.join(RESULTS, 'village-list-funded-1280.png'), fullPage: true });

      // The worker's page: JKK and JKM active, paid to December by the ADD.
      await page.goto(`${harness.baseUrl}/workers/${ids[FARM]}`);
      await page.getByRole('heading', { name: FARM }).waitFor();
      await page.getByText('Terlindungi', { exact: true }).first().waitFor();
      for (const program of ['JKK', 'JKM']) {
        const enrolment = page.getByTestId(`enrolment-${program}`);
        await enrolment.getByText('Aktif', { exact: true }).waitFor();
        await expect.poll(() => enrolment.textContent()).toContain(monthName(`${year}-12`));
        await expect.poll(() => enrolment.textContent()).toContain('Alokasi Dana Desa (ADD)');
      }

      await page.goto(`${harness.baseUrl}/workers/${ids[TRADER]}`);
      await page.getByRole('heading', { name: TRADER }).waitFor();
      await page.getByText('Belum terdaftar JKK dan JKM.').waitFor();
      await page.getByText('Belum terdaftar di program mana pun.').waitFor();
    } finally {
      await context.close();
    }
  }, 120_000);

  it('lists the commitments on a phone, refuses to cancel a paid one, and pays a ticked one', async () => {
    // The third worker is budgeted too (by the regency office), not paid yet.
    await harness.adminApi('POST', '/api/funding/commitments', { sourceId, workerIds: [ids[TRADER]], fromMonth: thisMonth, toMonth: `${year}-12` });
    const { context, page } = await harness.newPage(360, 800);
    try {
      await harness.logIn(page, OPERATOR.username, OPERATOR.password);
      await page.goto(`${harness.baseUrl}/pembiayaan/komitmen`);
      await page.getByRole('heading', { name: 'Komitmen pembiayaan' }).waitFor();
      const row = (name: string) => page.getByTestId('commitment-row').filter({ hasText: name });
      await row(FARM).getByText('Lunas', { exact: true }).waitFor();
      await row(FISHER).getByText('Lunas', { exact: true }).waitFor();
      await row(TRADER).getByText('Belum dibayar', { exact: true }).waitFor();
      await row(TRADER).getByText(`${monthName(thisMonth)} – ${monthName(`${year}-12`)}`, { exact: true }).waitFor();
      await expect.poll(() => page.getByTestId('commitments-summary').textContent()).toContain(`3 komitmen · ${rupiah(3 * perWorker)}`);

      // A paid commitment cannot be cancelled: the payment is reversed first.
      await row(FARM).getByTestId('cancel-commitment').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('cancel-commitment-reason').fill('Salah pilih pekerja');
      const [refusal] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/cancel') && r.request().method() === 'POST'),
        dialog.getByTestId('cancel-commitment-confirm').click(),
      ]);
      expect(refusal.status()).toBe(409);
      expect(((await refusal.json()) as { error: { code: string } }).error.code).toBe('COMMITMENT_PAID');
      const alert = dialog.getByTestId('api-error');
      await alert.getByText('Komitmen tidak dapat dibatalkan', { exact: true }).waitFor();
      await expect.poll(() => alert.textContent()).toContain('Balikkan (batalkan) pembayarannya terlebih dahulu');
      await page.screenshot({ path: path.join(RESULTS, 'commitment-cancel-refused-360.png'), fullPage: true });
      await dialog.getByRole('button', { name: 'Batal', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      await row(FARM).getByText('Lunas', { exact: true }).waitFor();

      // Only the unpaid one can be ticked; its payment is prefilled with the quoted cost.
      expect(await page.getByLabel(`Pilih ${FARM}`).count()).toBe(0);
      await page.getByLabel(`Pilih ${TRADER}`).check();
      await page.getByTestId('pay-selected').click();
      await expect.poll(() => page.getByTestId('payment-amount').inputValue()).toBe(rupiah(perWorker));
      await page.getByTestId('payment-reference').fill('SP2D-E2E-002');
      await page.getByTestId('payment-form').getByRole('button', { name: 'Catat pembayaran' }).click();
      const recorded = page.getByTestId('payment-recorded');
      await recorded.getByText('Pembayaran tercatat', { exact: true }).waitFor();
      await expect.poll(() => recorded.textContent()).toContain(`${rupiah(perWorker)} untuk 1 pekerja`);
      await row(TRADER).getByText('Lunas', { exact: true }).waitFor();
      await page.screenshot({ path: path.join(RESULTS, 'commitments-paid-360.png'), fullPage: true });
    } finally {
      await context.close();
    }
  }, 120_000);
});
