import { z } from 'zod';

/** `?page=&pageSize=` as every list route reads them: page from 1, at most 200 rows a page. */
export const pageQuery = z.object({
  page: z.coerce.number({ error: 'Halaman harus berupa angka.' }).int().min(1, 'Halaman dimulai dari 1.').default(1),
  pageSize: z.coerce
    .number({ error: 'Jumlah per halaman harus berupa angka.' })
    .int()
    .min(1, 'Jumlah per halaman minimal 1.')
    .max(200, 'Jumlah per halaman paling banyak 200.')
    .default(50),
});
