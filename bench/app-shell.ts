/**
 * The JavaScript a phone downloads before a page can be used, from the production build in dist/web:
 * the entry script of index.html and every chunk it imports statically, plus the page's own lazy chunk
 * and its static imports. Lazy chunks of other pages are not counted; they load when opened. Sizes are
 * gzip level 9 and brotli 11, as the server sends the precompressed copies.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { REPO_ROOT } from './startup.ts';

export const WEB_DIST = process.env.JARING_WEB_DIST ?? path.join(REPO_ROOT, "dist", "web");

export interface ShellSize {
  page: string;
  files: string[];
  rawBytes: number;
  gzipBytes: number;
  brotliBytes: number;
}

/** Pages measured, by the file name of their lazy chunk (web/routes.tsx). */
const PAGES = [
  { page: 'login (/login)', chunk: 'LoginPage' },
  { page: 'field census (/sensus)', chunk: 'FieldCensusPage' },
];

export function ensureWebBuild(): void {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) execFileSync('npx', ['vite', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
}

/** Relative JS files a module imports statically (`import … from "./x.js"`, `import "./x.js"`), not `import("./x.js")`. */
function staticImports(file: string): string[] {
  const code = fs.readFileSync(file, 'utf8');
  const found = new Set<string>();
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+\.js)["']/g)) found.add(path.resolve(path.dirname(file), m[1]!));
  return [...found];
}

function closure(roots: string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    stack.push(...staticImports(file));
  }
  return seen;
}

function entryScripts(): string[] {
  const html = fs.readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8');
  const srcs = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g), ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
  return srcs.filter((s) => s.startsWith('/')).map((s) => path.join(WEB_DIST, s));
}

function pageChunk(name: string): string {
  const assets = path.join(WEB_DIST, 'assets');
  const file = fs.readdirSync(assets).find((f) => f.startsWith(`${name}-`) && f.endsWith('.js'));
  if (!file) throw new Error(`no ${name}-*.js chunk in ${assets}; is dist/web a current build?`);
  return path.join(assets, file);
}

export function appShellSizes(): ShellSize[] {
  const entry = entryScripts();
  return PAGES.map(({ page, chunk }) => {
    const files = [...closure([...entry, pageChunk(chunk)])].sort();
    let rawBytes = 0;
    let gzipBytes = 0;
    let brotliBytes = 0;
    for (const file of files) {
      const source = fs.readFileSync(file);
      rawBytes += source.length;
      gzipBytes += gzipSync(source, { level: 9 }).length;
      brotliBytes += brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    }
    return { page, files: files.map((f) => path.relative(WEB_DIST, f)), rawBytes, gzipBytes, brotliBytes };
  });
}

// `npx tsx bench/app-shell.ts` prints the sizes of the current build.
if (import.meta.url === `file://${process.argv[1]}`) {
  ensureWebBuild();
  for (const s of appShellSizes()) console.log(`${s.page}: ${s.files.length} files, gzip ${(s.gzipBytes / 1024).toFixed(1)} kB, brotli ${(s.brotliBytes / 1024).toFixed(1)} kB`);
}
