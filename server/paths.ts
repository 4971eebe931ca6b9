/**
 * Folders the server reads at run time, found from the repository root so they resolve the same whether
 * the server runs from its TypeScript sources (tsx) or from the bundle in dist/server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'migrations'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`Cannot find the Jaring folder above ${from}`);
  }
}

export const ROOT_DIR = findRoot(path.dirname(fileURLToPath(import.meta.url)));
export const MIGRATIONS_DIR = path.join(ROOT_DIR, 'migrations');
export const WEB_DIST_DIR = path.join(ROOT_DIR, 'dist/web');
