/** The route table. Every page is its own chunk so a phone downloads only what it opens. */
import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { PageLoader } from './components/PageLoader.tsx';
import { PublicLayout } from './components/PublicLayout.tsx';
import { RequireAuth } from './features/auth/RequireAuth.tsx';
import { HomeRedirect } from './features/auth/HomeRedirect.tsx';

// The signed-in frame (navigation, header) is a chunk of its own: the login page and the field census
// app, which a phone opens first, do not download it.
const AppLayout = lazy(() => import('./components/AppLayout.tsx').then((m) => ({ default: m.AppLayout })));
const LoginPage = lazy(() => import('./features/auth/LoginPage.tsx'));
const RegionPage = lazy(() => import('./features/regions/RegionPage.tsx'));
const WorkerDetailPage = lazy(() => import('./features/workers/WorkerDetailPage.tsx'));
const WorkerFormPage = lazy(() => import('./features/workers/WorkerFormPage.tsx'));
const UsersPage = lazy(() => import('./features/admin/UsersPage.tsx'));
const AuditPage = lazy(() => import('./features/admin/AuditPage.tsx'));
const OccupationMapPage = lazy(() => import('./features/admin/OccupationMapPage.tsx'));
const ImportPage = lazy(() => import('./features/imports/ImportPage.tsx'));
const ImportListPage = lazy(() => import('./features/imports/ImportListPage.tsx'));
const ImportJobPage = lazy(() => import('./features/imports/ImportJobPage.tsx'));
const ReviewQueuePage = lazy(() => import('./features/reconciliation/ReviewQueuePage.tsx'));
const UnmatchedPage = lazy(() => import('./features/reconciliation/UnmatchedPage.tsx'));
const FundingSourcesPage = lazy(() => import('./features/financing/FundingSourcesPage.tsx'));
const VillagePlanPage = lazy(() => import('./features/financing/VillagePlanPage.tsx'));
const CommitmentsPage = lazy(() => import('./features/financing/CommitmentsPage.tsx'));
const PaymentsPage = lazy(() => import('./features/financing/PaymentsPage.tsx'));
const WorklistsPage = lazy(() => import('./features/financing/WorklistsPage.tsx'));
const RatesPage = lazy(() => import('./features/premiums/RatesPage.tsx'));
const DashboardPage = lazy(() => import('./features/ucj/DashboardPage.tsx'));
const CoverageSettingsPage = lazy(() => import('./features/ucj/CoverageSettingsPage.tsx'));
const AwardsPage = lazy(() => import('./features/awards/AwardsPage.tsx'));
const AwardRoundPage = lazy(() => import('./features/awards/AwardRoundPage.tsx'));
const ClaimsPage = lazy(() => import('./features/claims/ClaimsPage.tsx'));
const ReportClaimPage = lazy(() => import('./features/claims/ReportClaimPage.tsx'));
const ClaimDetailPage = lazy(() => import('./features/claims/ClaimDetailPage.tsx'));
const ClaimTotalsPage = lazy(() => import('./features/claims/ClaimTotalsPage.tsx'));
const HandoversPage = lazy(() => import('./features/claims/HandoversPage.tsx'));
const HandoverPage = lazy(() => import('./features/claims/HandoverPage.tsx'));
const BenefitCalculatorPage = lazy(() => import('./features/claims/BenefitCalculatorPage.tsx'));
const ClaimSettingsPage = lazy(() => import('./features/claims/ClaimSettingsPage.tsx'));
const FieldCensusPage = lazy(() => import('./features/census/field/FieldCensusPage.tsx'));
const CensusRoundsPage = lazy(() => import('./features/census/rounds/CensusRoundsPage.tsx'));
const CensusRoundPage = lazy(() => import('./features/census/rounds/CensusRoundPage.tsx'));
const PublicCoveragePage = lazy(() => import('./features/public/PublicCoveragePage.tsx'));
const NotFoundPage = lazy(() => import('./components/NotFoundPage.tsx'));

export const router = createBrowserRouter([
  {
    element: <PublicLayout />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/publik', element: <PublicCoveragePage /> },
    ],
  },
  // The field census works offline, so it does its own session handling (a cached profile when offline).
  { path: '/sensus', element: <FieldCensusPage /> },
  {
    element: (
      <RequireAuth>
        <Suspense fallback={<PageLoader />}>
          <AppLayout />
        </Suspense>
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'regions/:code', element: <RegionPage /> },
      { path: 'workers/new', element: <WorkerFormPage /> },
      { path: 'workers/:id', element: <WorkerDetailPage /> },
      { path: 'workers/:id/edit', element: <WorkerFormPage /> },
      { path: 'admin/users', element: <UsersPage /> },
      { path: 'admin/audit', element: <AuditPage /> },
      { path: 'admin/occupation-map', element: <OccupationMapPage /> },
      { path: 'imports', element: <ImportPage /> },
      { path: 'imports/history', element: <ImportListPage /> },
      { path: 'imports/:id', element: <ImportJobPage /> },
      { path: 'reconciliation/reviews', element: <ReviewQueuePage /> },
      { path: 'reconciliation/unmatched', element: <UnmatchedPage /> },
      { path: 'pembiayaan', element: <FundingSourcesPage /> },
      { path: 'pembiayaan/rencana', element: <VillagePlanPage /> },
      { path: 'pembiayaan/komitmen', element: <CommitmentsPage /> },
      { path: 'pembiayaan/pembayaran', element: <PaymentsPage /> },
      { path: 'pembiayaan/daftar-kerja', element: <WorklistsPage /> },
      { path: 'tarif', element: <RatesPage /> },
      { path: 'dasbor', element: <DashboardPage /> },
      { path: 'cakupan/pengaturan', element: <CoverageSettingsPage /> },
      { path: 'penghargaan', element: <AwardsPage /> },
      { path: 'penghargaan/:id', element: <AwardRoundPage /> },
      { path: 'klaim', element: <ClaimsPage /> },
      { path: 'klaim/baru', element: <ReportClaimPage /> },
      { path: 'klaim/rekap', element: <ClaimTotalsPage /> },
      { path: 'klaim/penyerahan', element: <HandoversPage /> },
      { path: 'klaim/penyerahan/:id', element: <HandoverPage /> },
      { path: 'klaim/kalkulator', element: <BenefitCalculatorPage /> },
      { path: 'klaim/pengaturan', element: <ClaimSettingsPage /> },
      { path: 'klaim/:id', element: <ClaimDetailPage /> },
      { path: 'sensus/putaran', element: <CensusRoundsPage /> },
      { path: 'sensus/putaran/:id', element: <CensusRoundPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
