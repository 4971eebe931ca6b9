import { createContext, useContext } from 'react';
import { isCensusOnlyRole } from '../../../core/roles.ts';
import type { User } from '../../api/types.ts';

export const CurrentUserContext = createContext<User | null>(null);

/** The logged-in user; only valid below RequireAuth, which renders nothing until there is one. */
export function useCurrentUser(): User {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser() outside RequireAuth');
  return user;
}

/**
 * Where a user starts: their own village, district or the whole regency; a census enumerator, who may use
 * nothing else, in the field census app.
 */
export function homePathFor(user: Pick<User, 'regionCode' | 'role'>): string {
  return isCensusOnlyRole(user.role) ? '/sensus' : `/regions/${user.regionCode}`;
}

/** Only same-site paths may follow a login (no `//evil.example`). */
export function safeNextPath(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;
}
