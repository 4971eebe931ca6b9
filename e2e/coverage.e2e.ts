/**
 * Journey: a camat opens the coverage dashboard of the district, sees the district's coverage against the
 * register, drills into the best village, then on the leaderboard page downloads the ranking as XLSX and,
 * from the award round, the winning village's certificate as PDF — both files are checked to be valid
 * and to name the village. Also a look at the public page without logging in. Real server, fresh database,
 * Debian's chromium; months come from the server's own "today".
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../core/months.ts';
import { makeWorker } from '../server/test/factories.ts';
import { pdfInfo, pdfText } from '../server/test/pdf-text.ts';
import { ADMIN_PASSWORD, RESULTS, startHarness, type Harness } from './harness.ts';

const CAMAT = { username: 'camat.keruak', password: 'e2e-camat-pass-4321' };
const ADMIN = { username: 'admin', password: ADMIN_PASSWORD };
const DISTRICT = '52.03.01';
const BEST = '52.03.01.2001';
const BEST_NAME = 'Tanjung Luar';
const OTHER = '52.03.01.2002';
const MONTHLY = 16_800;

let harness: Harness;
let roundId = '';
let year = '';

async function workersPaid(village: string, count: number, paid: number, fromMonth: string, toMonth: string, sourceId: string): Promise<void> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await harness.adminApi<{ id: string }>('POST', '/api/workers', makeWorker({ villageCode: village }))).id);
  for (const id of ids.slice(0, paid)) {
    await harness.adminApi('POST', `/api/workers/${id}/enrolments`, { programs: ['JKK', 'JKM'], startMonth: fromMonth, declaredIncome: 1_000_000, fundingSource: 'SELF' });
  }
  const months = (Number(toMonth.slice(0, 4)) - Number(fromMonth.slice(0, 4))) * 12 + Number(toMonth.slice(5)) - Number(fromMonth.slice(5)) + 1;
  await harness.adminApi('POST', '/api/payments', {
    sourceId,
    workerIds: ids.slice(0, paid),
    fromMonth,
    toMonth,
    amount: MONTHLY * months * paid,
    paidOn: `${fromMonth}-05`,
  });
}

async function download(page: Page, testId: string): Promise<{ file: string; name: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const target = path.join(RESULTS, file.suggestedFilename());
  await file.saveAs(target);
  return { file: target, name: file.suggestedFilename() };
}

beforeAll(async () => {
  harness = await startHarness();
  const today = (await harness.adminApi<{ today: string }>('GET', '/api/meta')).today;
  const thisMonth = today.slice(0, 7);
  year = today.slice(0, 4);
  await harness.adminApi('POST', '/api/users', { ...CAMAT, role: 'district', regionCode: DISTRICT });
  const source = await harness.adminApi<{ id: string }>('POST', '/api/funding/sources', { kind: 'SELF', regionCode: '52.03', name: 'Mandiri' });
  // Tanjung Luar: 6 of 6 paid from the start of the year; the neighbour: 3 of 11.
  await workersPaid(BEST, 6, 6, `${year}-01`, addMonths(thisMonth, 1), source.id);
  await workersPaid(OTHER, 11, 3, `${year}-01`, addMonths(thisMonth, 1), source.id);
  const round = await harness.adminApi<{ id: string }>('POST', '/api/awards/rounds', {
    name: `Penghargaan Desa Peduli Jamsostek ${year}`,
    period: year,
    criteria: { coverage: 60, growth: 20, covered: 20 },
    winners: 1,
    region: DISTRICT,
  });
  roundId = round.id;
});
afterAll(() => harness?.close());

describe('a camat follows coverage and the awards', () => {
  it('opens the dashboard, drills into a village, downloads the leaderboard and a certificate', async () => {
    const { context, page } = await harness.newPage(1280, 900);
    try {
      await harness.logIn(page, CAMAT.username, CAMAT.password);
      await page.getByRole('link', { name: 'Dasbor cakupan' }).click();
      await page.waitForURL(/\/dasbor/);
      await expect.poll(() => page.getByTestId('dashboard-title').textContent()).toContain('Keruak');
      // 9 of 17 workers in the district's register are covered: 52,9%.
      await expect.poll(() => page.getByTestId('headline-coverage').textContent()).toContain('52,9%');
      await page.screenshot({ path: path.join(RESULTS, 'coverage-dashboard.png'), fullPage: true });

      await page.getByTestId(`coverage-row-${BEST}`).click();
      await page.waitForURL(new RegExp(`region=${BEST.replaceAll('.', '\\.')}`));
      await expect.poll(() => page.getByTestId('dashboard-title').textContent()).toContain(BEST_NAME);
      await expect.poll(() => page.getByTestId('headline-coverage').textContent()).toContain('100,0%');

      await page.getByRole('link', { name: 'Peringkat & penghargaan' }).click();
      await page.waitForURL(/\/penghargaan/);
      await expect.poll(() => page.getByTestId('leaderboard-row').first().getAttribute('data-code')).toBe(BEST);
      const sheet = await download(page, 'download-leaderboard-xlsx');
      expect(sheet.name).toMatch(/\.xlsx$/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(sheet.file);
      const cells = book.worksheets[0]!.getSheetValues().flat().map(String).join(' ');
      expect(cells).toContain(BEST_NAME);

      await page.getByTestId('rounds-table').getByRole('link').first().click();
      await page.waitForURL(new RegExp(`/penghargaan/${roundId}`));
      const certificate = await download(page, `download-certificate-${BEST}`);
      const pdf = fs.readFileSync(certificate.file);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdfInfo(pdf)).toMatchObject({ pages: 1, landscape: true });
      expect(pdfText(pdf).replace(/\s+/g, ' ').toUpperCase()).toContain(BEST_NAME.toUpperCase());
      await page.screenshot({ path: path.join(RESULTS, 'award-round.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('an admin records an official denominator; a bad one is refused on its field; the dashboard then shows both percentages', async () => {
    const { context, page } = await harness.newPage(1280, 900);
    try {
      await harness.logIn(page, ADMIN.username, ADMIN.password);
      await page.goto(`${harness.baseUrl}/cakupan/pengaturan`);
      await page.getByTestId('add-denominator').click();
      await page.getByTestId('denominator-year').fill(year);
      await page.getByTestId('denominator-value').fill('36');
      await page.getByTestId('denominator-source').fill('x');
      await page.getByTestId('denominator-save').click();
      // The same rule as the server's: the source must be named.
      await expect.poll(() => page.getByTestId('denominator-form').textContent()).toContain('Sebutkan sumbernya');
      await page.getByTestId('denominator-source').fill('BPS Sakernas Agustus 2025 (contoh uji)');
      await page.getByTestId('denominator-save').click();
      await expect.poll(() => page.getByTestId(`denominator-row-52.03-${year}`).count()).toBe(1);

      await page.goto(`${harness.baseUrl}/dasbor?region=52.03`);
      // 9 covered: 52,9% of the 17 in the register, 25,0% of the 36 recorded.
      await expect.poll(() => page.locator('main').textContent()).toContain('25,0%');
      await expect.poll(() => page.locator('main').textContent()).toContain('BPS Sakernas Agustus 2025 (contoh uji)');
      await page.screenshot({ path: path.join(RESULTS, 'coverage-official.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('the public page shows coverage without a login and hides small counts', async () => {
    const { context, page } = await harness.newPage(360, 780);
    try {
      await page.goto(`${harness.baseUrl}/publik`);
      await expect.poll(() => page.locator('body').textContent()).toContain('Kabupaten Lombok Timur');
      // 9 covered of 17 in the register: large enough to show.
      await expect.poll(() => page.locator('body').textContent()).toContain('52,9%');
      await page.screenshot({ path: path.join(RESULTS, 'public-360.png'), fullPage: true });
      expect(await page.locator('body').textContent()).not.toContain('Pekerja Uji');
    } finally {
      await context.close();
    }
  });
});
