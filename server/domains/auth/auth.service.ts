/**
 * Users, logins and sessions. Sessions live in the database so any app process can serve any user;
 * the cookie carries a random token, the database only its hash.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { regionLevelOf, isWithinRegion } from '../../../core/regions.ts';
import { canManageUsers, type Role, ROLE_SCOPE_LEVEL } from '../../../core/roles.ts';
import type { Db } from '../../db/client.ts';
import { AppError, errors } from '../../errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.service.ts';
import type { RegionDirectory } from '../regions/region-directory.ts';
import {
  countUsers,
  deleteExpiredSessions,
  deleteSessionsOfUser,
  deleteSession,
  extendSession,
  findLiveSession,
  findRecentLoginFailures,
  findUserByUsername,
  findUsers,
  insertSession,
  insertUser,
  updatePasswordHash,
  type UserRow,
} from './auth.repo.ts';
import type { CreateUserBody, UserDto } from './auth.schemas.ts';
import { DUMMY_HASH, generatePassword, hashPassword, verifyPassword } from './password.ts';
import { passwordProblem } from './password-rules.ts';

export interface SessionUser {
  id: string;
  username: string;
  role: Role;
  regionCode: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toSessionUser(row: UserRow): SessionUser {
  return { id: row.id, username: row.username, role: row.role, regionCode: row.regionCode };
}

export function presentUser(row: UserRow, regionsDir: RegionDirectory): UserDto {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    regionCode: row.regionCode,
    regionName: regionsDir.get(row.regionCode)?.name ?? row.regionCode,
    createdAt: row.createdAt.toISOString(),
  };
}

const INVALID_LOGIN = () =>
  new AppError('unauthenticated', 'INVALID_CREDENTIALS', 'Nama pengguna atau kata sandi salah. Periksa lalu coba lagi.');

/** A username locked after too many failed logins; `retryAfterSeconds` says when the next try is counted. */
export class LoginLockedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      'tooMany',
      'LOGIN_LOCKED',
      `Terlalu banyak percobaan masuk yang gagal untuk nama pengguna ini. Coba lagi dalam ${minutes} menit, atau minta admin Disnakertrans mengatur ulang kata sandi.`,
    );
  }
}

export interface LoginOptions {
  ttlMs: number;
  now: Date;
  requestId?: string;
  /** This many failed logins under one username within `windowMs` lock it until the oldest of them ages out. */
  lockout: { attempts: number; windowMs: number };
}

/**
 * Checks a username and password; on success opens a session and returns its token. Failures are audited,
 * and too many of them under one username lock it for a while — whether or not such a user exists, so
 * neither the answer nor its timing tells who does.
 */
export async function login(db: Db, input: { username: string; password: string }, options: LoginOptions): Promise<{ token: string; user: UserRow; expiresAt: Date }> {
  const username = input.username.trim().toLowerCase();
  const attempted = username.slice(0, 100);
  const { attempts, windowMs } = options.lockout;
  const failures = await findRecentLoginFailures(db, attempted, new Date(options.now.getTime() - windowMs), attempts);
  if (failures.length >= attempts) {
    // Refused without checking the password: a correct guess now would tell the guesser nothing either.
    await recordAudit(
      db,
      { actor: null, attemptedUsername: attempted, requestId: options.requestId },
      { action: 'login_failed', entity: 'session', changes: { reason: 'locked' }, at: options.now },
    );
    const unlocksAt = failures[attempts - 1]!.getTime() + windowMs;
    throw new LoginLockedError(Math.max(1, Math.ceil((unlocksAt - options.now.getTime()) / 1000)));
  }
  const user = await findUserByUsername(db, username);
  // Verify against a dummy hash for unknown users: the answer and its timing do not tell who exists.
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.disabledAt) {
    await recordAudit(
      db,
      { actor: null, attemptedUsername: attempted, requestId: options.requestId },
      { action: 'login_failed', entity: 'session', at: options.now },
    );
    throw INVALID_LOGIN();
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(options.now.getTime() + options.ttlMs);
  await db.transaction(async (tx) => {
    await deleteExpiredSessions(tx, options.now);
    await insertSession(tx, { tokenHash: hashToken(token), userId: user.id, expiresAt });
    await recordAudit(tx, { actor: toSessionUser(user), requestId: options.requestId }, { action: 'login', entity: 'session', entityId: user.id, at: options.now });
  });
  return { token, user, expiresAt };
}

/** The user behind a session token, extending the session when more than half its time has passed. */
export async function resolveSession(
  db: Db,
  token: string,
  options: { ttlMs: number; now: Date },
): Promise<{ user: UserRow; expiresAt: Date; extended: boolean } | null> {
  const tokenHash = hashToken(token);
  const found = await findLiveSession(db, tokenHash, options.now);
  if (!found) return null;
  const expiresAt = found.session.expiresAt;
  if (expiresAt.getTime() - options.now.getTime() >= options.ttlMs / 2) return { user: found.user, expiresAt, extended: false };
  const extendedTo = new Date(options.now.getTime() + options.ttlMs);
  await extendSession(db, tokenHash, extendedTo);
  return { user: found.user, expiresAt: extendedTo, extended: true };
}

