/**
 * What a new password must be (user creation and reset): long enough, not the username, and not one of
 * the passwords people pick first. Pure: the service turns a problem into a 400 on the `password` field.
 */

export const PASSWORD_MIN_LENGTH = 10;

export interface PasswordProblem {
  code: 'PASSWORD_TOO_SHORT' | 'PASSWORD_HAS_USERNAME' | 'PASSWORD_COMMON';
  message: string;
}

/**
 * Passwords of ten characters or more that lists of leaked passwords put near the top, in Indonesia too,
 * and the names of this application and its programmes. Compared case-insensitively.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '1234567890',
  '0123456789',
  '0987654321',
  '12345678910',
  '123456789a',
  '1q2w3e4r5t',
  'qwertyuiop',
  'qwerty1234',
  'qwerty12345',
  'asdfghjkl1',
  'password12',
  'password123',
  'password1234',
  'passw0rd123',
  'iloveyou12',
  'katasandi1',
  'katasandi123',
  'rahasia123',
  'rahasia1234',
  'bismillah1',
  'bismillah123',
  'indonesia1',
  'indonesia123',
  'indonesia45',
  'merdeka123',
  'sayangku123',
  'admin12345',
  'admin123456',
  'administrator',
  'jaring12345',
  'jaring123456',
  'bpjs123456',
  'bpjsketenagakerjaan',
  'jamsostek123',
  'lomboktimur',
  'disnakertrans',
]);

/** The first rule a new password breaks, or null when it may be used. */
export function passwordProblem(password: string, username: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return { code: 'PASSWORD_TOO_SHORT', message: `Kata sandi minimal ${PASSWORD_MIN_LENGTH} karakter.` };
  }
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name && lower.includes(name)) {
    return { code: 'PASSWORD_HAS_USERNAME', message: 'Kata sandi tidak boleh memuat nama pengguna. Pilih kata sandi lain.' };
  }
  if (COMMON_PASSWORDS.has(lower) || new Set(lower).size <= 2) {
    return {
      code: 'PASSWORD_COMMON',
      message: 'Kata sandi ini terlalu umum dan mudah ditebak. Gabungkan beberapa kata yang tidak berhubungan, angka atau tanda baca.',
    };
  }
  return null;
}
