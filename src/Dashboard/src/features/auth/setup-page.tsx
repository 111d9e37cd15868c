import { useState } from 'react';
import { ApiError } from '../../api/http';
import { useSetup } from '../../hooks/use-auth';
import { AuthCard, Field } from './auth-card';
import { validateSetup } from './setup-validation';

export function SetupPage() {
  const setup = useSetup();
  const [form, setForm] = useState({ userName: '', password: '', confirm: '' });
  const [problem, setProblem] = useState<string | null>(null);

  const submit = () => {
    const invalid = validateSetup(form);
    setProblem(invalid);
    if (invalid) return;
    setup.mutate({ userName: form.userName.trim(), password: form.password });
  };

  const serverError =
    setup.error instanceof ApiError && setup.error.status === 409
      ? 'An administrator already exists. Reload the page to sign in.'
      : setup.error?.message ?? null;

  return (
    <AuthCard
      title="Create the administrator"
      subtitle="This SessionKit server has no administrator yet. The account you create here can read every recording and manage projects."
      error={problem ?? serverError}
      busy={setup.isPending}
      submitLabel="Create administrator"
      onSubmit={submit}
    >
      <Field
        label="User name"
        name="userName"
        autoComplete="username"
        autoFocus
        value={form.userName}
        onChange={(userName) => setForm({ ...form, userName })}
      />
      <Field
        label="Password (at least 8 characters)"
        name="password"
        type="password"
        autoComplete="new-password"
        value={form.password}
        onChange={(password) => setForm({ ...form, password })}
      />
      <Field
        label="Confirm password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        value={form.confirm}
        onChange={(confirm) => setForm({ ...form, confirm })}
      />
    </AuthCard>
  );
}
