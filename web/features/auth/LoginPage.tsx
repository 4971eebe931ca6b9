import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useLogin, useMe } from '../../api/queries.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { homePathFor, safeNextPath } from './session.ts';

export default function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: string; password?: string }>({});
  usePageTitle(t('login.title'));

  if (me.data) return <Navigate to={next ?? homePathFor(me.data)} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = {
      ...(username.trim() ? {} : { username: t('login.usernameRequired') }),
      ...(password ? {} : { password: t('login.passwordRequired') }),
    };
    setMissing(problems);
    if (Object.keys(problems).length > 0) return;
    login.mutate(
      { username: username.trim(), password },
      { onSuccess: ({ user }) => void navigate(next ?? homePathFor(user), { replace: true }) },
    );
  };

  return (
    <Paper withBorder shadow="sm" p={{ base: 'md', xs: 'xl' }} radius="lg" w="100%" maw={420} mx="auto">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <div>
            <Title order={1} size="h2">
              {t('login.title')}
            </Title>
            <Text c="dimmed" size="sm" mt={4}>
              {t('login.intro')}
            </Text>
          </div>
          {login.error && (
            <Alert color="red" variant="light" role="alert">
              {login.error.message}
            </Alert>
          )}
          <TextInput
            label={t('login.username')}
            autoComplete="username"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={missing.username}
            required
            data-autofocus
          />
          <PasswordInput
            label={t('login.password')}
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={missing.password}
            required
          />
          <Button type="submit" loading={login.isPending} fullWidth>
            {t('login.submit')}
          </Button>
          <Anchor component={Link} to="/publik" size="sm" ta="center" data-testid="public-coverage-link">
            {t('pub.seePublic')}
          </Anchor>
        </Stack>
      </form>
    </Paper>
  );
}