export async function logout(db: Db, token: string, context: AuditContext): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteSession(tx, hashToken(token));
    if (context.actor) await recordAudit(tx, context, { action: 'logout', entity: 'session', entityId: context.actor.id });
  });
}

/** Checks that a role's region scope is a region of the right level inside the served region. */
function checkScope(role: Role, regionCode: string, regionsDir: RegionDirectory): void {
  const region = regionsDir.get(regionCode);
  const served = regionsDir.servedCode;
  const wanted = ROLE_SCOPE_LEVEL[role];
  const level = regionLevelOf(regionCode);
  const fits =
    region !== undefined &&
    (wanted === 'regency-or-wider'
      ? (level === 'regency' || level === 'province') && (isWithinRegion(regionCode, served) || isWithinRegion(served, regionCode))
      : level === wanted && isWithinRegion(regionCode, served));
  if (!fits) {
    const need =
      wanted === 'village'
        ? 'sebuah desa/kelurahan (misalnya 52.03.01.2001)'
        : wanted === 'district'
          ? 'sebuah kecamatan (misalnya 52.03.01)'
          : `kabupaten yang dilayani (${served})`;
    throw new AppError('validation', 'ROLE_REGION_MISMATCH', `Wilayah tugas untuk peran "${role}" harus ${need} di wilayah ${regionsDir.served.name}.`, 'regionCode');
  }
}

function assertPasswordAllowed(password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new AppError('validation', problem.code, problem.message, 'password');
}

export async function createUser(
  db: Db,
  regionsDir: RegionDirectory,
  context: AuditContext & { actor: SessionUser },
  body: CreateUserBody,
): Promise<UserRow> {
  if (!canManageUsers(context.actor)) throw errors.forbidden('Hanya admin Disnakertrans yang dapat membuat pengguna.');
  checkScope(body.role, body.regionCode, regionsDir);
  assertPasswordAllowed(body.password, body.username);
  if (await findUserByUsername(db, body.username)) {
    throw new AppError('conflict', 'USERNAME_TAKEN', `Nama pengguna "${body.username}" sudah dipakai. Pilih nama lain.`, 'username');
  }
  const passwordHash = await hashPassword(body.password);
  return db.transaction(async (tx) => {
    const row = await insertUser(tx, { id: randomUUID(), username: body.username, passwordHash, role: body.role, regionCode: body.regionCode });
    await recordAudit(tx, context, {
      action: 'create',
      entity: 'user',
      entityId: row.id,
      regionCode: row.regionCode,
      changes: { username: row.username, role: row.role, regionCode: row.regionCode },
    });
    return row;
  });
}

export async function listUsers(db: Db, actor: SessionUser): Promise<UserRow[]> {
  if (!canManageUsers(actor)) throw errors.forbidden('Hanya admin Disnakertrans yang dapat melihat daftar pengguna.');
  return findUsers(db);
}

/**
 * On a database without users, creates `admin` with JARING_ADMIN_PASSWORD or a random password.
 * Returns the random password so the caller can print it once; never stored in clear anywhere.
 */
export async function ensureInitialAdmin(
  db: Db,
  regionCode: string,
  configuredPassword: string | undefined,
): Promise<{ created: boolean; generatedPassword?: string }> {
  if ((await countUsers(db)) > 0) return { created: false };
  const password = configuredPassword ?? generatePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const row = await insertUser(tx, { id: randomUUID(), username: 'admin', passwordHash, role: 'admin', regionCode });
    await recordAudit(tx, { actor: null, attemptedUsername: 'system' }, {
      action: 'create',
      entity: 'user',
      entityId: row.id,
      regionCode,
      changes: { username: 'admin', role: 'admin', regionCode },
    });
  });
  return configuredPassword ? { created: true } : { created: true, generatedPassword: password };
}

/**
 * Gives a user a new password and ends all of the user's sessions, audited, in one transaction.
 * Returns undefined when there is no such user.
 */
export async function resetPassword(db: Db, username: string, password: string, context: AuditContext): Promise<UserRow | undefined> {
  const user = await findUserByUsername(db, username.trim().toLowerCase());
  if (!user) return undefined;
  assertPasswordAllowed(password, user.username);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await updatePasswordHash(tx, user.id, passwordHash);
    await deleteSessionsOfUser(tx, user.id);
    await recordAudit(tx, context, {
      action: 'update',
      entity: 'user',
      entityId: user.id,
      regionCode: user.regionCode,
      changes: { password: { before: '***', after: '***' } },
    });
  });
  return user;
}

export { toSessionUser };
