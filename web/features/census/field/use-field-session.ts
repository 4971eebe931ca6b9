/**
 * The field app's own session handling (it lives outside RequireAuth so it opens with no signal):
 * `/api/me` when it answers, else the profile cached at the last successful check.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { api, isApiError } from '../../../api/client.ts';
import type { User } from '../../../api/types.ts';
import { cacheProfile, readCachedProfile, type CachedProfile } from './census-db.ts';

/**
 * checking: asking the server (the cached profile, if any, is already usable).
 * online: the server knows the user. offline: no answer; working as the cached profile.
 * expired: the server refused the session; work goes on offline and is sent after the next login.
 * signed-out: no session and nothing cached: the user must log in (online) once.
 */
export type SessionStatus = 'checking' | 'online' | 'offline' | 'expired' | 'signed-out';

export interface FieldSession {
  status: SessionStatus;
  profile: CachedProfile | null;
  /** Storage failed (private mode, full disk): nothing can be kept offline. */
  storageError: boolean;
  recheck: () => void;
  markExpired: () => void;
}

export function useFieldSession(): FieldSession {
  const [status, setStatus] = useState<SessionStatus>('checking');
  const [profile, setProfile] = useState<CachedProfile | null>(null);
  const [storageError, setStorageError] = useState(false);
  const run = useRef(0);

  const check = useCallback(async () => {
    const id = ++run.current;
    setStatus('checking');
    const cached = await readCachedProfile().catch(() => {
      setStorageError(true);
      return undefined;
    });
    if (id !== run.current) return;
    if (cached) setProfile(cached);
    try {
      const { user } = await api<{ user: User }>('GET', '/api/me');
      const fresh = await cacheProfile(user).catch(() => {
        setStorageError(true);
        return { ...user, slot: 'last' as const, cachedAt: new Date().toISOString() };
      });
      if (id !== run.current) return;
      setProfile(fresh);
      setStatus('online');
    } catch (error) {
      if (id !== run.current) return;
      if (isApiError(error, 401)) setStatus(cached ? 'expired' : 'signed-out');
      else setStatus(cached ? 'offline' : 'signed-out');
    }
  }, []);

  useEffect(() => {
    void check();
    // Signal back: ask again, which also starts sending the queue.
    const onOnline = () => void check();
    const onOffline = () => setStatus((s) => (s === 'online' || s === 'checking' ? 'offline' : s));
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    };
  }, [check]);

  const markExpired = useCallback(() => setStatus('expired'), []);
  const recheck = useCallback(() => void check(), [check]);
  return { status, profile, storageError, recheck, markExpired };
}

function subscribeOnline(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

/** Whether the phone says it has a network; a request may still fail (weak signal), which the sync handles. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine);
}
