/**
 * Journeys: a village operator imports the village's census spreadsheet (mapping shown first, progress,
 * result with the rejected rows to download and fix); a BPJS officer imports the participant list and
 * settles a look-alike pair in the review queue, after which the worker shows the BPJS enrolment.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNik, makeWorker } from '../server/test/factories.ts';
import { ADMIN_PASSWORD, RESULTS, startHarness, type Harness } from './harness.ts';

const OPERATOR = { username: 'operator.impor', password: 'e2e-operator-pass-789' };
const OFFICER = { username: 'petugas.bpjs', password: 'e2e-bpjs-pass-0123' };
const VILLAGE = '52.03.01.2001';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
  await harness.adminApi('POST', '/api/users', { ...OPERATOR, role: 'village', regionCode: VILLAGE });
  await harness.adminApi('POST', '/api/users', { ...OFFICER, role: 'bpjs', regionCode: '52.03' });
}, 180_000);

afterAll(() => harness?.close());

describe('census import in the browser', () => {
  it('shows the column mapping, imports, and offers the rejected rows as a file', async () => {
    const { context, page } = await harness.newPage(1280, 900);
    try {
      await harness.logIn(page, OPERATOR.username, OPERATOR.password);
      await page.getByRole('link', { name: 'Impor data' }).first().click();
      await page.getByRole('heading', { name: 'Impor data' }).waitFor();

      const good = [makeNik({ birthDate: '1988-02-03' }), makeNik({ birthDate: '1991-04-05', sex: 'F' })];
      const csv = [
        'No KTP;Nama Lengkap;Tgl Lahir;L/P;Pekerjaan;No HP',
        `${good[0]};Amaq Rusdi;03/02/1988;L;Buruh Tani;081234567890`,
        `${good[1]};Inaq Sumiati;5 April 1991;P;Nelayan;`,
        `5.20301E+15;Lalu Salim;1980-01-01;L;Buruh Tani;`,
      ].join('\r\n');
      const file = path.join(RESULTS, 'sensus-e2e.csv');
      fs.writeFileSync(file, csv);
      await page.locator('input[type=file]').setInputFiles(file);

      // The mapping comes before anything is imported.
      await page.getByText('Kolom berkas dan kolom Jaring').waitFor();
      const mapping = page.getByRole('table').filter({ hasText: 'No KTP' });
      await expect.poll(() => mapping.getByRole('row').filter({ hasText: 'No KTP' }).textContent()).toContain('NIK');
      await page.screenshot({ path: path.join(RESULTS, 'import-mapping-1280.png'), fullPage: true });

      await page.getByRole('button', { name: 'Mulai impor' }).click();
      await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
      await page.getByText('Selesai', { exact: true }).first().waitFor();
      const stat = (label: string) => page.getByText(label, { exact: true }).locator('xpath=..');
      await expect.poll(() => stat('Baru').textContent()).toContain('2');
      await expect.poll(() => stat('Ditolak').textContent()).toContain('1');
      await page.getByText('format', { exact: false }).filter({ hasText: 'teks' }).first().waitFor();
      await page.screenshot({ path: path.join(RESULTS, 'import-result-1280.png'), fullPage: true });

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Unduh baris yang ditolak' }).click()]);
      const rejected = fs.readFileSync((await download.path())!, 'utf8');
      expect(rejected).toContain('Alasan penolakan');
      expect(rejected).toContain('Lalu Salim');
    } finally {
      await context.close();
    }
  }, 90_000);
});

describe('BPJS reconciliation in the browser', () => {
  it('lets an officer confirm a look-alike pair side by side; the worker then shows the BPJS enrolment', async () => {
    // Two people with the same name and birth date in one village: never linked automatically.
    const twinA = await harness.adminApi<{ id: string }>('POST', '/api/workers', makeWorker({ name: 'Ahmad Fauzan', birthDate: '1990-01-01', villageCode: VILLAGE }));
    await harness.adminApi('POST', '/api/workers', makeWorker({ name: 'Ahmad Fauzan', birthDate: '1990-01-01', villageCode: VILLAGE }));
    const file = path.join(RESULTS, 'peserta-bpjs-e2e.csv');
    fs.writeFileSync(file, ['KPJ;NIK;Nama;Tgl Lahir;Program;Status;Iuran Terakhir;Kode Desa', `22000000001;;AHMAD FAUZAN;1990-01-01;JKK, JKM;AKTIF;2026-12;${VILLAGE}`].join('\n'));

    const { context, page } = await harness.newPage(360, 780);
    try {
      await harness.logIn(page, OFFICER.username, OFFICER.password);
      await page.goto(`${harness.baseUrl}/imports`);
      await page.locator('input[type=file]').setInputFiles(file);
      await page.getByRole('button', { name: 'Mulai impor' }).click();
      await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
      await page.getByText('Selesai', { exact: true }).first().waitFor();
      await page.getByText('Perlu ditinjau').first().waitFor();

      await page.goto(`${harness.baseUrl}/reconciliation/reviews`);
      await page.getByRole('heading', { name: 'Tinjau pencocokan BPJS' }).waitFor();
      const confirm = page.getByRole('button', { name: 'Ya, orang yang sama' });
      await expect.poll(() => confirm.count()).toBe(2);
      await page.getByText('Peserta BPJS', { exact: true }).first().waitFor();
      await page.getByText('Pekerja di register', { exact: true }).first().waitFor();
      await page.screenshot({ path: path.join(RESULTS, 'review-queue-360.png'), fullPage: true });

      // Confirm the pair whose worker is twin A (the card links to the worker's page).
      const card = page.locator(`xpath=//a[contains(@href, "/workers/${twinA.id}")]/ancestor::*[.//button[normalize-space()="Ya, orang yang sama"]][1]`);
      await card.getByRole('button', { name: 'Ya, orang yang sama' }).click();
      await page.getByText('ditautkan ke peserta BPJS 22000000001', { exact: false }).waitFor();
      await expect.poll(() => confirm.count()).toBe(0);

      await page.goto(`${harness.baseUrl}/workers/${twinA.id}`);
      await page.getByText('22000000001').first().waitFor();
      await page.getByText('Terlindungi', { exact: true }).first().waitFor();
      await page.getByText('Menurut BPJS').first().waitFor();
      await page.screenshot({ path: path.join(RESULTS, 'worker-bpjs-enrolment-360.png'), fullPage: true });
    } finally {
      await context.close();
    }
  }, 90_000);
});

describe('civil-registry occupation mapping', () => {
  it('lets the regency office decide which resident occupations count as informal work', async () => {
    const { context, page } = await harness.newPage(1280, 900);
    try {
      await harness.logIn(page, 'admin', ADMIN_PASSWORD);
      await page.goto(`${harness.baseUrl}/admin/occupation-map`);
      await page.getByRole('heading', { name: 'Pemetaan pekerjaan Dukcapil' }).waitFor();
      await expect.poll(() => page.getByRole('row').count()).toBe(90);
      const driver = page.getByRole('textbox', { name: 'Pekerjaan di Jaring untuk Sopir' }).or(page.getByRole('combobox', { name: 'Pekerjaan di Jaring untuk Sopir' })).first();
      await driver.click();
      await page.getByRole('option', { name: 'Bukan pekerja informal (dilewati)' }).click();
      await page.getByText('Pemetaan “Sopir” disimpan.').waitFor();
      const saved = await harness.adminApi<{ items: { label: string; occupation: string | null; updatedBy: string | null }[] }>('GET', '/api/imports/occupation-map');
      expect(saved.items.find((i) => i.label === 'Sopir')).toMatchObject({ occupation: null, updatedBy: 'admin' });
    } finally {
      await context.close();
    }
  }, 60_000);
});
