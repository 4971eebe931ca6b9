/**
 * Every setting Jaring reads, validated once at boot. A bad value stops the server with a message
 * that names the variable; nothing else reads process.env.
 */
import path from 'node:path';
import { z } from 'zod';

const flag = (fallback: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : ['1', 'true', 'yes'].includes(v)));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Folder of the embedded PGlite database; ignored when DATABASE_URL is set. */
  DATA_DIR: z.string().default('./data'),
  /** postgres://… of a PostgreSQL server; when set, PGlite is not used. */
  DATABASE_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  /** The region this installation serves: a regency (`52.03`) or a province (`52`). */
  JARING_REGENCY: z
    .string()
    .regex(/^\d{2}(\.\d{2})?$/, 'JARING_REGENCY must be a regency code like 52.03 (or a province code like 52)')
    .default('52.03'),
  /** Load the synthetic demo dataset into an empty database. */
  JARING_DEMO: flag(true),
  JARING_ADMIN_PASSWORD: z.string().min(10, 'JARING_ADMIN_PASSWORD must be at least 10 characters').optional(),
  /** The regency's clock for "today" (Lombok: WITA). */
  JARING_TIMEZONE: z.string().default('Asia/Makassar'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** Logins allowed per client address per minute. */
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  /** Failed logins under one username within LOGIN_LOCKOUT_MINUTES after which that name is refused until they age out. */
  LOGIN_LOCKOUT_ATTEMPTS: z.coerce.number().int().positive().default(10),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().positive().default(15),
  /** Set to 1 behind an HTTPS reverse proxy: cookies get `Secure` and client addresses come from X-Forwarded-For. */
  TRUST_PROXY: flag(false),
  /** Largest census or BPJS file accepted for import, in megabytes. */
  IMPORT_MAX_MB: z.coerce.number().positive().default(200),
  /** Resident exports (OpenSID, SIAK) bring in residents of working age: from 15 up to this age. */
  IMPORT_RESIDENT_MAX_AGE: z.coerce.number().int().min(15).max(120).default(65),
  /** Rows per import transaction (tuning; smaller batches mean smaller transactions, larger ones faster imports). */
  IMPORT_BATCH_ROWS: z.coerce.number().int().min(1).max(50_000).default(5000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  regionCode: string;
  demo: boolean;
  adminPassword: string | undefined;
  timeZone: string;
  sessionTtlMs: number;
  loginRateLimit: number;
  /** Per-username lockout: this many failed logins within the window lock the name until they age out. */
  loginLockout: { attempts: number; windowMs: number };
  trustProxy: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  importMaxBytes: number;
  residentMaxAge: number;
  importBatchRows: number;
  /** Uploaded files wait here until their import has run (DATA_DIR/imports, also with PostgreSQL). */
  importDir: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    regionCode: e.JARING_REGENCY,
    demo: e.JARING_DEMO,
    adminPassword: e.JARING_ADMIN_PASSWORD,
    timeZone: e.JARING_TIMEZONE,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    loginLockout: { attempts: e.LOGIN_LOCKOUT_ATTEMPTS, windowMs: e.LOGIN_LOCKOUT_MINUTES * 60_000 },
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    importMaxBytes: Math.round(e.IMPORT_MAX_MB * 1024 * 1024),
    residentMaxAge: e.IMPORT_RESIDENT_MAX_AGE,
    importBatchRows: e.IMPORT_BATCH_ROWS,
    importDir: path.join(path.resolve(e.DATA_DIR), 'imports'),
  };
}
