import { pgTable, text } from 'drizzle-orm/pg-core';

/** Small facts about this database: which region data version is loaded, whether demo data was seeded. */
export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
