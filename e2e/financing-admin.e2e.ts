/**
 * Journey: the manpower office (admin, logged in through the form) over the financing pages. On /tarif it
 * reads the rates in force (JKK 1% with the Rp1.000.000 floor, JKM Rp6.800, the regulation), prices a
 * year below the minimum income (raised, Rp16.800 a month, Rp201.600), records a new JKM rate from next
 * January and sees a December–January quote change month by month. On /pembiayaan it adds the APBD source,
 * sets its budget, and is refused a Dana Desa budget for this year. A worker paid by the APBD until two
 * months ago shows on the grace worklist with the renewal cost and in its CSV; reversing the payment on
 * /pembiayaan/pembayaran records a negative reversal and the worker's page no longer counts the months.
 * Runs a real server on a fresh database and Debian's chromium; every month comes from the server's "today".
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../core/months.ts';
import { makeWorker } from '../server/test/factories.ts';
import { ADMIN_PASSWORD, RESULTS, startHarness, type Harness } from './harness.ts';

const VILLAGE = '52.03.01.2001';
const VILLAGE_NAME = 'Tanjung Luar';
const DD_NAME = `DD Desa ${VILLAGE_NAME}`;
const WORKER = 'Baiq Nurhasanah';
const BUDGET = 250_000_000;
const NEW_JKM = 7_000;
const NEW_REGULATION = 'PP contoh (uji)';
const REVERSAL_REASON = 'Salah input (uji)';
const SEED_REGULATION = 'PP 44/2015 jo. PP 82/2019 (peserta bukan penerima upah)';

let harness: Harness;
let today = '';
let year = 0;
let thisMonth = '';
let workerId = '';

/** Rupiah as the web app writes it (`Rp1.000.000`, `-Rp50.400`). */
const rupiah = (n: number) => `${n < 0 ? '-' : ''}Rp${Math.abs(n).toLocaleString('id-ID')}`;
/** `2026-11` → `November 2026`, as the month pickers show it. */
const monthName = (month: string) =>
  new Intl.DateTimeFormat('id-ID', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));

async function quoteTotal(startMonth: string, months: number): Promise<number> {
  return (await harness.adminApi<{ total: number }>('POST', '/api/premiums/quote', { income: 0, programs: ['JKK', 'JKM'], months, startMonth })).total;
}

