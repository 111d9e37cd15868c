import { lazy, Suspense } from 'react';
import { AuthGate } from '../features/auth/auth-gate';
import { AlertsPage } from '../features/alerts/alerts-page';
import { ProjectsPage } from '../features/projects/projects-page';
import { LiveSessionsPage } from '../features/live/live-sessions-page';
import { SessionsPage } from '../features/sessions/sessions-page';
import { PersonPage } from '../features/visitors/person-page';
import { VisitorPage } from '../features/visitors/visitor-page';
import { hrefFor, useRoute, type Route } from '../lib/router';
import { AppShell } from './app-shell';
import { LiveConnectionProvider } from './live-connection-provider';
import { loadReplayPage, useRoutePrefetch } from './route-prefetch';

// The replayers are large; only the replay page and the live view load them.
const ReplayPage = lazy(loadReplayPage);
const LiveViewPage = lazy(() => import('../features/live/live-view-page'));

function Page(props: { route: Route }) {
  const { route } = props;
  switch (route.name) {
    case 'sessions':
      return <SessionsPage projectId={route.projectId} />;
    case 'projects':
      return <ProjectsPage />;
    case 'replay':
      return (
        <Suspense fallback={<div className="panel panel--padded muted">Loading player…</div>}>
          <ReplayPage key={route.sessionId} sessionId={route.sessionId} t={route.t} />
        </Suspense>
      );
    case 'live':
      return <LiveSessionsPage projectId={route.projectId} />;
    case 'alerts':
      return <AlertsPage projectId={route.projectId} />;
    case 'live-view':
      return (
        <Suspense fallback={<div className="panel panel--padded muted">Loading live view…</div>}>
          <LiveViewPage key={route.sessionId} sessionId={route.sessionId} />
        </Suspense>
      );
    case 'visitor':
      return <VisitorPage key={route.visitorId} projectId={route.projectId} visitorId={route.visitorId} />;
    case 'person':
      return <PersonPage key={route.userId} projectId={route.projectId} userId={route.userId} />;
    case 'not-found':
      return (
        <div className="panel panel--padded">
          <h1>Page not found</h1>
          <p className="muted">
            Nothing lives at <code>{route.path}</code>. <a href={hrefFor({ name: 'sessions', projectId: null })}>Go to sessions</a>.
          </p>
        </div>
      );
  }
}

export function App() {
  const route = useRoute();
  useRoutePrefetch(route);
  return (
    <AuthGate>
      {(userName) => (
        <LiveConnectionProvider>
          <AppShell route={route} userName={userName}>
            <Page route={route} />
          </AppShell>
        </LiveConnectionProvider>
      )}
    </AuthGate>
  );
}
