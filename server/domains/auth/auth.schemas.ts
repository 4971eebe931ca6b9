import { z } from 'zod';
import { REGION_CODE_PATTERN } from '../../../core/regions.ts';
import { ROLES } from '../../../core/roles.ts';
import { PASSWORD_MIN_LENGTH } from './password-rules.ts';

export const loginBodySchema = z.object({
  username: z.string({ error: 'Nama pengguna wajib diisi.' }).trim().min(1, 'Nama pengguna wajib diisi.').max(100),
  password: z.string({ error: 'Kata sandi wajib diisi.' }).min(1, 'Kata sandi wajib diisi.').max(200),
});

export const createUserBodySchema = z.object({
  username: z
    .string({ error: 'Nama pengguna wajib diisi.' })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, 'Nama pengguna 3–40 huruf kecil, angka, titik, garis bawah atau tanda hubung.'),
  password: z
    .string({ error: 'Kata sandi wajib diisi.' })
    .min(PASSWORD_MIN_LENGTH, `Kata sandi minimal ${PASSWORD_MIN_LENGTH} karakter.`)
    .max(200, 'Kata sandi paling panjang 200 karakter.'),
  role: z.enum(ROLES, { error: `Peran harus salah satu dari: ${ROLES.join(', ')}.` }),
  regionCode: z
    .string({ error: 'Wilayah tugas wajib diisi.' })
    .regex(REGION_CODE_PATTERN, 'Kode wilayah harus berbentuk kode Kemendagri bertitik, misalnya 52.03.01.2001.'),
});
export type CreateUserBody = z.infer<typeof createUserBodySchema>;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: z.enum(ROLES),
  regionCode: z.string(),
  regionName: z.string(),
  createdAt: z.string(),
});
export type UserDto = z.infer<typeof userSchema>;

export const meSchema = z.object({ user: userSchema });
export const userListSchema = z.object({ items: z.array(userSchema) });
