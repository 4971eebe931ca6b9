import { Alert, Badge, Box, Button, Container, Group, Loader, NativeSelect, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { occupationLabel } from '../../../../core/occupations.ts';
import { useLogout } from '../../../api/queries.ts';
import { LanguageSwitch } from '../../../components/LanguageSwitch.tsx';
import { Logo } from '../../../components/Logo.tsx';
import { useLang } from '../../../i18n/index.ts';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { countUnsentOfOthers, entriesOf, fieldSync, forgetSignedInUser, useLiveQuery, type CachedProfile } from './census-db.ts';
import { ConflictResolver } from './ConflictResolver.tsx';
import { EditWorkerForm } from './EditWorkerForm.tsx';
import { FieldQueue } from './FieldQueue.tsx';
import { FieldSearch } from './FieldSearch.tsx';
import { FieldSection, TOUCH } from './field-ui.tsx';
import type { FieldEntry } from './field-entry.ts';
import { NewWorkerForm } from './NewWorkerForm.tsx';
import { useFieldSession, useOnline, type FieldSession } from './use-field-session.ts';
import { useFieldTask, type FieldTask } from './use-field-task.ts';

const LOGIN_PATH = '/login?next=/sensus';
/** Who records census entries (core/roles canWriteCensus); anyone else is pointed back to the main app. */
const FIELD_ROLES = new Set(['enumerator', 'village', 'admin']);

/**
 * `/sensus`: the installable field census app. It opens with no signal (the service worker keeps the app,
 * IndexedDB keeps the user, the round, the village register and the queue) and sends the queue whenever
 * the phone is back online.
 */
export default function FieldCensusPage() {
  const { t } = useTranslation();
  usePageTitle(t('cns.title'));
  const session = useFieldSession();
  const online = useOnline();
  const { profile, status } = session;

  let body: ReactNode;
  if (!profile && status === 'checking') {
    body = (
      <Group justify="center" py="xl">
        <Loader size="sm" />
        <Text c="dimmed">{t('cns.checking')}</Text>
      </Group>
    );
  } else if (!profile) {
    body = (
      <FieldSection title={t('cns.needLoginTitle')} testId="cns-need-login">
        <Stack gap="sm">
          <Text>{online ? t('cns.needLogin') : t('cns.needLoginOffline')}</Text>
          <Button component={Link} to={LOGIN_PATH} size="lg" fullWidth>
            {t('cns.logIn')}
          </Button>
        </Stack>
      </FieldSection>
    );
  } else if (!FIELD_ROLES.has(profile.role)) {
    body = (
      <Alert color="gray" variant="light">
        <Stack gap="sm">
          <Text>{t('cns.roleNotAllowed')}</Text>
          <Button component={Link} to="/" variant="default" style={TOUCH}>
            {t('cns.toHome')}
          </Button>
        </Stack>
      </Alert>
    );
  } else {
    body = <FieldApp session={session} profile={profile} online={online} />;
  }

  return (
    <Box mih="100dvh" bg="gray.0">
      <Container size="xs" px="sm" py="sm">
        <Stack gap="sm">
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Logo subtitle={t('cns.title')} />
            <LanguageSwitch />
          </Group>
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Badge
              size="lg"
              radius="sm"
              tt="none"
              variant="dot"
              color={online ? 'green.8' : 'gray.7'}
              data-testid="cns-online"
              data-online={online}
              style={{ flex: 'none' }}
            >
              {online ? t('cns.online') : t('cns.offline')}
            </Badge>
            {profile && (
              <Text size="xs" c="dimmed" ta="right" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                {t('cns.signedInAs', { username: profile.username, region: profile.regionName })}
              </Text>
            )}
            {profile && <LogoutButton />}
          </Group>
          {session.storageError && (
            <Alert color="red" variant="light" role="alert">
              {t('cns.storageUnavailable')}
            </Alert>
          )}
          {profile && status === 'expired' && (
            <Alert color="yellow" variant="light" role="alert" data-testid="cns-session-expired">
              <Stack gap="xs">
                <Text size="sm" fw={600}>
                  {t('cns.sessionExpired')}
                </Text>
                <Button component={Link} to={LOGIN_PATH} size="md" style={TOUCH}>
                  {t('cns.logInAgain')}
                </Button>
              </Stack>
            </Alert>
          )}
          {body}
        </Stack>
      </Container>
    </Box>
  );
}

/** Ends the session on the server and takes the village's register off the phone; unsent entries wait. */
function LogoutButton() {
  const { t } = useTranslation();
  const logout = useLogout();
  const navigate = useNavigate();
  const leave = async () => {
    await forgetSignedInUser().catch(() => undefined);
    logout.mutate(undefined, { onSettled: () => void navigate(LOGIN_PATH) });
  };
  return (
    <Button variant="default" size="compact-md" style={{ ...TOUCH, flex: 'none' }} loading={logout.isPending} onClick={() => void leave()} data-testid="cns-logout">
      {t('cns.logout')}
    </Button>
  );
}

type View = { name: 'home' } | { name: 'new'; entryKey: string | null } | { name: 'edit'; workerId: string | null; entryKey: string | null } | { name: 'conflict'; entryKey: string };

function readView(params: URLSearchParams): View {
  const entryKey = params.get('entry');
  switch (params.get('v')) {
    case 'new':
      return { name: 'new', entryKey };
    case 'edit':
      return { name: 'edit', workerId: params.get('worker'), entryKey };
    case 'conflict':
      return entryKey ? { name: 'conflict', entryKey } : { name: 'home' };
    default:
      return { name: 'home' };
  }
}

function FieldApp({ session, profile, online }: { session: FieldSession; profile: CachedProfile; online: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const task = useFieldTask(session);
  const sync = useSyncExternalStore(fieldSync.subscribe, fieldSync.getState);
  const [params, setParams] = useSearchParams();
  const view = readView(params);
  const ownerId = profile.id;
  const { status, markExpired, recheck } = session;

  const statusRef = useRef(status);
  useEffect(() => {
    statusRef.current = status;
  }, [status]);

  const entriesQuery = useLiveQuery(() => entriesOf(ownerId), [ownerId]);
  const entries = entriesQuery.data ?? [];
  const otherOwners = useLiveQuery(() => countUnsentOfOthers(ownerId), [ownerId]).data ?? 0;

  const sendNow = useCallback(async () => {
    const outcome = await fieldSync.run(ownerId);
    if (outcome.status === 'session-expired') markExpired();
    if (outcome.sent > 0) void client.invalidateQueries({ queryKey: ['census', 'progress'] });
    // The server took the entries, so the session is good again (logged in from another tab): say so.
    if (outcome.status === 'done' && outcome.sent > 0 && statusRef.current !== 'online') recheck();
  }, [ownerId, markExpired, recheck, client]);

  // The app opened with signal, or the signal came back (the session is checked again first).
  useEffect(() => {
    if (status === 'online') void sendNow();
  }, [status, sendNow]);

  const open = (next: Record<string, string>) => {
    setParams(next, { replace: false });
    window.scrollTo({ top: 0 });
  };
  const goHome = () => {
    setParams({}, { replace: true });
    window.scrollTo({ top: 0 });
  };
  const afterSave = () => {
    goHome();
    if (navigator.onLine && status !== 'expired') void sendNow();
  };
  const openEntry = (entry: FieldEntry) => {
    if (entry.state === 'conflict') open({ v: 'conflict', entry: entry.key });
    else if (entry.kind === 'update') open({ v: 'edit', entry: entry.key, ...(entry.workerId ? { worker: entry.workerId } : {}) });
    else open({ v: 'new', entry: entry.key });
  };
  const editWorker = (workerId: string) => {
    // A queued, not yet accepted change of the same worker is corrected instead of doubled.
    const pending = entries.find((e) => e.kind === 'update' && e.workerId === workerId && e.state !== 'accepted' && e.state !== 'sent');
    if (pending) openEntry(pending);
    else open({ v: 'edit', worker: workerId });
  };

  const { round, village, register } = task;
  const ready = Boolean(round && village) && entriesQuery.loaded;

  if (view.name !== 'home' && ready && round && village) {
    const entry = 'entryKey' in view && view.entryKey ? entries.find((e) => e.key === view.entryKey) : undefined;
    if (view.name === 'new' && (!view.entryKey || entry)) {
      return (
        <NewWorkerForm
          key={view.entryKey ?? 'new'}
          ownerId={ownerId}
          round={round}
          village={village}
          register={register}
          entries={entries}
          editing={entry ?? null}
          onClose={goHome}
          onSaved={afterSave}
          onEditWorker={editWorker}
          onOpenEntry={(key) => {
            const target = entries.find((e) => e.key === key);
            if (target) openEntry(target);
          }}
        />
      );
    }
    if (view.name === 'edit') {
      const workerId = entry?.workerId ?? view.workerId;
      const worker = register?.workers.find((w) => w.id === workerId);
      if (!worker) {
        return (
          <Stack gap="sm">
            <Alert color="yellow" variant="light">
              {t('cns.workerMissing')}
            </Alert>
            <Button variant="default" size="lg" onClick={goHome}>
              {t('app.back')}
            </Button>
          </Stack>
        );
      }
      return (
        <EditWorkerForm
          key={`${worker.id}-${entry?.key ?? ''}`}
          ownerId={ownerId}
          round={round}
          villageCode={village.villageCode}
          worker={worker}
          entry={entry ?? null}
          onClose={goHome}
          onSaved={afterSave}
        />
      );
    }
    if (view.name === 'conflict' && entry?.state === 'conflict') {
      return <ConflictResolver key={entry.key} entry={entry} onClose={goHome} onSaved={afterSave} />;
    }
  }

  return (
    <Stack gap="sm">
      <TaskSection task={task} online={status === 'online'} />
      {round && village && (
        <>
          <RegisterSection task={task} online={online} />
          <Button size="xl" fullWidth onClick={() => open({ v: 'new' })} data-testid="cns-add">
            {t('cns.add')}
          </Button>
          <FieldSection>
            <FieldSearch register={register} entries={entries} onEditWorker={editWorker} onOpenEntry={openEntry} />
          </FieldSection>
        </>
      )}
      <FieldSection>
        <FieldQueue
          entries={entries}
          sync={sync}
          online={online}
          otherOwners={otherOwners}
          onSendNow={() => void sendNow()}
          onEdit={openEntry}
          onResolve={openEntry}
          onChanged={() => {
            if (navigator.onLine && status !== 'expired') void sendNow();
          }}
        />
      </FieldSection>
    </Stack>
  );
}

function TaskSection({ task, online }: { task: FieldTask; online: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { round, running, village, villages } = task;

  if (!task.roundsLoaded) {
    return (
      <Group justify="center" py="md">
        <Loader size="sm" />
      </Group>
    );
  }
  if (!round) {
    return (
      <FieldSection title={t('cns.task')} testId="cns-task">
        <Text c="dimmed">{task.roundsCachedAt ? t('cns.noRound') : online ? t('app.loading') : t('cns.noRoundOffline')}</Text>
        {task.roundsError && (
          <Text size="sm" c="red.9">
            {task.roundsError}
          </Text>
        )}
      </FieldSection>
    );
  }
  const figures = task.progress.data?.totals;
  return (
    <FieldSection title={t('cns.task')} testId="cns-task">
      <Stack gap="xs">
        {running.length > 1 ? (
          <NativeSelect
            size="lg"
            label={t('cns.pickRound')}
            value={round.id}
            onChange={(e) => task.setRound(e.currentTarget.value)}
            data={running.map((r) => ({ value: r.id, label: r.name }))}
            data-testid="cns-round-pick"
          />
        ) : (
          <Text fw={700} size="lg" data-testid="cns-round-name">
            {round.name}
          </Text>
        )}
        <Text size="sm">
          {t('cns.period')}: {t('cns.periodValue', { from: formatDate(round.startsOn, lang), to: formatDate(round.endsOn, lang) })}
        </Text>
        <Text size="sm">
          {t('cns.targetGroups')}: {round.targetGroups.map((g) => occupationLabel(g, lang)).join(', ')}
        </Text>
        {villages.length > 1 ? (
          <NativeSelect
            size="lg"
            label={t('cns.village')}
            value={village?.villageCode ?? ''}
            onChange={(e) => task.setVillage(e.currentTarget.value)}
            data={[{ value: '', label: t('cns.pickVillage'), disabled: true }, ...villages.map((v) => ({ value: v.villageCode, label: `${v.villageName} (${v.districtName})` }))]}
          />
        ) : (
          village && (
            <Text size="sm">
              {t('cns.village')}: <strong data-testid="cns-village">{village.villageName}</strong>
              {village.target !== null && ` · ${t('cns.target')} ${formatNumber(village.target)}`}
            </Text>
          )
        )}
        {village && (
          <Box mt={4}>
            <Text size="sm" fw={600}>
              {t('cns.progress')}
            </Text>
            {!online ? (
              <Text size="sm" c="dimmed">
                {t('cns.progressOffline')}
              </Text>
            ) : figures ? (
              <Stack gap={4} data-testid="cns-progress" data-collected={figures.collected}>
                <SimpleGrid cols={2} spacing="xs" verticalSpacing={4}>
                  <Figure label={t('cns.collected')} value={figures.collected} />
                  <Figure label={t('cns.added')} value={figures.added} />
                  <Figure label={t('cns.duplicates')} value={figures.duplicates} />
                  <Figure label={t('cns.uncoveredFound')} value={figures.uncoveredFound} />
                </SimpleGrid>
                {figures.percentOfTarget !== null && figures.target !== null && (
                  <Text size="sm" c="dimmed">
                    {t('cns.ofTarget', { percent: formatPercent(figures.percentOfTarget / 100), target: formatNumber(figures.target) })}
                  </Text>
                )}
              </Stack>
            ) : (
              <Loader size="xs" />
            )}
          </Box>
        )}
      </Stack>
    </FieldSection>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <Text size="xl" fw={700} lh={1.1}>
        {formatNumber(value)}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </div>
  );
}

function RegisterSection({ task, online }: { task: FieldTask; online: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { register } = task;
  return (
    <FieldSection title={t('cns.register')} testId="cns-register">
      <Stack gap="xs">
        {register ? (
          <Text size="sm" data-testid="cns-register-info" data-downloaded-at={register.downloadedAt} data-count={register.workers.length}>
            {t('cns.registerInfo', { count: formatNumber(register.workers.length), date: formatDateTime(register.downloadedAt, lang) })}
          </Text>
        ) : (
          task.registerLoaded && (
            <Text size="sm" c="dimmed">
              {t('cns.registerNone')}
            </Text>
          )
        )}
        {task.downloadError && (
          <Text size="sm" c="red.9" role="alert">
            {t('cns.downloadFailed', { message: task.downloadError })}
          </Text>
        )}
        <Button
          size="md"
          style={TOUCH}
          variant="default"
          loading={task.downloading}
          disabled={!online}
          onClick={() => void task.download()}
          data-testid="cns-download"
        >
          {t('cns.download')}
        </Button>
        {!online && (
          <Text size="xs" c="dimmed">
            {t('cns.downloadNeedsSignal')}
          </Text>
        )}
      </Stack>
    </FieldSection>
  );
}
