/**
 * The enumerator's task: the running census round of their village (cached for offline), the village's
 * downloaded register (refreshed on its own when older than a day), and the village's progress online.
 */
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  censusRoundState,
  type CensusProgressDto,
  type CensusRegisterDto,
  type CensusRoundDetailDto,
  type CensusRoundDto,
} from '../../../../core/census.ts';
import { api, isApiError, withQuery } from '../../../api/client.ts';
import { cacheRounds, readCachedRounds, readRegister, saveRegister, useLiveQuery } from './census-db.ts';
import { isRegisterStale } from './field-entry.ts';
import type { FieldSession } from './use-field-session.ts';

const ROUND_KEY = 'jaring.census.round';
const VILLAGE_KEY = 'jaring.census.village';

export const censusProgressKey = (roundId: string, villageCode: string) => ['census', 'progress', roundId, villageCode] as const;

/** Today on the phone's own calendar (YYYY-MM-DD): offline there is no server to ask. */
export function phoneToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function useStoredChoice(key: string): [string | null, (value: string) => void] {
  const [value, setValue] = useState<string | null>(() => {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  });
  const set = useCallback(
    (next: string) => {
      setValue(next);
      try {
        localStorage.setItem(key, next);
      } catch {
        // Private mode: the choice lasts for this visit.
      }
    },
    [key],
  );
  return [value, set];
}

export function useFieldTask(session: FieldSession) {
  const { profile, status, markExpired } = session;
  const ownerId = profile?.id ?? null;
  const online = status === 'online';
  const cached = useLiveQuery(() => (ownerId ? readCachedRounds(ownerId) : Promise.resolve(undefined)), [ownerId]);
  const [roundsError, setRoundsError] = useState<string | null>(null);

  // Online, the round list (and each running round's villages and targets) is read again and cached.
  useEffect(() => {
    if (!online || !ownerId) return;
    let cancelled = false;
    void (async () => {
      try {
        const { items } = await api<{ items: CensusRoundDto[] }>('GET', '/api/census/rounds');
        const open = items.filter((r) => r.state === 'running' || r.state === 'upcoming');
        const details = await Promise.all(open.map((r) => api<CensusRoundDetailDto>('GET', `/api/census/rounds/${r.id}`)));
        if (cancelled) return;
        await cacheRounds(ownerId, details);
        setRoundsError(null);
      } catch (error) {
        if (cancelled) return;
        if (isApiError(error, 401)) markExpired();
        else setRoundsError(error instanceof Error ? error.message : String(error));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [online, ownerId, markExpired]);

  // Offline for days, a cached round may have ended: its state is worked out again on the phone's calendar.
  const today = phoneToday();
  const rounds = (cached.data?.items ?? []).map((r) => ({ ...r, state: censusRoundState(r, today) }));
  const running = rounds.filter((r) => r.state === 'running');
  const [roundChoice, setRoundChoice] = useStoredChoice(ROUND_KEY);
  const round = running.find((r) => r.id === roundChoice) ?? running[0] ?? null;
  const villages = round?.villages ?? [];
  const [villageChoice, setVillageChoice] = useStoredChoice(VILLAGE_KEY);
  // An enumerator or village operator sees exactly their village; wider scopes pick one.
  const village = villages.length === 1 ? villages[0]! : (villages.find((v) => v.villageCode === villageChoice) ?? null);
  const villageCode = village?.villageCode ?? null;

  const register = useLiveQuery(
    () => (villageCode ? readRegister(villageCode) : Promise.resolve(undefined)),
    [villageCode],
  );
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const download = useCallback(async () => {
    if (!villageCode) return;
    setDownloading(true);
    setDownloadError(null);
    try {
      await saveRegister(await api<CensusRegisterDto>('GET', withQuery('/api/census/register', { village: villageCode })));
    } catch (error) {
      if (isApiError(error, 401)) markExpired();
      setDownloadError(error instanceof Error ? error.message : String(error));
    } finally {
      setDownloading(false);
    }
  }, [villageCode, markExpired]);

  // Once per village and visit: download when missing or older than a day.
  const autoTried = useRef<string | null>(null);
  const stale = register.loaded && isRegisterStale(register.data?.downloadedAt, new Date());
  useEffect(() => {
    if (!online || !villageCode || !stale || autoTried.current === villageCode) return;
    autoTried.current = villageCode;
    void download();
  }, [online, villageCode, stale, download]);

  const progress = useQuery({
    queryKey: censusProgressKey(round?.id ?? '', villageCode ?? ''),
    queryFn: () => api<CensusProgressDto>('GET', withQuery(`/api/census/rounds/${round!.id}/progress`, { region: villageCode })),
    enabled: online && Boolean(round && villageCode),
    staleTime: 30_000,
  });

  return {
    roundsLoaded: cached.loaded,
    roundsCachedAt: cached.data?.cachedAt ?? null,
    roundsError,
    rounds,
    running,
    round,
    setRound: setRoundChoice,
    villages,
    village,
    setVillage: setVillageChoice,
    register: register.data ?? null,
    registerLoaded: register.loaded,
    download,
    downloading,
    downloadError,
    progress,
  };
}

export type FieldTask = ReturnType<typeof useFieldTask>;
export type FieldRound = FieldTask['rounds'][number];
