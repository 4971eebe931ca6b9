import { AppShell, Box, Burger, Button, Divider, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { ROLE_LABELS, canManageUsers, canReadAudit, isCensusOnlyRole } from '../../core/roles.ts';
import { useLogout, useMeta } from '../api/queries.ts';
import { useCurrentUser } from '../features/auth/session.ts';
import { canSeeCommitments, canSeeFunding, canSeePayments, canSeePlan, canSeeWorklists } from '../features/financing/financing-rules.ts';
import { canImport, canReconcile } from '../features/imports/import-rules.ts';
import { canManageClaimSettings, canReportClaims, canSeeHandovers } from '../features/claims/claim-rules.ts';
import { useLang } from '../i18n/index.ts';
import { DEMO_BANNER_HEIGHT, DemoBanner } from './DemoBanner.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Logo } from './Logo.tsx';
import { PageLoader } from './PageLoader.tsx';

const HEADER_HEIGHT = 60;

/** The frame around every page after login: header, navigation (a drawer on phones) and the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const meta = useMeta();
  const user = useCurrentUser();
  const lang = useLang();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const isDemo = meta.data?.demo ?? false;

  // Following a link on a phone closes the drawer.
  useEffect(close, [location.pathname, close]);

  return (
    <AppShell
      header={{ height: HEADER_HEIGHT + (isDemo ? DEMO_BANNER_HEIGHT : 0) }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'lg' }}
      bg="gray.0"
    >
      <AppShell.Header>
        <DemoBanner />
        <Group h={HEADER_HEIGHT} px="sm" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap" miw={0}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="md"
              aria-label={opened ? t('app.closeMenu') : t('app.openMenu')}
            />
            <Box component={Link} to="/" c="inherit" style={{ textDecoration: 'none' }} miw={0}>
              <Logo subtitle={meta.data?.region.name} />
            </Box>
          </Group>
          <Box visibleFrom="sm" ta="right">
            <Text fw={600} size="sm">
              {user.username}
            </Text>
            <Text size="xs" c="dimmed">
              {ROLE_LABELS[user.role][lang]} · {user.regionName}
            </Text>
          </Box>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={t('nav.main')}>
        <AppShell.Section grow>
          <MainNav />
        </AppShell.Section>
        <AppShell.Section>
          <UserPanel />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <Box maw={1200} mx="auto">
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}

function MainNav() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { pathname } = useLocation();
  const home = `/regions/${user.regionCode}`;
  const items = [
    { to: '/dasbor', label: t('nav.dashboard'), active: pathname === '/dasbor' },
    { to: '/penghargaan', label: t('nav.awards'), active: pathname.startsWith('/penghargaan') },
    ...(user.role === 'admin' ? [{ to: '/cakupan/pengaturan', label: t('nav.coverageSettings'), active: pathname === '/cakupan/pengaturan' }] : []),
    {
      to: home,
      label: user.role === 'village' ? t('nav.myVillage') : user.role === 'district' ? t('nav.myDistrict') : t('nav.regions'),
      active: pathname.startsWith('/regions/') || (pathname.startsWith('/workers/') && pathname !== '/workers/new'),
    },
    ...(user.role === 'village' || user.role === 'admin'
      ? [{ to: '/workers/new', label: t('nav.addWorker'), active: pathname === '/workers/new' }]
      : []),
    ...(!isCensusOnlyRole(user.role) ? [{ to: '/sensus/putaran', label: t('nav.censusRounds'), active: pathname.startsWith('/sensus/putaran') }] : []),
    // The field app is a page of its own (no navigation), made for the village's phone.
    ...(user.role === 'village' ? [{ to: '/sensus', label: t('nav.censusFieldApp'), active: false }] : []),
    ...(canImport(user.role) ? [{ to: '/imports', label: t('nav.imports'), active: pathname.startsWith('/imports') }] : []),
    ...(canReconcile(user.role)
      ? [
          { to: '/reconciliation/reviews', label: t('nav.reviews'), active: pathname === '/reconciliation/reviews' },
          { to: '/reconciliation/unmatched', label: t('nav.unmatched'), active: pathname === '/reconciliation/unmatched' },
        ]
      : []),
    ...(canManageUsers(user) ? [{ to: '/admin/users', label: t('nav.users'), active: pathname === '/admin/users' }] : []),
    ...(canReadAudit(user) ? [{ to: '/admin/audit', label: t('nav.audit'), active: pathname === '/admin/audit' }] : []),
    ...(user.role === 'admin' ? [{ to: '/admin/occupation-map', label: t('nav.occupationMap'), active: pathname === '/admin/occupation-map' }] : []),
  ];
  const financing = [
    ...(canSeeFunding(user.role) ? [{ to: '/pembiayaan', label: t('nav.finSources'), active: pathname === '/pembiayaan' }] : []),
    ...(canSeePlan(user.role) ? [{ to: '/pembiayaan/rencana', label: t('nav.finPlan'), active: pathname === '/pembiayaan/rencana' }] : []),
    ...(canSeeCommitments(user.role) ? [{ to: '/pembiayaan/komitmen', label: t('nav.finCommitments'), active: pathname === '/pembiayaan/komitmen' }] : []),
    ...(canSeePayments(user.role) ? [{ to: '/pembiayaan/pembayaran', label: t('nav.finPayments'), active: pathname === '/pembiayaan/pembayaran' }] : []),
    ...(canSeeWorklists(user.role) ? [{ to: '/pembiayaan/daftar-kerja', label: t('nav.finWorklists'), active: pathname === '/pembiayaan/daftar-kerja' }] : []),
    { to: '/tarif', label: t('nav.finRates'), active: pathname === '/tarif' },
  ];
  const claims = [
    { to: '/klaim', label: t('nav.claimList'), active: pathname === '/klaim' || (pathname.startsWith('/klaim/') && !CLAIM_PAGES.some((p) => pathname.startsWith(p))) },
    ...(canReportClaims(user.role) ? [{ to: '/klaim/baru', label: t('nav.claimReport'), active: pathname === '/klaim/baru' }] : []),
    { to: '/klaim/rekap', label: t('nav.claimTotals'), active: pathname === '/klaim/rekap' },
    ...(canSeeHandovers(user.role) ? [{ to: '/klaim/penyerahan', label: t('nav.claimHandovers'), active: pathname.startsWith('/klaim/penyerahan') }] : []),
    { to: '/klaim/kalkulator', label: t('nav.claimCalculator'), active: pathname === '/klaim/kalkulator' },
    ...(canManageClaimSettings(user.role) ? [{ to: '/klaim/pengaturan', label: t('nav.claimSettings'), active: pathname === '/klaim/pengaturan' }] : []),
  ];
  return (
    <Stack gap={4} component="nav">
      {items.map((item) => (
        <NavItem key={item.to} {...item} />
      ))}
      <NavGroup label={t('nav.claims')} testId="nav-claims" items={claims} />
      <NavGroup label={t('nav.financing')} testId="nav-financing" items={financing} />
    </Stack>
  );
}

/** Pages of the claims group that are not a claim's own page (/klaim/:id). */
const CLAIM_PAGES = ['/klaim/baru', '/klaim/rekap', '/klaim/penyerahan', '/klaim/kalkulator', '/klaim/pengaturan'];

function NavGroup({ label, testId, items }: { label: string; testId: string; items: { to: string; label: string; active: boolean }[] }) {
  return (
    <NavLink
      label={label}
      defaultOpened
      childrenOffset="sm"
      variant="light"
      data-testid={testId}
      styles={{ root: { minHeight: 44, borderRadius: 'var(--mantine-radius-md)' }, label: { fontSize: 'var(--mantine-font-size-md)', fontWeight: 600 } }}
    >
      {items.map((item) => (
        <NavItem key={item.to} {...item} />
      ))}
    </NavLink>
  );
}

function NavItem({ to, label, active }: { to: string; label: string; active: boolean }) {
  return (
    <NavLink
      component={Link}
      to={to}
      label={label}
      active={active}
      variant="light"
      styles={{ root: { minHeight: 44, borderRadius: 'var(--mantine-radius-md)' }, label: { fontSize: 'var(--mantine-font-size-md)' } }}
    />
  );
}

function UserPanel() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const lang = useLang();
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <Stack gap="sm">
      <Divider />
      <Box>
        <Text size="xs" c="dimmed">
          {t('app.signedInAs')}
        </Text>
        <Text fw={600}>{user.username}</Text>
        <Text size="sm" c="dimmed">
          {ROLE_LABELS[user.role][lang]}
        </Text>
        <Text size="sm" c="dimmed">
          {user.regionName}
        </Text>
      </Box>
      <Group justify="space-between" wrap="nowrap">
        <LanguageSwitch />
        <Button
          variant="default"
          loading={logout.isPending}
          onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) })}
        >
          {t('app.logout')}
        </Button>
      </Group>
    </Stack>
  );
}
