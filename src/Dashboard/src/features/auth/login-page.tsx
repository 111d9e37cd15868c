import { useState } from 'react';
import { UnauthorizedError } from '../../api/http';
import { useLogin } from '../../hooks/use-auth';
import { AuthCard, Field } from './auth-card';

export function LoginPage() {
  const login = useLogin();
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = () => {
    if (!userName.trim() || !password) {
      setProblem('Enter your user name and password.');
      return;
    }
    setProblem(null);
    login.mutate({ userName: userName.trim(), password });
  };

  const serverError =
    login.error instanceof UnauthorizedError ? 'Wrong user name or password.' : login.error?.message ?? null;

  return (
    <AuthCard
      title="Sign in"
      subtitle="Sign in to watch recorded sessions."
      error={problem ?? serverError}
      busy={login.isPending}
      submitLabel="Sign in"
      onSubmit={submit}
    >
      <Field label="User name" name="userName" autoComplete="username" autoFocus value={userName} onChange={setUserName} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
      />
    </AuthCard>
  );
}
