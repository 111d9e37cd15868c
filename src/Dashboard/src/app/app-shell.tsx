import type { ReactNode } from 'react';
import { useLogout } from '../hooks/use-auth';
import { hrefFor, type Route } from '../lib/router';

function NavLink(props: { to: Route; active: boolean; children: ReactNode }) {
  return (
    <a href={hrefFor(props.to)} className={props.active ? 'nav__link nav__link--active' : 'nav__link'}>
      {props.children}
    </a>
  );
}

export function AppShell(props: { route: Route; userName: string | null; children: ReactNode }) {
  const logout = useLogout();
  const { route } = props;
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="#/">
          <span className="brand__mark" aria-hidden="true" />
          SessionKit
        </a>
        <nav className="nav" aria-label="Main">
          <NavLink to={{ name: 'sessions', projectId: null }} active={route.name === 'sessions' || route.name === 'replay'}>
            Sessions
          </NavLink>
          <NavLink to={{ name: 'live', projectId: null }} active={route.name === 'live' || route.name === 'live-view'}>
            Live
          </NavLink>
          <NavLink to={{ name: 'alerts', projectId: null }} active={route.name === 'alerts'}>
            Alerts
          </NavLink>
          <NavLink to={{ name: 'projects' }} active={route.name === 'projects'}>
            Projects
          </NavLink>
        </nav>
        <div className="topbar__user">
          {props.userName && <span className="muted">{props.userName}</span>}
          <button
            type="button"
            className="button button--ghost"
            data-testid="logout"
            disabled={logout.isPending}
            onClick={() => logout.mutate()}
          >
            Log out
          </button>
        </div>
      </header>
      <main className="content">{props.children}</main>
    </div>
  );
}