/** Opens a Mantine select by its label and picks an option by its exact text. */
async function choose(page: Page, scope: ReturnType<Page['locator']> | Page, label: string, option: string) {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

beforeAll(async () => {
  harness = await startHarness();
  today = (await harness.adminApi<{ today: string }>('GET', '/api/meta')).today;
  year = Number(today.slice(0, 4));
  thisMonth = today.slice(0, 7);
  workerId = (await harness.adminApi<{ id: string }>('POST', '/api/workers', makeWorker({ name: WORKER, villageCode: VILLAGE, sex: 'F', birthDate: '1988-03-14' }))).id;
  // A Dana Desa source for the village (its budget is tried through the page).
  const dd = await harness.adminApi<{ name: string }>('POST', '/api/funding/sources', { kind: 'DD', regionCode: VILLAGE });
  expect(dd.name).toBe(DD_NAME);
}, 180_000);

afterAll(() => harness?.close());

describe('manpower office over the financing pages', () => {
  it('reads the rates, quotes below the minimum income, and adds a JKM rate that changes the next January', async () => {
    const { context, page } = await harness.newPage(1280, 900);
    try {
      await harness.logIn(page, 'admin', ADMIN_PASSWORD);
      await page.goto(`${harness.baseUrl}/tarif`);
      await page.getByRole('heading', { name: 'Tarif iuran', level: 1 }).waitFor();

      const rates = page.getByTestId('rates-table');
      const jkk = rates.getByRole('row').filter({ hasText: 'Jaminan Kecelakaan Kerja' });
      await jkk.getByText('1% dari penghasilan', { exact: true }).waitFor();
      await jkk.getByText('Rp1.000.000', { exact: true }).waitFor();
      await jkk.getByText(SEED_REGULATION, { exact: true }).waitFor();
      await jkk.getByText('Masih berlaku', { exact: true }).waitFor();
      const jkm = rates.getByRole('row').filter({ hasText: 'Jaminan Kematian' });
      expect(await jkm.count()).toBe(1);
      await jkm.getByText('Rp6.800 tetap per bulan', { exact: true }).waitFor();
      await jkm.getByText(SEED_REGULATION, { exact: true }).waitFor();
      await page.getByTestId('grace-table').getByText('2 bulan', { exact: true }).waitFor();

      // A year at Rp800.000: raised to the minimum, JKK Rp10.000 + JKM Rp6.800 a month.
      const form = page.getByTestId('quote-form');
      await page.getByTestId('quote-income').fill('800000');
      await expect.poll(() => page.getByTestId('quote-months').inputValue()).toBe('12');
      await expect.poll(() => form.getByRole('combobox', { name: 'Mulai bulan', exact: true }).inputValue()).toBe(monthName(thisMonth));
      await page.getByTestId('quote-submit').click();
      const result = page.getByTestId('quote-result');
      const notice = page.getByTestId('quote-notice');
      await notice.getByText('Penghasilan dinaikkan ke batas minimum', { exact: true }).waitFor();
      await expect.poll(() => notice.textContent()).toContain('Penghasilan Rp800.000 dinaikkan ke batas terendah Rp1.000.000 untuk menghitung iuran.');
      const footer = result.locator('tfoot').first();
      await expect.poll(() => footer.textContent()).toContain(rupiah(16_800));
      await expect.poll(() => page.getByTestId('quote-total').textContent()).toBe(rupiah(201_600));
      await result.getByRole('row').filter({ hasText: 'JKK' }).first().getByText(rupiah(10_000), { exact: true }).waitFor();
      await result.getByRole('row').filter({ hasText: 'JKM' }).first().getByText(rupiah(6_800), { exact: true }).waitFor();
      await result.getByText('Dasar perhitungan: penghasilan Rp1.000.000 per bulan.', { exact: true }).waitFor();
      await page.screenshot({ path: path.join(RESULTS, 'admin-rates-quote-1280.png'), fullPage: true });

      // A new JKM rate from January next year.
      const nextJanuary = `${year + 1}-01`;
      await page.getByTestId('add-rate').click();
      const dialog = page.getByRole('dialog', { name: 'Tambah tarif' });
      await dialog.waitFor();
      await choose(page, dialog, 'Program', 'JKM – Jaminan Kematian');
      await dialog.getByText('Iuran tetap (Rp)', { exact: true }).click();
      expect(await dialog.getByRole('radio', { name: 'Iuran tetap (Rp)' }).isChecked()).toBe(true);
      await dialog.getByRole('textbox', { name: 'Iuran per bulan' }).fill(String(NEW_JKM));
      await choose(page, dialog, 'Berlaku mulai', monthName(nextJanuary));
      await dialog.getByRole('textbox', { name: 'Dasar hukum' }).fill(NEW_REGULATION);
      const [saved] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/premiums/rates') && r.request().method() === 'POST'),
        dialog.getByRole('button', { name: 'Simpan' }).click(),
      ]);
      expect(saved.status()).toBe(201);
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText('Tarif tersimpan.', { exact: true }).waitFor();

      // The table: the new row in force, the old one now ends in December.
      await expect.poll(() => jkm.count()).toBe(2);
      const newRow = jkm.filter({ hasText: NEW_REGULATION });
      await newRow.getByText(`${rupiah(NEW_JKM)} tetap per bulan`, { exact: true }).waitFor();
      await newRow.getByText(monthName(nextJanuary), { exact: true }).waitFor();
      await newRow.getByText('Masih berlaku', { exact: true }).waitFor();
      const oldRow = jkm.filter({ hasText: SEED_REGULATION });
      await oldRow.getByText(monthName(`${year}-12`), { exact: true }).waitFor();

      // December this year for 2 months: Rp16.800 then Rp17.000.
      await choose(page, form, 'Mulai bulan', monthName(`${year}-12`));
      await page.getByTestId('quote-months').fill('2');
      await page.getByTestId('quote-submit').click();
      await expect.poll(() => page.getByTestId('quote-total').textContent()).toBe(rupiah(33_800));
      await result.getByText('tarif berubah dalam periode ini', { exact: true }).waitFor();
      await result.getByText('Rincian per bulan (2 bulan)', { exact: true }).click();
      const december = result.getByRole('row').filter({ hasText: monthName(`${year}-12`) }).last();
      const january = result.getByRole('row').filter({ hasText: monthName(nextJanuary) }).last();
      await expect.poll(() => december.locator('td').allTextContents()).toEqual([monthName(`${year}-12`), rupiah(10_000), rupiah(6_800), rupiah(16_800)]);
      await expect.poll(() => january.locator('td').allTextContents()).toEqual([monthName(nextJanuary), rupiah(10_000), rupiah(NEW_JKM), rupiah(17_000)]);
      await page.screenshot({ path: path.join(RESULTS, 'admin-rates-new-jkm-1280.png'), fullPage: true });
    } finally {
      await context.close();
    }
  }, 120_000);

  it('adds the APBD source with its budget and is refused a Dana Desa budget for this year', async () => {
    const { context, page } = await harness.newPage(1280, 900);
    try {
      await harness.logIn(page, 'admin', ADMIN_PASSWORD);
      await page.goto(`${harness.baseUrl}/pembiayaan`);
      await page.getByRole('heading', { name: 'Sumber dana dan anggaran', level: 1 }).waitFor();
      await page.getByTestId('source-row-DD').getByText(DD_NAME, { exact: true }).waitFor();

      // The office's own APBD, added through the form with the kind it offers first.
      await page.getByTestId('add-source').click();
      const addDialog = page.getByRole('dialog');
      await expect.poll(() => addDialog.getByRole('combobox', { name: 'Jenis sumber dana', exact: true }).inputValue()).toBe('APBD kabupaten');
      await addDialog.getByRole('button', { name: 'Simpan' }).click();
      await addDialog.waitFor({ state: 'hidden' });
      await page.getByText('Sumber dana ditambahkan.', { exact: true }).waitFor();

      const apbd = page.getByTestId('source-row-APBD');
      await apbd.getByText('Belum ada anggaran', { exact: true }).waitFor();
      await apbd.getByRole('button', { name: 'Tetapkan anggaran' }).click();
      const budgetDialog = page.getByRole('dialog');
      await expect.poll(() => budgetDialog.textContent()).toContain(`tahun ${year}`);
      await page.getByTestId('budget-amount').fill(String(BUDGET));
      await expect.poll(() => page.getByTestId('budget-amount').inputValue()).toBe(rupiah(BUDGET));
      await budgetDialog.getByRole('textbox', { name: 'Dasar hukum' }).fill(`Perbup APBD ${year} (uji)`);
      await budgetDialog.getByRole('button', { name: 'Simpan' }).click();
      await budgetDialog.waitFor({ state: 'hidden' });
      await page.getByText('Anggaran tersimpan.', { exact: true }).waitFor();
      await apbd.getByText(rupiah(BUDGET), { exact: true }).first().waitFor();
      await apbd.getByRole('button', { name: 'Ubah anggaran' }).waitFor();
      await expect.poll(() => apbd.textContent()).toContain(`Dasar hukum: Perbup APBD ${year} (uji)`);
      await page.screenshot({ path: path.join(RESULTS, 'admin-sources-apbd-1280.png'), fullPage: true });

      // Dana Desa may not pay premiums from January 2024: its budget for this year is refused in the form.
      const dd = page.getByTestId('source-row-DD');
      await dd.getByRole('button', { name: 'Tetapkan anggaran' }).click();
      const ddDialog = page.getByRole('dialog');
      await page.getByTestId('budget-amount').fill('10000000');
      const [refusal] = await Promise.all([
        page.waitForResponse((r) => /\/api\/funding\/sources\/[^/]+\/budgets\/\d+$/.test(r.url()) && r.request().method() === 'PUT'),
        ddDialog.getByRole('button', { name: 'Simpan' }).click(),
      ]);
      expect(refusal.status()).toBe(400);
      expect(((await refusal.json()) as { error: { code: string } }).error.code).toBe('DD_NOT_ALLOWED');
      const alert = ddDialog.getByTestId('api-error');
      await expect.poll(() => alert.textContent()).toContain('Dana Desa tidak boleh lagi membayar iuran BPJS Ketenagakerjaan untuk bulan Januari 2024 dan sesudahnya');
      await expect.poll(() => alert.textContent()).toContain('Gunakan ADD atau ajukan ke APBD kabupaten.');
      await page.screenshot({ path: path.join(RESULTS, 'admin-sources-dd-refused-1280.png'), fullPage: true });
      await ddDialog.getByRole('button', { name: 'Batal', exact: true }).click();
      await ddDialog.waitFor({ state: 'hidden' });
      await dd.getByText('Belum ada anggaran', { exact: true }).waitFor();
    } finally {
      await context.close();
    }
  }, 120_000);

  it('lists a worker paid until two months ago on the grace worklist, then reverses the payment', async () => {
    // The APBD pays for the three months ending two months ago (budgets for each fiscal year they touch).
    const from = addMonths(thisMonth, -4);
    const to = addMonths(thisMonth, -2);
    const sources = await harness.adminApi<{ items: { id: string; kind: string; name: string }[] }>('GET', `/api/funding/sources?year=${year}`);
    const apbd = sources.items.find((s) => s.kind === 'APBD')!;
    expect(apbd).toBeDefined();
    for (const y of new Set([Number(from.slice(0, 4)), Number(to.slice(0, 4))])) {
      if (y !== year) await harness.adminApi('PUT', `/api/funding/sources/${apbd.id}/budgets/${y}`, { amount: BUDGET });
    }
    await harness.adminApi('POST', '/api/funding/commitments', { sourceId: apbd.id, workerIds: [workerId], fromMonth: from, toMonth: to });
    const paid = await quoteTotal(from, 3);
    expect(paid).toBe(3 * 16_800);
    await harness.adminApi('POST', '/api/payments', { sourceId: apbd.id, workerIds: [workerId], fromMonth: from, toMonth: to, amount: paid, paidOn: today, reference: 'SP2D-ADM-001' });
    // Renewing from this month for 12 months, at the rates now on record (the new JKM counts from January).
    const renewal = await quoteTotal(thisMonth, 12);
    if (thisMonth.endsWith('-01')) expect(renewal).toBe(12 * 16_800);

    const { context, page } = await harness.newPage(1280, 900);
    try {
      await harness.logIn(page, 'admin', ADMIN_PASSWORD);

      // The worker's page first: in grace, paid to two months ago.
      await page.goto(`${harness.baseUrl}/workers/${workerId}`);
      await page.getByRole('heading', { name: WORKER }).waitFor();
      await page.getByText('Perlindungan segera berakhir', { exact: true }).waitFor();
      for (const program of ['JKK', 'JKM']) {
        const card = page.getByTestId(`enrolment-${program}`);
        await card.getByText('Masa tenggang', { exact: true }).waitFor();
        await card.getByText(monthName(to), { exact: true }).waitFor();
      }

      await page.goto(`${harness.baseUrl}/pembiayaan/daftar-kerja`);
      await page.getByRole('heading', { name: 'Daftar kerja perpanjangan', level: 1 }).waitFor();
      await page.getByTestId('worklist-tab-grace').click();
      await page.waitForURL((url) => url.searchParams.get('kind') === 'grace');
      await page.getByText('Iuran terlambat; perlindungan masih berlaku sampai masa tenggang habis.', { exact: true }).waitFor();
      const row = page.getByTestId('worklist-table').getByRole('row').filter({ hasText: WORKER });
      await row.getByText('Masa tenggang', { exact: true }).waitFor();
      await row.getByText(monthName(to), { exact: true }).waitFor();
      await row.getByText(apbd.name, { exact: true }).waitFor();
      await row.getByText(rupiah(renewal), { exact: true }).waitFor();
      await expect.poll(() => page.getByTestId('worklist-total').textContent()).toContain('1');
      await expect.poll(() => page.getByTestId('worklist-cost').textContent()).toBe(`Biaya perpanjangan 12 bulan${rupiah(renewal)}`);
      await page.screenshot({ path: path.join(RESULTS, 'admin-worklist-grace-1280.png'), fullPage: true });

      // The CSV download: the grace list, a UTF-8 BOM for Excel, the worker in it.
      const href = (await page.getByTestId('worklist-export-csv').getAttribute('href')) ?? '';
      const url = new URL(href, harness.baseUrl);
      expect(url.pathname).toBe('/api/worklists/renewals');
      expect(url.searchParams.get('format')).toBe('csv');
      expect(url.searchParams.get('kind')).toBe('grace');
      const csv = await page.request.get(url.toString());
      expect(csv.status()).toBe(200);
      expect(csv.headers()['content-type']).toContain('text/csv');
      const bytes = await csv.body();
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      expect(text).toContain('Biaya perpanjangan 12 bulan (Rp)');
      const line = text.split(/\r?\n/).find((l) => l.includes(WORKER));
      expect(line).toBeDefined();
      expect(line).toContain('Masa tenggang');
      expect(line).toContain(String(renewal));

      // The payment, reversed with a reason.
      await page.goto(`${harness.baseUrl}/pembiayaan/pembayaran`);
      await page.getByRole('heading', { name: 'Pembayaran iuran', level: 1 }).waitFor();
      const payments = page.getByTestId('payment-row');
      await expect.poll(() => payments.count()).toBe(1);
      await payments.first().getByText('Tercatat', { exact: true }).waitFor();
      await payments.first().getByText(`${monthName(from)} – ${monthName(to)}`, { exact: true }).waitFor();
      await payments.first().getByText(rupiah(paid), { exact: true }).waitFor();
      await payments.first().getByText('SP2D-ADM-001', { exact: true }).click();
      const detail = page.getByTestId('payment-detail');
      await detail.getByRole('link', { name: WORKER }).waitFor();
      await detail.getByTestId('reverse-payment').click();
      const reverseDialog = page.getByRole('dialog', { name: 'Batalkan pembayaran ini?' });
      await expect.poll(() => reverseDialog.textContent()).toContain(`Jurnal balik sebesar ${rupiah(paid)} dicatat`);
      expect(await page.getByTestId('reverse-confirm').isDisabled()).toBe(true);
      await page.getByTestId('reverse-reason').fill(REVERSAL_REASON);
      const [reversed] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/reverse') && r.request().method() === 'POST'),
        page.getByTestId('reverse-confirm').click(),
      ]);
      expect(reversed.status()).toBeLessThan(300);
      await reverseDialog.waitFor({ state: 'hidden' });
      await page.getByText('Pembayaran dibatalkan dengan jurnal balik.', { exact: true }).waitFor();
      await detail.getByText('Dibatalkan', { exact: true }).waitFor();
      await expect.poll(() => detail.getByTestId('reverse-payment').count()).toBe(0);
      await page.getByRole('button', { name: 'Kembali' }).click();
      await page.waitForURL((u) => !u.searchParams.has('payment'));
      await page.getByRole('dialog').waitFor({ state: 'hidden' });

      // The list: the original now cancelled, and the reversal with the negative amount.
      await expect.poll(() => payments.count()).toBe(2);
      const reversal = payments.filter({ hasText: 'Jurnal balik' });
      await reversal.getByText(rupiah(-paid), { exact: true }).waitFor();
      await reversal.getByText(`${monthName(from)} – ${monthName(to)}`, { exact: true }).waitFor();
      await payments.filter({ hasText: 'Dibatalkan' }).getByText(rupiah(paid), { exact: true }).waitFor();
      await page.screenshot({ path: path.join(RESULTS, 'admin-payment-reversed-1280.png'), fullPage: true });

      // The worker's page: the months no longer count, so protection is gone.
      await page.goto(`${harness.baseUrl}/workers/${workerId}`);
      await page.getByRole('heading', { name: WORKER }).waitFor();
      await page.getByText('Perlindungan terputus', { exact: true }).waitFor();
      expect(await page.getByText('Perlindungan segera berakhir', { exact: true }).count()).toBe(0);
      for (const program of ['JKK', 'JKM']) {
        const card = page.getByTestId(`enrolment-${program}`);
        await card.getByText('Terputus', { exact: true }).waitFor();
        expect(await card.getByText('Masa tenggang', { exact: true }).count()).toBe(0);
        await card.getByText('belum ada iuran dibayar', { exact: true }).waitFor();
        expect(await card.getByText(monthName(to), { exact: true }).count()).toBe(0);
      }
      await page.screenshot({ path: path.join(RESULTS, 'admin-worker-after-reversal-1280.png'), fullPage: true });
    } finally {
      await context.close();
    }
  }, 120_000);
});
