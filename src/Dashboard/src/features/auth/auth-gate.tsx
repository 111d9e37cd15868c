import type { ReactNode } from 'react';
import { useAuthState } from '../../hooks/use-auth';
import { LoginPage } from './login-page';
import { SetupPage } from './setup-page';

/** Shows setup, login, or the app, from GET /api/v1/auth/state (kept current by 401s). */
export function AuthGate(props: { children: (userName: string | null) => ReactNode }) {
  const auth = useAuthState();

  if (auth.isPending) {
    return <div className="splash">Loading…</div>;
  }
  if (auth.isError) {
    return (
      <div className="splash">
        <p>Cannot reach the SessionKit server: {auth.error.message}</p>
        <button type="button" className="button" onClick={() => void auth.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  if (auth.data.setupRequired) return <SetupPage />;
  if (!auth.data.authenticated) return <LoginPage />;
  return <>{props.children(auth.data.userName)}</>;
}
