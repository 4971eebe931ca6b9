/** The regency office's first admin, on whose behalf the demo's settings and claims are made. */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.ts';
import type { SessionUser } from '../domains/auth/auth.service.ts';

export async function firstAdmin(db: Db): Promise<SessionUser | undefined> {
  const [admin] = await queryRows<{ id: string; username: string; region_code: string }>(
    db,
    sql`select id, username, region_code from users where role = 'admin' order by created_at limit 1`,
  );
  return admin && { id: admin.id, username: admin.username, role: 'admin', regionCode: admin.region_code };
}
