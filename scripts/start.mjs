#!/usr/bin/env node
// `npm start`: bring the built web app and the server bundle up to date with their sources (each only
// when a source is newer), then run the server. The bundle (dist/server/main.mjs) starts about a second
// faster than compiling TypeScript on the fly, which keeps a restart under the target.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const webIndex = path.join(root, 'dist/web/index.html');
const serverBundle = path.join(root, 'dist/server/main.mjs');

function newestMtime(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

const builtAt = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);
const newestOf = (...parts) => Math.max(...parts.map((p) => newestMtime(path.join(root, p))));
const lockChanged = newestOf('package-lock.json');

if (builtAt(webIndex) < Math.max(newestOf('web', 'core', 'vite.config.ts'), lockChanged)) {
  console.log(builtAt(webIndex) ? 'Web app sources changed: rebuilding…' : 'Building the web app (first start)…');
  const res = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

if (builtAt(serverBundle) < Math.max(newestOf('server', 'core'), lockChanged)) {
  const { build } = await import('esbuild');
  // Our code in one file; packages stay in node_modules (they load their own files and WebAssembly).
  await build({
    entryPoints: [path.join(root, 'server/main.ts')],
    outfile: serverBundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

await import(pathToFileURL(serverBundle).href);
