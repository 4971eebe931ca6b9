/**
 * Journey: a death from the village to the heirs' money, in a real browser. The village operator opens
 * an insured worker's page on a phone, reports the death (the form says at once that JKM protected the
 * worker that day and what it pays), enters the widow and a child, and ticks the documents until the
 * claim is complete. A BPJS officer submits it, records the approval and the three payments to the widow;
 * the claim is paid, and the regent's dashboard role sees the money in the benefits-paid totals.
 * Real server, fresh database, Debian's chromium; days come from the server's own "today".
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../core/dates.ts';
import { addMonths } from '../core/months.ts';
import { makeNik, makeWorker } from '../server/test/factories.ts';
import { RESULTS, startHarness, type Harness } from './harness.ts';

const OPERATOR = { username: 'operator.klaim', password: 'e2e-operator-pass-789' };
const OFFICER = { username: 'petugas.bpjs', password: 'e2e-bpjs-pass-1011' };
const REGENT = { username: 'pimpinan.e2e', password: 'e2e-viewer-pass-1213' };
const VILLAGE = '52.03.01.2001';
const JKM_DOCUMENTS = [
  'Kartu peserta (KPJ)',
  'KTP peserta',
  'KTP ahli waris',
  'Akta/surat keterangan kematian',
  'Kartu keluarga (KK)',
  'Surat keterangan ahli waris',
  'Buku tabungan ahli waris',
  'Buku nikah (ahli waris suami/istri)',
];

let harness: Harness;
let workerId = '';
let today = '';
let claimUrl = '';
const widowNik = makeNik({ districtCode: '52.03.01', sex: 'F', birthDate: '1987-03-14' });
const childNik = makeNik({ districtCode: '52.03.01', sex: 'M', birthDate: '2015-08-20' });

/** Picks an option of the Mantine select labelled `label` inside `scope`. */
async function choose(page: Page, scope: ReturnType<Page['locator']> | Page, label: string, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function statusOf(page: Page): Promise<string | null> {
  return page.getByTestId('claim-status').first().getAttribute('data-status');
}

beforeAll(async () => {
  harness = await startHarness();
  today = (await harness.adminApi<{ today: string }>('GET', '/api/meta')).today;
  await harness.adminApi('POST', '/api/users', { ...OPERATOR, role: 'village', regionCode: VILLAGE });
  await harness.adminApi('POST', '/api/users', { ...OFFICER, role: 'bpjs', regionCode: '52.03' });
  await harness.adminApi('POST', '/api/users', { ...REGENT, role: 'viewer', regionCode: '52.03' });
  const source = await harness.adminApi<{ id: string }>('POST', '/api/funding/sources', { kind: 'SELF', regionCode: '52.03', name: 'Mandiri' });
  const worker = await harness.adminApi<{ id: string }>('POST', '/api/workers', makeWorker({ villageCode: VILLAGE, name: 'Amaq Sahnun' }));
  workerId = worker.id;
  // Insured since January two years ago and paid to next month: protected on the day of death.
  const start = `${Number(today.slice(0, 4)) - 2}-01`;
  const until = addMonths(today.slice(0, 7), 1);
  await harness.adminApi('POST', `/api/workers/${workerId}/enrolments`, { programs: ['JKK', 'JKM'], startMonth: start, declaredIncome: 1_000_000, fundingSource: 'SELF' });
  const months = (Number(until.slice(0, 4)) - Number(start.slice(0, 4))) * 12 + Number(until.slice(5)) - Number(start.slice(5)) + 1;
  await harness.adminApi('POST', '/api/payments', { sourceId: source.id, workerIds: [workerId], fromMonth: start, toMonth: until, amount: 16_800 * months, paidOn: `${start}-05` });
});
afterAll(() => harness?.close());

describe('a death, from the village report to the heirs’ payment and the regency’s totals', () => {
  it('the village operator reports it on a phone and completes the documents', async () => {
    const { context, page } = await harness.newPage(360, 780);
    try {
      await harness.logIn(page, OPERATOR.username, OPERATOR.password);
      await page.goto(`${harness.baseUrl}/workers/${workerId}`);
      await page.getByTestId('worker-claim-report').click();
      await page.waitForURL((url) => url.pathname === '/klaim/baru');
      await page.getByTestId('claim-worker-selected').waitFor();
      expect(await page.getByTestId('claim-worker-selected').textContent()).toContain('Amaq Sahnun');

      await page.getByTestId('claim-event-death_natural').click();
      await page.getByTestId('claim-event-date').fill(addDays(today, -3));
      // As soon as worker, event and day are known: protected by JKM, Rp42.000.000.
      await page.getByTestId('claim-check-protected').waitFor();
      await expect.poll(() => page.getByTestId('claim-estimate-total').first().textContent()).toContain('Rp42.000.000');

      await page.getByTestId('claim-place').fill('Dusun Lauk, Tanjung Luar');
      await page.getByTestId('claim-description').fill('Meninggal dunia di rumah setelah sakit demam.');
      await page.getByTestId('claim-heir-add-row').click();
      const widow = page.getByTestId('claim-heir-draft').nth(0);
      await widow.getByRole('textbox', { name: 'NIK', exact: true }).fill(widowNik);
      await widow.getByRole('textbox', { name: 'Nama (sesuai KTP/KK)', exact: true }).fill('Inaq Rahmah');
      await page.getByTestId('claim-heir-add-row').click();
      const child = page.getByTestId('claim-heir-draft').nth(1);
      await child.getByRole('textbox', { name: 'NIK', exact: true }).fill(childNik);
      await child.getByRole('textbox', { name: 'Nama (sesuai KTP/KK)', exact: true }).fill('Lalu Hamzan');
      await choose(page, child, 'Jenjang sekolah', 'SD');
      await page.getByTestId('claim-report-submit').click();

      await page.waitForURL((url) => /^\/klaim\/[0-9a-f-]{36}$/.test(url.pathname));
      claimUrl = page.url();
      await expect.poll(() => statusOf(page)).toBe('reported');
      expect(await page.getByTestId('claim-missing').textContent()).toContain('Buku nikah');
      await page.screenshot({ path: `${RESULTS}/claims-reported-360.png`, fullPage: true });

      for (const document of JKM_DOCUMENTS) {
        await page.getByLabel(document, { exact: true }).check();
        await expect.poll(() => page.getByLabel(document, { exact: true }).isChecked()).toBe(true);
      }
      await expect.poll(() => statusOf(page)).toBe('documents_complete');
      expect(await page.getByTestId('claim-missing').getAttribute('data-complete')).toBe('true');
      // Submitting is BPJS's step, not the village's.
      expect(await page.getByTestId('claim-action-submit').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('a BPJS officer submits it, records the approval and each payment to the widow', async () => {
    const { context, page } = await harness.newPage(1280, 900);
    try {
      await harness.logIn(page, OFFICER.username, OFFICER.password);
      await page.goto(claimUrl);
      await page.getByTestId('claim-action-submit').click();
      await page.getByTestId('claim-action-confirm').click();
      await expect.poll(() => statusOf(page)).toBe('submitted');
      await page.getByTestId('claim-action-approve').click();
      expect(await page.getByTestId('claim-approve-amount').inputValue()).toMatch(/42[.,]?000[.,]?000/);
      await page.getByTestId('claim-action-confirm').click();
      await expect.poll(() => statusOf(page)).toBe('approved');

      for (const [kind, reference] of [
        ['Santunan sekaligus', 'TRF-BPJS-0001'],
        ['Santunan berkala', 'TRF-BPJS-0002'],
        ['Biaya pemakaman', 'TRF-BPJS-0003'],
      ] as const) {
        await page.getByTestId('claim-payment-add').click();
        const form = page.getByTestId('claim-payment-form');
        await choose(page, form, 'Jenis pembayaran', kind);
        await form.getByTestId('claim-payment-reference').fill(reference);
        await page.getByTestId('claim-payment-save').click();
        await form.waitFor({ state: 'detached' });
      }
      await expect.poll(() => statusOf(page)).toBe('paid');
      expect(await page.getByTestId('claim-paid').textContent()).toContain('Rp42.000.000');
      expect(await page.getByTestId('claim-payments-table').textContent()).toContain('Inaq Rahmah');
      const steps = await page.getByTestId('claim-step').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-step')));
      expect(steps).toEqual(['reported', 'documents_complete', 'submitted', 'approved', 'paid']);
      await page.screenshot({ path: `${RESULTS}/claims-paid-1280.png`, fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('the regent’s dashboard role sees the money in the benefits-paid totals', async () => {
    const { context, page } = await harness.newPage(1280, 900);
    try {
      await harness.logIn(page, REGENT.username, REGENT.password);
      await page.getByRole('link', { name: 'Rekap manfaat dibayar' }).click();
      await expect.poll(() => page.getByTestId('totals-total').textContent()).toContain('Rp42.000.000');
      expect(await page.getByTestId('totals-table').textContent()).toContain('JKM');
    } finally {
      await context.close();
    }
  });
});
