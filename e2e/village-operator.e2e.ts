/**
 * Journey: a village operator logs in, registers a worker through the form (with the browser's own
 * checks and the server's field errors shown inline), finds the worker in the village list marked as not
 * yet enrolled, and is refused a worker of another village. Runs a real server on a fresh database and
 * Debian's chromium.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNik, makeWorker } from '../server/test/factories.ts';
import { RESULTS, startHarness, type Harness } from './harness.ts';

const OPERATOR = { username: 'operator.e2e', password: 'e2e-operator-pass-456' };
const HOME_VILLAGE = '52.03.01.2001';
const OTHER_VILLAGE = '52.03.02.2001';

let harness: Harness;
let baseUrl = '';
let otherVillageWorkerId = '';
const adminApi = <T>(method: string, urlPath: string, body?: unknown) => harness.adminApi<T>(method, urlPath, body);
const newPage = (width: number, height: number) => harness.newPage(width, height);

async function logIn(page: Page): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Nama pengguna').fill(OPERATOR.username);
  await page.getByLabel('Kata sandi').fill(OPERATOR.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  // A village operator lands on their own village's worker list.
  await page.waitForURL(`${baseUrl}/regions/${HOME_VILLAGE}`);
  await page.getByRole('heading', { name: 'Tanjung Luar' }).waitFor();
}

/** An input by its accessible name (label text without the required-field asterisk). */
function input(page: Page, label: string) {
  return page.getByRole('textbox', { name: label, exact: true }).or(page.getByRole('combobox', { name: label, exact: true }));
}

async function pickOption(page: Page, label: string, option: string): Promise<void> {
  await input(page, label).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function fieldError(page: Page, label: string): Promise<string | null> {
  const field = input(page, label);
  if ((await field.getAttribute('aria-invalid')) !== 'true') return null;
  const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
  const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
  return errorId ? page.locator(`[id="${errorId}"]`).textContent() : null;
}

beforeAll(async () => {
  harness = await startHarness();
  baseUrl = harness.baseUrl;
  await adminApi('POST', '/api/users', { ...OPERATOR, role: 'village', regionCode: HOME_VILLAGE });
  const other = await adminApi<{ id: string }>('POST', '/api/workers', makeWorker({ villageCode: OTHER_VILLAGE }));
  otherVillageWorkerId = other.id;
}, 180_000);

afterAll(() => harness?.close());

describe('village operator', () => {
  it('registers a worker on a phone, finds them in the village list and is refused another village', async () => {
    const { context, page } = await newPage(360, 740);
    try {
      await page.goto(`${baseUrl}/login`);
      await page.getByRole('button', { name: 'Masuk' }).waitFor();
      await page.screenshot({ path: path.join(RESULTS, 'login-360.png') });
      await logIn(page);

      await page.getByRole('main').getByRole('link', { name: 'Tambah pekerja' }).click();
      await page.getByRole('heading', { name: 'Tambah pekerja' }).waitFor();

      // The browser checks the form with the shared schema before anything is sent.
      await page.getByRole('button', { name: 'Simpan' }).click();
      await page.getByText('Periksa isian yang ditandai merah.').waitFor();
      expect(await fieldError(page, 'NIK')).toContain('NIK wajib diisi');
      expect(await fieldError(page, 'Nama lengkap')).toContain('Nama wajib diisi');
      expect(await fieldError(page, 'Pekerjaan')).toContain('Pekerjaan wajib dipilih');

      // What only the server knows (the province list) comes back next to the same input.
      const name = 'Sitti Rahmawati Ujicoba';
      await input(page, 'NIK').fill('9903015503900001');
      await input(page, 'Nama lengkap').fill(name);
      await pickOption(page, 'Pekerjaan', 'Buruh tani');
      await input(page, 'Penghasilan per bulan').fill('1500000');
      await page.getByRole('button', { name: 'Simpan' }).click();
      await page.getByText('Kode provinsi NIK (2 angka pertama: 99) tidak dikenal', { exact: false }).first().waitFor();
      expect(await fieldError(page, 'NIK')).toContain('Kode provinsi NIK');
      await input(page, 'NIK').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(RESULTS, 'worker-form-error-360.png') });

      // A complete NIK fills in birth date and sex.
      const nik = makeNik({ districtCode: '52.03.01', sex: 'F', birthDate: '1990-03-15' });
      await input(page, 'NIK').fill(nik);
      await page.getByText('Menurut NIK: lahir 15 Maret 1990, perempuan').waitFor();
      expect(await page.getByLabel('Tanggal lahir').inputValue()).toBe('1990-03-15');
      expect(await page.getByRole('radio', { name: 'Perempuan' }).isChecked()).toBe(true);
      expect(await input(page, 'Penghasilan per bulan').inputValue()).toBe('Rp1.500.000');
      await page.getByRole('button', { name: 'Simpan' }).click();

      await page.waitForURL(/\/workers\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { name }).waitFor();
      await page.getByText('Rp1.500.000').waitFor();
      await page.getByText('Belum terdaftar JKK dan JKM.').waitFor();

      // Back to the village list and search by name.
      await page.getByRole('link', { name: '← Tanjung Luar' }).click();
      await page.getByRole('heading', { name: 'Tanjung Luar' }).waitFor();
      await page.getByLabel('Cari nama atau NIK').fill('Rahmawati');
      await page.waitForURL(/q=Rahmawati/);
      await page.getByRole('link', { name: new RegExp(name) }).waitFor();
      await page.getByText('Menampilkan 1–1 dari 1').waitFor();
      // Registered a moment ago: no JKK/JKM yet, and the card says so in words, not colour alone.
      await page.getByRole('listitem').filter({ hasText: name }).getByText('Belum terdaftar', { exact: true }).waitFor();
      await page.locator('[aria-busy="false"]').waitFor();
      const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
      expect(widths.page).toBeLessThanOrEqual(widths.viewport);
      await page.screenshot({ path: path.join(RESULTS, 'village-list-360.png') });

      // Another village's worker: the page says so instead of showing the record.
      await page.goto(`${baseUrl}/workers/${otherVillageWorkerId}`);
      await page.getByRole('heading', { name: 'Data ini di luar wilayah Anda' }).waitFor();
      await page.getByText('Data pekerja ini berada di luar wilayah Anda.').waitFor();
      await page.screenshot({ path: path.join(RESULTS, 'forbidden-360.png') });
    } finally {
      await context.close();
    }
  });

  it('is pointed to the existing record when a NIK is already registered', async () => {
    const existing = await adminApi<{ id: string; nik: string; name: string }>('POST', '/api/workers', makeWorker({ villageCode: HOME_VILLAGE }));
    const { context, page } = await newPage(1280, 860);
    try {
      await logIn(page);
      await page.getByLabel('Cari nama atau NIK').waitFor();
      await page.screenshot({ path: path.join(RESULTS, 'village-list-1280.png') });

      await page.goto(`${baseUrl}/workers/new`);
      await input(page, 'NIK').fill(existing.nik);
      await input(page, 'Nama lengkap').fill('Orang Lain');
      await pickOption(page, 'Pekerjaan', 'Nelayan');
      await page.getByRole('button', { name: 'Simpan' }).click();
      await page.getByRole('link', { name: 'Buka data yang sudah ada' }).click();
      await page.waitForURL(`${baseUrl}/workers/${existing.id}`);
      await page.getByRole('heading', { name: existing.name }).waitFor();
    } finally {
      await context.close();
    }
  });
});
