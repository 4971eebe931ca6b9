/**
 * Journey: the manpower office opens a census round and a district follows it. The admin opens
 * "Buka putaran sensus" on a desktop, picks two villages of Keruak with a target each and opens the
 * round; the district office then finds the round in its list and sees its villages with their targets.
 * Real server, fresh database, Debian's chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../core/dates.ts';
import { ADMIN_PASSWORD, RESULTS, startHarness, type Harness } from './harness.ts';

const DISTRICT = { username: 'camat.keruak', password: 'e2e-district-pass-456' };
const ROUND_NAME = 'Sensus nelayan Keruak';

let harness: Harness;
let today = '';
let roundUrl = '';

beforeAll(async () => {
  harness = await startHarness();
  today = (await harness.adminApi<{ today: string }>('GET', '/api/meta')).today;
  await harness.adminApi('POST', '/api/users', { ...DISTRICT, role: 'district', regionCode: '52.03.01' });
});
afterAll(() => harness?.close());

describe('a census round, from the manpower office to the district', () => {
  it('the admin opens a round for two villages with targets', async () => {
    const { context, page } = await harness.newPage(1280, 900);
    try {
      await harness.logIn(page, 'admin', ADMIN_PASSWORD);
      await page.getByRole('link', { name: 'Sensus lapangan' }).click();
      await page.waitForURL((url) => url.pathname === '/sensus/putaran');
      await page.getByTestId('rounds-empty').waitFor();
      await page.getByTestId('round-create').click();

      const form = page.getByTestId('round-form');
      await form.getByTestId('round-name').fill(ROUND_NAME);
      await form.getByTestId('round-starts-on').fill(today);
      await form.getByTestId('round-ends-on').fill(addDays(today, 14));
      // Nothing chosen yet: the form says so before anything is sent.
      await page.getByTestId('round-submit').click();
      await form.getByText('Pilih minimal satu desa.').waitFor();

      await form.getByRole('combobox', { name: 'Kecamatan', exact: true }).click();
      await page.getByRole('option', { name: 'Keruak', exact: true }).click();
      await form.getByRole('checkbox', { name: 'Tanjung Luar', exact: true }).check();
      await form.getByRole('checkbox', { name: 'Pijot', exact: true }).check();
      await expect.poll(() => form.getByTestId('round-village-row').count()).toBe(2);
      await form.getByTestId('round-same-target').fill('120');
      await form.getByTestId('round-same-target-apply').click();
      await form.getByRole('textbox', { name: 'Target (opsional) · Pijot' }).fill('80');
      expect(await form.getByTestId('round-villages-summary').textContent()).toContain('target total 200');
      await page.getByTestId('round-submit').click();

      await page.waitForURL((url) => /^\/sensus\/putaran\/[0-9a-f-]{36}$/.test(url.pathname));
      roundUrl = page.url();
      expect(await page.getByTestId('round-title').textContent()).toBe(ROUND_NAME);
      expect(await page.getByTestId('round-state').getAttribute('data-state')).toBe('running');
      // The regency view: one district row, which drills down to its villages.
      await expect.poll(() => page.getByTestId('progress-row').count()).toBe(1);
      expect(await page.getByTestId('progress-target').textContent()).toContain('200');
      await page.getByTestId('progress-drill').click();
      await page.waitForURL((url) => url.searchParams.get('region') === '52.03.01');
      await expect.poll(() => page.getByTestId('progress-row').count()).toBe(2);
      await page.getByTestId('progress-breadcrumbs').getByRole('link', { name: 'Kabupaten Lombok Timur' }).waitFor();
      await page.screenshot({ path: `${RESULTS}/census-round-admin-1280.png`, fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('the district office sees the round’s villages and their targets', async () => {
    const { context, page } = await harness.newPage(1280, 900);
    try {
      await harness.logIn(page, DISTRICT.username, DISTRICT.password);
      await page.goto(`${harness.baseUrl}/sensus/putaran`);
      const row = page.getByTestId('round-row').filter({ hasText: ROUND_NAME });
      await row.waitFor();
      expect(await row.textContent()).toContain('Berjalan');
      await row.getByTestId('round-link').click();
      await page.waitForURL(roundUrl);

      await page.getByTestId('progress-table').waitFor();
      expect(await page.getByTestId('progress-title').textContent()).toContain('Keruak');
      const targets = Object.fromEntries(
        await page.getByTestId('progress-row').evaluateAll((rows) =>
          rows.map((r) => [r.querySelector('[data-testid="progress-name"]')?.textContent ?? '', r.querySelector('[data-testid="cell-target"]')?.textContent ?? '']),
        ),
      );
      expect(targets).toEqual({ 'Tanjung Luar': '120', Pijot: '80' });
      expect(await page.getByTestId('progress-collected').textContent()).toBe('0');
      // Only the manpower office changes rounds.
      expect(await page.getByTestId('round-edit').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
