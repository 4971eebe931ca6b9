import { Navigate } from 'react-router';
import { homePathFor, useCurrentUser } from './session.ts';

export function HomeRedirect() {
  return <Navigate to={homePathFor(useCurrentUser())} replace />;
}
