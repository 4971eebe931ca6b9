import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/test-app.ts';
import { upload } from '../../test/upload.ts';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  // A 2 kB limit, so a small file shows what a too-large one gets.
  t = await testApp({ env: { IMPORT_MAX_MB: String(2 / 1024) } });
  admin = await t.loginAs('admin');
});
afterAll(() => t.close());

describe('upload limits', () => {
  it('answers 413 with the limit in the message for a file over IMPORT_MAX_MB, and keeps nothing', async () => {
    const big = `NIK;Nama;Kode Desa;Pekerjaan\r\n${'5203010101800001;Ahmad;52.03.01.2001;Buruh Tani\r\n'.repeat(100)}`;
    const res = await upload(t.app, '/api/imports/workers', { cookie: admin, fileName: 'besar.csv', content: big });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'FILE_TOO_LARGE', field: 'file' });
    const list = await t.app.inject({ method: 'GET', url: '/api/imports', headers: { cookie: admin } });
    expect(list.json().total).toBe(0);
  });

  it('answers 400 when the form has no file field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports/workers',
      headers: { cookie: admin, 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x\r\nContent-Disposition: form-data; name="village"\r\n\r\n52.03.01.2001\r\n--x--\r\n',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'FILE_REQUIRED', field: 'file' });
  });

  it('answers 400 to a JSON body instead of a file upload', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/imports/workers', headers: { cookie: admin }, payload: { file: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('UPLOAD_NOT_MULTIPART');
  });
});
