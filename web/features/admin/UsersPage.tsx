import { Alert, Badge, Button, Group, Paper, PasswordInput, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_LABELS, ROLE_SCOPE_LEVEL, ROLES, canManageUsers, type Role } from '../../../core/roles.ts';
import { isApiError } from '../../api/client.ts';
import { useCreateUser, useMeta, useRegionChildren, useUsers } from '../../api/queries.ts';
import type { User } from '../../api/types.ts';
import { TableCard } from '../../components/TableCard.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { NotAllowed } from '../../components/NotAllowed.tsx';
import { useLang } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useCurrentUser } from '../auth/session.ts';

export default function UsersPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  usePageTitle(t('admin.usersTitle'));
  if (!canManageUsers(user)) return <NotAllowed reason="errors.notAllowedBody" />;
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {t('admin.usersTitle')}
      </Title>
      <CreateUserForm />
      <UserList />
    </Stack>
  );
}

function UserList() {
  const { t } = useTranslation();
  const lang = useLang();
  const users = useUsers();
  const isWide = useMediaQuery('(min-width: 48em)', undefined, { getInitialValueInEffect: false });
  if (users.isPending) return <Skeleton h={240} radius="md" />;
  if (users.isError) return <ErrorState error={users.error} onRetry={() => void users.refetch()} />;
  const role = (u: User) => ROLE_LABELS[u.role][lang];
  if (!isWide) {
    return (
      <Stack gap="xs">
        {users.data.map((u) => (
          <Paper key={u.id} withBorder radius="md" p="sm">
            <Group justify="space-between" wrap="nowrap">
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                {u.username}
              </Text>
              <Badge variant="light">{u.role}</Badge>
            </Group>
            <Text size="sm">{role(u)}</Text>
            <Text size="sm" c="dimmed">
              {u.regionName} · <span className="nik">{u.regionCode}</span>
            </Text>
          </Paper>
        ))}
      </Stack>
    );
  }
  return (
    <TableCard minWidth={640} verticalSpacing="sm" horizontalSpacing="md">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('admin.username')}</Table.Th>
          <Table.Th>{t('admin.role')}</Table.Th>
          <Table.Th>{t('admin.region')}</Table.Th>
          <Table.Th>{t('admin.created')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {users.data.map((u) => (
          <Table.Tr key={u.id}>
            <Table.Td fw={600}>{u.username}</Table.Td>
            <Table.Td>{role(u)}</Table.Td>
            <Table.Td>
              {u.regionName}{' '}
              <Text span c="dimmed" size="sm" className="nik">
                {u.regionCode}
              </Text>
            </Table.Td>
            <Table.Td>{formatDateTime(u.createdAt, lang)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </TableCard>
  );
}

type UserField = 'username' | 'password' | 'role' | 'regionCode';

function CreateUserForm() {
  const { t } = useTranslation();
  const lang = useLang();
  const meta = useMeta();
  const create = useCreateUser();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role | null>(null);
  const [district, setDistrict] = useState<string | null>(null);
  const [village, setVillage] = useState<string | null>(null);
  const [errors, setErrors] = useState<Partial<Record<UserField, string>>>({});
  const regency = meta.data?.region;
  const level = role ? ROLE_SCOPE_LEVEL[role] : null;
  const districts = useRegionChildren(level === 'district' || level === 'village' ? regency?.code : undefined);
  const villages = useRegionChildren(level === 'village' && district ? district : undefined);

  const regionCode = level === 'regency-or-wider' ? regency?.code ?? null : level === 'district' ? district : level === 'village' ? village : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing: Partial<Record<UserField, string>> = {};
    if (!username.trim()) missing.username = t('login.usernameRequired');
    if (password.length < 10) missing.password = t('admin.passwordHint');
    if (!role) missing.role = t('admin.roleRequired');
    else if (!regionCode) missing.regionCode = t('admin.regionRequired');
    setErrors(missing);
    if (Object.keys(missing).length > 0 || !role || !regionCode) return;
    create.mutate(
      { username: username.trim().toLowerCase(), password, role, regionCode },
      {
        onSuccess: (created) => {
          notifications.show({ color: 'green', message: t('admin.userCreated', { username: created.username }) });
          setUsername('');
          setPassword('');
          setRole(null);
          setDistrict(null);
          setVillage(null);
        },
        onError: (error) => {
          if (!isApiError(error)) return;
          const next: Partial<Record<UserField, string>> = {};
          for (const f of error.fieldErrors) {
            if (['username', 'password', 'role', 'regionCode'].includes(f.field)) next[f.field as UserField] ??= f.message;
          }
          setErrors(next);
        },
      },
    );
  };

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('admin.newUser')}
          </Title>
          {create.error && (
            <Alert color="red" variant="light" role="alert">
              {create.error.message}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('admin.username')}
              description={t('admin.usernameHint')}
              required
              autoComplete="off"
              autoCapitalize="none"
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              error={errors.username}
            />
            <PasswordInput
              label={t('admin.password')}
              description={t('admin.passwordHint')}
              required
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.password}
            />
            <Select
              label={t('admin.role')}
              required
              data={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] }))}
              value={role}
              onChange={(r) => {
                setRole((r as Role | null) ?? null);
                setDistrict(null);
                setVillage(null);
              }}
              error={errors.role}
              allowDeselect={false}
            />
            {level === 'regency-or-wider' && (
              <TextInput label={t('admin.region')} readOnly value={t('admin.regionWholeRegency', { name: regency?.name ?? '' })} />
            )}
            {(level === 'district' || level === 'village') && (
              <Select
                label={level === 'district' ? t('admin.region') : t('form.district')}
                required
                searchable
                data={(districts.data ?? []).map((d) => ({ value: d.code, label: `${d.name} (${d.code})` }))}
                value={district}
                onChange={(d) => {
                  setDistrict(d);
                  setVillage(null);
                }}
                error={level === 'district' ? errors.regionCode : undefined}
              />
            )}
            {level === 'village' && (
              <Select
                label={t('form.village')}
                required
                searchable
                disabled={!district}
                data={(villages.data ?? []).map((d) => ({ value: d.code, label: `${d.name} (${d.code})` }))}
                value={village}
                onChange={setVillage}
                error={errors.regionCode}
              />
            )}
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>
              {t('admin.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
