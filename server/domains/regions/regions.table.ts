import { index, pgTable, text } from 'drizzle-orm/pg-core';

/** The region tree from idn-area-data: every province, regency and district of Indonesia, villages of the served region. */
export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: ['province', 'regency', 'district', 'village'] }).notNull(),
    parentCode: text('parent_code'),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode)],
);
