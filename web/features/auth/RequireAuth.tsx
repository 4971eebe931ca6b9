import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { isCensusOnlyRole } from '../../../core/roles.ts';
import { useMe } from '../../api/queries.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { CurrentUserContext } from './session.ts';

/**
 * Renders its children for a logged-in user; everyone else goes to the login page and comes back after,
 * and an enumerator to the field census app.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoader />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  // An enumerator has only the field census app; every other page would answer 403.
  if (isCensusOnlyRole(me.data.role)) return <Navigate to="/sensus" replace />;
  return <CurrentUserContext value={me.data}>{children}</CurrentUserContext>;
}
