import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` turns the Drizzle tables into a new SQL migration in migrations/.
// Landed migrations are never edited; change the tables and generate a new one.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema.ts',
  out: './migrations',
});
