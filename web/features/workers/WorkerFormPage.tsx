import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { canWriteWorkers } from '../../../core/roles.ts';
import { useCreateWorker, useUpdateWorker, useWorker } from '../../api/queries.ts';
import type { WorkerDetail } from '../../api/types.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { NotAllowed } from '../../components/NotAllowed.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useCurrentUser } from '../auth/session.ts';
import { WorkerForm } from './WorkerForm.tsx';
import { emptyWorkerValues, toPatch, valuesFromWorker } from './worker-form.ts';

const VILLAGE_CODE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;

/** `/workers/new` and `/workers/:id/edit`. */
export default function WorkerFormPage() {
  const { id } = useParams();
  return id ? <EditWorker id={id} /> : <NewWorker />;
}

function useAfterSave() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (worker: WorkerDetail) => {
    notifications.show({ color: 'green', message: t('form.saved') });
    if (worker.warnings.length > 0) {
      notifications.show({
        color: 'yellow',
        title: t('form.savedWithWarnings'),
        message: worker.warnings.map((w) => w.message).join(' '),
        autoClose: false,
      });
    }
    void navigate(`/workers/${worker.id}`);
  };
}

function NewWorker() {
  const user = useCurrentUser();
  const [params] = useSearchParams();
  const create = useCreateWorker();
  const afterSave = useAfterSave();
  if (user.role !== 'village' && user.role !== 'admin') return <NotAllowed reason="form.notAllowed" />;
  const asked = params.get('village') ?? '';
  const villageCode =
    user.role === 'village' ? user.regionCode : VILLAGE_CODE.test(asked) && canWriteWorkers(user, asked) ? asked : '';
  return (
    <WorkerForm
      mode="create"
      initial={emptyWorkerValues(villageCode)}
      cancelTo={villageCode ? `/regions/${villageCode}` : '/'}
      submit={(_values, input) => create.mutateAsync(input)}
      onSaved={(saved) => saved && afterSave(saved)}
    />
  );
}

function EditWorker({ id }: { id: string }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const worker = useWorker(id);
  const update = useUpdateWorker(id);
  const afterSave = useAfterSave();
  const navigate = useNavigate();
  if (worker.isPending) return <PageLoader />;
  if (worker.isError) return <ErrorState error={worker.error} onRetry={() => void worker.refetch()} />;
  if (!canWriteWorkers(user, worker.data.villageCode)) return <NotAllowed reason="form.notAllowed" />;
  const initial = valuesFromWorker(worker.data);
  return (
    <WorkerForm
      key={worker.data.updatedAt}
      mode="edit"
      initial={initial}
      cancelTo={`/workers/${id}`}
      submit={async (values) => {
        const patch = toPatch(initial, values);
        if (Object.keys(patch).length === 0) return null;
        return update.mutateAsync(patch);
      }}
      onSaved={(saved) => {
        if (saved) return afterSave(saved);
        notifications.show({ message: t('form.noChanges') });
        void navigate(`/workers/${id}`);
      }}
    />
  );
}
