/** Every table, for Drizzle's typed queries and for `drizzle-kit generate`. */
export * from './meta.table.ts';
export * from '../domains/regions/regions.table.ts';
export * from '../domains/auth/auth.table.ts';
export * from '../domains/workers/workers.table.ts';
export * from '../domains/audit/audit.table.ts';
export * from '../domains/enrolment/enrolment.table.ts';
export * from '../domains/imports/imports.table.ts';
export * from '../domains/reconciliation/reconciliation.table.ts';
export * from '../domains/premiums/premiums.table.ts';
export * from '../domains/financing/financing.table.ts';
export * from '../domains/enrolment/protection-history.table.ts';
export * from '../domains/ucj/coverage.table.ts';
export * from '../domains/claims/claims.table.ts';
export * from '../domains/census/census.table.ts';
