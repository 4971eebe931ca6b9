import { describe, expect, it } from 'vitest';
import { withoutQueryParams } from './errors.ts';

describe('logging a failed query', () => {
  it('keeps the SQL and drops the values it was sent (NIKs, names)', () => {
    const message = 'Failed query: insert into "workers" ("id", "nik", "name") values ($1, $2, $3)\nparams: 0b0f…,5203014507850001,Siti Aminah';
    const logged = withoutQueryParams(message);
    expect(logged).toContain('insert into "workers"');
    expect(logged).toContain('params: [redacted]');
    expect(logged).not.toContain('5203014507850001');
    expect(logged).not.toContain('Siti Aminah');
    expect(withoutQueryParams(undefined)).toBeUndefined();
  });
});
