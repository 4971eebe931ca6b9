import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';

/** The register of informal workers. Ids are random UUIDs so no one can walk the register by counting. */
export const workers = pgTable(
  'workers',
  {
    id: uuid('id').primaryKey(),
    nik: varchar('nik', { length: 16 }).notNull(),
    name: text('name').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    sex: text('sex', { enum: ['M', 'F'] }).notNull(),
    villageCode: text('village_code').notNull(),
    /** Derived from the village code; stored so district lists use an index. */
    districtCode: text('district_code').notNull(),
    hamlet: text('hamlet'),
    rt: text('rt'),
    rw: text('rw'),
    phone: text('phone'),
    occupation: text('occupation').notNull(),
    monthlyIncome: integer('monthly_income'),
    /** Family card (KK) number: groups a household; comes from census files and resident exports. */
    familyCardNumber: varchar('family_card_number', { length: 16 }),
    /** People the worker provides for (children, spouse, parents); financing puts households with dependants first. */
    dependants: integer('dependants'),
    notes: text('notes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
    updatedBy: uuid('updated_by'),
    /**
     * Day of death, set when a death claim is reported (cleared if that report is cancelled). A deceased
     * worker stays in lists and keeps their history, but leaves the register coverage is counted against.
     */
    deceasedOn: date('deceased_on', { mode: 'string' }),
    /** Removed workers stay for the audit trail and later claims; they leave lists and free their NIK. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('workers_nik_active_uq').on(t.nik).where(sql`${t.deletedAt} is null`),
    index('workers_village_name_idx').on(t.villageCode, t.name),
    index('workers_district_name_idx').on(t.districtCode, t.name),
    index('workers_name_idx').on(t.name),
    // Blocking key for linking BPJS participants whose NIK is missing or mistyped (reconciliation).
    index('workers_birth_date_idx').on(t.birthDate),
    index('workers_village_birth_date_idx').on(t.villageCode, t.birthDate),
    index('workers_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);
