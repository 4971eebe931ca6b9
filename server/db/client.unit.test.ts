import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockDataDir } from './client.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jaring-lock-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('data folder lock', () => {
  it('keeps a second process out of a PGlite data folder, and takes over a lock left by a dead one', () => {
    const lockFile = path.join(dir, 'jaring.lock');
    fs.writeFileSync(lockFile, String(process.ppid)); // a live process that is not us
    expect(() => lockDataDir(dir)).toThrow(/in use by another Jaring process/);

    fs.writeFileSync(lockFile, '2147483646'); // no such process
    const release = lockDataDir(dir);
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    expect(() => lockDataDir(dir)).toThrow(/already open in this process/);
    expect(fs.existsSync(lockFile)).toBe(true);
    release();
    expect(fs.existsSync(lockFile)).toBe(false);
  });
});
