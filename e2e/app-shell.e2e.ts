/**
 * The budget of a phone's first load (issue 8): the JavaScript the login page and the field census app
 * need before they can be used — the entry script, its static imports and the page's own chunk — stays
 * under 300 kB compressed. Measured on the production build the other browser tests use.
 */
import { describe, expect, it } from 'vitest';
import { appShellSizes, ensureWebBuild } from '../bench/app-shell.ts';

const BUDGET_BYTES = 300 * 1024;

describe('app shell size', () => {
  ensureWebBuild();
  const sizes = appShellSizes();

  it.each(sizes.map((s) => [s.page, s] as const))('%s loads under 300 kB of gzip-compressed JavaScript', (_page, size) => {
    expect(size.files.length).toBeGreaterThan(1);
    expect(size.gzipBytes, `${size.files.join(', ')}`).toBeLessThan(BUDGET_BYTES);
  });

  it('counts the page chunk and leaves other pages out', () => {
    const census = sizes.find((s) => s.page.includes('/sensus'))!;
    expect(census.files.some((f) => /FieldCensusPage-/.test(f))).toBe(true);
    expect(census.files.some((f) => /ClaimDetailPage-|DashboardPage-/.test(f))).toBe(false);
  });
});
